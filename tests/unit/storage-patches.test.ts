/**
 * A patch changes only the fields it names. (zod 4's `.partial()` keeps
 * defaults: a patch `{ title }` used to come out of the dispatcher with every
 * other field reset, wiping a step's description, roles and duration on save.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/core/backend';
import { openTestBackend, removeTempDirs, tempDir, valueOf } from '../support/storage';

let backend: Backend;
beforeAll(() => {
  backend = openTestBackend(tempDir());
});
afterAll(() => {
  backend.close();
  removeTempDirs();
});

async function sampleDrill() {
  const [summary] = await valueOf(backend, 'listScenarios', {});
  return valueOf(backend, 'getScenario', { id: summary.id });
}

describe('patches through the dispatcher', () => {
  it('updateStep with a new title keeps the rest of the step', async () => {
    const scenario = await sampleDrill();
    const step = scenario.steps.find((s) => s.roleIds.length > 0 && s.description !== '' && s.durationMin !== null)!;
    await valueOf(backend, 'applyGraphOps', { scenarioId: scenario.id, baseRevision: scenario.revision, ops: [{ op: 'updateStep', id: step.id, patch: { title: '改过的标题' } }] });
    const after = (await valueOf(backend, 'getScenario', { id: scenario.id })).steps.find((s) => s.id === step.id)!;
    expect(after).toEqual({ ...step, title: '改过的标题' });
  });

  it('setMeta and updateScenarioMeta with one field keep the objectives and the other fields', async () => {
    const scenario = await sampleDrill();
    const { roles: _r, steps: _s, edges: _e, revision, updatedAt: _u, ...meta } = scenario;
    expect(meta.objectives.length).toBeGreaterThan(0);
    await valueOf(backend, 'applyGraphOps', { scenarioId: scenario.id, baseRevision: revision, ops: [{ op: 'setMeta', patch: { location: '县城区防汛指挥部' } }] });
    const updated = await valueOf(backend, 'updateScenarioMeta', { id: scenario.id, patch: { organiser: '县生态环境局' } });
    expect(updated).toMatchObject({ ...meta, location: '县城区防汛指挥部', organiser: '县生态环境局' });
  });

  it('updateRole and updateEdge with one field keep the rest', async () => {
    const scenario = await sampleDrill();
    const role = scenario.roles.find((r) => r.responsibilities !== '')!;
    const edge = scenario.edges[0];
    await valueOf(backend, 'applyGraphOps', {
      scenarioId: scenario.id,
      baseRevision: scenario.revision,
      ops: [
        { op: 'updateRole', id: role.id, patch: { color: '#123456' } },
        { op: 'updateEdge', id: edge.id, patch: { label: '水位超警戒' } },
      ],
    });
    const after = await valueOf(backend, 'getScenario', { id: scenario.id });
    expect(after.roles.find((r) => r.id === role.id)).toEqual({ ...role, color: '#123456' });
    expect(after.edges.find((e) => e.id === edge.id)).toEqual({ ...edge, label: '水位超警戒' });
  });

  it('updateAnnotation with new text keeps its step, kind, owner and due date', async () => {
    const scenario = await sampleDrill();
    const run = await valueOf(backend, 'createRun', { scenarioId: scenario.id, name: '复盘' });
    const annotation = await valueOf(backend, 'addAnnotation', {
      runId: run.id,
      fields: { at: run.startedAt, stepId: scenario.steps[0].id, kind: 'improvement', text: '通信不畅', ownerRoleId: scenario.roles[0].id, dueDate: '2026-08-01' },
    });
    const updated = await valueOf(backend, 'updateAnnotation', { id: annotation.id, patch: { text: '对讲机频道未统一' } });
    expect(updated).toEqual({ ...annotation, text: '对讲机频道未统一' });
    expect((await valueOf(backend, 'listAnnotations', { runId: run.id }))[0]).toEqual(updated);
  });
});
