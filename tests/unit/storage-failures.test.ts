/**
 * Write failures: a full disk (simulated with `max_page_count`) and a
 * read-only data folder give a visible, typed error that says the change was
 * not saved, through the dispatcher and through HTTP alike, and nothing is
 * silently dropped or half-written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, clientOf, type ApiMethod, type DrillTransport, type Envelope } from '../../shared/api';
import type { Backend } from '../../electron/core/backend';
import { dispatch } from '../../electron/core/dispatch';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { createService } from '../../electron/core/service';
import { loadTemplates } from '../../electron/core/templates';
import { DB_FILE, openDataDir, type OpenedDataDir } from '../../electron/storage/dataDir';
import { StorageOpenError } from '../../electron/storage/db';
import { startWebServer, TOKEN_HEADER, type WebServer } from '../../electron/web/server';
import { createSaveQueue } from '../../renderer/editor/saveQueue';
import { GraphOpSchema } from '../../shared/ops';
import { asUnprivileged, dumpOf, openTestBackend, readableCopyOf, removeTempDirs, sha256Of, tempDir, TEMPLATES_DIR, valueOf } from '../support/storage';
import { errorTextOf } from '../../shared/api';

/** Posts one call to the browser-mode server, returning its HTTP status and envelope. */
async function overHttp(web: WebServer, method: string, arg: unknown): Promise<{ status: number; envelope: Envelope<unknown> }> {
  const response = await fetch(`http://127.0.0.1:${web.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: web.token },
    body: JSON.stringify(arg),
  });
  return { status: response.status, envelope: (await response.json()) as Envelope<unknown> };
}

const bigText = (label: string) => `${label}：${'安置点饮用水水质检测结果记录，'.repeat(900)}`;

describe('a full disk', () => {
  let opened: OpenedDataDir;
  let backend: Pick<Backend, 'call'>;
  let web: WebServer;
  let scenarioId: string;
  let revision: number;
  let runId: string;

  beforeAll(async () => {
    opened = openDataDir(tempDir());
    const service = createService({ db: opened.db, dataDir: opened.dataDir, templates: loadTemplates(TEMPLATES_DIR), prefs: memoryPrefsStore() });
    backend = { call: (method, arg) => dispatch(service, method, arg) };
    web = await startWebServer({ backend: backend as Backend, rendererDir: tempDir(), port: 0 });
    const [template] = await valueOf(backend, 'listTemplates', {});
    scenarioId = (await valueOf(backend, 'createFromTemplate', { templateId: template.id })).id;
    revision = (await valueOf(backend, 'getScenario', { id: scenarioId })).revision;
    runId = (await valueOf(backend, 'createRun', { scenarioId, name: '满盘测试' })).id;
    // The disk is full: the database may not grow by a single page.
    opened.db.pragma(`max_page_count = ${opened.db.pragma('page_count', { simple: true })}`);
  });
  afterAll(async () => {
    await web.close();
    opened.close();
    removeTempDirs();
  });

  const writes: [string, () => [ApiMethod, unknown]][] = [
    ['an edit', () => ['applyGraphOps', { scenarioId, baseRevision: revision, ops: [{ op: 'addStep', step: { id: 'full-1', kind: 'action', title: '满盘', description: bigText('编辑') } }] }]],
    ['a run event', () => ['recordEvent', { runId, event: { kind: 'observation', text: bigText('观察') } }]],
    ['a new scenario', () => ['createScenario', { meta: { title: '满盘新建', description: bigText('说明') } }]],
  ];

  for (const [what, callOf] of writes) {
    it(`refuses ${what} with storage-failed, "not saved", the same over HTTP (507), and writes nothing`, async () => {
      const [method, arg] = callOf();
      const before = dumpOf(opened.file);
      const direct = await backend.call(method, arg);
      expect(direct).toMatchObject({ ok: false, error: { code: 'storage-failed', key: 'errors.storage.full' } });
      // The headline is the catalogue's, in the screen's language; SQLite's own words follow only as a detail.
      expect(!direct.ok && errorTextOf(direct.error, 'zh').text).toBe('磁盘已满或数据库已达大小上限，这次修改没有保存。');
      expect(!direct.ok && errorTextOf(direct.error, 'en').text).toBe('the disk is full or the database reached its size limit; the change was not saved');
      const http = await overHttp(web, method, arg);
      expect(http.status).toBe(507);
      expect(http.envelope).toEqual(direct);
      expect(dumpOf(opened.file)).toBe(before);
    });
  }

  it('reports a failed autosave of the editor as not saved, and nothing is lost once there is room again', async () => {
    const transport = {} as Record<ApiMethod, (arg: unknown) => Promise<Envelope<unknown>>>;
    for (const method of ['applyGraphOps', 'getScenario'] as const) transport[method] = async (arg) => (await overHttp(web, method, arg)).envelope;
    const api = clientOf(transport as unknown as DrillTransport);
    const edit = { op: 'addStep' as const, step: { id: 'later-1', kind: 'action' as const, title: '启用应急水车', description: bigText('水车') } };

    const failure = await api.applyGraphOps({ scenarioId, baseRevision: revision, ops: [edit] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('storage-failed');
    expect((failure as ApiError).message).toMatch(/not saved/);
    expect((await api.getScenario({ id: scenarioId })).steps.some((step) => step.id === 'later-1')).toBe(false);

    // The editor's autosave queue, sending over HTTP: the failure reaches the editor as an error status and an ApiError.
    const statuses: string[] = [];
    const failures: unknown[] = [];
    const queue = createSaveQueue({
      send: (baseRevision, ops) => api.applyGraphOps({ scenarioId, baseRevision, ops }),
      revision,
      onStatus: (status) => statuses.push(status),
      onFailure: (error) => failures.push(error),
    });
    queue.push([GraphOpSchema.parse(edit)]);
    await queue.flush();
    expect(statuses).toEqual(['saving', 'error']);
    expect(failures).toHaveLength(1);
    expect((failures[0] as ApiError).code).toBe('storage-failed');
    expect((failures[0] as ApiError).message).toBe('the disk is full or the database reached its size limit; the change was not saved');
    queue.dispose();

    opened.db.pragma('max_page_count = 1073741823'); // room again: the same edit, retried, is saved
    const saved = await api.applyGraphOps({ scenarioId, baseRevision: revision, ops: [edit] });
    expect(saved.revision).toBe(revision + 1);
    expect((await api.getScenario({ id: scenarioId })).steps.some((step) => step.id === 'later-1')).toBe(true);
  });
});

describe.skipIf(process.platform === 'win32')('a read-only data folder', () => {
  afterAll(removeTempDirs);

  // What the back end reads, copied where `nobody` can read it: the checkout may be in a private folder.
  let templatesDir: string;
  let rendererDir: string;
  beforeAll(() => {
    templatesDir = readableCopyOf(TEMPLATES_DIR);
    rendererDir = readableCopyOf(tempDir());
  });
  const openBackendHere = (dataDir: string) => openTestBackend(dataDir, { templatesDir });

  /** A data folder with the sample drills in it, left open to anyone (the back end makes it private) until the test locks it. */
  function seededDataDir(): string {
    const dataDir = tempDir();
    openBackendHere(dataDir).close();
    fs.chmodSync(dataDir, 0o777);
    for (const name of fs.readdirSync(dataDir)) fs.chmodSync(path.join(dataDir, name), 0o666);
    return dataDir;
  }

  it('refuses to open with a message saying it cannot be written, and moves nothing aside', () => {
    const dataDir = seededDataDir();
    const file = path.join(dataDir, DB_FILE);
    const hash = sha256Of(file);
    fs.chmodSync(file, 0o444);
    fs.chmodSync(dataDir, 0o555);
    let error: unknown;
    asUnprivileged(() => {
      try {
        openBackendHere(dataDir).close();
      } catch (caught) {
        error = caught;
      }
    });
    expect(error).toBeInstanceOf(StorageOpenError);
    expect((error as StorageOpenError).kind).toBe('unavailable');
    expect((error as StorageOpenError).message).toMatch(/cannot be written \(read-only or no permission\)/);
    expect(fs.readdirSync(dataDir)).toEqual([DB_FILE]);
    expect(sha256Of(file)).toBe(hash);
  });

  it('with a read-only database file: edits and events are refused as not saved, through the dispatcher and HTTP', async () => {
    const dataDir = seededDataDir();
    const file = path.join(dataDir, DB_FILE);
    fs.chmodSync(file, 0o444);
    const before = dumpOf(file);
    await asUnprivilegedAsync(async () => {
      const backend = openBackendHere(dataDir);
      const web = await startWebServer({ backend, rendererDir, port: 0 });
      try {
        const [scenario] = await valueOf(backend, 'listScenarios', {});
        const calls: [ApiMethod, unknown][] = [
          ['applyGraphOps', { scenarioId: scenario.id, baseRevision: scenario.revision, ops: [{ op: 'setMeta', patch: { location: '县城区' } }] }],
          ['createRun', { scenarioId: scenario.id, name: '只读测试' }],
          ['deleteScenario', { id: scenario.id }],
        ];
        for (const [method, arg] of calls) {
          const direct = await backend.call(method, arg);
          expect(direct).toMatchObject({ ok: false, error: { code: 'storage-failed', key: 'errors.storage.readOnly' } });
          expect(!direct.ok && errorTextOf(direct.error, 'zh').text).toBe('数据文件夹是只读的，这次修改没有保存。');
          const http = await overHttp(web, method, arg);
          expect(http.status).toBe(507);
          expect(http.envelope).toEqual(direct);
        }
        // Reading still works: the drills can be viewed and exported.
        expect((await valueOf(backend, 'exportScenario', { id: scenario.id })).text.length).toBeGreaterThan(100);
      } finally {
        await web.close();
        backend.close();
      }
    });
    expect(dumpOf(file)).toBe(before);
  });
});

/** `asUnprivileged` for async work; the whole test worker runs as `nobody` meanwhile. */
async function asUnprivilegedAsync<T>(work: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0) return work();
  process.setegid!(65534);
  process.seteuid!(65534);
  try {
    return await work();
  } finally {
    process.seteuid!(0);
    process.setegid!(0);
  }
}
