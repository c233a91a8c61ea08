/**
 * The benchmark data folder: a real DrillDesk back end on a SQLite file in a
 * temp directory, holding the generated scenarios (imported through the API,
 * as a user would) and the long run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorTextOf, type ApiMethod, type ApiOutputs, type Envelope } from '../shared/api';
import type { ScenarioBody } from '../shared/model';
import { scenarioFileTextOf } from '../shared/scenarioFile';
import { openBackend, type Backend } from '../electron/core/backend';
import { openNodeWorkerBackend } from '../electron/core/nodeBackend';
import type { WorkerBackend } from '../electron/core/workerBackend';
import { memoryPrefsStore } from '../electron/core/prefs';
import { DB_FILE } from '../electron/storage/dataDir';
import { openDatabase } from '../electron/storage/db';
import * as runs from '../electron/storage/runs';
import { runEventOf } from '../shared/runState';
import { runEventsOf, scenarioOf } from './generate';

export type BenchSizes = {
  /** The big scenario for autosave, open and memory (issue: 5,000 steps, 8,000 edges). */
  big: { steps: number; edges: number };
  /** The editor's scenario and the run's plan (2,000 steps, 3,000 edges). */
  editor: { steps: number; edges: number };
  /** Events in the long run (100,000). */
  runEvents: number;
  /** Sizes for the planned schedule (1k, 10k, 100k steps; edges twice as many). */
  schedule: number[];
};

export const FULL_SIZES: BenchSizes = {
  big: { steps: 5_000, edges: 8_000 },
  editor: { steps: 2_000, edges: 3_000 },
  runEvents: 100_000,
  schedule: [1_000, 10_000, 100_000],
};

export const SMOKE_SIZES: BenchSizes = {
  big: { steps: 50, edges: 80 },
  editor: { steps: 20, edges: 30 },
  runEvents: 300,
  schedule: [100, 200, 400],
};

export const SEEDS = { big: 5000, editor: 2000, run: 100 } as const;

/** An empty folder to pass as the templates folder, so no sample scenarios are seeded. */
const NO_TEMPLATES = path.join(os.tmpdir(), 'drilldesk-bench-no-templates');

export function openBenchBackend(dataDir: string): Backend {
  fs.mkdirSync(NO_TEMPLATES, { recursive: true });
  return openBackend({ dataDir, templatesDir: NO_TEMPLATES, prefs: memoryPrefsStore(), log: () => {} });
}

/** The back end as the app runs it: the service in worker threads on `dataDir` (no samples seeded). */
export function openBenchWorkerBackend(dataDir: string): Promise<WorkerBackend> {
  fs.mkdirSync(NO_TEMPLATES, { recursive: true });
  return openNodeWorkerBackend(dataDir, { templatesDir: NO_TEMPLATES, prefs: memoryPrefsStore(), log: () => {} });
}

/** Calls one API method through the dispatcher; throws on an error envelope. */
export async function callOf<M extends ApiMethod>(backend: Pick<Backend, 'call'>, method: M, arg: unknown): Promise<ApiOutputs[M]> {
  const envelope = (await backend.call(method, arg)) as Envelope<ApiOutputs[M]>;
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${errorTextOf(envelope.error, 'en').text} ${errorTextOf(envelope.error, 'en').details.slice(0, 3).join('; ')}`);
  return envelope.value;
}

export type BenchData = {
  dataDir: string;
  bigBody: ScenarioBody;
  bigId: string;
  editorBody: ScenarioBody;
  editorId: string;
  runId: string;
  runEvents: number;
};

/**
 * Creates the data folder: imports the big and the editor scenario through
 * `importScenario`, starts a run of the editor scenario with `createRun`, and
 * writes its long event log straight through the storage module in one
 * transaction (recording 100,000 events one call at a time, each fsynced,
 * would take minutes and is not what is being measured). The back end is
 * closed again, so the caller can open it wherever it needs it.
 */
export async function createBenchData(sizes: BenchSizes, log: (line: string) => void): Promise<BenchData> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-bench-'));
  const bigBody = scenarioOf({ ...sizes.big, seed: SEEDS.big });
  const editorBody = scenarioOf({ ...sizes.editor, seed: SEEDS.editor });
  const backend = openBenchBackend(dataDir);
  let bigId: string;
  let editorId: string;
  let runId: string;
  let startedAt: string;
  try {
    log(`importing a ${sizes.big.steps}-step scenario and a ${sizes.editor.steps}-step scenario into ${dataDir}`);
    bigId = (await callOf(backend, 'importScenario', { text: scenarioFileTextOf(bigBody) })).id;
    editorId = (await callOf(backend, 'importScenario', { text: scenarioFileTextOf(editorBody) })).id;
    const run = await callOf(backend, 'createRun', { scenarioId: editorId, name: `基准回放 ${sizes.runEvents} 条记录` });
    runId = run.id;
    startedAt = run.startedAt;
  } finally {
    backend.close();
  }

  log(`writing a run of ${sizes.runEvents} events`);
  const events = runEventsOf({ plan: editorBody, events: sizes.runEvents, seed: SEEDS.run, startedAt });
  const db = openDatabase(path.join(dataDir, DB_FILE));
  try {
    const recordedAt = new Date().toISOString();
    db.transaction(() => {
      for (const event of events) {
        const { seq: _seq, runId: _runId, supersededBy: _supersededBy, ...fields } = runEventOf(event);
        runs.insertEvent(db, runId, { ...fields, recordedAt });
      }
      runs.setRunStatus(db, runId, 'ended', events[events.length - 1].at);
    })();
  } finally {
    db.close();
  }
  return { dataDir, bigBody, bigId, editorBody, editorId, runId, runEvents: events.length };
}

export function removeBenchData(data: BenchData) {
  fs.rmSync(data.dataDir, { recursive: true, force: true });
}
