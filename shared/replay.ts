/**
 * Replay of a recorded run: the state of every step at any moment, found
 * without refolding the log from its start.
 *
 * `replayIndexOf` folds the log once with the run-state fold
 * (`applyEvent`) and keeps a checkpoint every K units of folding work (an
 * event is one unit; a branch taken, which re-derives the cut-off steps in
 * one pass over the graph, counts for that pass), each stored as typed
 * arrays (status codes, times, waiting counts), not as 2,000 step objects.
 * `stateAtTime(index, t)` finds how many events happened by `t` with a
 * binary search, restores the nearest checkpoint before that into one
 * reusable working state (field writes, no allocation), applies the few
 * events after it and settles the clock-dependent flags at `t`: about
 * log(n) + K + steps of work. Moving forward from the last position (what
 * playing does) applies only the new events, with no restore at all.
 *
 * The state returned is the index's working copy: read it, or clone it with
 * `cloneRunState` to keep it; the next seek changes it.
 */
import type { RunEvent, ScenarioBody } from './model';
import {
  applyEvent,
  initialRunState,
  settleRunState,
  STEP_STATE_KINDS,
  type RunStateAt,
  type StepState,
  type StepStatus,
} from './runState';

const STATUSES: readonly StepStatus[] = ['waiting', 'ready', 'under-way', 'done', 'skipped', 'not-taken'];
const STATUS_CODE = new Map(STATUSES.map((status, code) => [status, code]));

/** One saved position of the fold, in typed arrays indexed like the plan's steps. */
type Checkpoint = {
  applied: number;
  t: number;
  paused: boolean;
  ended: boolean;
  shiftMin: number;
  endedAtMs: number | null;
  status: Uint8Array;
  /** Epoch ms; NaN for null. */
  deliveredAt: Float64Array;
  startedAt: Float64Array;
  finishedAt: Float64Array;
  /** Only the steps that have one (skipped steps, decisions): step index → value. */
  skippedReasons: Map<number, string>;
  branchEdgeIds: Map<number, string>;
  taken: string[];
  notTaken: string[];
  pending: Int32Array;
  cutOff: Uint8Array;
  shiftAtStart: Float64Array;
  /** The fold's kept record per step state, and the duplicates found so far (few: [duplicate, kept] pairs). */
  kept: Int32Array;
  duplicates: [number, number][];
};

export type ReplayIndex = {
  plan: ScenarioBody;
  /** The run's effective events in time order (`effectiveEventsOf`). */
  events: readonly RunEvent[];
  runStartMs: number;
  /** Each event's time, epoch ms (NaN when it does not parse). */
  times: Float64Array;
  /** Running maximum of `times` (NaN counted as -∞): the fold stops at the first event after t, so this is what t is searched in. */
  reach: Float64Array;
  /** Folding work (see above) between checkpoints. */
  every: number;
  /** `costBefore[i]`: the folding work of the first i events. */
  costBefore: Float64Array;
  /** Checkpoints in log order; `checkpoints[0]` is the state before any event. */
  checkpoints: Checkpoint[];
  /** `checkpointApplied[k]`: how many events `checkpoints[k]` has applied. */
  checkpointApplied: Int32Array;
  /** 1 for an event the fold only counts (an observation): seeking counts it instead of folding it. */
  countOnly: Uint8Array;
  /** The reusable working state and its step objects in plan order. */
  work: RunStateAt;
  workSteps: StepState[];
};

export type ReplayOptions = {
  /** Folding work between checkpoints; by default chosen so checkpoints take about 16 MB at most. */
  every?: number;
};

const CHECKPOINT_BUDGET_BYTES = 16 * 1024 * 1024;
/** Bytes one step takes in a checkpoint: status, three times, waiting count, cut-off flag, shift at start, kept records. */
const BYTES_PER_STEP = 1 + 3 * 8 + 4 + 1 + 8 + STEP_STATE_KINDS.length * 4;

/** Folding work between checkpoints for a log of `work` units over `stepCount` steps: at least 64, more when memory demands. */
export function checkpointSpacingOf(work: number, stepCount: number): number {
  const perCheckpoint = Math.max(1, stepCount) * BYTES_PER_STEP;
  const affordable = Math.max(1, Math.floor(CHECKPOINT_BUDGET_BYTES / perCheckpoint));
  return Math.max(64, Math.ceil(work / affordable));
}

/**
 * Folding work of one event: a branch taken re-derives the cut-off steps over
 * the whole graph (measured: about one ordinary event per 50 steps and
 * edges); an observation changes nothing but the count, so seeking passes it
 * without folding it.
 */
function costOf(event: RunEvent, graphSize: number): number {
  return event.kind === 'branch-taken' ? 1 + graphSize / 50 : event.kind === 'observation' ? 0.05 : 1;
}

const timeOrNaN = (value: number | null) => (value === null ? NaN : value);

function checkpointOf(state: RunStateAt, steps: readonly StepState[]): Checkpoint {
  const n = steps.length;
  const status = new Uint8Array(n);
  const deliveredAt = new Float64Array(n);
  const startedAt = new Float64Array(n);
  const finishedAt = new Float64Array(n);
  const skippedReasons = new Map<number, string>();
  const branchEdgeIds = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    const step = steps[i];
    status[i] = STATUS_CODE.get(step.status)!;
    deliveredAt[i] = timeOrNaN(step.deliveredAt);
    startedAt[i] = timeOrNaN(step.startedAt);
    finishedAt[i] = timeOrNaN(step.finishedAt);
    if (step.skippedReason !== '') skippedReasons.set(i, step.skippedReason);
    if (step.branchEdgeId !== null) branchEdgeIds.set(i, step.branchEdgeId);
  }
  return {
    applied: state.applied,
    t: state.t,
    paused: state.paused,
    ended: state.ended,
    shiftMin: state.shiftMin,
    endedAtMs: state.work.endedAtMs,
    status,
    deliveredAt,
    startedAt,
    finishedAt,
    skippedReasons,
    branchEdgeIds,
    taken: [...state.takenEdgeIds],
    notTaken: [...state.notTakenEdgeIds],
    pending: state.work.pending.slice(),
    cutOff: state.work.cutOff.slice(),
    shiftAtStart: state.work.shiftAtStart.slice(),
    kept: state.work.kept.slice(),
    duplicates: [...state.duplicates],
  };
}

/**
 * Writes a checkpoint into the working state in place. A field is written
 * only where it differs: a time written into a step object allocates a heap
 * number, and between two moments of a run most steps keep their times.
 * `late` is left alone: settling rewrites it for every step.
 */
function restore(index: ReplayIndex, checkpoint: Checkpoint) {
  const { work, workSteps } = index;
  const { status, deliveredAt, startedAt, finishedAt } = checkpoint;
  for (let i = 0; i < workSteps.length; i++) {
    const step = workSteps[i];
    const code = STATUSES[status[i]];
    if (step.status !== code) step.status = code;
    const delivered = deliveredAt[i];
    if (delivered !== delivered) {
      if (step.deliveredAt !== null) step.deliveredAt = null;
    } else if (step.deliveredAt !== delivered) step.deliveredAt = delivered;
    const started = startedAt[i];
    if (started !== started) {
      if (step.startedAt !== null) step.startedAt = null;
    } else if (step.startedAt !== started) step.startedAt = started;
    const finished = finishedAt[i];
    if (finished !== finished) {
      if (step.finishedAt !== null) step.finishedAt = null;
    } else if (step.finishedAt !== finished) step.finishedAt = finished;
    if (step.skippedReason !== '') step.skippedReason = '';
    if (step.branchEdgeId !== null) step.branchEdgeId = null;
  }
  for (const [i, reason] of checkpoint.skippedReasons) workSteps[i].skippedReason = reason;
  for (const [i, edgeId] of checkpoint.branchEdgeIds) workSteps[i].branchEdgeId = edgeId;
  work.applied = checkpoint.applied;
  work.t = checkpoint.t;
  work.paused = checkpoint.paused;
  work.ended = checkpoint.ended;
  work.shiftMin = checkpoint.shiftMin;
  work.takenEdgeIds.clear();
  for (const id of checkpoint.taken) work.takenEdgeIds.add(id);
  work.notTakenEdgeIds.clear();
  for (const id of checkpoint.notTaken) work.notTakenEdgeIds.add(id);
  work.work.pending.set(checkpoint.pending);
  work.work.cutOff.set(checkpoint.cutOff);
  work.work.shiftAtStart.set(checkpoint.shiftAtStart);
  work.work.endedAtMs = checkpoint.endedAtMs;
  work.work.kept.set(checkpoint.kept);
  work.duplicates.clear();
  for (const [duplicate, kept] of checkpoint.duplicates) work.duplicates.set(duplicate, kept);
}

/**
 * The replay index of a run: one fold of its log with a checkpoint every
 * `every` units of folding work. `events` are the effective events in time
 * order, as `runStateAt` takes them. Example: 100,000 events over 2,000
 * steps keep about 220 checkpoints some 450 events apart (16 MB).
 */
export function replayIndexOf(plan: ScenarioBody, events: readonly RunEvent[], runStartMs: number, options: ReplayOptions = {}): ReplayIndex {
  const count = events.length;
  const times = new Float64Array(count);
  const reach = new Float64Array(count);
  let highest = -Infinity;
  for (let i = 0; i < count; i++) {
    times[i] = Date.parse(events[i].at);
    if (times[i] > highest) highest = times[i];
    reach[i] = highest;
  }
  const fold = initialRunState(plan, runStartMs);
  const foldSteps = fold.work.plan.ids.map((id) => fold.steps.get(id)!);
  const graphSize = foldSteps.length + fold.work.plan.edgeIds.length;
  const costBefore = new Float64Array(count + 1);
  const countOnly = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    costBefore[i + 1] = costBefore[i] + costOf(events[i], graphSize);
    countOnly[i] = events[i].kind === 'observation' ? 1 : 0;
  }
  const every = Math.max(1, options.every ?? checkpointSpacingOf(costBefore[count], foldSteps.length));
  const checkpoints: Checkpoint[] = [checkpointOf(fold, foldSteps)];
  const applied = [0];
  let since = 0;
  for (let i = 0; i < count; i++) {
    applyEvent(fold, events[i]);
    since += costBefore[i + 1] - costBefore[i];
    if (since >= every) {
      checkpoints.push(checkpointOf(fold, foldSteps));
      applied.push(i + 1);
      since = 0;
    }
  }
  const work = initialRunState(plan, runStartMs);
  return {
    plan,
    events,
    runStartMs,
    times,
    reach,
    every,
    costBefore,
    checkpoints,
    checkpointApplied: Int32Array.from(applied),
    countOnly,
    work,
    workSteps: work.work.plan.ids.map((id) => work.steps.get(id)!),
  };
}

/**
 * How many events have happened by `t` (epoch ms): the events the fold
 * applies for a moment `t`. Binary search, log(n).
 */
export function eventCountAt(index: ReplayIndex, t: number): number {
  const { reach } = index;
  let low = 0;
  let high = reach.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (reach[mid] > t) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The state of the run at moment `t` (epoch ms), equal to
 * `runStateAt(plan, events, runStartMs, t)`. Forward from the previous
 * position it applies only the events in between; otherwise it restores the
 * nearest checkpoint and applies the events since. Returns the index's
 * working state (valid until the next call).
 */
export function stateAtTime(index: ReplayIndex, t: number): RunStateAt {
  const target = eventCountAt(index, t);
  const { work, costBefore, checkpointApplied } = index;
  // The last checkpoint at or before the target (binary search).
  let low = 0;
  let high = checkpointApplied.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (checkpointApplied[mid] <= target) low = mid;
    else high = mid - 1;
  }
  const position = work.applied;
  // Restoring costs about a tenth of a pass over the steps in folding work;
  // moving forward from where the last seek left off is cheaper up to there.
  const restoreCost = costBefore[target] - costBefore[checkpointApplied[low]] + index.workSteps.length / 10;
  const forward = position <= target && costBefore[target] - costBefore[position] <= restoreCost;
  let next = position;
  if (!forward) {
    restore(index, index.checkpoints[low]);
    next = checkpointApplied[low];
  }
  // The fold's only effects of an observation are the count and the moment, and settling sets the moment.
  const { countOnly, events } = index;
  for (; next < target; next++) {
    if (countOnly[next] === 1) work.applied++;
    else applyEvent(work, events[next]);
  }
  return settleRunState(work, t, index.workSteps);
}

/** The index of the latest event at or before `t`, or -1 before the first. */
export function currentEventIndexAt(index: ReplayIndex, t: number): number {
  return eventCountAt(index, t) - 1;
}

/** The time of the first event after `t` (epoch ms), or null after the last. */
export function nextEventTimeOf(index: ReplayIndex, t: number): number | null {
  for (let i = eventCountAt(index, t); i < index.times.length; i++) if (index.times[i] > t) return index.times[i];
  return null;
}

/** The time of the last event before `t` (epoch ms), or null before the first. */
export function previousEventTimeOf(index: ReplayIndex, t: number): number | null {
  for (let i = eventCountAt(index, t) - 1; i >= 0; i--) if (index.times[i] < t) return index.times[i];
  return null;
}

/**
 * The moments a replay runs between, epoch ms: from the run start (or its
 * first event, if earlier) to the run's end or its last event, whichever is
 * later; never less than one minute. It opens at `openMs`, the run start
 * (T+0), even when a note was recorded a little before it.
 */
export function replaySpanOf(index: ReplayIndex, endedAtMs: number | null): { startMs: number; endMs: number; openMs: number } {
  const count = index.times.length;
  let first = index.runStartMs;
  for (let i = 0; i < count; i++) if (index.times[i] < first) first = index.times[i];
  const last = count > 0 && Number.isFinite(index.reach[count - 1]) ? index.reach[count - 1] : index.runStartMs;
  const end = Math.max(last, endedAtMs ?? -Infinity);
  return { startMs: first, endMs: end > first ? end : first + 60_000, openMs: index.runStartMs };
}
