/**
 * Opening the database: durability pragmas, damaged files moved aside (never
 * overwritten) with the user told, and one writer per data folder.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, LOCK_FILE, openDataDir } from '../../electron/storage/dataDir';
import { openDatabase, StorageOpenError } from '../../electron/storage/db';
import { runWeb, spawnWeb } from '../support/cli';
import { openTestBackend, removeTempDirs, repoRoot, sha256Of, tempDir, valueOf } from '../support/storage';

afterEach(removeTempDirs);

const FIXED_NOW = new Date('2026-07-15T08:30:00.000Z');

/** A data folder holding a database with a few hundred rows, closed. */
function filledDataDir(): string {
  const dataDir = tempDir();
  const opened = openDataDir(dataDir);
  const insert = opened.db.prepare('INSERT INTO fragments (id, name, body, created_at) VALUES (?, ?, ?, ?)');
  opened.db.transaction(() => {
    for (let i = 0; i < 400; i++) insert.run(`f${i}`, `片段 ${i}`, JSON.stringify({ note: '供水保障'.repeat(40) }), FIXED_NOW.toISOString());
  })();
  opened.close();
  return dataDir;
}

function openError(work: () => unknown): StorageOpenError {
  try {
    work();
  } catch (error) {
    if (error instanceof StorageOpenError) return error;
    throw error;
  }
  throw new Error('expected the open to be refused');
}

describe('the database connection', () => {
  it('reads back WAL, synchronous FULL, foreign keys and a busy timeout', () => {
    const opened = openDataDir(tempDir());
    try {
      expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
      expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(opened.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    } finally {
      opened.close();
    }
  });

  it('uses a SQLite past the WAL-reset corruption bug (3.51.3) from better-sqlite3 12.8 or newer', () => {
    const db = new Database(':memory:');
    const version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    db.close();
    const [major, minor, patch] = version.split('.').map(Number);
    expect(major * 1e6 + minor * 1e3 + (patch ?? 0)).toBeGreaterThanOrEqual(3_051_003);
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string };
    const [bsMajor, bsMinor] = pkg.version.split('.').map(Number);
    expect(bsMajor * 100 + bsMinor).toBeGreaterThanOrEqual(1208);
  });

  it('runs integrity_check at open and refuses a database that fails it', () => {
    const dataDir = filledDataDir();
    const file = path.join(dataDir, DB_FILE);
    const bytes = fs.readFileSync(file);
    bytes.fill(0x41, 8192, 20_000); // scribble over a few pages in the middle
    fs.writeFileSync(file, bytes);
    const error = openError(() => openDatabase(file));
    expect(error.kind).toBe('damaged');
    expect(error.message).toMatch(/malformed|integrity_check|damaged/);
  });
});

describe('a damaged database file', () => {
  const damages = {
    truncated: (file: string) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2)),
    garbage: (file: string) => fs.writeFileSync(file, Buffer.from('这不是数据库 not a database '.repeat(800))),
  };

  for (const [kind, damage] of Object.entries(damages)) {
    it(`is moved aside with a timestamp when ${kind}, keeping every byte, and a fresh database opens`, async () => {
      const dataDir = filledDataDir();
      const file = path.join(dataDir, DB_FILE);
      damage(file);
      const damagedHash = sha256Of(file);

      const backend = openTestBackend(dataDir, { now: () => FIXED_NOW });
      try {
        const status = await valueOf(backend, 'storageStatus', {});
        expect(status.recoveredFrom).not.toBeNull();
        const movedTo = status.recoveredFrom!.movedTo;
        expect(path.basename(movedTo)).toBe(`${DB_FILE}.damaged-2026-07-15T08-30-00-000Z`);
        expect(sha256Of(movedTo)).toBe(damagedHash);
        expect(status.recoveredFrom!.reason).toMatch(/damaged|malformed|not a database/);
        // The fresh database works and holds the sample drills again.
        expect((await valueOf(backend, 'listScenarios', {})).length).toBeGreaterThan(0);
        expect(backend.created).toBe(true);
      } finally {
        backend.close();
      }
    });
  }

  it('is never moved onto an earlier damaged file, even at the same instant', () => {
    const dataDir = filledDataDir();
    const file = path.join(dataDir, DB_FILE);
    damages.garbage(file);
    const first = openDataDir(dataDir, { now: () => FIXED_NOW });
    const firstMoved = first.recoveredFrom!.movedTo;
    const firstHash = sha256Of(firstMoved);
    first.close();

    fs.writeFileSync(file, Buffer.from('second damaged file '.repeat(500)));
    const secondHash = sha256Of(file);
    const second = openDataDir(dataDir, { now: () => FIXED_NOW });
    second.close();

    expect(second.recoveredFrom!.movedTo).not.toBe(firstMoved);
    expect(sha256Of(firstMoved)).toBe(firstHash);
    expect(sha256Of(second.recoveredFrom!.movedTo)).toBe(secondHash);
  });

  it('takes its write-ahead log aside with it, both untouched (the log is not checkpointed into the damaged file)', () => {
    // A crash leaves committed rows in the log, not yet in the main file; then the main file gets damaged.
    const source = tempDir();
    const live = new Database(path.join(source, DB_FILE));
    live.pragma('journal_mode = WAL');
    live.exec('CREATE TABLE notes (text TEXT)');
    const insert = live.prepare('INSERT INTO notes VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`观察记录 ${i} `.repeat(20));
    live.pragma('wal_checkpoint(TRUNCATE)');
    live.pragma('wal_autocheckpoint = 0');
    for (let i = 0; i < 500; i++) insert.run(`未检查点的记录 ${i} `.repeat(20));
    const dataDir = tempDir();
    const file = path.join(dataDir, DB_FILE);
    fs.copyFileSync(path.join(source, DB_FILE), file);
    fs.copyFileSync(path.join(source, `${DB_FILE}-wal`), `${file}-wal`);
    live.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x41, 8192, 20_000); // pages of the checkpointed part
    fs.writeFileSync(file, bytes);
    const [fileHash, walHash] = [sha256Of(file), sha256Of(`${file}-wal`)];

    const opened = openDataDir(dataDir, { now: () => FIXED_NOW });
    opened.close();
    const movedTo = opened.recoveredFrom!.movedTo;
    expect(sha256Of(movedTo)).toBe(fileHash);
    expect(sha256Of(`${movedTo}-wal`)).toBe(walHash);
  });

  it('is not confused with a database from a newer DrillDesk, which stays where it is', () => {
    const dataDir = filledDataDir();
    const file = path.join(dataDir, DB_FILE);
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    const error = openError(() => openDataDir(dataDir));
    expect(error.kind).toBe('too-new');
    expect(error.message).toMatch(/newer DrillDesk/);
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('damaged'))).toEqual([]);
  });
});

describe('one writer per data folder', () => {
  it('refuses a second back end in the same process with a clear message', () => {
    const dataDir = tempDir();
    const first = openTestBackend(dataDir);
    try {
      const error = openError(() => openTestBackend(dataDir));
      expect(error.kind).toBe('locked');
      expect(error.message).toMatch(/already open/);
    } finally {
      first.close();
    }
    // Released on close: the folder opens again.
    openTestBackend(dataDir).close();
  });

  it('refuses a browser-mode server on a folder the desktop back end holds, and it exits saying why', () => {
    const dataDir = tempDir();
    const backend = openTestBackend(dataDir);
    try {
      const web = runWeb(['--data', dataDir, '--port', '0'], { timeout: 30_000 });
      expect(web.status).toBe(1);
      expect(web.stderr).toContain(`already in use by another DrillDesk (process ${process.pid})`);
    } finally {
      backend.close();
    }
  });

  it('refuses to open a folder a browser-mode server holds', async () => {
    const dataDir = tempDir();
    const web = spawnWeb(['--data', dataDir, '--port', '0']);
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        web.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Open http://127.0.0.1:')) resolve();
        });
        web.on('exit', (code) => reject(new Error(`browser mode exited with ${code}`)));
      });
      const error = openError(() => openDataDir(dataDir));
      expect(error.kind).toBe('locked');
      expect(error.message).toContain(`already in use by another DrillDesk (process ${web.pid})`);
    } finally {
      web.kill('SIGTERM');
      await new Promise((resolve) => web.once('exit', resolve));
    }
    // It let go of the lock when it stopped.
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a process that died', () => {
    const dataDir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dataDir, LOCK_FILE), dead.stdout);
    const opened = openDataDir(dataDir);
    expect(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    opened.close();
  });
});
