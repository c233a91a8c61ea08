/**
 * Opens the back end on a data folder in a process of its own, prints what a
 * user would see at start (the drills listed, the storage status) as one JSON
 * line, and closes it. The storage tests run it under a file-size limit
 * (`ulimit -f`), which makes the disk full for this process alone.
 * Usage: node --import tsx tests/support/openChild.ts DATA_DIR TEMPLATES_DIR
 * (the test runs its bundle, `OPEN_CHILD_BUNDLE`, which starts faster)
 */
import { openBackend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';

const [dataDir, templatesDir] = process.argv.slice(2);
const backend = openBackend({ dataDir, templatesDir, prefs: memoryPrefsStore(), log: () => {} });

/** What a user sees at start (a function, since its bundle is CommonJS, where `await` at the top level is not allowed). */
async function main() {
  try {
    const scenarios = await backend.call('listScenarios', {});
    const status = await backend.call('storageStatus', {});
    process.stdout.write(`${JSON.stringify({ scenarios: scenarios.ok ? (scenarios.value as unknown[]).length : scenarios.error, status: status.ok ? status.value : status.error })}\n`);
  } finally {
    backend.close();
  }
}
void main();
