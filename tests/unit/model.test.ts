import { describe, expect, it } from 'vitest';
import { StepSchema, ScenarioBodySchema } from '../../shared/model';
import { graphProblemsOf } from '../../shared/rules';
import { zodIssueMessageOf } from '../../shared/api';
import { messageTextOf } from '../../shared/i18n';

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
    expect(graphProblemsOf(body)).toEqual([
      { path: 'edges[0].target', code: 'edge-end-missing', params: { id: 'e1', step: 'b' }, message: 'edge "e1" ends at missing step "b"' },
    ]);
  });
});

describe('NewRunEventSchema', () => {
  it('asks a step event to name its step and a branch to name its edge', async () => {
    const { NewRunEventSchema } = await import('../../shared/model');
    expect(NewRunEventSchema.safeParse({ kind: 'observation', text: '指挥部通信畅通' }).success).toBe(true);
    const noStep = NewRunEventSchema.safeParse({ kind: 'started' });
    expect(messageTextOf('en', zodIssueMessageOf(noStep.error!.issues[0]))).toBe('a "started" event must name a step');
    const noEdge = NewRunEventSchema.safeParse({ kind: 'branch-taken', stepId: 'd1' });
    expect(noEdge.error?.issues[0].path).toEqual(['edgeId']);
  });
});

describe('text fields', () => {
  it('refuse control characters and lone surrogates but keep Chinese, tabs and newlines', () => {
    const ok = StepSchema.safeParse({ id: 's', kind: 'action', title: '启用\t备用电源', description: '第一行\n第二行' });
    expect(ok.success).toBe(true);
    expect(StepSchema.safeParse({ id: 's', kind: 'action', title: 'bell\u0007' }).success).toBe(false);
    expect(StepSchema.safeParse({ id: 's', kind: 'action', title: 'half \ud800 pair' }).success).toBe(false);
  });

  it('refuse absurd durations', () => {
    expect(StepSchema.safeParse({ id: 's', kind: 'action', title: 'x', durationMin: 1e12 }).success).toBe(false);
    expect(StepSchema.safeParse({ id: 's', kind: 'action', title: 'x', durationMin: Number.NaN }).success).toBe(false);
  });

  it('refuse unknown keys, so a typo is not silently dropped', () => {
    const result = StepSchema.safeParse({ id: 's', kind: 'action', title: 'x', duration: 5 });
    expect(result.success).toBe(false);
  });
});

describe('the time zone of a scenario', () => {
  it('is Asia/Shanghai when none is named', () => {
    expect(ScenarioBodySchema.parse({ title: '汛期演练' }).timeZone).toBe('Asia/Shanghai');
  });
  it('takes any IANA zone the runtime knows', () => {
    for (const zone of ['Asia/Urumqi', 'America/New_York', 'Europe/Berlin', 'UTC'])
      expect(ScenarioBodySchema.parse({ title: 't', timeZone: zone }).timeZone).toBe(zone);
  });
  it('refuses a name that is not a zone, and offsets that only some runtimes take', () => {
    for (const zone of ['Mars/Olympus_Mons', 'Beijing', '+08:00', 'UTC+8', '', 'Asia/Shanghai; rm -rf /']) {
      const result = ScenarioBodySchema.safeParse({ title: 't', timeZone: zone });
      expect(result.success, zone).toBe(false);
      expect(result.error?.issues[0].path).toEqual(['timeZone']);
      expect(messageTextOf('en', zodIssueMessageOf(result.error!.issues[0]))).toMatch(/time zone/);
    }
  });
});
