/**
 * The data folder: one SQLite file, its backups, and a lock that keeps a
 * second back end out. Opening it handles the cases a user can meet: first
 * launch, a damaged file (moved aside, never overwritten, and every backup
 * made before it kept from rotation), a newer schema. The folder and its
 * files are private to the user (privateFiles.ts): created 0700 and 0600,
 * and tightened at start when they are wider.
 *
 * A new database is to get the sample drills: a marker file says so until
 * the back end has put them in (in one transaction), so a start that could
 * not seed them (a nearly full disk) tries again the next time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabaseSync, backupDirOf, keepBackupsBeforeRecovery } from './backups';
import { openDatabase, StorageOpenError, type Db } from './db';
import type { Migration } from './migrations/index';
import { createPrivateFile, makePrivateDir, tightened } from './privateFiles';

export const DB_FILE = 'drilldesk.sqlite';
export const LOCK_FILE = 'drilldesk.lock';
/** Present while the sample drills are still to be put into the database. */
export const SEEDING_FILE = 'drilldesk.seeding';
/** The preferences file browser mode and the command line keep in the data folder. */
const PREFS_FILE = 'preferences.json';

export type OpenedDataDir = {
  db: Db;
  dataDir: string;
  file: string;
  /** True when the database file did not exist before (first launch, or after moving a damaged one aside). */
  created: boolean;
  recoveredFrom: { movedTo: string; reason: string } | null;
  /** True while the sample drills are still to be seeded (a new database, or a seeding that failed before). */
  seedingPending: boolean;
  /** Records that the sample drills are in. */
  seedingDone: () => void;
  /** What was made private at start (for the log). */
  notes: string[];
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
      const fd = fs.openSync(lockPath, 'wx', 0o600);
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

/** Narrows the modes of the data folder and everything DrillDesk keeps in it; returns a note per change. */
function tightenDataDir(dataDir: string, file: string): string[] {
  const backups = backupDirOf(dataDir);
  const targets = [dataDir, file, `${file}-wal`, `${file}-shm`, path.join(dataDir, PREFS_FILE), backups];
  if (fs.existsSync(backups)) for (const name of fs.readdirSync(backups)) targets.push(path.join(backups, name));
  return targets.map(tightened).filter((note): note is string => note !== null);
}

/** Creates the empty database file owner-only, so SQLite's -wal and -shm files (which copy its mode) are too. */
function createDatabaseFile(file: string) {
  try {
    createPrivateFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Opens (creating if needed) the database in `dataDir`, under the folder's lock. */
export function openDataDir(dataDir: string, options: DataDirOptions = {}): OpenedDataDir {
  const now = options.now ?? (() => new Date());
  try {
    makePrivateDir(dataDir);
  } catch (error) {
    if (isPermissionError(error)) throw new StorageOpenError('unavailable', `the data folder ${dataDir} cannot be created (read-only or no permission)`);
    throw error;
  }
  const unlock = lockDataDir(dataDir);
  const file = path.join(dataDir, DB_FILE);
  const seedingFile = path.join(dataDir, SEEDING_FILE);
  const markSeedingPending = () => {
    try {
      createPrivateFile(seedingFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  };
  try {
    const notes = tightenDataDir(dataDir, file);
    let created = !fs.existsSync(file);
    let recoveredFrom: OpenedDataDir['recoveredFrom'] = null;
    // Before the database exists: a start that cannot write this cannot create the database either.
    if (created) {
      markSeedingPending();
      createDatabaseFile(file);
    }
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
      keepBackupsBeforeRecovery(dataDir);
      created = true;
      markSeedingPending();
      createDatabaseFile(file);
      db = open();
    }
    return {
      db,
      dataDir,
      file,
      created,
      recoveredFrom,
      seedingPending: fs.existsSync(seedingFile),
      seedingDone: () => fs.rmSync(seedingFile, { force: true }),
      notes,
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
