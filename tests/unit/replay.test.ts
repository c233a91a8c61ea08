import { describe, expect, it } from 'vitest';
import { effectiveEventsOf, type RunEvent, type RunEventKind } from '../../shared/model';
import {
  checkpointSpacingOf,
  currentEventIndexAt,
  eventCountAt,
  nextEventTimeOf,
  previousEventTimeOf,
  replayIndexOf,
  replaySpanOf,
  stateAtTime,
} from '../../shared/replay';
import { applyEvent, cloneRunState, initialRunState, runEventOf, runStateAt, type RunStateAt } from '../../shared/runState';
import { FLOOD_MINI_START, floodMini } from '../fixtures/replay/floodMini';
import { randomLog, randomOf, randomPlan } from '../fixtures/replay/randomRun';

const T0 = Date.parse(FLOOD_MINI_START);
const at = (minutes: number) => T0 + minutes * 60_000;
const iso = (minutes: number) => new Date(at(minutes)).toISOString();

let seq = 0;
function recorded(minutes: number, kind: RunEventKind, stepId: string | null = null, fields: Partial<RunEvent> = {}): RunEvent {
  seq++;
  return runEventOf({ seq, runId: 'run-mini', at: iso(minutes), kind, stepId, ...fields });
}

/** Everything a state holds, in plain comparable form (the fold's working arrays included, so later events fold the same). */
function plainOf(state: RunStateAt) {
  return {
    t: state.t,
    applied: state.applied,
    paused: state.paused,
    ended: state.ended,
    shiftMin: state.shiftMin,
    taken: [...state.takenEdgeIds].sort(),
    notTaken: [...state.notTakenEdgeIds].sort(),
    steps: Object.fromEntries([...state.steps].map(([id, step]) => [id, { ...step }])),
    pending: [...state.work.pending],
    cutOff: [...state.work.cutOff],
    shiftAtStart: [...state.work.shiftAtStart].map((value) => (Number.isNaN(value) ? 'NaN' : value)),
    endedAtMs: state.work.endedAtMs,
  };
}

/**
 * The small flood drill as recorded: a late start of the monitoring, the
 * standby source chosen at the decision, the sewage step skipped, and two
 * corrections (the water-works inject was really delivered at T+17, not
 * T+25; the monitoring completed at T+48, not T+46).
 */
function miniLog(): RunEvent[] {
  seq = 0;
  const log = [
    recorded(0, 'inject-delivered', 's1'),
    recorded(1, 'started', 's2'),
    recorded(12, 'completed', 's2'),
    recorded(15, 'started', 's3'),
    recorded(25, 'inject-delivered', 's4'),
    recorded(26, 'started', 's5'),
    recorded(30, 'branch-taken', 's5', { edgeId: 'e5-6' }),
    recorded(31, 'started', 's6'),
    recorded(46, 'completed', 's3'),
    recorded(50, 'observation', null, { text: '监测组采样点位选择合理' }),
    recorded(55, 'completed', 's6'),
    recorded(58, 'skipped', 's8', { text: '污水厂已恢复运行' }),
    recorded(60, 'completed', 's9'),
    recorded(61, 'ended'),
  ];
  const deliveredLate = log[4];
  const completedMonitoring = log[8];
  const fix1 = recorded(70, 'inject-delivered', 's4', { at: iso(17), corrects: deliveredLate.seq });
  const fix2 = recorded(71, 'completed', 's3', { at: iso(48), corrects: completedMonitoring.seq });
  deliveredLate.supersededBy = fix1.seq;
  completedMonitoring.supersededBy = fix2.seq;
  return [...log, fix1, fix2];
}

describe('stateAtTime on a hand-made run log', () => {
  const plan = floodMini();
  const events = effectiveEventsOf(miniLog());
  const index = replayIndexOf(plan, events, T0, { every: 3 });
  const statuses = (t: number) => Object.fromEntries([...stateAtTime(index, t).steps].map(([id, step]) => [id, step.status]));

  it('shows nothing done before the first event', () => {
    expect(statuses(at(-1))).toEqual({
      s1: 'ready',
      s2: 'waiting',
      s3: 'waiting',
      s4: 'waiting',
      s5: 'waiting',
      s6: 'waiting',
      s7: 'waiting',
      s8: 'waiting',
      s9: 'waiting',
    });
  });

  it('uses the corrected time of an inject, not the one first recorded', () => {
    expect(stateAtTime(index, at(20)).steps.get('s4')).toMatchObject({ status: 'done', deliveredAt: at(17) });
    expect(statuses(at(20))).toMatchObject({ s3: 'under-way', s5: 'ready' });
  });

  it('highlights the branch taken and cuts off the other one', () => {
    const state = stateAtTime(index, at(40));
    expect([...state.takenEdgeIds]).toEqual(['e5-6']);
    expect([...state.notTakenEdgeIds]).toEqual(['e5-7']);
    expect(state.steps.get('s7')?.status).toBe('not-taken');
    expect(state.steps.get('s6')?.status).toBe('under-way');
  });

  it('keeps the monitoring under way until its corrected completion', () => {
    expect(stateAtTime(index, at(47)).steps.get('s3')?.status).toBe('under-way');
    expect(stateAtTime(index, at(48)).steps.get('s3')).toMatchObject({ status: 'done', finishedAt: at(48) });
  });

  it('shows a skipped step with its reason, and the merge no longer waiting for it', () => {
    const state = stateAtTime(index, at(59));
    expect(state.steps.get('s8')).toMatchObject({ status: 'skipped', skippedReason: '污水厂已恢复运行' });
    expect(state.steps.get('s9')?.status).toBe('ready');
  });

  it('marks a step late once it runs past its planned latest finish, with a minute of grace', () => {
    // s2 (10 min) was planned 0–10 on the critical path; it started at 1 and finished at 12.
    expect(stateAtTime(index, at(10.5)).steps.get('s2')?.late).toBe(false);
    expect(stateAtTime(index, at(11.5)).steps.get('s2')?.late).toBe(true);
  });

  it('ends with the run ended and every event applied', () => {
    const state = stateAtTime(index, at(90));
    expect(state).toMatchObject({ ended: true, applied: events.length });
    expect(statuses(at(90))).toMatchObject({ s9: 'done', s7: 'not-taken', s8: 'skipped' });
  });

  it('gives the same state going backwards as going forwards', () => {
    const forward = plainOf(cloneRunState(stateAtTime(index, at(33))));
    stateAtTime(index, at(90));
    expect(plainOf(stateAtTime(index, at(33)))).toEqual(forward);
  });
});

describe('event navigation', () => {
  const plan = floodMini();
  const events = effectiveEventsOf(miniLog());
  const index = replayIndexOf(plan, events, T0);

  it('counts the events that happened by a moment, those at that very moment included', () => {
    expect(eventCountAt(index, at(-1))).toBe(0);
    expect(eventCountAt(index, at(0))).toBe(1);
    expect(eventCountAt(index, at(17))).toBe(5);
    expect(eventCountAt(index, at(1000))).toBe(events.length);
    expect(currentEventIndexAt(index, at(16.5))).toBe(3);
  });

  it('finds the next and the previous event moment', () => {
    expect(nextEventTimeOf(index, at(12))).toBe(at(15));
    expect(nextEventTimeOf(index, at(11.5))).toBe(at(12));
    expect(previousEventTimeOf(index, at(15))).toBe(at(12));
    expect(previousEventTimeOf(index, at(0))).toBeNull();
    expect(nextEventTimeOf(index, at(61))).toBeNull();
  });

  it('spans the run from its start to its last event', () => {
    expect(replaySpanOf(index, at(61))).toEqual({ startMs: T0, endMs: at(61), openMs: T0 });
    const empty = replayIndexOf(plan, [], T0);
    expect(replaySpanOf(empty, null)).toEqual({ startMs: T0, endMs: T0 + 60_000, openMs: T0 });
  });
});

describe('seek equals the fold from the start', () => {
  it('at every event boundary of many random logs, in order and in random order', () => {
    let compared = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const random = randomOf(seed);
      const plan = randomPlan(random, 1 + Math.floor(random() * 30));
      const { runStartMs, effective } = randomLog(random, plan, Math.floor(random() * 200), { corrections: Math.floor(random() * 8) });
      const every = [1, 2, 3, 7, 16, 64][seed % 6];
      const index = replayIndexOf(plan, effective, runStartMs, { every });
      const moments = [runStartMs - 1];
      for (const event of effective) moments.push(Date.parse(event.at) - 1, Date.parse(event.at));
      const folded = new Map(moments.map((t) => [t, JSON.stringify(plainOf(runStateAt(plan, effective, runStartMs, t)))]));
      const shuffled = moments.map((t) => ({ t, key: random() })).sort((a, b) => a.key - b.key).map(({ t }) => t);
      for (const t of [...moments, ...shuffled]) {
        const sought = JSON.stringify(plainOf(stateAtTime(index, t)));
        if (sought !== folded.get(t)) expect({ seed, t, state: JSON.parse(sought) }).toEqual({ seed, t, state: JSON.parse(folded.get(t)!) });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('holds on a long log with the default checkpoint spacing', () => {
    const random = randomOf(2024);
    const plan = randomPlan(random, 300);
    const { runStartMs, effective } = randomLog(random, plan, 3_000, { corrections: 50, maxGapMs: 20_000 });
    const index = replayIndexOf(plan, effective, runStartMs);
    for (let k = 0; k < 100; k++) {
      const t = Date.parse(effective[Math.floor(random() * effective.length)].at);
      expect(plainOf(stateAtTime(index, t))).toEqual(plainOf(runStateAt(plan, effective, runStartMs, t)));
    }
  });
});

describe('checkpoints', () => {
  it('are spaced at least 64 events apart, wider when a big drill would need too much memory', () => {
    expect(checkpointSpacingOf(500, 9)).toBe(64);
    const spacing = checkpointSpacingOf(100_000, 2_000);
    expect(spacing).toBeGreaterThan(64);
    const checkpoints = Math.floor(100_000 / spacing) + 1;
    expect(checkpoints * 2_000 * 38).toBeLessThanOrEqual(16 * 1024 * 1024);
  });

  it('rely on an observation changing nothing in the fold but the count (seeking only counts them)', () => {
    const state = initialRunState(floodMini(), T0);
    applyEvent(state, recorded(0, 'inject-delivered', 's1'));
    const before = plainOf(cloneRunState(state));
    applyEvent(state, recorded(0, 'observation', 's2', { text: '记录', rating: 4, roleId: 'r-ctl' }));
    expect(plainOf(state)).toEqual({ ...before, applied: before.applied + 1 });
  });

  it('cover every field of the fold state (a new field must be added to the checkpoint)', () => {
    const state = initialRunState(floodMini(), T0);
    expect(Object.keys(state).sort()).toEqual(['applied', 'duplicates', 'ended', 'notTakenEdgeIds', 'paused', 'shiftMin', 'steps', 't', 'takenEdgeIds', 'work']);
    expect(Object.keys(state.work).sort()).toEqual(['cutOff', 'endedAtMs', 'kept', 'pending', 'plan', 'runStartMs', 'shiftAtStart']);
    expect(Object.keys(state.steps.get('s1')!).sort()).toEqual([
      'branchEdgeId',
      'deliveredAt',
      'finishedAt',
      'late',
      'skippedReason',
      'startedAt',
      'status',
    ]);
  });
});
