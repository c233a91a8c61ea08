/**
 * The editor store's commit and undo against a real back end (SQLite in a
 * temp folder, the real dispatcher): an edit the rulebook refuses is refused
 * in the editor, the user told why and nothing sent; a save the back end
 * refuses reloads the drill as stored and keeps the history up to the last
 * acknowledged edit, which still undoes.
 *
 * The store is loaded at run time by its path: its module reaches the DOM
 * (canvas helpers) and React components, which this Node-typed test project
 * does not compile; only the functions named in `EditorStore` are used, and
 * none of them touches the DOM.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientOf, type DrillApi, type DrillTransport } from '../../shared/api';
import type { History } from '../../shared/history';
import type { Scenario, ScenarioBody } from '../../shared/model';
import type { GraphOp } from '../../shared/ops';
import type { Backend } from '../../electron/core/backend';
import { openTestBackend, removeTempDirs, repoRoot, tempDir, valueOf } from '../support/storage';

type EditorSnapshot = { body: ScenarioBody; history: History; phase: string; save: { status: string; error: string | null; reloading: boolean } };
type Listenable<T> = { getState: () => T; subscribe: (listener: (state: T) => void) => () => void };
type EditorStore = {
  openScenario: (id: string, client: Pick<DrillApi, 'getScenario' | 'applyGraphOps'>) => Promise<void>;
  closeScenario: () => void;
  commit: (ops: GraphOp[]) => boolean;
  undo: () => boolean;
  flushSaves: () => Promise<void>;
  useEditor: Listenable<EditorSnapshot>;
};
type Toasts = { useToasts: Listenable<{ toasts: { kind: string; text: string }[] }> };

let backend: Backend;
let client: DrillApi;
let store: EditorStore;
let toasts: Toasts;

beforeAll(async () => {
  backend = openTestBackend(tempDir(), { templatesDir: tempDir() });
  const transport = new Proxy({} as DrillTransport, { get: (_, method: string) => (arg: unknown) => backend.call(method, arg) });
  client = clientOf(transport);
  store = (await import(path.join(repoRoot, 'renderer/editor/store.ts'))) as EditorStore;
  toasts = (await import(path.join(repoRoot, 'renderer/components/toasts.tsx'))) as Toasts;
});

afterEach(() => store.closeScenario());

afterAll(() => {
  backend.close();
  removeTempDirs();
});

const state = () => store.useEditor.getState();

/** Resolves once the store's state satisfies `test` (no timing: it waits for the state to change). */
function stateWhere(test: (state: EditorSnapshot) => boolean): Promise<EditorSnapshot> {
  return new Promise((resolve) => {
    if (test(state())) return resolve(state());
    const stop = store.useEditor.subscribe((next) => {
      if (!test(next)) return;
      stop();
      resolve(next);
    });
  });
}

/** A drill stored with one role and one step, opened in the editor. */
async function openedDrill(): Promise<Scenario> {
  const created = await valueOf(backend, 'createScenario', { meta: { title: '汛期演练' } });
  await valueOf(backend, 'applyGraphOps', {
    scenarioId: created.id,
    baseRevision: created.revision,
    ops: [
      { op: 'addRole', role: { id: 'chief', name: '总指挥' } },
      { op: 'addStep', step: { id: 's1', kind: 'inject', title: '暴雨预警', roleIds: ['chief'] } },
    ],
  });
  await store.openScenario(created.id, client);
  expect(state().phase).toBe('ready');
  return valueOf(backend, 'getScenario', { id: created.id });
}

const addStep = (id: string, title: string): GraphOp => ({
  op: 'addStep',
  step: { id, kind: 'action', title, description: '', roleIds: [], dialogue: '', location: '', durationMin: null, resources: '', expectedResult: '', objectiveIds: [], notes: '', phase: '', scenarioTime: '', controllerOnly: [], position: { x: 0, y: 0 } },
});

describe('the editor store', () => {
  it('refuses an edit the rulebook refuses: nothing applied, nothing sent, the history kept, the user told why in Chinese', async () => {
    const stored = await openedDrill();
    expect(store.commit([addStep('s2', '启动应急监测')])).toBe(true);
    await store.flushSaves();
    const before = state();
    const shown = toasts.useToasts.getState().toasts.length;

    expect(store.commit([{ op: 'removeRole', id: 'chief' }])).toBe(false);
    expect(store.commit([{ op: 'updateRole', id: 'chief', patch: { reportsTo: 'chief' } }])).toBe(false);

    expect(state().body).toBe(before.body);
    expect(state().history).toBe(before.history);
    expect(toasts.useToasts.getState().toasts.slice(shown).map((toast) => [toast.kind, toast.text])).toEqual([
      ['error', '角色“总指挥”仍分配给步骤“暴雨预警”，不能删除'],
      ['error', '角色“总指挥”的上级是它自己'],
    ]);
    // Only the accepted edit reached the back end.
    expect((await valueOf(backend, 'getScenario', { id: stored.id })).revision).toBe(stored.revision + 1);
    expect(state().save.status).toBe('saved');
  });

  it('after a save the back end refuses, keeps the history up to the last acknowledged edit, which still undoes', async () => {
    const stored = await openedDrill();
    expect(store.commit([addStep('s2', '启动应急监测')])).toBe(true);
    expect(store.commit([{ op: 'updateStep', id: 's2', patch: { title: '启动应急监测（加密）' } }])).toBe(true);
    await store.flushSaves();
    expect(state().history.undo).toHaveLength(2);

    // Another window edits the drill: the next save is made on an old revision and refused.
    const now = await valueOf(backend, 'getScenario', { id: stored.id });
    await valueOf(backend, 'applyGraphOps', { scenarioId: stored.id, baseRevision: now.revision, ops: [{ op: 'setMeta', patch: { location: '县第一自来水厂' } }] });
    expect(store.commit([{ op: 'moveSteps', moves: [{ id: 's1', position: { x: 400, y: 80 } }] }])).toBe(true);
    // Made while the refused one is in flight: never acknowledged either.
    expect(store.commit([{ op: 'updateStep', id: 's1', patch: { title: '暴雨红色预警' } }])).toBe(true);
    expect(state().history.undo).toHaveLength(4);
    await store.flushSaves();
    const reloaded = await stateWhere((s) => s.save.status === 'error' && !s.save.reloading);

    expect(reloaded.phase).toBe('ready');
    expect(reloaded.body.location).toBe('县第一自来水厂');
    expect(reloaded.body.steps.find((step) => step.id === 's1')).toMatchObject({ title: '暴雨预警', position: { x: 0, y: 0 } });
    expect(reloaded.history.undo).toHaveLength(2);
    expect(reloaded.history.redo).toHaveLength(0);

    // The kept entries undo, and the undo is stored.
    expect(store.undo()).toBe(true);
    await store.flushSaves();
    expect(state().body.steps.find((step) => step.id === 's2')?.title).toBe('启动应急监测');
    expect((await valueOf(backend, 'getScenario', { id: stored.id })).steps.find((step) => step.id === 's2')?.title).toBe('启动应急监测');
    expect(store.undo()).toBe(true);
    await store.flushSaves();
    expect((await valueOf(backend, 'getScenario', { id: stored.id })).steps.map((step) => step.id)).toEqual(['s1']);
    expect(state().save.status).toBe('saved');
  });

  it('drops only the entry an undo can no longer apply to, telling why, and keeps the rest', async () => {
    const stored = await openedDrill();
    expect(store.commit([addStep('s2', '启动应急监测')])).toBe(true);
    expect(store.commit([{ op: 'updateStep', id: 's1', patch: { title: '暴雨红色预警' } }])).toBe(true);
    await store.flushSaves();
    // Another window removes s1; this window's next save is refused and the drill reloaded without s1.
    const now = await valueOf(backend, 'getScenario', { id: stored.id });
    await valueOf(backend, 'applyGraphOps', { scenarioId: stored.id, baseRevision: now.revision, ops: [{ op: 'removeStep', id: 's1' }] });
    expect(store.commit([{ op: 'setMeta', patch: { organiser: '县生态环境局' } }])).toBe(true);
    await store.flushSaves();
    await stateWhere((s) => s.save.status === 'error' && !s.save.reloading);
    expect(state().history.undo).toHaveLength(2);

    const shown = toasts.useToasts.getState().toasts.length;
    expect(store.undo()).toBe(false); // renaming s1 back: s1 is gone
    expect(toasts.useToasts.getState().toasts.slice(shown).map((toast) => toast.text)).toEqual(['步骤“s1”不存在']);
    expect(state().history.undo).toHaveLength(1);
    expect(store.undo()).toBe(true); // removing s2 still applies
    await store.flushSaves();
    expect((await valueOf(backend, 'getScenario', { id: stored.id })).steps).toEqual([]);
  });
});
