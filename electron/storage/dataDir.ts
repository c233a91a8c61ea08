/**
 * The data folder: one SQLite file, its backups, and a lock that keeps a
 * second back end out. Opening it handles the cases a user can meet: first
 * launch, a damaged file (moved aside, never overwritten), a newer schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabaseSync } from './backups';
import { openDatabase, StorageOpenError, type Db } from './db';

export const DB_FILE = 'drilldesk.sqlite';
export const LOCK_FILE = 'drilldesk.lock';

export type OpenedDataDir = {
  db: Db;
  dataDir: string;
  file: string;
  /** True when the database file did not exist before (first launch, or after moving a damaged one aside). */
  created: boolean;
  recoveredFrom: { movedTo: string; reason: string } | null;
  /** Closes the database and releases the lock. */
  close: () => void;
};

export type DataDirOptions = { nativeBinding?: string; keepBackups?: number; now?: () => Date };

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder's lock file, or refuses when a live process holds it.
 * A lock left by a process that died is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.rmSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder))
        throw new StorageOpenError(
          'locked',
          `the data folder ${dataDir} is already in use by another DrillDesk (process ${holder}); close it first or choose another folder`,
        );
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new StorageOpenError('locked', `cannot lock the data folder ${dataDir}`);
}

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

/** Moves a damaged database (and its WAL files) aside, keeping every byte. Returns the new path. */
function moveAside(file: string, now: Date): string {
  const movedTo = `${file}.damaged-${stamp(now)}`;
  fs.renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm'])
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
  return movedTo;
}

/** Opens (creating if needed) the database in `dataDir`, under the folder's lock. */
export function openDataDir(dataDir: string, options: DataDirOptions = {}): OpenedDataDir {
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  const file = path.join(dataDir, DB_FILE);
  try {
    let created = !fs.existsSync(file);
    let recoveredFrom: OpenedDataDir['recoveredFrom'] = null;
    const open = () =>
      openDatabase(file, {
        nativeBinding: options.nativeBinding,
        beforeMigration: (db, fromVersion) => {
          if (fromVersion > 0) backupDatabaseSync(db, dataDir, { reason: `before-migration-${fromVersion + 1}`, keep: options.keepBackups ?? 10, now: now() });
        },
      });
    let db: Db;
    try {
      db = open();
    } catch (error) {
      if (!(error instanceof StorageOpenError) || error.kind !== 'damaged' || created) throw error;
      const movedTo = moveAside(file, now());
      recoveredFrom = { movedTo, reason: error.message };
      created = true;
      db = open();
    }
    return {
      db,
      dataDir,
      file,
      created,
      recoveredFrom,
      close: () => {
        if (db.open) db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
