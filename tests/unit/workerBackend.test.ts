/**
 * The back end in worker threads (`workerBackend.ts`): calls relayed through
 * real workers on real SQLite in temp folders. A long call that runs past its
 * budget or its memory limit, or is cancelled, ends its worker and changes
 * nothing; the main worker, when it dies, comes back on the same database;
 * other calls are answered while an import runs.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, TaskInfo } from '../../shared/api';
import type { RunSummary, ScenarioSummary } from '../../shared/model';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { openNodeWorkerBackend } from '../../electron/core/nodeBackend';
import { openWorkerBackend, type Budgets, type WorkerBackend } from '../../electron/core/workerBackend';
import { DB_FILE } from '../../electron/storage/dataDir';
import { dumpOf, integrityOf, removeTempDirs, repoRoot, tempDir, valueOf } from '../support/storage';
import { errorTextOf } from '../../shared/api';

/** A refusal's headline as an English screen shows it. */
const wordedOf = (envelope: Envelope<unknown>) => (envelope.ok ? '' : errorTextOf(envelope.error, 'en').text);

const opened: WorkerBackend[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((backend) => backend.close()));
  removeTempDirs();
});

async function open(dataDir = tempDir(), budgets: Partial<Budgets> = {}) {
  const prefs = memoryPrefsStore();
  const backend = await openNodeWorkerBackend(dataDir, { prefs, budgets, log: () => {} });
  opened.push(backend);
  return { backend, prefs, dataDir, file: path.join(dataDir, DB_FILE) };
}

/** A run log of `rows` observations, one a second from 09:00 (+08:00). */
/** A run log of `rows` observations, each with `padding` more characters of text. */
function runLogOf(rows: number, padding = 0): string {
  const lines = ['time,kind,text'];
  const start = Date.parse('2026-05-20T09:00:00+08:00');
  for (let i = 0; i < rows; i++) lines.push(`${new Date(start + i * 1000).toISOString()},观察,第 ${i + 1} 条记录${'。'.repeat(padding)}`);
  return lines.join('\n');
}

const firstScenario = async (backend: WorkerBackend) => (await valueOf(backend, 'listScenarios', {}))[0] as ScenarioSummary;

/** Resolves with the first task listed (polling, as the renderer does). */
async function firstTask(backend: WorkerBackend): Promise<TaskInfo> {
  for (;;) {
    const tasks = await valueOf(backend, 'listTasks', {});
    if (tasks.length > 0) return tasks[0];
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('the back end in workers', () => {
  it('serves calls through the main worker, with preferences kept by the host', async () => {
    const { backend, prefs } = await open();
    expect((await valueOf(backend, 'listScenarios', {})).length).toBeGreaterThan(0);
    await valueOf(backend, 'setPrefs', { patch: { language: 'en', snapToGrid: false } });
    expect(prefs.read()).toMatchObject({ language: 'en', snapToGrid: false });
    expect(await valueOf(backend, 'getPrefs', {})).toMatchObject({ language: 'en' });
    const refused = await backend.call('getScenario', { id: 'x', extra: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('refuses a second back end on the same folder in the same process, and opens it again once closed', async () => {
    const { backend, dataDir } = await open();
    await expect(openNodeWorkerBackend(dataDir, { log: () => {} })).rejects.toThrow('already open in this DrillDesk');
    await backend.close();
    opened.splice(opened.indexOf(backend), 1);
    const again = await open(dataDir);
    expect((await again.backend.call('listScenarios', {})).ok).toBe(true);
  });

  it('runs an import in a task worker of its own and lists it while it runs', async () => {
    const { backend } = await open();
    const scenario = await firstScenario(backend);
    const importing = backend.call('importRunCsv', { scenarioId: scenario.id, name: '补录', csv: runLogOf(3000) });
    const task = await firstTask(backend);
    expect(task).toMatchObject({ method: 'importRunCsv', budgetMs: 30_000 });
    const done = (await importing) as Envelope<RunSummary>;
    expect(done).toMatchObject({ ok: true, value: { eventCount: 3000, source: 'imported' } });
    expect(await valueOf(backend, 'listTasks', {})).toEqual([]);
  });

  it('answers other calls while a long import runs', async () => {
    const { backend } = await open();
    const scenario = await firstScenario(backend);
    let importDone = false;
    const importing = backend.call('importRunCsv', { scenarioId: scenario.id, name: '补录', csv: runLogOf(19_000) }).then((envelope) => {
      importDone = true;
      return envelope;
    });
    await firstTask(backend);
    const other = await backend.call('listScenarios', {});
    expect(other.ok).toBe(true);
    expect(importDone).toBe(false);
    expect((await importing).ok).toBe(true);
  });

  it('ends an import that runs past its time budget; nothing is changed and the app goes on', async () => {
    const { backend, file } = await open(tempDir(), { importMs: 20 });
    const scenario = await firstScenario(backend);
    const before = dumpOf(file);
    const result = await backend.call('importRunCsv', { scenarioId: scenario.id, name: '补录', csv: runLogOf(19_000, 200) });
    expect(result).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(wordedOf(result)).toBe('the import took longer than 20 ms and was stopped; nothing was changed');
    expect(dumpOf(file)).toBe(before);
    expect((await backend.call('listScenarios', {})).ok).toBe(true);
    expect(backend.mainStarts()).toBe(1);
  });

  it('ends an import that needs more memory than allowed; nothing is changed', async () => {
    const { backend, file } = await open(tempDir(), { taskHeapMb: 48 });
    const scenario = await firstScenario(backend);
    expect((await backend.call('importRunCsv', { scenarioId: scenario.id, name: '小', csv: runLogOf(20) })).ok).toBe(true);
    const before = dumpOf(file);
    const result = await backend.call('importRunCsv', { scenarioId: scenario.id, name: '补录', csv: runLogOf(19_000, 200) });
    expect(result).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(wordedOf(result)).toBe('the import needs more memory than allowed and was stopped; nothing was changed');
    expect(dumpOf(file)).toBe(before);
    expect(integrityOf(file)).toEqual(['ok']);
  });

  it('cancels an import: its worker is ended and nothing is written', async () => {
    const { backend, file } = await open();
    const scenario = await firstScenario(backend);
    const before = dumpOf(file);
    const importing = backend.call('importRunCsv', { scenarioId: scenario.id, name: '补录', csv: runLogOf(19_000) });
    const task = await firstTask(backend);
    expect(await valueOf(backend, 'cancelTask', { id: task.id })).toEqual({ cancelled: true });
    expect(await importing).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(wordedOf(await importing)).toBe('the import was cancelled; nothing was changed');
    expect(dumpOf(file)).toBe(before);
    expect(await valueOf(backend, 'cancelTask', { id: task.id })).toEqual({ cancelled: false });
  });

  it('keeps every acknowledged write when import workers are killed at any moment, and the file stays whole', async () => {
    const { backend, file } = await open();
    const scenario = await firstScenario(backend);
    const run = await valueOf(backend, 'createRun', { scenarioId: scenario.id, name: '实战' });
    // Seeded delays (a linear congruential sequence) spread the kills over reading, checking and writing.
    let seed = 18;
    const nextDelay = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 400;
    };
    const acknowledged: string[] = [];
    let imported = 0;
    for (let round = 0; round < 6; round++) {
      const importing = backend.call('importRunCsv', { scenarioId: scenario.id, name: `补录 ${round}`, csv: runLogOf(4000) });
      const task = await firstTask(backend);
      const text = `第 ${round} 轮观察`;
      const recorded = await backend.call('recordEvent', { runId: run.id, event: { kind: 'observation', text } });
      if (recorded.ok) acknowledged.push(text);
      await new Promise((resolve) => setTimeout(resolve, nextDelay()));
      await backend.call('cancelTask', { id: task.id });
      if ((await importing).ok) imported++;
    }
    expect(integrityOf(file)).toEqual(['ok']);
    const events = (await valueOf(backend, 'getRun', { id: run.id })).events.map((event) => event.text);
    expect(events).toEqual(acknowledged);
    expect(acknowledged).toHaveLength(6);
    const runs = await valueOf(backend, 'listRuns', { scenarioId: scenario.id });
    const importedRuns = runs.filter((r) => r.source === 'imported');
    expect(importedRuns).toHaveLength(imported);
    for (const r of importedRuns) expect(r.eventCount).toBe(4000);
    // Six 4,000-row imports on a loaded machine (the whole suite runs beside it) can take a minute.
  }, 180_000);

  it('starts the main worker again on the same database when it dies, answering the calls it held with "nothing was changed"', async () => {
    const { backend, file } = await open();
    const scenario = await firstScenario(backend);
    const run = await valueOf(backend, 'createRun', { scenarioId: scenario.id, name: '实战' });
    await valueOf(backend, 'recordEvent', { runId: run.id, event: { kind: 'observation', text: '已确认' } });
    const held = backend.call('getRun', { id: run.id });
    await backend.killMainWorker();
    expect(await held).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(wordedOf(await held)).toBe('the back end stopped unexpectedly during the call; nothing was changed');
    const after = await valueOf(backend, 'getRun', { id: run.id });
    expect(after.events.map((event) => event.text)).toEqual(['已确认']);
    expect(backend.mainStarts()).toBe(2);
    expect(integrityOf(file)).toEqual(['ok']);
  });

  it("counts a call's budget from when the worker reaches it: calls queued behind others are not ended, one call past it is", async () => {
    // A stand-in worker that holds its thread for each call's `ms`, one call at a time (tests/support/slowWorker.mjs).
    const backend = await openWorkerBackend({
      dataDir: tempDir(),
      templatesDir: tempDir(),
      prefs: memoryPrefsStore(),
      workerScript: path.join(repoRoot, 'tests/support/slowWorker.mjs'),
      budgets: { callMs: 1000 },
      warmTaskWorker: false,
      log: () => {},
    });
    opened.push(backend);
    // Four calls of 400 ms sent at once: the last is answered 1.6 s after it was sent, yet none ran past 1 s.
    const queued = await Promise.all([0, 1, 2, 3].map(() => backend.call('getRun', { ms: 400 })));
    expect(queued.map((envelope) => envelope.ok)).toEqual([true, true, true, true]);
    expect(backend.mainStarts()).toBe(1);
    const stuck = await backend.call('getRun', { ms: 3000 });
    expect(stuck).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(backend.mainStarts()).toBe(2);
  });

  it('refuses another long call beyond the allowed number, and a restore while one runs', async () => {
    const { backend } = await open(tempDir(), { maxTasks: 1 });
    const scenario = await firstScenario(backend);
    const importing = backend.call('importRunCsv', { scenarioId: scenario.id, name: '补录', csv: runLogOf(19_000) });
    await firstTask(backend);
    expect(await backend.call('exportXlsx', { scenarioId: scenario.id, document: 'script' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await backend.call('restoreBackup', { name: 'x.sqlite' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await importing).ok).toBe(true);
  });
});
