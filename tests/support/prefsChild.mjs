// The victim of the preferences kill test (tests/unit/prefs.test.ts): writes
// preferences through `conf` (the engine electron-store writes with) as fast
// as it can, until killed. Plain JavaScript so that it starts in a blink.
// usage: node tests/support/prefsChild.mjs <dir> <conf options as JSON>
import Conf from 'conf';

const [cwd, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
const conf = new Conf({ projectName: 'drilldesk', cwd, configName: options.name, clearInvalidConfig: options.clearInvalidConfig });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  // Each write is a whole, valid set of preferences, plus a long field so a write takes a while.
  conf.set({ language: i % 2 === 0 ? 'zh' : 'en', lastScenarioId: `s-${i}`, showSwimlanes: i % 3 === 0, snapToGrid: true, backupsToKeep: 1 + (i % 50), windowBounds: { width: 1440, height: 900 }, note: '汛'.repeat(20000 + (i % 7) * 5000) });
}
