/**
 * Local files are private (they hold names and phone numbers): the data
 * folder is created 0700 and the database, its WAL and SHM files, the lock,
 * the backups and the preferences 0600, whatever the umask; a folder left
 * with wider modes by an older DrillDesk or by hand is tightened at start,
 * with a log line saying what changed. POSIX only (Windows ignores modes;
 * its user profile already restricts access).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openNodeBackend } from '../../electron/core/nodeBackend';
import { backupDirOf } from '../../electron/storage/backups';
import { DB_FILE, LOCK_FILE } from '../../electron/storage/dataDir';
import { removeTempDirs, tempDir, valueOf } from '../support/storage';

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

afterEach(removeTempDirs);

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  // The widest umask, so the modes below are DrillDesk's doing, not the process's.
  let umask: number;
  beforeAll(() => {
    umask = process.umask(0);
  });
  afterAll(() => {
    process.umask(umask);
  });

  it('is created private, with every file in it readable by the user alone', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const backend = openNodeBackend(dataDir, { log: () => {} });
    try {
      await valueOf(backend, 'setPrefs', { patch: { language: 'en' } });
      const [scenario] = await valueOf(backend, 'listScenarios', {});
      await valueOf(backend, 'createRun', { scenarioId: scenario.id, name: '权限检查' });
      const backup = await valueOf(backend, 'createBackup', {});
      const file = path.join(dataDir, DB_FILE);
      expect(fs.existsSync(`${file}-wal`) && fs.existsSync(`${file}-shm`)).toBe(true);
      expect({
        folder: modeOf(dataDir),
        database: modeOf(file),
        wal: modeOf(`${file}-wal`),
        shm: modeOf(`${file}-shm`),
        lock: modeOf(path.join(dataDir, LOCK_FILE)),
        preferences: modeOf(path.join(dataDir, 'preferences.json')),
        backups: modeOf(backupDirOf(dataDir)),
        backup: modeOf(path.join(backupDirOf(dataDir), backup.name)),
      }).toEqual({ folder: '700', database: '600', wal: '600', shm: '600', lock: '600', preferences: '600', backups: '700', backup: '600' });
      await valueOf(backend, 'pinBackup', { name: backup.name, pinned: true });
      for (const name of fs.readdirSync(backupDirOf(dataDir))) expect(modeOf(path.join(backupDirOf(dataDir), name)), name).toBe('600');
    } finally {
      backend.close();
    }
  });

  it('left open to others is made private at start, saying so in the log', async () => {
    const dataDir = path.join(tempDir(), 'data');
    let backend = openNodeBackend(dataDir, { log: () => {} });
    await valueOf(backend, 'setPrefs', { patch: { language: 'en' } });
    const backup = await valueOf(backend, 'createBackup', {});
    backend.close();
    const file = path.join(dataDir, DB_FILE);
    const backupFile = path.join(backupDirOf(dataDir), backup.name);
    // As an older DrillDesk left them.
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(file, 0o644);
    fs.chmodSync(path.join(dataDir, 'preferences.json'), 0o664);
    fs.chmodSync(backupDirOf(dataDir), 0o755);
    fs.chmodSync(backupFile, 0o644);

    const log: string[] = [];
    backend = openNodeBackend(dataDir, { log: (line) => log.push(line) });
    try {
      expect([modeOf(dataDir), modeOf(file), modeOf(path.join(dataDir, 'preferences.json')), modeOf(backupDirOf(dataDir)), modeOf(backupFile)]).toEqual(['700', '600', '600', '700', '600']);
      expect(log).toEqual(
        expect.arrayContaining([
          `DrillDesk: made ${dataDir} private (mode 755 → 700)`,
          `DrillDesk: made ${file} private (mode 644 → 600)`,
          `DrillDesk: made ${backupFile} private (mode 644 → 600)`,
        ]),
      );
    } finally {
      backend.close();
    }
    // Once private, the next start has nothing to say.
    const quiet: string[] = [];
    openNodeBackend(dataDir, { log: (line) => quiet.push(line) }).close();
    expect(quiet.filter((line) => line.includes('private'))).toEqual([]);
  });
});
