/**
 * Opening the SQLite database: durability pragmas, an integrity check and
 * the numbered migrations. The only place that knows how a connection is set up.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { migrations as shippedMigrations, type Migration } from './migrations/index';

export type Db = Database.Database;

/** Why the database could not be opened; `kind` lets the caller decide what to tell the user. */
export class StorageOpenError extends Error {
  constructor(
    readonly kind: 'damaged' | 'too-new' | 'migration-changed' | 'migration-failed' | 'locked' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'StorageOpenError';
  }
}

export type OpenOptions = {
  /** A better-sqlite3 binary built for another ABI (Electron's); Node's own build when absent. */
  nativeBinding?: string;
  /** Called with the database before each migration runs (the back-up hook). */
  beforeMigration?: (db: Db, fromVersion: number) => void;
  migrations?: readonly Migration[];
};

const checksumOf = (sql: string) => createHash('sha256').update(sql).digest('hex').slice(0, 16);

/**
 * True for the SQLite errors that mean the file itself is damaged. Only
 * these may get a database moved aside: a busy, read-only or unreadable file
 * is not damaged, and a wrong diagnosis would hide the user's data.
 */
function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** Files larger than this get `quick_check` instead of the full `integrity_check` at open. */
const FULL_CHECK_LIMIT_BYTES = 256 * 1024 * 1024;

/**
 * Opens (creating if needed) the database at `file`: an integrity check
 * (read-only), then WAL journal with `synchronous=FULL` so a committed edit
 * survives power loss, foreign keys on, a busy timeout, then pending migrations.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  if (fs.existsSync(file) && fs.statSync(file).size > 0) checkFile(file, binding);
  let db: Db;
  try {
    db = new Database(file, binding);
  } catch (error) {
    if (isCorruption(error)) throw new StorageOpenError('damaged', `cannot open database: ${(error as Error).message}`);
    throw new StorageOpenError('unavailable', `cannot open the database ${file}: ${(error as Error).message}`);
  }
  try {
    configure(db);
    migrate(db, options.migrations ?? shippedMigrations, options.beforeMigration);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StorageOpenError) throw error;
    if (isCorruption(error)) throw new StorageOpenError('damaged', `database is damaged: ${(error as Error).message}`);
    throw new StorageOpenError('unavailable', `cannot use the database ${file}: ${(error as Error).message}`);
  }
}

/**
 * A second connection to a database that `openDatabase` already checked and
 * migrated (another worker holds it): the same pragmas, no check, no migration.
 */
export function openConnection(file: string, options: Pick<OpenOptions, 'nativeBinding'> = {}): Db {
  const db = new Database(file, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    configure(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function configure(db: Db) {
  db.pragma('busy_timeout = 5000');
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (String(mode).toLowerCase() !== 'wal')
    throw new StorageOpenError('unavailable', `cannot use a write-ahead log here (got journal mode ${mode}); is the folder writable?`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/**
 * The integrity check, on a read-only connection. A damaged file and its
 * write-ahead log are only read: closing a read-write connection would
 * checkpoint the log into the damaged file and delete it, destroying the very
 * bytes that are to be kept aside.
 */
function checkFile(file: string, binding: { nativeBinding?: string }) {
  let db: Db | null = null;
  try {
    db = new Database(file, { ...binding, readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    checkIntegrity(db);
  } catch (error) {
    if (error instanceof StorageOpenError) throw error;
    if (isCorruption(error)) throw new StorageOpenError('damaged', `database is damaged: ${(error as Error).message}`);
    throw new StorageOpenError('unavailable', `cannot read the database ${file}: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
}

function checkIntegrity(db: Db) {
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const check = pageCount * pageSize > FULL_CHECK_LIMIT_BYTES ? 'quick_check' : 'integrity_check';
  const rows = db.pragma(check) as { [key: string]: string }[];
  const result = rows.map((row) => Object.values(row)[0]);
  if (result.length !== 1 || result[0] !== 'ok')
    throw new StorageOpenError('damaged', `${check} failed: ${result.slice(0, 3).join('; ')}`);
}

/** The schema version a database is at (`PRAGMA user_version`). */
export function schemaVersionOf(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to the newest migration. Refuses a database from a
 * newer DrillDesk, and one whose applied migrations differ from the files
 * here. Each migration runs in its own transaction with its version bump, so
 * a migration that throws leaves `user_version` where it was.
 */
export function migrate(db: Db, migrations: readonly Migration[], beforeMigration?: OpenOptions['beforeMigration']) {
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) throw new Error(`migration list out of order: ${migration.name} is at position ${i + 1}`);
  });
  const current = schemaVersionOf(db);
  const newest = migrations.length;
  // Checked before anything is written: a newer DrillDesk's database is left exactly as it was.
  if (current > newest)
    throw new StorageOpenError(
      'too-new',
      `this database was written by a newer DrillDesk (schema ${current}, this version knows ${newest}); update DrillDesk to open it`,
    );
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
  for (const row of applied) {
    const file = migrations[row.version - 1];
    if (!file || file.name !== row.name || checksumOf(file.sql) !== row.checksum)
      throw new StorageOpenError(
        'migration-changed',
        `migration ${row.version} (${row.name}) differs from the one applied to this database; refusing to open it`,
      );
  }
  for (const migration of migrations.slice(current)) {
    beforeMigration?.(db, schemaVersionOf(db));
    const run = db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT OR REPLACE INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
        migration.version,
        migration.name,
        checksumOf(migration.sql),
        new Date().toISOString(),
      );
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      run();
    } catch (error) {
      throw new StorageOpenError('migration-failed', `migration ${migration.name} failed: ${(error as Error).message}`);
    }
  }
}
