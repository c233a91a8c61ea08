// Fetches better-sqlite3's prebuilt binary for Electron's ABI into native/electron/, leaving the
// Node build that the tests use untouched. Needs the network; exits non-zero (and changes nothing) without it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const target = path.resolve('native/electron/better_sqlite3.node');
const electronVersion = require('electron/package.json').version;
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const prebuildInstall = require.resolve('prebuild-install/bin.js');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-native-'));
try {
  fs.cpSync(sqliteDir, work, { recursive: true, filter: (source) => !source.includes(`${path.sep}build${path.sep}`) });
  const result = spawnSync(process.execPath, [prebuildInstall, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform], {
    cwd: work,
    stdio: 'inherit',
    timeout: 120_000,
  });
  const built = path.join(work, 'build/Release/better_sqlite3.node');
  if (result.status !== 0 || !fs.existsSync(built)) {
    console.error(`DrillDesk: could not fetch better-sqlite3 for Electron ${electronVersion}.`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(built, target);
  console.log(`DrillDesk: better-sqlite3 for Electron ${electronVersion} is at ${path.relative(process.cwd(), target)}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
