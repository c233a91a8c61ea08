/**
 * Online backups with SQLite's backup API, kept in `<data>/backups`. A backup
 * is a complete database file that passes `integrity_check`, written to a
 * `.partial` file (created exclusively, owner-only), flushed and renamed.
 *
 * Rotation keeps the newest N backups, but never a kept one: a backup the
 * user pinned, or one made before a damaged database was moved aside (the
 * last good data: the fresh database's own backups must not rotate it away).
 * A backup is kept by a marker file beside it, `<name>.keep`, holding why.
 *
 * Backups of one data folder are serialised, and every name is taken by
 * creating its file exclusively, so two backups started in the same
 * millisecond get two names and both succeed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo, BackupKept } from '../../shared/api';
import type { Db } from './db';
import { createPrivateFile, makePrivateDir } from './privateFiles';

export const BACKUP_DIR = 'backups';
const KEEP_SUFFIX = '.keep';

export function backupDirOf(dataDir: string): string {
  return path.join(dataDir, BACKUP_DIR);
}

/**
 * Takes a new backup name, `drilldesk-2026-11-28T10-15-00-123Z-daily.sqlite`
 * (sortable by time, safe on every file system; `-2`, `-3`… after the reason
 * when taken), by creating its `.partial` file exclusively. Returns the name.
 */
function takeBackupName(dir: string, now: Date, reason: string): string {
  const stem = `drilldesk-${now.toISOString().replace(/[:.]/g, '-')}-${reason}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${stem}.sqlite` : `${stem}-${n}.sqlite`;
    if (fs.existsSync(path.join(dir, name))) continue;
    try {
      createPrivateFile(path.join(dir, `${name}.partial`));
      return name;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Flushes a finished backup to the disk and moves it to its final name, so a half-written backup is never listed. */
function publish(partial: string, file: string) {
  const fd = fs.openSync(partial, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, file);
}

function keptOf(dir: string, name: string): BackupKept | null {
  try {
    const reason = (JSON.parse(fs.readFileSync(path.join(dir, name + KEEP_SUFFIX), 'utf8')) as { reason?: unknown }).reason;
    return reason === 'pinned' || reason === 'before-recovery' ? reason : 'pinned';
  } catch (error) {
    // A marker that exists but cannot be read still keeps its backup: deleting a backup is the one mistake not to make.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : 'pinned';
  }
}

/** Backups on disk, oldest first, each with why it is kept from rotation (or null). */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDirOf(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^drilldesk-.*\.sqlite$/.test(name))
    // Numbers compared as numbers, so a backup before migration 10 comes after the one before 9 of the same second.
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return { name, createdAt: createdAtOf(name) ?? stat.mtime.toISOString(), bytes: stat.size, kept: keptOf(dir, name) };
    });
}

/** The time a backup's name records (`drilldesk-2026-11-28T10-15-00-123Z-…` → `2026-11-28T10:15:00.123Z`), or null. */
function createdAtOf(name: string): string | null {
  const match = /^drilldesk-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-/.exec(name);
  return match ? `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z` : null;
}

const infoOf = (dataDir: string, name: string): BackupInfo => {
  const found = listBackups(dataDir).find((backup) => backup.name === name);
  if (!found) throw new Error(`backup ${name} is missing`);
  return found;
};

/** The backups running or queued per data folder: each waits for the one before it. */
const queues = new Map<string, Promise<unknown>>();

/** Runs `work` after every backup of `dataDir` started before it. */
function serialised<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const key = path.resolve(dataDir);
  const result = (queues.get(key) ?? Promise.resolve()).then(work, work);
  const tail = result.catch(() => {});
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return result;
}

/** Resolves once every backup of `dataDir` started so far has finished (succeeded or failed). */
export function backupsSettled(dataDir: string): Promise<void> {
  return (queues.get(path.resolve(dataDir)) ?? Promise.resolve()).then(() => {});
}

/** A backup being written: its name is taken and its `.partial` file exists. */
type Pending = { dataDir: string; name: string; partial: string };

function startBackup(dataDir: string, options: { reason: string; now?: Date }): Pending {
  const dir = backupDirOf(dataDir);
  makePrivateDir(dir);
  const name = takeBackupName(dir, options.now ?? new Date(), options.reason);
  return { dataDir, name, partial: path.join(dir, `${name}.partial`) };
}

/** Publishes a written backup (or, when `failed`, removes its partial file and rethrows), then rotates. */
function finishBackup(pending: Pending, keep: number, failed?: unknown): BackupInfo {
  try {
    if (failed !== undefined) throw failed;
    publish(pending.partial, path.join(backupDirOf(pending.dataDir), pending.name));
  } finally {
    fs.rmSync(pending.partial, { force: true });
  }
  prune(pending.dataDir, keep);
  return infoOf(pending.dataDir, pending.name);
}

/**
 * Copies the live database into a new backup file (consistent even while
 * others write), then rotates: all but the newest `keep` backups that are
 * not kept are deleted. Runs after any backup of the same folder still going.
 */
export function backupDatabase(db: Db, dataDir: string, options: { reason: string; keep: number; now?: Date }): Promise<BackupInfo> {
  return serialised(dataDir, async () => {
    const pending = startBackup(dataDir, options);
    const failed = await db.backup(pending.partial).then(
      () => undefined,
      (error: unknown) => error ?? new Error('backup failed'),
    );
    return finishBackup(pending, options.keep, failed);
  });
}

/** The same backup, synchronously, through VACUUM INTO: used before a migration or a restore, when nothing else may run. */
export function backupDatabaseSync(db: Db, dataDir: string, options: { reason: string; keep: number; now?: Date }): BackupInfo {
  const pending = startBackup(dataDir, options);
  let failed: unknown;
  try {
    db.prepare('VACUUM INTO ?').run(pending.partial);
  } catch (error) {
    failed = error ?? new Error('backup failed');
  }
  return finishBackup(pending, options.keep, failed);
}

/** Deletes all but the newest `keep` backups that are not kept (pinned or from before a recovery). */
function prune(dataDir: string, keep: number) {
  const rotating = listBackups(dataDir).filter((backup) => backup.kept === null);
  for (const old of rotating.slice(0, Math.max(0, rotating.length - keep))) fs.rmSync(path.join(backupDirOf(dataDir), old.name), { force: true });
}

/** Writes or removes a backup's keep marker, atomically (a temp file renamed over it). */
function setKept(dataDir: string, name: string, kept: BackupKept | null) {
  const marker = path.join(backupDirOf(dataDir), name + KEEP_SUFFIX);
  if (kept === null) {
    fs.rmSync(marker, { force: true });
    return;
  }
  const temp = `${marker}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify({ reason: kept }), { mode: 0o600 });
  fs.renameSync(temp, marker);
}

/**
 * Pins a backup (never rotated away) or unpins it (back in rotation, the
 * newest N kept). Unpinning a backup kept from before a recovery puts it
 * back in rotation too. Returns the backup as now listed.
 */
export function pinBackup(dataDir: string, name: string, pinned: boolean): BackupInfo {
  infoOf(dataDir, name);
  setKept(dataDir, name, pinned ? 'pinned' : null);
  return infoOf(dataDir, name);
}

/** Keeps every backup made so far from rotation: called when a damaged database is moved aside, so the last good data survives. */
export function keepBackupsBeforeRecovery(dataDir: string): void {
  for (const backup of listBackups(dataDir)) if (backup.kept === null) setKept(dataDir, backup.name, 'before-recovery');
}

/** True when the file is a readable database that passes `integrity_check`. */
export function isHealthyDatabase(file: string): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      return rows.length === 1 && rows[0].integrity_check === 'ok';
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
