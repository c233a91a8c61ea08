/**
 * The back end inside a worker thread. The `main` worker opens the data
 * folder exactly as before (`openBackend`: lock, checks, migrations, samples,
 * backups) and serves the ordinary calls; a `task` worker opens a second
 * connection to that database (when its call comes; it may be started ahead
 * of need) and serves one long call (an import or an export). Both answer through `dispatch`, the one boundary every call
 * crosses. Preferences belong to the host: each call brings them, and a
 * change is sent back before the call's answer.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Envelope, Prefs } from '../../shared/api';
import { openConnection } from '../storage/db';
import { DB_FILE } from '../storage/dataDir';
import { openBackend } from './backend';
import { dispatch, errorEnvelopeOf } from './dispatch';
import { runCsvParserOf } from './planImport';
import type { PrefsStore } from './prefs';
import { createService } from './service';
import type { FromWorker, ToWorker, WorkerSetup } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('backendWorker runs only as a worker thread');
const setup = workerData as WorkerSetup;
const post = (message: FromWorker) => port.postMessage(message);

/** Preferences as the host last sent them; a write updates this copy and tells the host. */
let prefs: Prefs = setup.prefs;
const relayedPrefs: PrefsStore = {
  read: () => prefs,
  write: (patch) => {
    prefs = { ...prefs, ...patch };
    post({ type: 'prefs', patch });
    return prefs;
  },
};
const log = (message: string, error?: unknown) =>
  post({ type: 'log', message, error: error === undefined ? null : error instanceof Error ? error.message : String(error) });
const now = setup.fixedNow ? () => new Date(setup.fixedNow!) : () => new Date();
const databaseFile = path.join(path.resolve(setup.dataDir), DB_FILE);

type Opened = { call: (method: string, arg: unknown, seatToken?: string) => Promise<Envelope<unknown>>; close: () => void };

function openMain(): Opened {
  const backend = openBackend({ dataDir: setup.dataDir, templatesDir: setup.templatesDir, prefs: relayedPrefs, nativeBinding: setup.nativeBinding, now, log });
  return { call: backend.call, close: backend.close };
}

/** A task worker's connection, opened at its call: a worker started ahead of need holds no file open. */
function openTask(): Opened {
  const db = openConnection(databaseFile, { nativeBinding: setup.nativeBinding });
  const service = createService({
    db,
    dataDir: path.resolve(setup.dataDir),
    templates: [],
    prefs: relayedPrefs,
    now,
    runCsv: runCsvParserOf(),
  });
  return { call: (method, arg) => dispatch(service, method, arg, (error) => log(`DrillDesk: ${method} failed unexpectedly`, error)), close: () => db.close() };
}

let opened: Opened | null = null;
if (setup.role === 'main') {
  try {
    opened = openMain();
  } catch (error) {
    post({ type: 'failed', message: (error as Error).message });
    process.exit(1);
  }
}
post({ type: 'ready', databaseFile });

port.on('message', async (message: ToWorker) => {
  if (message.type === 'close') {
    opened?.close();
    post({ type: 'closed' });
    return;
  }
  prefs = message.prefs;
  try {
    opened ??= openTask();
  } catch (error) {
    post({ type: 'result', id: message.id, envelope: errorEnvelopeOf(error) });
    return;
  }
  post({ type: 'result', id: message.id, envelope: await opened.call(message.method, message.arg, message.seatToken) });
});
