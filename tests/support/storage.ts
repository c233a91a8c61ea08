/**
 * Helpers for the reliability tests: temp folders, a real back end on them,
 * and a dump of every row of a database file (what "nothing changed" and
 * "nothing lost" are checked against).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { errorTextOf, type ApiErrorBody, type ApiMethod, type ApiOutputs, type Envelope } from '../../shared/api';
import type { Language } from '../../shared/i18n';
import { openBackend, type Backend } from '../../electron/core/backend';
import { memoryPrefsStore, type PrefsStore } from '../../electron/core/prefs';
import { projectRoot } from '../../electron/core/projectRoot';
import { DB_FILE } from '../../electron/storage/dataDir';
import { startWebServer, TOKEN_HEADER, type WebServer } from '../../electron/web/server';

export const repoRoot = projectRoot;
export const TEMPLATES_DIR = path.join(repoRoot, 'scenarios');
export const HOSTILE_DIR = path.join(repoRoot, 'tests/fixtures/hostile');

const made: string[] = [];

/** A new empty folder under the system temp folder, removed by `removeTempDirs`. */
export function tempDir(prefix = 'drilldesk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs() {
  for (const dir of made.splice(0)) {
    try {
      fs.chmodSync(dir, 0o700);
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The back end the transports use, on `dataDir`, seeded with the sample scenarios, quiet. */
export function openTestBackend(dataDir: string, options: { prefs?: PrefsStore; now?: () => Date; templatesDir?: string } = {}): Backend {
  return openBackend({
    dataDir,
    templatesDir: options.templatesDir ?? TEMPLATES_DIR,
    prefs: options.prefs ?? memoryPrefsStore(),
    now: options.now,
    log: () => {},
  });
}

export type ServedBackend = {
  backend: Backend;
  web: WebServer;
  dbFile: string;
  /** Posts one call to the browser-mode server with its token, as the renderer does. */
  overHttp: (method: string, arg: unknown) => Promise<Envelope<unknown>>;
  close: () => Promise<void>;
};

/** A back end speaking English, without the sample drills, and the browser-mode server in front of it: for tests comparing the dispatcher with the wire. */
export async function servedTestBackend(): Promise<ServedBackend> {
  const dataDir = tempDir();
  const prefs = memoryPrefsStore();
  prefs.write({ language: 'en' });
  const backend = openTestBackend(dataDir, { prefs, templatesDir: tempDir() });
  const web = await startWebServer({ backend, rendererDir: tempDir(), port: 0 });
  const overHttp = async (method: string, arg: unknown) => {
    const response = await fetch(`http://127.0.0.1:${web.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: web.token },
      body: JSON.stringify(arg),
    });
    return (await response.json()) as Envelope<unknown>;
  };
  return {
    backend,
    web,
    dbFile: path.join(dataDir, DB_FILE),
    overHttp,
    close: async () => {
      await web.close();
      backend.close();
    },
  };
}

/** Calls a method and returns its value, failing the test with the error envelope otherwise. */
export async function valueOf<M extends ApiMethod>(backend: Pick<Backend, 'call'>, method: M, arg: unknown): Promise<ApiOutputs[M]> {
  const envelope = (await backend.call(method, arg)) as Envelope<ApiOutputs[M]>;
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code}: ${errorTextOf(envelope.error, 'en').text}`);
  return envelope.value;
}

/** An error envelope's body with its headline (`message`) and details worded from the catalogue in a language (English by default), as a user of that language reads them. */
export type WordedError = Omit<ApiErrorBody, 'details'> & { message: string; details: string[] };

export function wordedErrorOf(error: ApiErrorBody, language: Language = 'en'): WordedError {
  const { text, details, technical } = errorTextOf(error, language);
  return { ...error, message: text, details: [...details, ...technical] };
}

/**
 * Calls a method that must be refused and returns its error (code, key, params) with its
 * headline and details worded in `language`, failing the test when it succeeds.
 */
export async function refusalOf(backend: Pick<Backend, 'call'>, method: ApiMethod, arg: unknown, language: Language = 'en') {
  const envelope = (await backend.call(method, arg)) as Envelope<unknown>;
  if (envelope.ok) throw new Error(`${method} unexpectedly succeeded`);
  return wordedErrorOf(envelope.error, language);
}

/**
 * Every table's schema and rows, in a stable order, as one string. Opens its
 * own read-only connection, so it sees exactly what is committed on disk.
 */
export function dumpOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const schema = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const rows = tables.map(({ name }) => {
      const columns = (db.prepare(`SELECT COUNT(*) AS n FROM pragma_table_info(?)`).get(name) as { n: number }).n;
      const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
      return [name, db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw().all()];
    });
    return JSON.stringify({ userVersion: db.pragma('user_version', { simple: true }), schema, rows });
  } finally {
    db.close();
  }
}

/** `integrity_check` of a database file, read-only: `['ok']` when healthy. */
export function integrityOf(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } finally {
    db.close();
  }
}

export const sha256Of = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * A copy of `dir` in a new temp folder that every user may read (folders
 * 0755, files 0644), for work done as `nobody`: the checkout itself may live
 * in a private folder (a `mktemp -d` clone is 0700) that `nobody` cannot enter.
 */
export function readableCopyOf(dir: string): string {
  const copy = tempDir('drilldesk-readable-');
  fs.cpSync(dir, copy, { recursive: true });
  const open = (at: string) => {
    fs.chmodSync(at, fs.statSync(at).isDirectory() ? 0o755 : 0o644);
    if (fs.statSync(at).isDirectory()) for (const name of fs.readdirSync(at)) open(path.join(at, name));
  };
  open(copy);
  return copy;
}

/** True when this process may switch its effective user (root on POSIX), to test permissions root would ignore. */
export const canDropPrivileges = () => process.getuid?.() === 0 && typeof process.seteuid === 'function';

/** Runs `work` as the unprivileged user `nobody` (when root), so file permissions apply as they do for a normal user. */
export function asUnprivileged<T>(work: () => T): T {
  if (!canDropPrivileges()) return work();
  process.setegid!(65534);
  process.seteuid!(65534);
  try {
    return work();
  } finally {
    process.seteuid!(0);
    process.setegid!(0);
  }
}
