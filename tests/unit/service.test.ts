/**
 * The service against a real SQLite file in a temp folder: every contract
 * operation through the same dispatcher the transports use.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS, HOST_METHODS, SHARING_METHODS, type ApiMethod, type ApiOutputs } from '../../shared/api';
import { openBackend, type Backend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { DB_FILE } from '../../electron/storage/dataDir';
import { openDatabase, schemaVersionOf } from '../../electron/storage/db';
import { migrations } from '../../electron/storage/migrations/index';
import { dumpOf, valueOf } from '../support/storage';
import { wordedErrorOf } from '../support/storage';

const EMPTY_TEMPLATES = path.join(os.tmpdir(), 'drilldesk-no-templates');

let dataDir: string;
let backend: Backend;

const call = <M extends ApiMethod>(method: M, arg: unknown): Promise<ApiOutputs[M]> => valueOf(backend, method, arg);

async function refusal(method: string, arg: unknown) {
  const envelope = await backend.call(method, arg);
  if (envelope.ok) throw new Error(`${method} unexpectedly succeeded`);
  return wordedErrorOf(envelope.error);
}

/** Every row of every table: what "nothing changed" is checked against. */
const dump = (): string => dumpOf(path.join(dataDir, DB_FILE));

const flood = {
  title: '防汛演练',
  objectives: [{ id: 'obj-1', text: '检验停水情况下安置点供水保障能力' }],
};

async function scenarioWithGraph() {
  const scenario = await call('createScenario', { meta: flood });
  await call('applyGraphOps', {
    scenarioId: scenario.id,
    baseRevision: scenario.revision,
    ops: [
      { op: 'addRole', role: { id: 'r-water', name: '供水保障组', category: 'player' } },
      { op: 'addStep', step: { id: 's1', kind: 'inject', title: '自来水厂停电', roleIds: ['r-water'], durationMin: 2 } },
      { op: 'addStep', step: { id: 's2', kind: 'action', title: '启用备用发电机', roleIds: ['r-water'], durationMin: 15, objectiveIds: ['obj-1'] } },
      { op: 'addEdge', edge: { id: 'e1', source: 's1', target: 's2', lagMin: 3 } },
    ],
  });
  return call('getScenario', { id: scenario.id });
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-service-'));
  backend = openBackend({ dataDir, templatesDir: EMPTY_TEMPLATES, prefs: memoryPrefsStore(), log: () => {} });
});

afterEach(() => {
  backend.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('opening a data folder', () => {
  it('creates the schema from an empty file with every migration applied', () => {
    backend.close();
    const db = openDatabase(path.join(dataDir, DB_FILE));
    expect(schemaVersionOf(db)).toBe(migrations.length);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['scenarios', 'steps', 'edges', 'roles', 'runs', 'run_events', 'annotations', 'fragments']));
    db.close();
    backend = openBackend({ dataDir, templatesDir: EMPTY_TEMPLATES, prefs: memoryPrefsStore(), log: () => {} });
  });

  it('seeds a new database with the sample scenarios, once', async () => {
    backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    const templatesDir = path.resolve('scenarios');
    backend = openBackend({ dataDir, templatesDir, prefs: memoryPrefsStore(), log: () => {} });
    const templates = await call('listTemplates', {});
    expect(templates.length).toBeGreaterThan(0);
    expect((await call('listScenarios', {})).length).toBe(templates.length);
    backend.close();
    backend = openBackend({ dataDir, templatesDir, prefs: memoryPrefsStore(), log: () => {} });
    expect((await call('listScenarios', {})).length).toBe(templates.length);
  });
});

describe('scenarios', () => {
  it('creates, lists, searches, renames, duplicates and deletes', async () => {
    const scenario = await call('createScenario', { meta: flood });
    expect(scenario.title).toBe('防汛演练');
    expect(scenario.revision).toBe(0);
    expect((await call('listScenarios', { query: '防汛' })).map((s) => s.id)).toEqual([scenario.id]);
    expect(await call('listScenarios', { query: '地震' })).toEqual([]);

    const renamed = await call('updateScenarioMeta', { id: scenario.id, patch: { title: '汛期演练', startTime: '09:00' } });
    expect(renamed.title).toBe('汛期演练');
    expect(renamed.startTime).toBe('09:00');
    expect(renamed.revision).toBe(1);

    const copy = await call('duplicateScenario', { id: scenario.id });
    expect(copy.title).toBe('汛期演练（副本）');
    expect(copy.sourceId).toBe(scenario.id);

    await call('deleteScenario', { id: scenario.id });
    expect((await call('listScenarios', {})).map((s) => s.id)).toEqual([copy.id]);
    expect((await refusal('getScenario', { id: scenario.id })).code).toBe('not-found');
  });

  it('applies graph edits as small operations and bumps the revision once per edit', async () => {
    const scenario = await scenarioWithGraph();
    expect(scenario.revision).toBe(1);
    expect(scenario.steps.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(scenario.edges[0]).toMatchObject({ source: 's1', target: 's2', lagMin: 3, kind: 'sequence' });

    await call('applyGraphOps', {
      scenarioId: scenario.id,
      baseRevision: 1,
      ops: [
        { op: 'moveSteps', moves: [{ id: 's2', position: { x: 300, y: 40 } }] },
        { op: 'updateStep', id: 's2', patch: { title: '启动备用发电机组', durationMin: 20 } },
      ],
    });
    const after = await call('getScenario', { id: scenario.id });
    expect(after.revision).toBe(2);
    expect(after.steps[1]).toMatchObject({ title: '启动备用发电机组', durationMin: 20, position: { x: 300, y: 40 } });
  });

  it('refuses an edit made on an old revision, changing nothing', async () => {
    const scenario = await scenarioWithGraph();
    const before = dump();
    const error = await refusal('applyGraphOps', {
      scenarioId: scenario.id,
      baseRevision: 0,
      ops: [{ op: 'removeStep', id: 's1' }],
    });
    expect(error.code).toBe('conflict');
    expect(dump()).toBe(before);
  });

  it('rolls back a whole edit when one operation in it fails', async () => {
    const scenario = await scenarioWithGraph();
    const before = dump();
    const error = await refusal('applyGraphOps', {
      scenarioId: scenario.id,
      baseRevision: 1,
      ops: [
        { op: 'updateStep', id: 's1', patch: { title: '改了' } },
        { op: 'addEdge', edge: { id: 'e2', source: 's2', target: 'missing' } },
      ],
    });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('edge "e2" ends at missing step "missing"');
    expect(error.details).toContain('in operation 2 of the edit (addEdge)');
    expect(dump()).toBe(before);
  });

  it('refuses to remove a role that steps still use, and removes it once unassigned', async () => {
    const scenario = await scenarioWithGraph();
    expect((await refusal('applyGraphOps', { scenarioId: scenario.id, baseRevision: 1, ops: [{ op: 'removeRole', id: 'r-water' }] })).message).toContain(
      '自来水厂停电',
    );
    await call('applyGraphOps', {
      scenarioId: scenario.id,
      baseRevision: 1,
      ops: [
        { op: 'updateStep', id: 's1', patch: { roleIds: [] } },
        { op: 'updateStep', id: 's2', patch: { roleIds: [] } },
        { op: 'removeRole', id: 'r-water' },
      ],
    });
    expect((await call('getScenario', { id: scenario.id })).roles).toEqual([]);
  });

  it('reads steps and edges back in their stored order', async () => {
    const scenario = await scenarioWithGraph();
    await call('applyGraphOps', {
      scenarioId: scenario.id,
      baseRevision: 1,
      ops: [{ op: 'addStep', step: { id: 'a0', kind: 'milestone', title: '最后加入' } }, { op: 'addEdge', edge: { id: 'e0', source: 's2', target: 'a0' } }],
    });
    backend.close();
    const db = openDatabase(path.join(dataDir, DB_FILE));
    db.prepare('UPDATE steps SET ord = -ord WHERE scenario_id = ?').run(scenario.id);
    db.prepare('UPDATE edges SET ord = -ord WHERE scenario_id = ?').run(scenario.id);
    db.close();
    backend = openBackend({ dataDir, templatesDir: EMPTY_TEMPLATES, prefs: memoryPrefsStore(), log: () => {} });
    const after = await call('getScenario', { id: scenario.id });
    expect(after.steps.map((s) => [s.id, s.position])).toEqual([
      ['a0', { x: 0, y: 0 }],
      ['s2', { x: 0, y: 0 }],
      ['s1', { x: 0, y: 0 }],
    ]);
    expect(after.edges.map((e) => [e.id, e.source, e.target])).toEqual([
      ['e0', 's2', 'a0'],
      ['e1', 's1', 's2'],
    ]);
  });

  it('removing a step removes its edges', async () => {
    const scenario = await scenarioWithGraph();
    await call('applyGraphOps', { scenarioId: scenario.id, baseRevision: 1, ops: [{ op: 'removeStep', id: 's1' }] });
    const after = await call('getScenario', { id: scenario.id });
    expect(after.steps.map((s) => s.id)).toEqual(['s2']);
    expect(after.edges).toEqual([]);
  });

  it('exports a file that imports back to the same graph', async () => {
    const drafted = await scenarioWithGraph();
    await call('applyGraphOps', {
      scenarioId: drafted.id,
      baseRevision: drafted.revision,
      ops: [{ op: 'moveSteps', moves: [{ id: 's1', position: { x: 0, y: 0 } }, { id: 's2', position: { x: 320, y: 10 } }] }],
    });
    const scenario = await call('getScenario', { id: drafted.id });
    const file = await call('exportScenario', { id: scenario.id });
    expect(file.fileName).toBe('防汛演练.drill.json');
    expect(JSON.parse(file.text).formatVersion).toBe(2);
    const imported = await call('importScenario', { text: file.text });
    const copy = await call('getScenario', { id: imported.id });
    const strip = ({ id: _i, revision: _r, createdAt: _c, updatedAt: _u, sourceId: _s, ...body }: typeof copy) => body;
    expect(strip(copy)).toEqual(strip(scenario));
  });

  it('refuses a broken file with a message that says where, changing nothing', async () => {
    await scenarioWithGraph();
    const before = dump();
    const broken = JSON.stringify({
      formatVersion: 1,
      scenario: { title: 'x', steps: [{ id: 'a', kind: 'action', title: 'A' }], edges: [{ id: 'e', source: 'a', target: 'zzz' }] },
    });
    const error = await refusal('importScenario', { text: broken });
    expect(error.code).toBe('invalid-argument');
    expect(error.details).toContain('scenario.edges[0].target: edge "e" ends at missing step "zzz"');
    expect((await refusal('importScenario', { text: '{"formatVersion": 1, "scenario": ' })).message).toContain('not valid JSON');
    expect((await refusal('importScenario', { text: '{"formatVersion": 9, "scenario": {}}' })).message).toContain('newer');
    expect(dump()).toBe(before);
  });

  it('words a broken drill file in Chinese for the Chinese screen, the parser’s own words only as a detail', async () => {
    const bytes = Buffer.from('{"formatVersion": 2, "scenario": ', 'utf8').toString('base64');
    const envelope = await backend.call('importScenario', { dataBase64: bytes });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument', key: 'errors.scenario.invalidFile' } });
    if (envelope.ok) return;
    expect(envelope.error).not.toHaveProperty('message');
    const zh = wordedErrorOf(envelope.error, 'zh');
    expect(zh.message).toBe('文件不是有效的演练文件：不是有效的 JSON 文本');
    expect(zh.message.replace('JSON', '')).not.toMatch(/[A-Za-z]/);
    expect(zh.details).toEqual([expect.stringMatching(/JSON/)]);
    expect(wordedErrorOf(envelope.error, 'en').message).toBe('the file is not a valid scenario: not valid JSON');
  });
});

describe('runs and events', () => {
  it('records events in order, keeps corrections as such, and ends the run', async () => {
    const scenario = await scenarioWithGraph();
    const run = await call('createRun', { scenarioId: scenario.id, name: '预演' });
    expect(run.plan.steps.map((s) => s.id)).toEqual(['s1', 's2']);
    // Times after the run's start (an event may not lie far from its run: runBounds.ts).
    const at = (minutes: number) => new Date(Date.parse(run.startedAt) + minutes * 60_000).toISOString();
    const delivered = await call('recordEvent', { runId: run.id, event: { kind: 'inject-delivered', stepId: 's1', at: at(0) } });
    await call('recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's2', at: at(5) } });
    const correction = await call('correctEvent', { runId: run.id, seq: delivered.seq, at: at(1), text: '电话通知' });
    expect(correction.corrects).toBe(delivered.seq);
    await call('recordEvent', { runId: run.id, event: { kind: 'ended', at: at(60) } });

    const { run: stored, events } = await call('getRun', { id: run.id });
    expect(stored.status).toBe('ended');
    expect(stored.endedAt).toBe(at(60));
    expect(events.map((e) => [e.kind, e.supersededBy !== null])).toEqual([
      ['inject-delivered', true],
      ['started', false],
      ['inject-delivered', false],
      ['ended', false],
    ]);
    expect((await refusal('recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's1' } })).code).toBe('conflict');
    expect((await refusal('correctEvent', { runId: run.id, seq: delivered.seq, text: 'again' })).message).toContain('already corrected');
    expect((await call('listRuns', { scenarioId: scenario.id })).map((r) => [r.name, r.eventCount])).toEqual([['预演', 4]]);
  });

  it('refuses an event for a step outside the plan, and a step event without a step', async () => {
    const scenario = await scenarioWithGraph();
    const run = await call('createRun', { scenarioId: scenario.id, name: '预演' });
    const before = dump();
    expect((await refusal('recordEvent', { runId: run.id, event: { kind: 'started', stepId: 'nope' } })).code).toBe('invalid-argument');
    const stepless = await refusal('recordEvent', { runId: run.id, event: { kind: 'completed' } });
    expect([stepless.message, ...stepless.details].join('\n')).toContain('event.stepId: a "completed" event must name a step');
    expect(dump()).toBe(before);
  });

  it('shifts the plan as an event and pauses and resumes the run', async () => {
    const scenario = await scenarioWithGraph();
    const run = await call('createRun', { scenarioId: scenario.id, name: '正式演练' });
    await call('recordEvent', { runId: run.id, event: { kind: 'paused' } });
    expect((await call('getRun', { id: run.id })).run.status).toBe('paused');
    await call('recordEvent', { runId: run.id, event: { kind: 'resumed' } });
    const shift = await call('shiftPlan', { runId: run.id, minutes: 10, reason: '现场道路积水' });
    expect(shift).toMatchObject({ kind: 'plan-shifted', shiftMin: 10, text: '现场道路积水' });
    expect((await call('getRun', { id: run.id })).run.status).toBe('running');
    await call('deleteRun', { id: run.id });
    expect(await call('listRuns', {})).toEqual([]);
  });
});

describe('annotations, fragments, preferences and backups', () => {
  it('keeps debrief annotations per run', async () => {
    const scenario = await scenarioWithGraph();
    const run = await call('createRun', { scenarioId: scenario.id, name: '预演' });
    const note = await call('addAnnotation', {
      runId: run.id,
      fields: { at: '2026-06-18T01:10:00.000Z', stepId: 's2', kind: 'improvement', text: '备用发电机启动慢', ownerRoleId: 'r-water', dueDate: '2026-07-01' },
    });
    expect(note.done).toBe(false);
    await call('updateAnnotation', { id: note.id, patch: { done: true } });
    expect((await call('listAnnotations', { scenarioId: scenario.id }))[0]).toMatchObject({ done: true, text: '备用发电机启动慢' });
    await call('deleteAnnotation', { id: note.id });
    expect(await call('listAnnotations', { runId: run.id })).toEqual([]);
  });

  it('saves and deletes fragments', async () => {
    const fragment = await call('saveFragment', {
      name: '停电停水',
      body: { roles: [], steps: [{ id: 'a', kind: 'inject', title: '全城停电' }], edges: [] },
    });
    expect((await call('listFragments', {})).map((f) => f.name)).toEqual(['停电停水']);
    await call('deleteFragment', { id: fragment.id });
    expect(await call('listFragments', {})).toEqual([]);
  });

  it('reads and writes preferences', async () => {
    expect((await call('getPrefs', {})).language).toBe('zh');
    expect((await call('setPrefs', { patch: { language: 'en' } })).language).toBe('en');
    expect((await refusal('setPrefs', { patch: { language: 'fr' } })).code).toBe('invalid-argument');
  });

  it('takes a backup and restores it', async () => {
    const scenario = await scenarioWithGraph();
    const backup = await call('createBackup', {});
    await call('deleteScenario', { id: scenario.id });
    expect((await call('listBackups', {})).map((b) => b.name)).toContain(backup.name);
    await call('restoreBackup', { name: backup.name });
    expect((await call('listScenarios', {})).map((s) => s.id)).toEqual([scenario.id]);
    expect((await call('storageStatus', {})).schemaVersion).toBe(migrations.length);
  });
});

describe('the boundary', () => {
  it('names the problem in a bad call and changes nothing', async () => {
    await scenarioWithGraph();
    const before = dump();
    const cases: [string, unknown, string][] = [
      ['createScenario', { meta: { title: '' } }, 'meta.title: must not be empty'],
      ['createScenario', { meta: { title: 'x' }, extra: 1 }, 'has unknown fields: extra'],
      ['getScenario', { id: '../etc/passwd' }, 'id: must be letters'],
      ['applyGraphOps', { scenarioId: 'x', baseRevision: 0, ops: [{ op: 'explode' }] }, 'ops.0.op'],
      ['recordEvent', { runId: 'x', event: { kind: 'started', stepId: 's1', rating: 9 } }, 'event.rating'],
      ['listScenarios', 'not an object', 'has the wrong type (expected object)'],
    ];
    for (const [method, arg, fragment] of cases) {
      const error = await refusal(method, arg);
      expect(error.code, method).toBe('invalid-argument');
      expect([error.message, ...error.details].join('\n'), method).toContain(fragment);
    }
    expect((await refusal('dropDatabase', {})).code).toBe('unknown-method');
    expect(dump()).toBe(before);
  });

  it("lists every contract method in the service, except the worker host's own and the web server's sharing", () => {
    const service = backend.service();
    const elsewhere: readonly string[] = [...HOST_METHODS, ...SHARING_METHODS];
    expect(Object.keys(service).sort()).toEqual(API_METHODS.filter((method) => !elsewhere.includes(method)).sort());
  });
});
