// `npm start`: builds the renderer and the Electron shell, then opens the desktop window.
// When the Electron runtime cannot be obtained (no network on first launch), says so in
// one line and starts browser mode instead.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status === 0;

if (!run('npx', ['vite', 'build', '--logLevel', 'warn'])) process.exit(1);
if (!run('node', ['scripts/build-electron.mjs'])) process.exit(1);

function electronBinary() {
  const electronDir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    const install = spawnSync('node', [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
    if (install.status !== 0 || !fs.existsSync(pathFile)) return null;
  }
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const nativeReady = () =>
  fs.existsSync('native/electron/better_sqlite3.node') || spawnSync('node', ['scripts/native-electron.mjs'], { stdio: 'ignore' }).status === 0;

const binary = electronBinary();
if (!binary || !nativeReady()) {
  console.log('DrillDesk: the Electron runtime could not be downloaded here; starting browser mode instead.');
  const web = spawn('npx', ['tsx', 'electron/web/main.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
  web.on('exit', (code) => process.exit(code ?? 0));
} else {
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
