/**
 * Online backups with SQLite's backup API, kept in `<data>/backups`, newest
 * last N. A backup is a complete database file that passes `integrity_check`.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../shared/api';
import type { Db } from './db';

export const BACKUP_DIR = 'backups';

export function backupDirOf(dataDir: string): string {
  return path.join(dataDir, BACKUP_DIR);
}

/**
 * `drilldesk-2026-11-28T10-15-00-123Z-daily.sqlite`: sortable by time, safe on
 * every file system; `-2`, `-3`… after the reason when that name is taken.
 */
function backupNameOf(dir: string, now: Date, reason: string): string {
  const stem = `drilldesk-${now.toISOString().replace(/[:.]/g, '-')}-${reason}`;
  let name = `${stem}.sqlite`;
  for (let n = 2; fs.existsSync(path.join(dir, name)); n++) name = `${stem}-${n}.sqlite`;
  return name;
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

/** Backups on disk, oldest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDirOf(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^drilldesk-.*\.sqlite$/.test(name))
    .sort()
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return { name, createdAt: createdAtOf(name) ?? stat.mtime.toISOString(), bytes: stat.size };
    });
}

/** The time a backup's name records (`drilldesk-2026-11-28T10-15-00-123Z-…` → `2026-11-28T10:15:00.123Z`), or null. */
function createdAtOf(name: string): string | null {
  const match = /^drilldesk-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-/.exec(name);
  return match ? `${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z` : null;
}

/**
 * Copies the live database into a new backup file (consistent even while
 * others write), then deletes all but the newest `keep` backups.
 */
export async function backupDatabase(db: Db, dataDir: string, options: { reason: string; keep: number; now?: Date }): Promise<BackupInfo> {
  const dir = backupDirOf(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const name = backupNameOf(dir, options.now ?? new Date(), options.reason);
  const file = path.join(dir, name);
  const partial = `${file}.partial`;
  try {
    await db.backup(partial);
    publish(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  prune(dataDir, options.keep);
  return { name, createdAt: createdAtOf(name)!, bytes: fs.statSync(file).size };
}

/** The same backup, synchronously, through VACUUM INTO: used before a migration, when nothing else may run. */
export function backupDatabaseSync(db: Db, dataDir: string, options: { reason: string; keep: number; now?: Date }): BackupInfo {
  const dir = backupDirOf(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const name = backupNameOf(dir, options.now ?? new Date(), options.reason);
  const file = path.join(dir, name);
  const partial = `${file}.partial`;
  try {
    fs.rmSync(partial, { force: true });
    db.prepare('VACUUM INTO ?').run(partial);
    publish(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  prune(dataDir, options.keep);
  return { name, createdAt: createdAtOf(name)!, bytes: fs.statSync(file).size };
}

function prune(dataDir: string, keep: number) {
  const all = listBackups(dataDir);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) fs.rmSync(path.join(backupDirOf(dataDir), old.name), { force: true });
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
