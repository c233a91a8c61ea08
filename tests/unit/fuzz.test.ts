/**
 * Every contract operation, called with fuzzed arguments (wrong types, extra
 * and prototype keys, missing fields, huge strings, NaN and infinities, broken
 * Unicode, deep nesting, ids that point nowhere) through the service's
 * dispatcher and through the HTTP transport: the same typed error both ways,
 * no stack trace, and nothing changed (no commit seen by another connection,
 * the same full database dump, the same preferences and backups).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, ApiErrorCodeSchema, apiInputs, type ApiMethod, type Envelope } from '../../shared/api';
import type { Backend } from '../../electron/core/backend';
import { DB_FILE } from '../../electron/storage/dataDir';
import { startWebServer, TOKEN_HEADER, type WebServer } from '../../electron/web/server';
import { eventHubOf, liveBackendOf } from '../../electron/web/events';
import { sharingHostOf, type SharingHost } from '../../electron/web/sharing';
import { dumpOf, HOSTILE_DIR, openTestBackend, removeTempDirs, repoRoot, tempDir, valueOf } from '../support/storage';

let backend: Backend;
/** What the browser-mode server serves: the back end with the sharing operations in front (no interface offered, so nothing is shared). */
let front: SharingHost;
let web: WebServer;
let dbFile: string;
let watcher: Database.Database;
const valid: Partial<Record<ApiMethod, Record<string, unknown>>> = {};

beforeAll(async () => {
  const dataDir = tempDir();
  backend = openTestBackend(dataDir);
  dbFile = path.join(dataDir, DB_FILE);
  const hub = eventHubOf();
  front = sharingHostOf({ backend: liveBackendOf(backend, hub), hub, rendererDir: tempDir(), interfaces: () => [] });
  web = await startWebServer({ backend: front, hub, rendererDir: tempDir(), port: 0 });

  // Real data for the arguments to point at.
  const [template] = await valueOf(backend, 'listTemplates', {});
  const [scenario, other] = await valueOf(backend, 'listScenarios', {});
  const full = await valueOf(backend, 'getScenario', { id: scenario.id });
  const step = full.steps[0];
  const run = await valueOf(backend, 'createRun', { scenarioId: scenario.id, name: '模糊测试' });
  const event = await valueOf(backend, 'recordEvent', { runId: run.id, event: { kind: 'started', stepId: step.id } });
  await valueOf(backend, 'recordEvent', { runId: run.id, event: { kind: 'observation', text: '现场照片', clientId: 'fuzz-obs-0001' } });
  const annotation = await valueOf(backend, 'addAnnotation', { runId: run.id, fields: { at: run.startedAt, text: '通信不畅' } });
  const fragment = await valueOf(backend, 'saveFragment', { name: '片段', body: { roles: [], steps: [{ id: 'f1', kind: 'action', title: '处置' }], edges: [] } });
  const backup = await valueOf(backend, 'createBackup', {});
  const { seat } = await valueOf(backend, 'createSeat', { runId: run.id, seat: { kind: 'field-controller', name: '现场导调一', scope: { roleIds: [step.roleIds[0] ?? 'r'] } } });
  const newStep = { id: 'fz-1', kind: 'action', title: '新步骤', description: '说明', roleIds: [], durationMin: 10, position: { x: 10, y: 20 } };

  Object.assign(valid, {
    listScenarios: { query: '供水' },
    getScenario: { id: scenario.id },
    createScenario: { meta: { title: '新演练', location: '县城', drillDate: '2026-07-15', startTime: '09:00' } },
    updateScenarioMeta: { id: scenario.id, patch: { location: '县城区', objectives: [{ id: 'o1', text: '目标' }] } },
    duplicateScenario: { id: scenario.id, title: '副本' },
    deleteScenario: { id: other.id },
    applyGraphOps: {
      scenarioId: scenario.id,
      baseRevision: full.revision,
      ops: [
        { op: 'addStep', step: newStep },
        { op: 'updateStep', id: step.id, patch: { title: '改名', durationMin: 5 } },
        { op: 'moveSteps', moves: [{ id: step.id, position: { x: 1, y: 2 } }] },
        { op: 'addEdge', edge: { id: 'fz-e', source: step.id, target: 'fz-1', lagMin: 1 } },
      ],
    },
    importScenario: { text: fs.readFileSync(path.join(HOSTILE_DIR, 'base.drill.json'), 'utf8') },
    exportScenario: { id: scenario.id },
    listTemplates: {},
    listTasks: {},
    cancelTask: { id: 1 },
    createFromTemplate: { templateId: template.id },
    listRuns: { scenarioId: scenario.id },
    getRun: { id: run.id },
    createRun: { scenarioId: scenario.id, name: '第二次演练' },
    recordEvent: { runId: run.id, event: { kind: 'observation', stepId: step.id, text: '到位', rating: 4 } },
    correctEvent: { runId: run.id, seq: event.seq, at: run.startedAt, text: '更正' },
    resolveDuplicate: { runId: run.id, seq: event.seq },
    shiftPlan: { runId: run.id, minutes: 10, reason: '暴雨' },
    deleteRun: { id: run.id },
    setRunParticipants: { runId: run.id, participants: 42 },
    updateRunDocFields: { id: run.id, docFields: { unit: '县生态环境局', drafter: '', reviewer: '', approver: '', version: '', date: null, classification: '', recipients: '', copyTo: '', signOff: '' } },
    importRunCsv: { scenarioId: scenario.id, name: '导入', csv: `时间,步骤,事件类型\n09:00,${step.title},开始\n` },
    exportRunCsv: { id: run.id },
    exportRunArchive: { id: run.id },
    previewPlanImport: { fileName: 'plan.csv', dataBase64: Buffer.from('时间,情景,处置动作\n09:00,停电,启动预案\n').toString('base64') },
    importPlanTable: { fileName: 'plan.csv', dataBase64: Buffer.from('时间,情景,处置动作\n09:00,停电,启动预案\n').toString('base64') },
    importEvalForm: { fileName: 'form.csv', dataBase64: Buffer.from('评估项目,评估内容,评估标准\n预警,1.1 及时通报,10分钟内\n').toString('base64') },
    listAnnotations: { runId: run.id },
    addAnnotation: { runId: run.id, fields: { at: run.startedAt, stepId: step.id, kind: 'improvement', text: '改进', dueDate: '2026-08-01' } },
    updateAnnotation: { id: annotation.id, patch: { text: '改', done: true } },
    deleteAnnotation: { id: annotation.id },
    listAttachments: { runId: run.id },
    attachPhoto: { runId: run.id, clientId: 'fuzz-obs-0001', photo: { dataBase64: fs.readFileSync(path.join(repoRoot, 'tests/fixtures/photos/site-water.jpg')).toString('base64'), caption: '现场' } },
    listFragments: {},
    saveFragment: { name: '片段二', body: { roles: [], steps: [newStep], edges: [] } },
    deleteFragment: { id: fragment.id },
    exportXlsx: { scenarioId: scenario.id, document: 'script', language: 'zh' },
    exportDocx: { document: 'script', scenarioId: scenario.id, language: 'zh' },
    getPrefs: {},
    setPrefs: { patch: { language: 'en', backupsToKeep: 5 } },
    listBackups: {},
    createBackup: {},
    restoreBackup: { name: backup.name },
    pinBackup: { name: backup.name, pinned: true },
    storageStatus: {},
    createSeat: { runId: run.id, seat: { kind: 'evaluator', name: '评估员', scope: { roleIds: [], sites: ['县城'], formIds: [] } } },
    listSeats: { runId: run.id },
    revokeSeat: { id: seat.id },
    joinSeat: { code: 'ABCD-EFGH' },
    getMySeat: {},
    listNetworkInterfaces: {},
    startSharing: { runId: run.id, address: '192.168.1.20', port: 0 },
    stopSharing: {},
    sharingStatus: {},
  });
  watcher = new Database(dbFile, { readonly: true });
});

afterAll(async () => {
  watcher.close();
  await web.close();
  backend.close();
  removeTempDirs();
});

async function overHttp(method: string, body: string): Promise<Envelope<unknown>> {
  const response = await fetch(`http://127.0.0.1:${web.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: web.token },
    body,
  });
  return (await response.json()) as Envelope<unknown>;
}

// ---------------------------------------------------------------------------
// The fuzzed arguments

const REMOVE = Symbol('remove');
type Path = (string | number)[];

/** Paths to every value inside an argument (the first element of each array stands for all). */
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return value.length > 0 ? [at, ...pathsOf(value[0], [...at, 0])] : [at];
  if (value !== null && typeof value === 'object') return [at, ...Object.entries(value).flatMap(([key, inner]) => pathsOf(inner, [...at, key]))];
  return [at];
}

/**
 * A deep copy built from `JSON.parse`'s objects and arrays: what a transport
 * hands the dispatcher. (Object literals in a vitest test file come from
 * another realm, which zod's messages describe as "Object", not "object".)
 * Keys are defined, not assigned, so a `__proto__` key stays an own key.
 */
function cloneOf(value: unknown): unknown {
  if (Array.isArray(value)) {
    const copy = JSON.parse('[]') as unknown[];
    for (const item of value) copy.push(cloneOf(item));
    return copy;
  }
  if (value === null || typeof value !== 'object') return value;
  const copy = JSON.parse('{}') as Record<string, unknown>;
  for (const [key, inner] of Object.entries(value)) Object.defineProperty(copy, key, { value: cloneOf(inner), enumerable: true, writable: true, configurable: true });
  return copy;
}

function withValueAt(arg: unknown, at: Path, replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const copy = cloneOf(arg) as Record<string | number, unknown>;
  let holder = copy;
  for (const key of at.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  if (replacement === REMOVE) delete holder[last];
  else holder[last] = replacement;
  return copy;
}

const deep = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

/** Values that are wrong for almost any field, plus one of the wrong type for this field. */
function replacementsFor(original: unknown): unknown[] {
  const wrongType =
    typeof original === 'string' ? 12345 : typeof original === 'number' ? String(original) : typeof original === 'boolean' ? 'true' : Array.isArray(original) ? { 0: original[0] } : 'not an object';
  return [
    wrongType,
    REMOVE,
    null,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -1e308,
    2 ** 53 + 1,
    0.5,
    -1,
    true,
    '',
    ' ',
    'x'.repeat(300_000),
    '控制\u0000字符',
    '半个\ud800代理',
    '../../etc/passwd',
    "1'); DROP TABLE scenarios; --",
    '<img src=x onerror=alert(1)>',
    {},
    [],
    deep(200),
    { __proto__: { polluted: true } },
  ];
}

type Case = { method: ApiMethod; label: string; arg: unknown; body: string };

/** The JSON an HTTP client sends for `arg`; `__proto__` keys written out as own keys. */
const bodyOf = (arg: unknown) => JSON.stringify(arg === undefined ? {} : arg) ?? '{}';

function casesOf(method: ApiMethod): Case[] {
  const sample = valid[method]!;
  const cases: Case[] = [];
  const add = (label: string, arg: unknown, body = bodyOf(arg)) => cases.push({ method, label, arg: cloneOf(arg), body });
  for (const arg of [null, 42, 'text', [], true, Number.NaN, [sample]]) add(`whole argument ${String(JSON.stringify(arg))}`, arg);
  add('an extra key', { ...sample, zzExtra: 1 });
  const protoBody = `{"__proto__": {"polluted": true}, ${bodyOf(sample).slice(1)}`.replace(/, \}$/, '}');
  add('a __proto__ key', JSON.parse(protoBody), protoBody);
  add('a constructor.prototype key', { ...sample, constructor: { prototype: { polluted: true } } });
  for (const at of pathsOf(sample).filter((p) => p.length > 0)) {
    const original = at.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], sample);
    for (const replacement of replacementsFor(original)) {
      const arg = withValueAt(sample, at, replacement);
      const shown = replacement === REMOVE ? 'removed' : typeof replacement === 'string' && replacement.length > 40 ? `${replacement.length}-char string` : String(JSON.stringify(replacement) ?? replacement).slice(0, 40);
      add(`${at.join('.')} = ${shown}`, arg);
      // Nested extra keys too.
      if (original !== null && typeof original === 'object' && !Array.isArray(original)) add(`${at.join('.')} with an extra key`, withValueAt(sample, at, { ...original, zzExtra: 1 }));
    }
  }
  // Only arguments the contract refuses: a fuzzed value that happens to be valid (null for a nullable field) is a normal call.
  return cases.filter((c) => !apiInputs[method].safeParse(c.arg).success);
}

/** Arguments of the right shape whose ids point at nothing. */
function danglingCasesOf(method: ApiMethod): Case[] {
  const sample = valid[method]!;
  return pathsOf(sample)
    .filter((at) => ['id', 'scenarioId', 'runId', 'templateId'].includes(String(at[at.length - 1])) && at.length === 1)
    .map((at) => {
      const arg = withValueAt(sample, at, 'no-such-id-0');
      return { method, label: `${at.join('.')} points at nothing`, arg: cloneOf(arg), body: bodyOf(arg) };
    });
}

/** The first table whose rows differ between two dumps, briefly. */
function differenceOf(before: string, after: string): string {
  const [a, b] = [JSON.parse(before), JSON.parse(after)] as { rows: [string, unknown[][]][] }[];
  for (const [i, [table, rows]] of a.rows.entries()) {
    const other = b.rows[i]?.[1] ?? [];
    if (JSON.stringify(rows) === JSON.stringify(other)) continue;
    const gone = rows.filter((row) => !other.some((o) => JSON.stringify(o) === JSON.stringify(row)));
    const added = other.filter((row) => !rows.some((o) => JSON.stringify(o) === JSON.stringify(row)));
    return `${table}: ${gone.length} rows gone, ${added.length} added, e.g. ${JSON.stringify(added[0] ?? gone[0]).slice(0, 300)}`;
  }
  return 'schema or user_version';
}

const dataVersion = () => watcher.pragma('data_version', { simple: true }) as number;
/** True when the argument reaches the server unchanged through JSON (NaN and infinities become null). */
const survivesJson = (arg: unknown) => isDeepStrictEqual(JSON.parse(bodyOf(arg)), arg === undefined ? {} : arg);

describe('fuzzed calls to every contract operation', () => {
  it('has a valid sample argument for every operation', () => {
    expect(Object.keys(valid).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) expect(apiInputs[method].safeParse(valid[method]).success, method).toBe(true);
  });

  it('get the same typed error through the dispatcher and over HTTP, and change nothing', async () => {
    const counts: Record<string, number> = {};
    let total = 0;
    let overHttpCount = 0;
    let jsonMadeValid = 0;
    const before = { dump: dumpOf(dbFile), prefs: await valueOf(backend, 'getPrefs', {}), backups: await valueOf(backend, 'listBackups', {}) };
    for (const method of API_METHODS) {
      const cases = [...casesOf(method), ...danglingCasesOf(method)];
      counts[method] = cases.length;
      for (const c of cases) {
        const where = `${method} with ${c.label}`;
        const dangling = c.label.endsWith('points at nothing');
        // What HTTP delivers is the JSON of the argument: NaN and infinities arrive as null, which may make a valid call.
        const overJson = JSON.parse(c.body) as unknown;
        const sameOverHttp = dangling || !apiInputs[method].safeParse(overJson).success;
        const version = dataVersion();
        const direct = await front.call(method, c.arg);
        const http = sameOverHttp ? await overHttp(method, c.body) : null;
        if (!sameOverHttp) jsonMadeValid++;
        if (dangling && direct.ok) {
          // A read that finds nothing is a fine answer; it must still be the same over HTTP.
          expect(http, where).toEqual(direct);
        } else {
          expect(direct.ok, where).toBe(false);
          expect(http?.ok ?? false, `${where} over HTTP`).toBe(false);
          if (!direct.ok) {
            expect(ApiErrorCodeSchema.safeParse(direct.error.code).success, where).toBe(true);
            expect(dangling ? ['not-found', 'invalid-argument'] : ['invalid-argument'], where).toContain(direct.error.code);
            expect(JSON.stringify(direct), where).not.toMatch(/\\n\s+at |node:internal/);
            if (http && !http.ok) {
              expect(http.error.code, where).toBe(direct.error.code);
              if (survivesJson(c.arg)) expect(http, where).toEqual(direct);
            }
          }
        }
        expect(dataVersion(), `${where}: something was committed`).toBe(version);
        total++;
        if (http) overHttpCount++;
      }
      const after = dumpOf(dbFile);
      expect(after === before.dump, `the database changed during the fuzzed calls to ${method}: ${differenceOf(before.dump, after)}`).toBe(true);
    }
    expect(await valueOf(backend, 'getPrefs', {})).toEqual(before.prefs);
    expect(await valueOf(backend, 'listBackups', {})).toEqual(before.backups);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const method of API_METHODS) expect(counts[method], method).toBeGreaterThan(5);
    console.log(
      `Fuzz: ${total} fuzzed arguments over ${API_METHODS.length} operations through the dispatcher, ${overHttpCount} of them also over HTTP ` +
        `(${jsonMadeValid} not sent: JSON turns their NaN or infinity into null, a valid value); 0 accepted, 0 commits`,
    );
    expect(total).toBeGreaterThan(1000);
  }, 120_000);

  it('refuses an unknown operation the same way through both', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'listScenarios ', 'LISTSCENARIOS', '../listScenarios', 'x'.repeat(1000)]) {
      const direct = await front.call(name, {});
      expect(direct).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
      if (!/[/ ]/.test(name)) expect(await overHttp(name, '{}')).toEqual(direct);
    }
  });
});
