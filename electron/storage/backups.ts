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

/** `drilldesk-2026-11-28T10-15-00-123Z-daily.sqlite`: sortable by time, safe on every file system. */
function backupNameOf(now: Date, reason: string): string {
  return `drilldesk-${now.toISOString().replace(/[:.]/g, '-')}-${reason}.sqlite`;
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
      return { name, createdAt: stat.mtime.toISOString(), bytes: stat.size };
    });
}

/**
 * Copies the live database into a new backup file (consistent even while
 * others write), then deletes all but the newest `keep` backups.
 */
export async function backupDatabase(db: Db, dataDir: string, options: { reason: string; keep: number; now?: Date }): Promise<BackupInfo> {
  const dir = backupDirOf(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const name = backupNameOf(options.now ?? new Date(), options.reason);
  const file = path.join(dir, name);
  await db.backup(file);
  prune(dataDir, options.keep);
  const stat = fs.statSync(file);
  return { name, createdAt: stat.mtime.toISOString(), bytes: stat.size };
}

/** The same backup, synchronously, through VACUUM INTO: used before a migration, when nothing else may run. */
export function backupDatabaseSync(db: Db, dataDir: string, options: { reason: string; keep: number; now?: Date }): BackupInfo {
  const dir = backupDirOf(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const name = backupNameOf(options.now ?? new Date(), options.reason);
  const file = path.join(dir, name);
  db.prepare('VACUUM INTO ?').run(file);
  prune(dataDir, options.keep);
  const stat = fs.statSync(file);
  return { name, createdAt: stat.mtime.toISOString(), bytes: stat.size };
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
