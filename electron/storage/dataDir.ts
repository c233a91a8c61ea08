/**
 * The data folder: one SQLite file, its backups, and a lock that keeps a
 * second back end out. Opening it handles the cases a user can meet: first
 * launch, a damaged file (moved aside, never overwritten), a newer schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabaseSync } from './backups';
import { openDatabase, StorageOpenError, type Db } from './db';
import type { Migration } from './migrations/index';

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

export type DataDirOptions = {
  nativeBinding?: string;
  keepBackups?: number;
  now?: () => Date;
  /** The migrations to bring the database up to; the shipped list when absent (tests pass their own). */
  migrations?: readonly Migration[];
};

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process holds: a second open in the same process is refused too. */
const heldLocks = new Set<string>();

const isPermissionError = (error: unknown) => ['EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? '');

/**
 * Takes the data folder's lock file, or refuses when a live process (this
 * one included) holds it. A lock left by a process that died is taken over;
 * so is one carrying this process's id that this process never took (a
 * previous run that had the same id, as happens in containers).
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE);
  if (heldLocks.has(path.resolve(lockPath)))
    throw new StorageOpenError('locked', `the data folder ${dataDir} is already open in this DrillDesk; close it first`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      heldLocks.add(path.resolve(lockPath));
      return () => {
        heldLocks.delete(path.resolve(lockPath));
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.rmSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if (isPermissionError(error))
        throw new StorageOpenError(
          'unavailable',
          `the data folder ${dataDir} cannot be written (read-only or no permission); DrillDesk keeps its database there, so choose a writable folder`,
        );
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder))
        throw new StorageOpenError(
          'locked',
          `the data folder ${dataDir} is already in use by another DrillDesk (process ${holder}); close it first or choose another folder (lock file: ${lockPath})`,
        );
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new StorageOpenError('locked', `cannot lock the data folder ${dataDir}`);
}

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

/** Moves a damaged database (and its WAL files) aside, keeping every byte; never onto an existing file. Returns the new path. */
function moveAside(file: string, now: Date): string {
  let movedTo = `${file}.damaged-${stamp(now)}`;
  for (let n = 2; fs.existsSync(movedTo) || fs.existsSync(`${movedTo}-wal`); n++) movedTo = `${file}.damaged-${stamp(now)}-${n}`;
  fs.renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm'])
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
  return movedTo;
}

/** Opens (creating if needed) the database in `dataDir`, under the folder's lock. */
export function openDataDir(dataDir: string, options: DataDirOptions = {}): OpenedDataDir {
  const now = options.now ?? (() => new Date());
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    if (isPermissionError(error)) throw new StorageOpenError('unavailable', `the data folder ${dataDir} cannot be created (read-only or no permission)`);
    throw error;
  }
  const unlock = lockDataDir(dataDir);
  const file = path.join(dataDir, DB_FILE);
  try {
    let created = !fs.existsSync(file);
    let recoveredFrom: OpenedDataDir['recoveredFrom'] = null;
    const open = () =>
      openDatabase(file, {
        nativeBinding: options.nativeBinding,
        migrations: options.migrations,
        beforeMigration: (db, fromVersion) => {
          // A database made just now holds nothing a backup would keep, however many migrations it goes through.
          if (fromVersion > 0 && !created) backupDatabaseSync(db, dataDir, { reason: `before-migration-${fromVersion + 1}`, keep: options.keepBackups ?? 10, now: now() });
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
