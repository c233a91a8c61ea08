/**
 * Plan against reality for a recorded run: each step's planned and actual
 * times, the chain of steps that really decided the drill's length, and why
 * each late step was late.
 *
 * All times are minutes from the run start (T0 of the run). Planned times
 * are the plan as published (`scheduleOf`, every branch counted, before any
 * shift the control team made during the run): the debrief compares against
 * the script people held in their hands. Actual times come from the run-state
 * fold at the end of the run; an inject, done when it is delivered, counts as
 * lasting its planned minutes from delivery (the scene it sets plays out),
 * unless it was recorded as completed later, but never past the end of the
 * run (its last recorded event): a scene does not lengthen the run.
 *
 * Delay attribution. A step's finish delay (actual finish − planned finish)
 * splits exactly into three parts:
 * - from upstream: how much later than planned its predecessors let it start
 *   (the latest predecessor's actual finish plus the edge's lag, against the
 *   planned start), named by that predecessor;
 * - started late: the rest of its start delay (it could have started, and
 *   did not);
 * - overran: actual duration − planned duration (negative when it was quicker).
 * Along the run's actual critical path the time each step lost, less what
 * later slack and quicker steps made up, adds up to the drill's overrun, so
 * the summary can say which few steps lost the time.
 */
import type { Objective, RunEvent, ScenarioBody, Step } from './model';
import { LATE_GRACE_MS, runPlanOf, runStateAt, type RunStateAt, type StepStatus } from './runState';
import { planOrderOf, scheduleOf } from './schedule';
import { MINUTE_MS } from './time';

/** A step counts as late when it finished more than this many minutes after its planned finish (the run-state fold's grace). */
export const LATE_GRACE_MIN = LATE_GRACE_MS / MINUTE_MS;

/** What became of a step by the end of the run. */
export type StepOutcome = 'done' | 'unfinished' | 'skipped' | 'not-taken' | 'not-started';

export type StepComparison = {
  step: Step;
  /** Planned times, minutes from T0; null when the plan has a cycle and so no schedule. */
  plannedStart: number | null;
  plannedFinish: number | null;
  plannedDuration: number | null;
  /** On the planned critical path. */
  plannedCritical: boolean;
  /** Actual times, minutes from the run start; an unfinished step's finish is the end of the run. */
  actualStart: number | null;
  actualFinish: number | null;
  actualDuration: number | null;
  /** Actual − planned; null when either is missing. */
  startDelay: number | null;
  finishDelay: number | null;
  overran: number | null;
  outcome: StepOutcome;
  skippedReason: string;
  /** Finished (or was still running at the end) more than `LATE_GRACE_MIN` after its planned finish. */
  late: boolean;
  onActualCriticalPath: boolean;
};

export type DelayCauseKind = 'upstream' | 'started-late' | 'overran';

/** Why one late step was late; the three parts add up to its finish delay (less any time it gained). */
export type DelayCause = {
  stepId: string;
  finishDelay: number;
  /** The predecessor whose late finish held this step back, and the minutes that came from there. */
  upstream: { stepId: string; minutes: number } | null;
  startedLate: number;
  /** Positive when it took longer than planned, negative when quicker. */
  overran: number;
  /** The largest of the three parts. */
  main: DelayCauseKind;
  /** Further up the chain of late predecessors: the steps that themselves lost time, nearest first, with the minutes each lost. */
  origins: { stepId: string; minutes: number }[];
};

/** One step's share in the drill's overrun, measured along the actual critical path. */
export type OverrunContributor = { stepId: string; minutes: number; startedLate: number; overran: number; share: number };

export type ObjectiveStatus = 'met' | 'not-met' | 'untested';

export type ObjectiveResult = {
  objective: Objective;
  status: ObjectiveStatus;
  /** Steps serving it in the branches taken; done among them. */
  stepIds: string[];
  doneCount: number;
  /** Steps serving it that were skipped or never finished. */
  missedStepIds: string[];
  lateStepIds: string[];
};

export type RunAnalysis = {
  scheduled: boolean;
  /** Every step in drill-script order. */
  steps: StepComparison[];
  byStep: Map<string, StepComparison>;
  /** Late steps in script order, each with its causes. */
  lateSteps: DelayCause[];
  /** The chain of steps that decided when the last step finished, from first to last. */
  criticalPath: string[];
  /** Minutes from T0 to the planned end, and to the last actual finish. */
  plannedLength: number | null;
  actualLength: number | null;
  /** Actual − planned length. */
  overrun: number | null;
  /** The few steps on the actual critical path that lost most of the time, largest first. */
  contributors: OverrunContributor[];
  /** Minutes lost along the actual critical path before slack and quicker steps made some of it up (≥ the overrun). */
  lostMinutes: number;
  /** How much of the overrun the plan itself absorbed or added: the last step's planned finish − the planned end (≤ 0). */
  planAbsorbed: number | null;
  /** Minutes the run stood paused. */
  pausedMinutes: number;
  objectives: ObjectiveResult[];
};

const OUTCOME_OF: Record<StepStatus, StepOutcome> = {
  waiting: 'not-started',
  ready: 'not-started',
  'under-way': 'unfinished',
  done: 'done',
  skipped: 'skipped',
  'not-taken': 'not-taken',
};

/** Minutes the run stood paused: from each pause to the next resume (or the end). */
export function pausedMinutesOf(events: readonly RunEvent[], endMs: number): number {
  let total = 0;
  let since: number | null = null;
  for (const event of events) {
    const at = Date.parse(event.at);
    if (event.kind === 'paused' && since === null) since = at;
    else if ((event.kind === 'resumed' || event.kind === 'ended') && since !== null) {
      total += at - since;
      since = null;
    }
  }
  if (since !== null && endMs > since) total += endMs - since;
  return total / MINUTE_MS;
}

/** The moment a run's analysis is taken at: its end, or its last event while it has not ended. */
export function runEndMsOf(events: readonly RunEvent[], runStartMs: number, endedAtMs: number | null): number {
  let last = runStartMs;
  for (const event of events) {
    const at = Date.parse(event.at);
    if (at > last) last = at;
  }
  return endedAtMs !== null && endedAtMs > last ? endedAtMs : last;
}

const biggest = (parts: [DelayCauseKind, number][]): DelayCauseKind => parts.reduce((best, part) => (part[1] > best[1] ? part : best))[0];

/** Each step's minutes in the delay carried along the path, split by kind; `credit` is time the drill was ahead. */
type Carried = { delay: number; parts: Map<number, { startedLate: number; overran: number }>; lost: number };

/** Adds `minutes` (lost when positive, made up when negative) of one kind at step `i`; made-up time shrinks every carried part alike. */
function carry(carried: Carried, i: number, kind: 'startedLate' | 'overran', minutes: number) {
  let x = minutes;
  if (x > 0 && carried.delay < 0) {
    const used = Math.min(x, -carried.delay);
    carried.delay += used;
    x -= used;
  }
  if (x > 0) {
    carried.delay += x;
    carried.lost += x;
    const part = carried.parts.get(i) ?? { startedLate: 0, overran: 0 };
    part[kind] += x;
    carried.parts.set(i, part);
    return;
  }
  if (x < 0 && carried.delay > 0) {
    const absorbed = Math.min(-x, carried.delay);
    const keep = (carried.delay - absorbed) / carried.delay;
    for (const part of carried.parts.values()) {
      part.startedLate *= keep;
      part.overran *= keep;
    }
    carried.delay -= absorbed;
    x += absorbed;
  }
  carried.delay += x;
}

/**
 * The steps that lost the drill's overrun, walking the actual critical path:
 * each step adds what it lost starting (its start gap beyond the planned one)
 * and running (its overrun); slack in the plan and steps that were quicker
 * make up time, shrinking what was carried so far in proportion. What is
 * left adds up to the overrun. The few largest (covering 80 %, at most 5),
 * largest first.
 */
function contributorsOf(
  path: readonly number[],
  comparisons: readonly StepComparison[],
  preds: readonly { from: number; lag: number }[][],
  ids: readonly string[],
  planAbsorbed: number,
  overrun: number,
): { few: OverrunContributor[]; lost: number } {
  const carried: Carried = { delay: 0, parts: new Map(), lost: 0 };
  path.forEach((i, k) => {
    const c = comparisons[i];
    const before = k === 0 ? null : path[k - 1];
    const lag = before === null ? 0 : preds[i].find((p) => p.from === before)!.lag;
    const actualGap = c.actualStart! - (before === null ? 0 : comparisons[before].actualFinish! + lag);
    const plannedGap = c.plannedStart! - (before === null ? 0 : comparisons[before].plannedFinish! + lag);
    carry(carried, i, 'startedLate', actualGap - plannedGap);
    carry(carried, i, 'overran', c.overran ?? 0);
  });
  if (planAbsorbed < 0) carry(carried, -1, 'overran', planAbsorbed);
  const losses = [...carried.parts]
    .map(([i, part]) => ({ stepId: ids[i], minutes: part.startedLate + part.overran, startedLate: part.startedLate, overran: part.overran, share: 0 }))
    .filter((c) => c.minutes > LATE_GRACE_MIN)
    .sort((a, b) => b.minutes - a.minutes);
  const lost = losses.reduce((sum, c) => sum + c.minutes, 0);
  const few: OverrunContributor[] = [];
  let covered = 0;
  for (const c of losses) {
    if (few.length >= 5 || (few.length > 0 && covered >= 0.8 * lost)) break;
    covered += c.minutes;
    few.push({ ...c, share: overrun > 0 ? c.minutes / overrun : 0 });
  }
  return { few, lost: carried.lost };
}

/**
 * Plan against reality for a run: `events` are its effective events in time
 * order, `endMs` the end of the run (by default its `ended` event or last
 * event); `options.stateAtEnd` is the run-state fold at `endMs` when the
 * caller already has it (a replay index does). Example: A (10 min) → B
 * (5 min) planned 0–10 and 10–15; A really
 * took 15 minutes and B started as soon as A finished: B is 5 minutes late,
 * all of it from upstream A, and the drill overran by 5 minutes, all lost in A.
 */
export function runAnalysisOf(plan: ScenarioBody, events: readonly RunEvent[], runStartMs: number, endMs?: number, options: { stateAtEnd?: RunStateAt } = {}): RunAnalysis {
  const indexed = runPlanOf(plan);
  const end = endMs ?? runEndMsOf(events, runStartMs, null);
  const state = options.stateAtEnd ?? runStateAt(plan, events, runStartMs, end);
  const endMin = (end - runStartMs) / MINUTE_MS;
  const { ids, steps, scheduled } = indexed;
  const n = ids.length;
  const minutesOf = (ms: number | null) => (ms === null ? null : (ms - runStartMs) / MINUTE_MS);

  // Predecessors with their lags, by step index.
  const preds: { from: number; lag: number }[][] = ids.map(() => []);
  for (const edge of plan.edges) {
    const from = indexed.indexOf.get(edge.source);
    const to = indexed.indexOf.get(edge.target);
    if (from !== undefined && to !== undefined && from !== to) preds[to].push({ from, lag: edge.lagMin });
  }

  const comparisons: StepComparison[] = ids.map((id, i) => {
    const actual = state.steps.get(id)!;
    const outcome = OUTCOME_OF[actual.status];
    const plannedStart = scheduled ? indexed.earliestStart[i] : null;
    const plannedFinish = scheduled ? indexed.earliestFinish[i] : null;
    const actualStart = minutesOf(actual.startedAt);
    const executed = outcome === 'done' || outcome === 'unfinished';
    const recordedFinish = !executed ? null : outcome === 'done' ? minutesOf(actual.finishedAt) : Math.max(endMin, actualStart ?? endMin);
    // An inject is done when delivered, but the scene it sets plays for its planned minutes;
    // never past the end of the run, so a scene cannot make the run longer than what was recorded.
    const sceneEnd =
      steps[i].kind === 'inject' && actualStart !== null && scheduled ? Math.min(actualStart + (indexed.earliestFinish[i] - indexed.earliestStart[i]), Math.max(endMin, actualStart)) : null;
    const actualFinish = recordedFinish !== null && sceneEnd !== null ? Math.max(recordedFinish, sceneEnd) : recordedFinish;
    const actualDuration = executed && actualStart !== null && actualFinish !== null ? actualFinish - actualStart : null;
    const plannedDuration = plannedStart !== null && plannedFinish !== null ? plannedFinish - plannedStart : null;
    const finishDelay = executed && actualFinish !== null && plannedFinish !== null ? actualFinish - plannedFinish : null;
    return {
      step: steps[i],
      plannedStart,
      plannedFinish,
      plannedDuration,
      plannedCritical: scheduled && indexed.critical[i] === 1,
      actualStart: executed ? actualStart : null,
      actualFinish,
      actualDuration,
      startDelay: executed && actualStart !== null && plannedStart !== null ? actualStart - plannedStart : null,
      finishDelay,
      overran: actualDuration !== null && plannedDuration !== null ? actualDuration - plannedDuration : null,
      outcome,
      skippedReason: actual.skippedReason,
      late: finishDelay !== null && finishDelay > LATE_GRACE_MIN,
      onActualCriticalPath: false,
    };
  });

  // The predecessor that released each executed step last (its actual finish plus lag).
  const driver = new Int32Array(n).fill(-1);
  const release = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (const { from, lag } of preds[i]) {
      const finish = comparisons[from].outcome === 'done' ? comparisons[from].actualFinish : null;
      if (finish === null) continue;
      if (driver[i] < 0 || finish + lag > release[i]) {
        driver[i] = from;
        release[i] = finish + lag;
      }
    }
  }

  const ownPartsOf = (i: number) => {
    const c = comparisons[i];
    const startDelay = c.startDelay ?? 0;
    const fromUpstream = driver[i] >= 0 ? Math.min(Math.max(release[i] - (c.plannedStart ?? 0), 0), Math.max(startDelay, 0)) : 0;
    return { fromUpstream, startedLate: Math.max(startDelay, 0) - fromUpstream, overran: c.overran ?? 0 };
  };

  const order = scheduled ? planOrderOf(plan, scheduleOf(plan) as Extract<ReturnType<typeof scheduleOf>, { ok: true }>) : ids;
  const lateSteps: DelayCause[] = [];
  for (const id of order) {
    const i = indexed.indexOf.get(id)!;
    const c = comparisons[i];
    if (!c.late || c.finishDelay === null) continue;
    const { fromUpstream, startedLate, overran } = ownPartsOf(i);
    const origins: { stepId: string; minutes: number }[] = [];
    const seen = new Set<number>([i]);
    let up = fromUpstream > 0 ? driver[i] : -1;
    while (up >= 0 && !seen.has(up)) {
      seen.add(up);
      const parts = ownPartsOf(up);
      const lost = parts.startedLate + Math.max(parts.overran, 0);
      if (lost > LATE_GRACE_MIN) origins.push({ stepId: ids[up], minutes: lost });
      up = parts.fromUpstream > 0 ? driver[up] : -1;
    }
    lateSteps.push({
      stepId: id,
      finishDelay: c.finishDelay,
      upstream: fromUpstream > 0 ? { stepId: ids[driver[i]], minutes: fromUpstream } : null,
      startedLate,
      overran,
      main: biggest([
        ['upstream', fromUpstream],
        ['started-late', startedLate],
        ['overran', Math.max(overran, 0)],
      ]),
      origins,
    });
  }

  // The actual critical path: from the last step to finish back along the drivers.
  // At the same finish the step planned later wins (a closing milestone over its last action).
  let last = -1;
  for (let i = 0; i < n; i++) {
    const finish = comparisons[i].actualFinish;
    if (finish === null) continue;
    const lastFinish = last < 0 ? -Infinity : comparisons[last].actualFinish!;
    const a = comparisons[i];
    const b = last < 0 ? null : comparisons[last];
    const laterPlanned =
      b === null ||
      (a.plannedFinish ?? 0) > (b.plannedFinish ?? 0) ||
      ((a.plannedFinish ?? 0) === (b.plannedFinish ?? 0) && (a.plannedStart ?? 0) >= (b.plannedStart ?? 0));
    if (finish > lastFinish || (finish === lastFinish && laterPlanned)) last = i;
  }
  const path: number[] = [];
  const onPath = new Set<number>();
  for (let i = last; i >= 0 && !onPath.has(i); i = driver[i]) {
    path.push(i);
    onPath.add(i);
  }
  path.reverse();
  for (const i of path) comparisons[i].onActualCriticalPath = true;

  const plannedLength = scheduled ? (n === 0 ? 0 : Math.max(...indexed.earliestFinish)) : null;
  const actualLength = last >= 0 ? comparisons[last].actualFinish : null;
  const overrun = plannedLength !== null && actualLength !== null ? actualLength - plannedLength : null;
  const planAbsorbed = scheduled && last >= 0 && plannedLength !== null ? comparisons[last].plannedFinish! - plannedLength : null;
  const carried = scheduled && overrun !== null ? contributorsOf(path, comparisons, preds, ids, planAbsorbed ?? 0, overrun) : null;

  const objectives: ObjectiveResult[] = plan.objectives.map((objective) => {
    const serving = comparisons.filter((c) => c.step.objectiveIds.includes(objective.id) && c.outcome !== 'not-taken');
    const missed = serving.filter((c) => c.outcome !== 'done');
    return {
      objective,
      status: serving.length === 0 ? 'untested' : missed.length === 0 ? 'met' : 'not-met',
      stepIds: serving.map((c) => c.step.id),
      doneCount: serving.length - missed.length,
      missedStepIds: missed.map((c) => c.step.id),
      lateStepIds: serving.filter((c) => c.late).map((c) => c.step.id),
    };
  });

  const byStep = new Map(comparisons.map((c) => [c.step.id, c]));
  return {
    scheduled,
    steps: order.map((id) => byStep.get(id)!),
    byStep,
    lateSteps,
    criticalPath: path.map((i) => ids[i]),
    plannedLength,
    actualLength,
    overrun,
    contributors: carried?.few ?? [],
    lostMinutes: carried?.lost ?? 0,
    planAbsorbed,
    pausedMinutes: pausedMinutesOf(events, runStartMs + endMin * MINUTE_MS),
    objectives,
  };
}
