import { describe, expect, it } from 'vitest';
import { StepSchema, graphProblemsOf, ScenarioBodySchema } from '../../shared/model';

describe('StepSchema', () => {
  it('fills defaults for a minimal action', () => {
    const step = StepSchema.parse({ id: 's1', kind: 'action', title: '启动备用发电机' });
    expect(step.durationMin).toBeNull();
    expect(step.roleIds).toEqual([]);
  });
  it('refuses an empty title and a negative duration', () => {
    const result = StepSchema.safeParse({ id: 's1', kind: 'action', title: ' ', durationMin: -5 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['title', 'durationMin']);
  });
});

describe('graphProblemsOf', () => {
  it('names an edge that points at a missing step', () => {
    const body = ScenarioBodySchema.parse({
      title: 't',
      steps: [{ id: 'a', kind: 'inject', title: 'A' }],
      edges: [{ id: 'e1', source: 'a', target: 'b' }],
    });
    expect(graphProblemsOf(body)).toEqual([{ path: 'edges[0].target', message: 'edge "e1" ends at missing step "b"' }]);
  });
});
