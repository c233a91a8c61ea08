/**
 * Preferences written by electron-store: written atomically (a new file
 * renamed over the old one, never rewritten in place), surviving a kill
 * mid-write, and falling back to defaults on a corrupt or hand-edited file.
 * electron-store imports `electron`, which cannot load here: it is mocked,
 * with `test.server.deps.inline: ['electron-store']` in vite.config.ts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ElectronStore from 'electron-store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PREFS } from '../../shared/api';
import { PREFS_CONF_OPTIONS, prefsOf, prefsStoreOf } from '../../electron/core/prefs';
import { rngOf } from '../../bench/generate';
import { removeTempDirs, repoRoot, tempDir } from '../support/storage';

vi.mock('electron', () => ({
  default: {
    app: { getPath: () => '/nonexistent-user-data', getVersion: () => '0.1.0' },
    ipcMain: { on: () => {} },
    shell: {},
  },
}));

afterEach(removeTempDirs);

const FILE = `${PREFS_CONF_OPTIONS.name}.json`;

/** The desktop app's store, as electron/main.ts makes it, in a temp folder. */
const desktopStore = (cwd: string) => new ElectronStore<Record<string, unknown>>({ ...PREFS_CONF_OPTIONS, cwd });

describe('preferences in the desktop app (electron-store)', () => {
  it('are read back after a write, in a file named by PREFS_CONF_OPTIONS', () => {
    const cwd = tempDir();
    prefsStoreOf(desktopStore(cwd)).write({ language: 'en', backupsToKeep: 5 });
    expect(prefsStoreOf(desktopStore(cwd)).read()).toEqual({ ...DEFAULT_PREFS, language: 'en', backupsToKeep: 5 });
    expect(fs.existsSync(path.join(cwd, FILE))).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(cwd, FILE)).mode & 0o777).toBe(0o600); // the user's alone
  });

  it('are written to a new file renamed over the old one, never rewritten in place', () => {
    const cwd = tempDir();
    const prefs = prefsStoreOf(desktopStore(cwd));
    prefs.write({ language: 'zh' });
    const file = path.join(cwd, FILE);
    const before = fs.readFileSync(file, 'utf8');
    // A second name for the old file: an in-place write would change what it shows.
    fs.linkSync(file, path.join(cwd, 'old-inode.json'));
    prefs.write({ language: 'en' });
    expect(fs.readFileSync(path.join(cwd, 'old-inode.json'), 'utf8')).toBe(before);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).language).toBe('en');
    expect(fs.statSync(file).ino).not.toBe(fs.statSync(path.join(cwd, 'old-inode.json')).ino);
    expect(fs.readdirSync(cwd).filter((name) => name.includes('tmp'))).toEqual([]);
  });

  it('fall back to the defaults when the file is corrupt, and can be written again', () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, FILE), '{"language": "en", "backupsTo');
    const prefs = prefsStoreOf(desktopStore(cwd));
    expect(prefs.read()).toEqual(DEFAULT_PREFS);
    prefs.write({ snapToGrid: false });
    expect(prefsStoreOf(desktopStore(cwd)).read()).toEqual({ ...DEFAULT_PREFS, snapToGrid: false });
  });

  it('fall back field by field when a hand-edited file holds wrong values', () => {
    const cwd = tempDir();
    fs.writeFileSync(
      path.join(cwd, FILE),
      '{"language": "fr", "lastScenarioId": "../../etc", "showSwimlanes": "yes", "snapToGrid": false, "backupsToKeep": 1e9, "__proto__": {"polluted": true}}',
    );
    expect(prefsStoreOf(desktopStore(cwd)).read()).toEqual({ ...DEFAULT_PREFS, snapToGrid: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prefsOf({ constructor: { prototype: { polluted: true } } } as Record<string, unknown>)).toEqual(DEFAULT_PREFS);
  });
});

describe('preferences killed mid-write', () => {
  it('are always a whole file from one write or another, over 15 SIGKILLs', async () => {
    const cwd = tempDir();
    const file = path.join(cwd, FILE);
    // Seeded, so a failing run can be repeated with the same kill moments.
    const seed = Number(process.env.KILL_SEED ?? 1815);
    const random = rngOf(seed);
    for (let kill = 0; kill < 15; kill++) {
      const delayMs = 20 + Math.floor(random() * 120);
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(repoRoot, 'tests/support/prefsChild.mjs'), cwd, JSON.stringify(PREFS_CONF_OPTIONS)], { cwd: repoRoot });
        child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
        child.on('error', reject);
        child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer stopped on its own (${_code})`))));
      });
      const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      const i = Number(String(raw.lastScenarioId).slice(2));
      // Every field from the same write.
      expect(raw).toMatchObject({ language: i % 2 === 0 ? 'zh' : 'en', showSwimlanes: i % 3 === 0, backupsToKeep: 1 + (i % 50) });
      expect(String(raw.note).length).toBe(20000 + (i % 7) * 5000);
      expect(prefsStoreOf(desktopStore(cwd)).read().lastScenarioId).toBe(`s-${i}`);
    }
  }, 60_000);
});
