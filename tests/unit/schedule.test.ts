import { describe, expect, it } from 'vitest';
import { EdgeSchema, StepSchema, type Edge, type Step, type StepKind } from '../../shared/model';
import { cyclesOf, planOrderOf, scheduleOf, type OkSchedule, type Schedule } from '../../shared/schedule';

const step = (id: string, durationMin: number | null, kind: StepKind = 'action', title = id): Step =>
  StepSchema.parse({ id, kind, title, durationMin });

const edge = (source: string, target: string, lagMin = 0, kind: Edge['kind'] = 'sequence', label = ''): Edge =>
  EdgeSchema.parse({ id: `${source}-${target}`, source, target, lagMin, kind, label });

function ok(schedule: Schedule): OkSchedule {
  if (!schedule.ok) throw new Error(`expected a schedule, got cycle ${schedule.cycle.join(' → ')}`);
  return schedule;
}

/** `[earliestStart, earliestFinish, slack]` of each step, for compact comparisons. */
function timesOf(schedule: OkSchedule): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  for (const [id, s] of schedule.byStep) out[id] = [s.earliestStart, s.earliestFinish, s.slack];
  return out;
}

describe('scheduleOf', () => {
  it('runs a chain one step after another', () => {
    const chain = { steps: [step('a', 10), step('b', 5), step('c', 20)], edges: [edge('a', 'b'), edge('b', 'c')] };
    const schedule = ok(scheduleOf(chain));
    expect(timesOf(schedule)).toEqual({ a: [0, 10, 0], b: [10, 15, 0], c: [15, 35, 0] });
    expect(schedule.length).toBe(35);
    expect(schedule.order).toEqual(['a', 'b', 'c']);
    expect(schedule.criticalPath).toEqual(['a', 'b', 'c']);
  });

  it('starts a join after its latest predecessor', () => {
    const join = {
      steps: [step('fast', 5), step('slow', 30), step('join', 10)],
      edges: [edge('fast', 'join'), edge('slow', 'join')],
    };
    const schedule = ok(scheduleOf(join));
    expect(timesOf(schedule)).toEqual({ fast: [0, 5, 25], slow: [0, 30, 0], join: [30, 40, 0] });
    expect(schedule.byStep.get('fast')).toMatchObject({ latestStart: 25, latestFinish: 30, critical: false });
    expect(schedule.criticalPath).toEqual(['slow', 'join']);
  });

  it('adds each edge lag between a finish and the next start', () => {
    const lagged = {
      steps: [step('a', 10), step('b', 5), step('c', 0)],
      edges: [edge('a', 'b', 3), edge('a', 'c', 20), edge('b', 'c', 0)],
    };
    const schedule = ok(scheduleOf(lagged));
    expect(timesOf(schedule)).toEqual({ a: [0, 10, 0], b: [13, 18, 12], c: [30, 30, 0] });
    expect(schedule.criticalPath).toEqual(['a', 'c']);
  });

  it('counts a step without a duration as zero minutes', () => {
    const schedule = ok(scheduleOf({ steps: [step('a', null), step('b', 5)], edges: [edge('a', 'b')] }));
    expect(timesOf(schedule)).toEqual({ a: [0, 0, 0], b: [0, 5, 0] });
  });

  it('gives the shorter of two parallel branches its slack', () => {
    const branches = {
      steps: [step('start', 0, 'inject'), step('long1', 20), step('long2', 20), step('short', 15), step('end', 0, 'milestone')],
      edges: [edge('start', 'long1'), edge('long1', 'long2'), edge('start', 'short'), edge('long2', 'end'), edge('short', 'end')],
    };
    const schedule = ok(scheduleOf(branches));
    expect(schedule.length).toBe(40);
    expect(schedule.byStep.get('short')).toMatchObject({
      earliestStart: 0,
      latestStart: 25,
      slack: 25,
      critical: false,
    });
    expect(schedule.criticalPath).toEqual(['start', 'long1', 'long2', 'end']);
  });

  const decision = {
    steps: [
      step('alarm', 5, 'inject'),
      step('choose', 5, 'decision'),
      step('evacuate', 30),
      step('shelter', 10),
      step('report', 5),
    ],
    edges: [
      edge('alarm', 'choose'),
      edge('choose', 'evacuate', 0, 'conditional', '水位超警戒'),
      edge('choose', 'shelter', 0, 'conditional', '水位未超警戒'),
      edge('evacuate', 'report'),
      edge('shelter', 'report'),
    ],
  };

  it('schedules every alternative of a decision and merges after the latest', () => {
    const schedule = ok(scheduleOf(decision));
    expect(timesOf(schedule)).toEqual({
      alarm: [0, 5, 0],
      choose: [5, 10, 0],
      evacuate: [10, 40, 0],
      shelter: [10, 20, 20],
      report: [40, 45, 0],
    });
  });

  it('leaves out the steps of a branch not taken, and their edges', () => {
    const schedule = ok(scheduleOf(decision, { excludedStepIds: new Set(['evacuate']) }));
    expect(timesOf(schedule)).toEqual({
      alarm: [0, 5, 0],
      choose: [5, 10, 0],
      shelter: [10, 20, 0],
      report: [20, 25, 0],
    });
    expect(schedule.order).not.toContain('evacuate');
    expect(schedule.criticalPath).toEqual(['alarm', 'choose', 'shelter', 'report']);
  });

  it('takes durations from durationOf when given', () => {
    const schedule = ok(scheduleOf(decision, { durationOf: (s) => (s.id === 'shelter' ? 60 : 1) }));
    expect(schedule.byStep.get('report')?.earliestStart).toBe(62);
  });

  it('continues the critical path through a zero-minute end milestone', () => {
    const graph = { steps: [step('a', 10), step('end', 0, 'milestone')], edges: [edge('a', 'end')] };
    expect(ok(scheduleOf(graph)).criticalPath).toEqual(['a', 'end']);
  });

  it('ignores edges that point at missing steps', () => {
    const graph = { steps: [step('a', 10)], edges: [edge('a', 'ghost'), edge('ghost', 'a', 50)] };
    expect(timesOf(ok(scheduleOf(graph)))).toEqual({ a: [0, 10, 0] });
  });

  it('has length zero and an empty path for an empty graph', () => {
    const schedule = ok(scheduleOf({ steps: [], edges: [] }));
    expect({ ...schedule, byStep: [...schedule.byStep] }).toEqual({
      ok: true,
      byStep: [],
      order: [],
      length: 0,
      criticalPath: [],
    });
  });

  it('names the steps of a cycle in edge order', () => {
    const graph = {
      steps: [step('start', 5), step('b', 5), step('c', 5), step('d', 5), step('after', 5)],
      edges: [edge('start', 'c'), edge('c', 'd'), edge('d', 'b'), edge('b', 'c'), edge('b', 'after')],
    };
    expect(scheduleOf(graph)).toEqual({ ok: false, cycle: ['b', 'c', 'd'] });
  });

  it('reports a self-loop as a cycle of one step', () => {
    const graph = { steps: [step('a', 5), step('b', 5)], edges: [edge('a', 'b'), edge('b', 'b')] };
    expect(scheduleOf(graph)).toEqual({ ok: false, cycle: ['b'] });
  });

  it('treats a conditional edge back to an earlier step as a cycle', () => {
    const graph = {
      steps: [step('check', 5, 'decision'), step('retry', 5)],
      edges: [edge('check', 'retry', 0, 'conditional', '不合格'), edge('retry', 'check')],
    };
    expect(scheduleOf(graph)).toEqual({ ok: false, cycle: ['check', 'retry'] });
  });

  it('schedules a random 10,000-step graph in one pass, respecting every dependency', () => {
    const graph = randomDag(10_000, 20_000, 42);
    const schedule = ok(scheduleOf(graph));
    expect(schedule.byStep.size).toBe(10_000);
    expect(schedule.order).toHaveLength(10_000);

    const position = new Map(schedule.order.map((id, i) => [id, i]));
    const hasPredecessor = new Set(graph.edges.map((e) => e.target));
    const tolerance = 1e-9;
    const violations: string[] = [];
    let maxFinish = 0;
    for (const s of schedule.byStep.values()) {
      if (Math.abs(s.earliestFinish - s.earliestStart - s.duration) > tolerance) violations.push(`${s.stepId} finish`);
      if (s.latestStart < s.earliestStart - tolerance) violations.push(`${s.stepId} latest before earliest`);
      if (s.critical !== (s.slack === 0)) violations.push(`${s.stepId} critical flag`);
      if (!hasPredecessor.has(s.stepId) && s.earliestStart !== 0) violations.push(`${s.stepId} source not at T0`);
      maxFinish = Math.max(maxFinish, s.earliestFinish);
    }
    expect(schedule.length).toBe(maxFinish);

    const tightIncoming = new Set<string>();
    for (const e of graph.edges) {
      const from = schedule.byStep.get(e.source)!;
      const to = schedule.byStep.get(e.target)!;
      if (position.get(e.source)! >= position.get(e.target)!) violations.push(`${e.id} out of order`);
      if (to.earliestStart < from.earliestFinish + e.lagMin - tolerance) violations.push(`${e.id} starts too early`);
      if (from.latestFinish > to.latestStart - e.lagMin + tolerance) violations.push(`${e.id} finishes too late`);
      if (Math.abs(to.earliestStart - from.earliestFinish - e.lagMin) <= tolerance) tightIncoming.add(e.target);
    }
    // Every step with predecessors starts exactly when its latest one allows, not later.
    for (const id of hasPredecessor) if (!tightIncoming.has(id)) violations.push(`${id} starts later than needed`);
    expect(violations).toEqual([]);

    const path = schedule.criticalPath.map((id) => schedule.byStep.get(id)!);
    expect(path[0].earliestStart).toBe(0);
    expect(path.at(-1)!.earliestFinish).toBe(schedule.length);
    expect(path.every((s) => s.critical)).toBe(true);
    const edgeKeys = new Set(graph.edges.map((e) => `${e.source}>${e.target}`));
    for (let i = 1; i < path.length; i++) expect(edgeKeys.has(`${path[i - 1].stepId}>${path[i].stepId}`)).toBe(true);
  });
});

describe('cyclesOf', () => {
  it('finds nothing in an acyclic graph', () => {
    expect(cyclesOf({ steps: [step('a', 1), step('b', 1)], edges: [edge('a', 'b')] })).toEqual([]);
  });

  it('names one cycle per group of mutually dependent steps, self-loops included', () => {
    const graph = {
      steps: [step('a', 1), step('b', 1), step('c', 1), step('x', 1), step('y', 1), step('z', 1)],
      edges: [edge('a', 'b'), edge('b', 'a'), edge('b', 'c'), edge('y', 'x'), edge('x', 'y'), edge('z', 'z')],
    };
    expect(cyclesOf(graph)).toEqual([['a', 'b'], ['x', 'y'], ['z']]);
  });
});

describe('planOrderOf', () => {
  it('lists steps by planned start, then by title', () => {
    const graph = {
      steps: [step('s3', 5, 'action', '通知供水厂'), step('s1', 10, 'inject', '暴雨预警'), step('s2', 5, 'action', '启动应急监测')],
      edges: [edge('s1', 's2'), edge('s1', 's3')],
    };
    expect(planOrderOf(graph, ok(scheduleOf(graph)))).toEqual(['s1', 's2', 's3']);
  });

  it('keeps a zero-minute step before what follows it at the same time', () => {
    const graph = {
      steps: [step('m', 0, 'milestone', 'Z 会商完成'), step('a', 5, 'action', 'A 发布通告')],
      edges: [edge('m', 'a')],
    };
    expect(planOrderOf(graph, ok(scheduleOf(graph)))).toEqual(['m', 'a']);
  });

  it('leaves out excluded steps', () => {
    const graph = { steps: [step('a', 5), step('b', 5)], edges: [edge('a', 'b')] };
    expect(planOrderOf(graph, ok(scheduleOf(graph, { excludedStepIds: new Set(['a']) })))).toEqual(['b']);
  });
});

/** A random acyclic graph: edges go from a lower to a higher rank; steps are shuffled so input order is not topological. */
function randomDag(stepCount: number, edgeCount: number, seed: number): { steps: Step[]; edges: Edge[] } {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ranked: Step[] = [];
  for (let i = 0; i < stepCount; i++) {
    ranked.push({
      id: `s${i}`,
      kind: 'action',
      title: `Step ${i}`,
      description: '',
      roleIds: [],
      dialogue: '',
      location: '',
      durationMin: random() < 0.1 ? null : Math.floor(random() * 60) + random(),
      resources: '',
      expectedResult: '',
      objectiveIds: [],
      notes: '',
      phase: '',
      scenarioTime: '',
      controllerOnly: [],
      position: { x: 0, y: 0 },
    });
  }
  const edges: Edge[] = [];
  for (let e = 0; e < edgeCount; e++) {
    const a = Math.floor(random() * stepCount);
    const b = Math.floor(random() * stepCount);
    if (a === b) continue;
    const [source, target] = a < b ? [a, b] : [b, a];
    edges.push({
      id: `e${e}`,
      source: `s${source}`,
      target: `s${target}`,
      kind: 'sequence',
      label: '',
      lagMin: random() < 0.7 ? 0 : Math.floor(random() * 30) + 0.5,
    });
  }
  const steps = ranked.slice();
  for (let i = steps.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [steps[i], steps[j]] = [steps[j], steps[i]];
  }
  return { steps, edges };
}
