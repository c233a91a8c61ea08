import { describe, expect, it } from 'vitest';
import { EdgeSchema, ScenarioBodySchema, StepSchema, effectiveEventsOf, type RunEvent, type RunEventKind, type ScenarioBody, type StepKind } from '../../shared/model';
import {
  LATE_GRACE_MS,
  applyEvent,
  cloneRunState,
  dueStepsOf,
  duplicatesOf,
  followActualShiftOf,
  initialRunState,
  instantMsOf,
  plannedTimesOf,
  runStateAt,
  settleRunState,
  stateSlotOf,
  STEP_STATE_KINDS,
  type RunStateAt,
  type StepStatus,
} from '../../shared/runState';
import { runEventOf, runStatusAfter } from '../../shared/runState';

/*
 * The flood-alarm fixture, times in minutes from T0 (earliest start–finish):
 *
 *   alarm (inject, 0–5) → assess (10 min, 5–15) → decide (decision, 15–20)
 *   alarm → notify (5 min, 5–10, slack 40)
 *   decide ─[水位超警戒]→ evacuate (30 min, 20–50) → report (milestone, 50)
 *   decide ─[水位未超警戒]→ monitor (10 min, 20–30, slack 20) → report
 *   notify → report
 */
const step = (id: string, durationMin: number, kind: StepKind = 'action') => StepSchema.parse({ id, title: id, kind, durationMin });
const edge = (source: string, target: string, kind: 'sequence' | 'conditional' = 'sequence', label = '') =>
  EdgeSchema.parse({ id: `${source}-${target}`, source, target, kind, label });

const floodAlarm: ScenarioBody = ScenarioBodySchema.parse({
  title: '防汛预警桌面推演',
  steps: [
    step('alarm', 5, 'inject'),
    step('assess', 10),
    step('notify', 5),
    step('decide', 5, 'decision'),
    step('evacuate', 30),
    step('monitor', 10),
    step('report', 0, 'milestone'),
  ],
  edges: [
    edge('alarm', 'assess'),
    edge('alarm', 'notify'),
    edge('assess', 'decide'),
    edge('decide', 'evacuate', 'conditional', '水位超警戒'),
    edge('decide', 'monitor', 'conditional', '水位未超警戒'),
    edge('evacuate', 'report'),
    edge('monitor', 'report'),
    edge('notify', 'report'),
  ],
});

const T0 = Date.parse('2026-05-20T01:30:00.000Z'); // 09:30 in Beijing
const at = (minutes: number) => T0 + minutes * 60_000;
const iso = (minutes: number) => new Date(at(minutes)).toISOString();

let seq = 0;
function event(minutes: number, kind: RunEventKind, fields: Partial<RunEvent> = {}): RunEvent {
  seq++;
  return runEventOf({ seq, runId: 'run-1', at: iso(minutes), kind, ...fields });
}
const on = (minutes: number, kind: RunEventKind, stepId: string, fields: Partial<RunEvent> = {}) => event(minutes, kind, { stepId, ...fields });

const statusesOf = (state: RunStateAt): Record<string, StepStatus> =>
  Object.fromEntries([...state.steps].map(([id, s]) => [id, s.status]));
const lateOf = (state: RunStateAt) => [...state.steps].filter(([, s]) => s.late).map(([id]) => id);

/** A run that goes to plan: alarm delivered, assessment and decision on time, evacuation chosen. */
const onTimeLog = [
  on(0, 'inject-delivered', 'alarm'),
  on(5, 'started', 'assess'),
  on(6, 'started', 'notify'),
  on(10, 'completed', 'notify'),
  on(15, 'completed', 'assess'),
  on(16, 'started', 'decide'),
  on(20, 'branch-taken', 'decide', { edgeId: 'decide-evacuate' }),
  on(20, 'started', 'evacuate'),
];

describe('runStateAt', () => {
  it('starts with the steps without predecessors ready and the rest waiting', () => {
    const state = runStateAt(floodAlarm, [], T0, T0);
    expect(statusesOf(state)).toEqual({
      alarm: 'ready',
      assess: 'waiting',
      notify: 'waiting',
      decide: 'waiting',
      evacuate: 'waiting',
      monitor: 'waiting',
      report: 'waiting',
    });
    expect(state).toMatchObject({ applied: 0, paused: false, ended: false, shiftMin: 0 });
  });

  it('finishes an inject when it is delivered and makes its successors ready', () => {
    const state = runStateAt(floodAlarm, [on(1, 'inject-delivered', 'alarm')], T0, at(2));
    expect(state.steps.get('alarm')).toMatchObject({ status: 'done', deliveredAt: at(1), startedAt: at(1), finishedAt: at(1) });
    expect(statusesOf(state)).toMatchObject({ assess: 'ready', notify: 'ready', decide: 'waiting' });
  });

  it('puts a started step under way and a completed one done', () => {
    const state = runStateAt(floodAlarm, onTimeLog.slice(0, 4), T0, at(11));
    expect(state.steps.get('assess')).toMatchObject({ status: 'under-way', startedAt: at(5), finishedAt: null });
    expect(state.steps.get('notify')).toMatchObject({ status: 'done', startedAt: at(6), finishedAt: at(10) });
    expect(state.steps.get('decide')?.status).toBe('waiting');
  });

  it('starts a join only when all its predecessors are done or skipped', () => {
    const log = [on(0, 'inject-delivered', 'alarm'), on(12, 'completed', 'assess'), on(13, 'skipped', 'notify', { text: '通讯中断，改为现场口头通知' })];
    const state = runStateAt(floodAlarm, log, T0, at(14));
    expect(state.steps.get('notify')).toMatchObject({ status: 'skipped', skippedReason: '通讯中断，改为现场口头通知' });
    expect(state.steps.get('decide')?.status).toBe('ready');
    expect(state.steps.get('report')?.status).toBe('waiting');
  });

  it('cuts off the branch not taken and no longer waits for it at the merge', () => {
    const log = [...onTimeLog, on(48, 'completed', 'evacuate')];
    const state = runStateAt(floodAlarm, log, T0, at(49));
    expect(state.steps.get('decide')).toMatchObject({ status: 'done', branchEdgeId: 'decide-evacuate', finishedAt: at(20) });
    expect(state.steps.get('monitor')?.status).toBe('not-taken');
    expect([...state.takenEdgeIds]).toEqual(['decide-evacuate']);
    expect([...state.notTakenEdgeIds]).toEqual(['decide-monitor']);
    expect(state.steps.get('report')?.status).toBe('ready');
  });

  it('keeps the first branch when a decision is taken again, the second a duplicate, until one of them is voided', () => {
    const second = on(22, 'branch-taken', 'decide', { edgeId: 'decide-monitor' });
    const log = [...onTimeLog.slice(0, 7), second];
    const state = runStateAt(floodAlarm, log, T0, at(23));
    expect(statusesOf(state)).toMatchObject({ evacuate: 'ready', monitor: 'not-taken' });
    expect(state.duplicates).toEqual(new Map([[second.seq, onTimeLog[6].seq]]));
    // The controller voids the first: the second branch is followed.
    const voided = { ...onTimeLog[6], supersededBy: 999 };
    const resolved = runStateAt(floodAlarm, effectiveEventsOf([...onTimeLog.slice(0, 6), voided, on(20, 'voided', 'decide', { seq: 999, corrects: voided.seq }), second]), T0, at(23));
    expect(statusesOf(resolved)).toMatchObject({ evacuate: 'not-taken', monitor: 'ready' });
    expect([...resolved.notTakenEdgeIds]).toEqual(['decide-evacuate']);
    expect(resolved.duplicates.size).toBe(0);
  });

  it('leaves out events after the moment asked for', () => {
    const state = runStateAt(floodAlarm, onTimeLog, T0, at(12));
    expect(state.applied).toBe(4);
    expect(state.steps.get('assess')?.status).toBe('under-way');
    expect(state.t).toBe(at(12));
  });

  it('uses the corrected time of an event and drops the superseded original', () => {
    const original = on(30, 'completed', 'assess', { supersededBy: 99 });
    const correction = on(14, 'completed', 'assess', { seq: 99, corrects: original.seq });
    const events = effectiveEventsOf([on(0, 'inject-delivered', 'alarm'), on(5, 'started', 'assess'), original, correction]);
    const state = runStateAt(floodAlarm, events, T0, at(20));
    expect(state.steps.get('assess')).toMatchObject({ status: 'done', finishedAt: at(14) });
    expect(state.applied).toBe(3);
  });

  it('records pause, resume and end of the run', () => {
    const paused = runStateAt(floodAlarm, [event(3, 'paused')], T0, at(4));
    expect(paused.paused).toBe(true);
    const resumed = runStateAt(floodAlarm, [event(3, 'paused'), event(8, 'resumed')], T0, at(9));
    expect(resumed.paused).toBe(false);
    const ended = runStateAt(floodAlarm, [event(3, 'paused'), event(8, 'ended')], T0, at(9));
    expect(ended).toMatchObject({ paused: false, ended: true });
  });

  it('counts observations without changing any step', () => {
    const state = runStateAt(floodAlarm, [event(2, 'observation', { text: '值班员接报后未复述确认', rating: 3 })], T0, at(3));
    expect(state.applied).toBe(1);
    expect(state.steps.get('alarm')?.status).toBe('ready');
  });
});

describe('duplicates (two seats recording the same step state)', () => {
  it('marks a later record of the same step and kind as a duplicate of the earlier, which alone counts', () => {
    const first = on(12, 'completed', 'assess', { seatId: 'seat-a' });
    const again = on(13, 'completed', 'assess', { seatId: null });
    const state = runStateAt(floodAlarm, [on(0, 'inject-delivered', 'alarm'), on(5, 'started', 'assess'), first, again], T0, at(14));
    expect(state.duplicates).toEqual(new Map([[again.seq, first.seq]]));
    expect(state.steps.get('assess')).toMatchObject({ status: 'done', finishedAt: at(12) });
    expect(state.applied).toBe(4);
  });

  it('takes the fold’s order: the record later in the drill’s time is the duplicate, whichever was stored first', () => {
    const storedFirst = on(9, 'inject-delivered', 'alarm');
    const storedLater = on(4, 'inject-delivered', 'alarm'); // an offline phone's entry, sent when it came back
    const state = runStateAt(floodAlarm, effectiveEventsOf([storedFirst, storedLater]), T0, at(10));
    expect(state.duplicates).toEqual(new Map([[storedFirst.seq, storedLater.seq]]));
    expect(state.steps.get('alarm')).toMatchObject({ deliveredAt: at(4) });
  });

  it('does not count different step states, other steps, observations or a correction as duplicates', () => {
    const original = on(12, 'completed', 'assess', { supersededBy: 500 });
    const log = effectiveEventsOf([
      on(0, 'inject-delivered', 'alarm'),
      on(5, 'started', 'assess'),
      on(6, 'started', 'notify'),
      on(7, 'observation', 'assess'),
      on(8, 'observation', 'assess'),
      on(9, 'skipped', 'notify'),
      original,
      on(11, 'completed', 'assess', { seq: 500, corrects: original.seq }),
    ]);
    expect(runStateAt(floodAlarm, log, T0, at(20)).duplicates.size).toBe(0);
    expect(duplicatesOf(floodAlarm, log, T0).size).toBe(0);
  });

  it('names the step states a duplicate can repeat, and no other kind', () => {
    expect(STEP_STATE_KINDS.map(stateSlotOf)).toEqual([0, 1, 2, 3, 4]);
    for (const kind of ['observation', 'paused', 'resumed', 'ended', 'plan-shifted', 'evaluation-scored', 'hot-wash', 'voided'] as const) expect(stateSlotOf(kind)).toBe(-1);
  });

  it('keeps the duplicates of a checkpoint apart from those found after it', () => {
    const checkpoint = runStateAt(floodAlarm, [on(0, 'inject-delivered', 'alarm')], T0, at(1));
    const copy = cloneRunState(checkpoint);
    const again = on(2, 'inject-delivered', 'alarm');
    applyEvent(copy, again);
    expect(copy.duplicates.get(again.seq)).toBeDefined();
    expect(checkpoint.duplicates.size).toBe(0);
    applyEvent(checkpoint, on(3, 'completed', 'assess'));
    expect(checkpoint.duplicates.size).toBe(0);
  });
});

describe('late steps', () => {
  it('marks nothing late on a run that keeps to the plan', () => {
    expect(lateOf(runStateAt(floodAlarm, onTimeLog, T0, at(30)))).toEqual([]);
  });

  it('marks a step late when it starts after its latest start', () => {
    // assess is critical: latest start T+5.
    const state = runStateAt(floodAlarm, [on(0, 'inject-delivered', 'alarm'), on(9, 'started', 'assess')], T0, at(10));
    expect(lateOf(state)).toEqual(['assess']);
  });

  it('allows a step with slack to start later without being late', () => {
    // notify has 40 minutes of slack: latest start T+45.
    const state = runStateAt(floodAlarm, [on(0, 'inject-delivered', 'alarm'), on(5, 'started', 'assess'), on(30, 'started', 'notify')], T0, at(31));
    expect(state.steps.get('notify')?.late).toBe(false);
  });

  it('marks a step late while it runs past its latest finish, and keeps it late once done', () => {
    const log = [on(0, 'inject-delivered', 'alarm'), on(5, 'started', 'assess')];
    expect(runStateAt(floodAlarm, log, T0, at(15) + LATE_GRACE_MS).steps.get('assess')?.late).toBe(false);
    expect(runStateAt(floodAlarm, log, T0, at(17)).steps.get('assess')?.late).toBe(true);
    expect(runStateAt(floodAlarm, [...log, on(18, 'completed', 'assess')], T0, at(40)).steps.get('assess')?.late).toBe(true);
  });

  it('marks a step late when it has not started by its latest start', () => {
    const state = runStateAt(floodAlarm, [], T0, at(2));
    expect(lateOf(state)).toEqual(['alarm']);
  });

  it('never marks skipped or cut-off steps late', () => {
    const log = [...onTimeLog, on(21, 'skipped', 'notify', { text: '已口头通知' })];
    const state = runStateAt(floodAlarm, log, T0, at(49));
    expect(state.steps.get('notify')?.late).toBe(false);
    expect(state.steps.get('monitor')?.late).toBe(false);
  });

  it('moves the late line of steps not yet started when the plan is shifted', () => {
    const log = [on(0, 'inject-delivered', 'alarm'), on(5, 'started', 'assess'), event(6, 'plan-shifted', { shiftMin: 10 })];
    // Without the shift decide (latest start T+15) would be late at T+20.
    const state = runStateAt(floodAlarm, log, T0, at(20));
    expect(state.shiftMin).toBe(10);
    expect(state.steps.get('decide')?.late).toBe(false);
    // assess started before the shift and keeps its plan: latest finish T+15.
    expect(state.steps.get('assess')?.late).toBe(true);
    expect(plannedTimesOf(state, 'decide')).toMatchObject({ start: at(25), latestStart: at(25) });
    expect(plannedTimesOf(state, 'assess')).toMatchObject({ start: at(5), finish: at(15) });
  });

  it('judges lateness at the end of the run once it has ended', () => {
    const log = [on(0, 'inject-delivered', 'alarm'), event(3, 'ended')];
    const state = runStateAt(floodAlarm, log, T0, at(120));
    expect(state.ended).toBe(true);
    expect(lateOf(state)).toEqual([]);
  });
});

describe('applyEvent and cloneRunState', () => {
  it('gives the same state applied event by event as folded from the start', () => {
    const log = [...onTimeLog, on(45, 'completed', 'evacuate'), event(46, 'observation', { text: '撤离用时偏长' })];
    const state = initialRunState(floodAlarm, T0);
    for (const e of log) applyEvent(state, e);
    settleRunState(state, at(50));
    const folded = runStateAt(floodAlarm, log, T0, at(50));
    expect(statusesOf(state)).toEqual(statusesOf(folded));
    expect([...state.steps]).toEqual([...folded.steps]);
    expect(state.applied).toBe(folded.applied);
  });

  it('resumes from a cloned checkpoint without touching the checkpoint', () => {
    const checkpoint = initialRunState(floodAlarm, T0);
    for (const e of onTimeLog.slice(0, 5)) applyEvent(checkpoint, e);
    const before = JSON.stringify([...checkpoint.steps]);
    const copy = cloneRunState(checkpoint);
    for (const e of onTimeLog.slice(5)) applyEvent(copy, e);
    settleRunState(copy, at(30));
    expect(JSON.stringify([...checkpoint.steps])).toBe(before);
    expect(checkpoint.takenEdgeIds.size).toBe(0);
    expect([...copy.steps]).toEqual([...runStateAt(floodAlarm, onTimeLog, T0, at(30)).steps]);
  });

  it('ignores events that name a step the plan does not have', () => {
    const state = runStateAt(floodAlarm, [on(1, 'started', 'ghost')], T0, at(2));
    expect(state.applied).toBe(1);
    expect(state.steps.has('ghost')).toBe(false);
  });
});

describe('dueStepsOf and followActualShiftOf', () => {
  it('lists the steps still to come by planned start, shifted with the plan', () => {
    const state = runStateAt(floodAlarm, [on(0, 'inject-delivered', 'alarm'), event(1, 'plan-shifted', { shiftMin: 5 })], T0, at(1));
    const due = dueStepsOf(state, { limit: 3 });
    expect(due.map((d) => [d.stepId, d.status, d.plannedStart])).toEqual([
      ['assess', 'ready', at(10)],
      ['notify', 'ready', at(10)],
      ['decide', 'waiting', at(20)],
    ]);
    expect(dueStepsOf(state, { kinds: ['inject'] })).toEqual([]);
    expect(dueStepsOf(runStateAt(floodAlarm, [], T0, T0), { kinds: ['inject'] }).map((d) => d.stepId)).toEqual(['alarm']);
  });

  it('proposes the shift that makes the plan follow the latest finish', () => {
    const log = [on(0, 'inject-delivered', 'alarm'), on(5, 'started', 'assess'), event(10, 'plan-shifted', { shiftMin: 5 }), on(27, 'completed', 'assess')];
    // assess planned to finish at T+15 (shift 0 when it started); it finished at T+27; 5 minutes were already added.
    expect(followActualShiftOf(runStateAt(floodAlarm, log, T0, at(28)))).toBe(7);
    expect(followActualShiftOf(runStateAt(floodAlarm, [], T0, T0))).toBe(0);
  });
});

describe('incremental readiness', () => {
  /** Readiness worked out from scratch, the slow and obvious way. */
  function naiveStatusOf(state: RunStateAt, id: string): StepStatus {
    const own = state.steps.get(id)!.status;
    if (own === 'under-way' || own === 'done' || own === 'skipped') return own;
    const incoming = floodAlarm.edges.filter((e) => e.target === id);
    const cutOff = (stepId: string): boolean => {
      const into = floodAlarm.edges.filter((e) => e.target === stepId);
      return into.length > 0 && into.every((e) => state.notTakenEdgeIds.has(e.id) || cutOff(e.source));
    };
    if (cutOff(id)) return 'not-taken';
    const resolved = (stepId: string) => ['done', 'skipped'].includes(state.steps.get(stepId)!.status) || cutOff(stepId);
    return incoming.every((e) => resolved(e.source)) ? 'ready' : 'waiting';
  }

  it('agrees with readiness worked out from scratch on many random logs', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const ids = floodAlarm.steps.map((s) => s.id);
    const kinds: RunEventKind[] = ['started', 'completed', 'skipped', 'inject-delivered', 'branch-taken'];
    for (let run = 0; run < 100; run++) {
      const state = initialRunState(floodAlarm, T0);
      for (let k = 0; k < 12; k++) {
        const kind = kinds[Math.floor(random() * kinds.length)];
        const stepId = kind === 'branch-taken' ? 'decide' : ids[Math.floor(random() * ids.length)];
        const edgeId = kind === 'branch-taken' ? (random() < 0.5 ? 'decide-evacuate' : 'decide-monitor') : null;
        applyEvent(state, on(k, kind, stepId, { edgeId }));
        for (const id of ids) expect(state.steps.get(id)!.status, `run ${run}, event ${k}, step ${id}`).toBe(naiveStatusOf(state, id));
      }
    }
  });
});

describe('instantMsOf', () => {
  it('reads stored instants like Date.parse, and other forms through it', () => {
    for (const iso of ['2026-05-20T01:30:00.000Z', '1999-12-31T23:59:59.999Z', '2024-02-29T12:00:00.001Z'])
      expect(instantMsOf(iso)).toBe(Date.parse(iso));
    expect(instantMsOf('2026-05-20T09:30:00+08:00')).toBe(Date.parse('2026-05-20T01:30:00Z'));
    expect(instantMsOf('not a time')).toBeNaN();
  });
});

describe('runEventOf and runStatusAfter', () => {
  it('fills every field a record has that the event does not name', () => {
    const made = runEventOf({ seq: 7, runId: 'r', at: iso(3), kind: 'started', stepId: 'assess' });
    expect(made).toEqual({
      seq: 7,
      runId: 'r',
      at: iso(3),
      kind: 'started',
      stepId: 'assess',
      roleId: null,
      text: '',
      rating: null,
      edgeId: null,
      shiftMin: null,
      itemId: null,
      value: null,
      person: '',
      corrects: null,
      supersededBy: null,
      recordedAt: iso(3),
      seatId: null,
      clientId: null,
    });
  });

  it('pauses, resumes and ends a run, and leaves it alone for other events and after its end', () => {
    const running = { status: 'running' as const, endedAt: null };
    const paused = runStatusAfter(running, { kind: 'paused', at: iso(5) });
    expect(paused).toEqual({ status: 'paused', endedAt: null });
    expect(runStatusAfter(paused, { kind: 'resumed', at: iso(6) })).toEqual({ status: 'running', endedAt: null });
    expect(runStatusAfter(running, { kind: 'started', at: iso(6) })).toBe(running);
    const ended = runStatusAfter(paused, { kind: 'ended', at: iso(9) });
    expect(ended).toEqual({ status: 'ended', endedAt: iso(9) });
    expect(runStatusAfter(ended, { kind: 'resumed', at: iso(10) })).toBe(ended);
    expect(runStatusAfter(ended, { kind: 'ended', at: iso(11) })).toBe(ended);
  });
});
