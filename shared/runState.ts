/**
 * The state of a drill run at a moment: each step waiting, ready, under way,
 * done, skipped or on a branch not taken, folded from the run's events.
 *
 * The fold has two parts, so that replay can keep checkpoints and seek:
 * - `applyEvent(state, event)` applies one event to a working copy. It only
 *   touches the event's step and that step's successors (a branch taken
 *   recomputes which steps are cut off, in one linear pass), so folding a
 *   log costs about one step of work per event.
 * - `settleRunState(state, t)` sets the moment `t` and the flags that depend
 *   on the clock (`late`), in one pass over the steps.
 * `runStateAt` does both from the start; `cloneRunState` copies a state so a
 * checkpoint can be reused: seek = clone the checkpoint before t, apply the
 * events after it up to t, settle at t.
 *
 * Planned times come from `scheduleOf(plan)` (every branch counted, the plan
 * as published), offset by the run start and by the minutes the plan was
 * shifted: a step started before a shift keeps the plan it started under.
 * Times are epoch milliseconds.
 */
import type { Run, RunEvent, RunEventKind, ScenarioBody, Step } from './model';
import { scheduleOf } from './schedule';
import { MINUTE_MS } from './time';

export type StepStatus = 'waiting' | 'ready' | 'under-way' | 'done' | 'skipped' | 'not-taken';

export type StepState = {
  status: StepStatus;
  deliveredAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  skippedReason: string;
  late: boolean;
  /** For a decision: the edge followed (the latest `branch-taken`). */
  branchEdgeId: string | null;
};

export type RunStateAt = {
  t: number;
  steps: Map<string, StepState>;
  /** Effective events applied so far. */
  applied: number;
  paused: boolean;
  ended: boolean;
  /** Minutes the rest of the plan was shifted so far (sum of `plan-shifted`). */
  shiftMin: number;
  takenEdgeIds: Set<string>;
  notTakenEdgeIds: Set<string>;
  /**
   * Duplicates (联网导调: two seats, or a seat and the host, recording the
   * same thing): the seq of each event that repeats an earlier one for the
   * same step, to the seq of the record it repeats. See `applyEvent`.
   */
  duplicates: Map<number, number>;
  /** Plan index and per-step working numbers; shared plan, copied arrays (see `cloneRunState`). */
  work: RunStateWork;
};

/** What the fold keeps beside the public fields. Treat as private. */
export type RunStateWork = {
  plan: RunPlan;
  runStartMs: number;
  /** Predecessor edges whose source is not yet done, skipped or cut off, per step index. */
  pending: Int32Array;
  /** 1 where the step is reachable only through a branch not taken. */
  cutOff: Uint8Array;
  /** The plan shift (minutes) in effect when each step started; NaN before it starts. */
  shiftAtStart: Float64Array;
  endedAtMs: number | null;
  /**
   * The record kept for each step state so far: its seq at
   * `stepIndex * STEP_STATE_KINDS.length + stateSlotOf(kind)`, 0 for none
   * (so an event not yet numbered, seq 0, is never kept).
   */
  kept: Int32Array;
};

/**
 * The step states a record can repeat (see `applyEvent`): a step delivered,
 * started, completed, skipped, or a branch taken at a decision (a second
 * branch-taken for the same decision repeats the first, whichever edge it
 * names). Events of other kinds are never duplicates.
 */
export const STEP_STATE_KINDS = ['inject-delivered', 'started', 'completed', 'skipped', 'branch-taken'] as const satisfies readonly RunEventKind[];
const STATE_SLOT = new Map<RunEventKind, number>(STEP_STATE_KINDS.map((kind, slot) => [kind, slot]));

/** The slot of a step-state kind in `kept`, or -1 for a kind that records no step state. */
export const stateSlotOf = (kind: RunEventKind): number => STATE_SLOT.get(kind) ?? -1;

/**
 * One run event with every field filled: `fields` gives the kind, the
 * instant and whatever else the event says; the rest takes its empty value
 * (no step, no text, not a correction, not superseded, recorded at `at`).
 * The one place the record's shape is spelled out, for the console's
 * pending clicks, the storage, the run-log import and the tests.
 * Example: `runEventOf({ seq: 1, runId: 'r', at, kind: 'started', stepId: 's1' })`.
 */
export function runEventOf(fields: Partial<RunEvent> & { kind: RunEventKind; at: string }): RunEvent {
  return {
    seq: 0,
    runId: '',
    stepId: null,
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
    recordedAt: fields.at,
    seatId: null,
    clientId: null,
    ...fields,
  };
}

/**
 * Each event's record number within its run, by stored sequence: 1 for the
 * first record of the run, as on a paper log (the stored sequence counts
 * over every run of the database). Pending events (negative sequence) get
 * none. Example: events stored as 18, 20, 23 are records 1, 2, 3.
 */
export function recordNumbersOf(events: readonly Pick<RunEvent, 'seq'>[]): Map<number, number> {
  const seqs = events.map((event) => event.seq).filter((seq) => seq > 0).sort((a, b) => a - b);
  return new Map(seqs.map((seq, i) => [seq, i + 1]));
}

/** The fields of a run that events change. */
export type RunStatusFields = Pick<Run, 'status' | 'endedAt'>;

/**
 * A run's status after one more event: `paused` pauses it, `resumed` runs it
 * again, `ended` ends it at the event's instant; every other event, and any
 * event after the end, leaves it as it was. The back end stores what this
 * returns; the console shows it before the back end answers.
 */
export function runStatusAfter<R extends RunStatusFields>(run: R, event: Pick<RunEvent, 'kind' | 'at'>): R {
  if (run.status === 'ended') return run;
  if (event.kind === 'paused' && run.status !== 'paused') return { ...run, status: 'paused' };
  if (event.kind === 'resumed' && run.status !== 'running') return { ...run, status: 'running' };
  if (event.kind === 'ended') return { ...run, status: 'ended', endedAt: event.at };
  return run;
}

/** A step counts as late only when more than this past its planned time (clicks come a few seconds after the fact). */
export const LATE_GRACE_MS = 60_000;


/**
 * The plan indexed for the fold: steps and edges by integer index, both
 * adjacency lists, and the planned schedule in minutes from T0 (NaN
 * everywhere when the graph has a cycle and so has no schedule).
 */
export type RunPlan = {
  body: ScenarioBody;
  ids: string[];
  steps: Step[];
  indexOf: Map<string, number>;
  edgeIds: string[];
  edgeIndexOf: Map<string, number>;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  edgeConditional: Uint8Array;
  /** Edge indexes out of step i: `outEdges[outStart[i] .. outStart[i + 1] - 1]`. */
  outStart: Int32Array;
  outEdges: Int32Array;
  inDegree: Int32Array;
  scheduled: boolean;
  earliestStart: Float64Array;
  earliestFinish: Float64Array;
  latestStart: Float64Array;
  latestFinish: Float64Array;
  critical: Uint8Array;
};

const plans = new WeakMap<ScenarioBody, RunPlan>();

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;
const digits = (text: string, at: number, count: number) => {
  let value = 0;
  for (let k = 0; k < count; k++) value = value * 10 + digit(text, at + k);
  return value;
};

/**
 * Epoch ms of an instant. The stored form (`2026-05-20T01:30:00.000Z`, what
 * `toISOString` writes) is read directly, several times faster than
 * `Date.parse`, which folding a long log would otherwise spend most of its
 * time in; any other form goes through `Date.parse`.
 */
export function instantMsOf(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(23) !== 90 /* Z */ || iso.charCodeAt(10) !== 84 /* T */ || iso.charCodeAt(19) !== 46 /* . */) return Date.parse(iso);
  return Date.UTC(digits(iso, 0, 4), digits(iso, 5, 2) - 1, digits(iso, 8, 2), digits(iso, 11, 2), digits(iso, 14, 2), digits(iso, 17, 2), digits(iso, 20, 3));
}

/** The plan indexed for folding, computed once per plan object. */
export function runPlanOf(body: ScenarioBody): RunPlan {
  const cached = plans.get(body);
  if (cached) return cached;
  const ids: string[] = [];
  const steps: Step[] = [];
  const indexOf = new Map<string, number>();
  for (const step of body.steps) {
    if (indexOf.has(step.id)) continue;
    indexOf.set(step.id, ids.length);
    ids.push(step.id);
    steps.push(step);
  }
  const n = ids.length;
  const edges = body.edges.filter((edge) => indexOf.has(edge.source) && indexOf.has(edge.target));
  const m = edges.length;
  const edgeIds = edges.map((edge) => edge.id);
  const edgeIndexOf = new Map(edgeIds.map((id, e) => [id, e]));
  const edgeSource = new Int32Array(m);
  const edgeTarget = new Int32Array(m);
  const edgeConditional = new Uint8Array(m);
  const outStart = new Int32Array(n + 1);
  const inDegree = new Int32Array(n);
  edges.forEach((edge, e) => {
    edgeSource[e] = indexOf.get(edge.source)!;
    edgeTarget[e] = indexOf.get(edge.target)!;
    edgeConditional[e] = edge.kind === 'conditional' ? 1 : 0;
    outStart[edgeSource[e] + 1]++;
    inDegree[edgeTarget[e]]++;
  });
  for (let i = 0; i < n; i++) outStart[i + 1] += outStart[i];
  const fill = outStart.slice(0, n);
  const outEdges = new Int32Array(m);
  for (let e = 0; e < m; e++) outEdges[fill[edgeSource[e]]++] = e;

  const earliestStart = new Float64Array(n).fill(NaN);
  const earliestFinish = new Float64Array(n).fill(NaN);
  const latestStart = new Float64Array(n).fill(NaN);
  const latestFinish = new Float64Array(n).fill(NaN);
  const critical = new Uint8Array(n);
  const schedule = scheduleOf({ steps, edges });
  if (schedule.ok) {
    for (let i = 0; i < n; i++) {
      const s = schedule.byStep.get(ids[i])!;
      earliestStart[i] = s.earliestStart;
      earliestFinish[i] = s.earliestFinish;
      latestStart[i] = s.latestStart;
      latestFinish[i] = s.latestFinish;
      critical[i] = s.critical ? 1 : 0;
    }
  }
  const plan: RunPlan = {
    body,
    ids,
    steps,
    indexOf,
    edgeIds,
    edgeIndexOf,
    edgeSource,
    edgeTarget,
    edgeConditional,
    outStart,
    outEdges,
    inDegree,
    scheduled: schedule.ok,
    earliestStart,
    earliestFinish,
    latestStart,
    latestFinish,
    critical,
  };
  plans.set(body, plan);
  return plan;
}

/** The state before any event: steps without predecessors ready, the others waiting. */
export function initialRunState(body: ScenarioBody, runStartMs: number): RunStateAt {
  const plan = runPlanOf(body);
  const steps = new Map<string, StepState>();
  plan.ids.forEach((id, i) =>
    steps.set(id, {
      status: plan.inDegree[i] === 0 ? 'ready' : 'waiting',
      deliveredAt: null,
      startedAt: null,
      finishedAt: null,
      skippedReason: '',
      late: false,
      branchEdgeId: null,
    }),
  );
  return {
    t: runStartMs,
    steps,
    applied: 0,
    paused: false,
    ended: false,
    shiftMin: 0,
    takenEdgeIds: new Set(),
    notTakenEdgeIds: new Set(),
    duplicates: new Map(),
    work: {
      plan,
      runStartMs,
      pending: plan.inDegree.slice(),
      cutOff: new Uint8Array(plan.ids.length),
      shiftAtStart: new Float64Array(plan.ids.length).fill(NaN),
      endedAtMs: null,
      kept: new Int32Array(plan.ids.length * STEP_STATE_KINDS.length),
    },
  };
}

/** An independent copy of a state (the plan index is shared, it never changes). */
export function cloneRunState(state: RunStateAt): RunStateAt {
  const steps = new Map<string, StepState>();
  for (const [id, step] of state.steps) steps.set(id, { ...step });
  return {
    ...state,
    steps,
    takenEdgeIds: new Set(state.takenEdgeIds),
    notTakenEdgeIds: new Set(state.notTakenEdgeIds),
    duplicates: new Map(state.duplicates),
    work: {
      ...state.work,
      pending: state.work.pending.slice(),
      cutOff: state.work.cutOff.slice(),
      shiftAtStart: state.work.shiftAtStart.slice(),
      kept: state.work.kept.slice(),
    },
  };
}

const RECORDED: ReadonlySet<StepStatus> = new Set(['under-way', 'done', 'skipped']);

/** Done, skipped or cut off: what a successor no longer waits for. */
function isResolved(state: RunStateAt, i: number, status: StepStatus): boolean {
  return status === 'done' || status === 'skipped' || state.work.cutOff[i] === 1;
}

/** Recomputes the status of a step nobody has recorded anything for. */
function refreshUnrecorded(state: RunStateAt, i: number) {
  const { plan, cutOff, pending } = state.work;
  const step = state.steps.get(plan.ids[i])!;
  if (RECORDED.has(step.status)) return;
  const next: StepStatus = cutOff[i] === 1 ? 'not-taken' : pending[i] === 0 ? 'ready' : 'waiting';
  setStatus(state, i, next);
}

/** Sets a step's status and keeps its successors' waiting counts and statuses in step. */
function setStatus(state: RunStateAt, i: number, status: StepStatus) {
  const { plan, pending } = state.work;
  const step = state.steps.get(plan.ids[i])!;
  const before = isResolved(state, i, step.status);
  step.status = status;
  const after = isResolved(state, i, status);
  if (before === after) return;
  for (let k = plan.outStart[i]; k < plan.outStart[i + 1]; k++) {
    const target = plan.edgeTarget[plan.outEdges[k]];
    pending[target] += after ? -1 : 1;
    refreshUnrecorded(state, target);
  }
}

/**
 * Which steps are cut off by the branches not taken: a step is cut off when
 * it has predecessors and every edge into it is a branch not taken or comes
 * from a cut-off step. One pass from the untaken edges; a cut-off step whose
 * flag changes passes the change on to its successors' counts.
 */
function recomputeCutOff(state: RunStateAt) {
  const { plan, cutOff } = state.work;
  const n = plan.ids.length;
  const next = new Uint8Array(n);
  const deadIn = new Int32Array(n);
  const queue: number[] = [];
  const kill = (e: number) => {
    const v = plan.edgeTarget[e];
    if (++deadIn[v] === plan.inDegree[v] && next[v] === 0) {
      next[v] = 1;
      queue.push(v);
    }
  };
  for (const id of state.notTakenEdgeIds) {
    const e = plan.edgeIndexOf.get(id);
    if (e !== undefined) kill(e);
  }
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    for (let k = plan.outStart[u]; k < plan.outStart[u + 1]; k++) kill(plan.outEdges[k]);
  }
  for (let i = 0; i < n; i++) {
    if (next[i] === cutOff[i]) continue;
    const step = state.steps.get(plan.ids[i])!;
    const before = isResolved(state, i, step.status);
    cutOff[i] = next[i];
    const after = isResolved(state, i, step.status);
    if (before !== after)
      for (let k = plan.outStart[i]; k < plan.outStart[i + 1]; k++) {
        const target = plan.edgeTarget[plan.outEdges[k]];
        state.work.pending[target] += after ? -1 : 1;
        refreshUnrecorded(state, target);
      }
    refreshUnrecorded(state, i);
  }
}

function markStarted(state: RunStateAt, i: number, step: StepState, at: number) {
  if (step.startedAt !== null) return;
  step.startedAt = at;
  state.work.shiftAtStart[i] = state.shiftMin;
}

function markDone(state: RunStateAt, i: number, step: StepState, at: number) {
  markStarted(state, i, step, at);
  step.finishedAt = at;
  step.skippedReason = '';
  setStatus(state, i, 'done');
}

/**
 * Applies one effective event to a working state, in place (clone first to
 * keep the original). Events must come in time order. What each kind does:
 * `started` puts a step under way; `completed` finishes it (starting it at
 * the same moment if it was never started); `inject-delivered` records the
 * delivery and finishes the step (delivering an inject is its work);
 * `skipped` skips it with the event's text as reason; `branch-taken`
 * finishes a decision, marks its edge taken and its other conditional edges
 * not taken, and cuts off the steps reachable only through those; `paused`,
 * `resumed`, `ended` and `plan-shifted` change the run; observations and
 * evaluation entries change nothing but the count. Events naming a step the plan lacks are counted and
 * otherwise ignored. `at` is the event's time in epoch ms, when the caller
 * has it already.
 *
 * Duplicates: a step event that repeats one already applied (the same step
 * and `STEP_STATE_KINDS` kind: two seats completing the same step, a second branch
 * taken at the same decision) is the later record — later in the fold's
 * order, the drill's time, recorded later on a tie. It is counted, entered
 * in `duplicates` against the record it repeats, and changes nothing else:
 * the earlier record stands until the controller resolves the pair by
 * voiding one of them (`resolveDuplicate`, a `voided` event superseding it).
 */
export function applyEvent(state: RunStateAt, event: RunEvent, at: number = instantMsOf(event.at)): void {
  state.applied++;
  if (at > state.t) state.t = at;
  switch (event.kind) {
    case 'paused':
      if (!state.ended) state.paused = true;
      return;
    case 'resumed':
      state.paused = false;
      return;
    case 'ended':
      state.ended = true;
      state.paused = false;
      state.work.endedAtMs = at;
      return;
    case 'plan-shifted':
      state.shiftMin += event.shiftMin ?? 0;
      return;
    case 'observation':
    case 'evaluation-scored':
    case 'hot-wash':
    case 'voided':
      return;
  }
  const i = event.stepId === null ? undefined : state.work.plan.indexOf.get(event.stepId);
  if (i === undefined) return;
  const slot = stateSlotOf(event.kind);
  if (slot >= 0) {
    const at = i * STEP_STATE_KINDS.length + slot;
    const kept = state.work.kept[at];
    if (kept !== 0 && kept !== event.seq) {
      state.duplicates.set(event.seq, kept);
      return;
    }
    state.work.kept[at] = event.seq;
  }
  const step = state.steps.get(event.stepId!)!;
  switch (event.kind) {
    case 'started':
      markStarted(state, i, step, at);
      if (step.status !== 'done' && step.status !== 'under-way') {
        step.skippedReason = '';
        setStatus(state, i, 'under-way');
      }
      return;
    case 'completed':
      markDone(state, i, step, at);
      return;
    case 'inject-delivered':
      step.deliveredAt = at;
      markDone(state, i, step, at);
      return;
    case 'skipped':
      step.skippedReason = event.text;
      setStatus(state, i, 'skipped');
      return;
    case 'branch-taken': {
      const { plan } = state.work;
      step.branchEdgeId = event.edgeId;
      for (let k = plan.outStart[i]; k < plan.outStart[i + 1]; k++) {
        const e = plan.outEdges[k];
        const id = plan.edgeIds[e];
        state.takenEdgeIds.delete(id);
        state.notTakenEdgeIds.delete(id);
        if (id === event.edgeId) state.takenEdgeIds.add(id);
        else if (plan.edgeConditional[e] === 1) state.notTakenEdgeIds.add(id);
      }
      markDone(state, i, step, at);
      recomputeCutOff(state);
      return;
    }
  }
}

/** Planned times of one step in this run, epoch ms, with the plan shift that applies to it; null without a schedule. */
export type PlannedTimes = { start: number; finish: number; latestStart: number; latestFinish: number; critical: boolean };

/** A step's planned times in the run: the schedule offset by the run start and the shift in effect for it. */
export function plannedTimesOf(state: RunStateAt, stepId: string): PlannedTimes | null {
  const { plan, runStartMs, shiftAtStart } = state.work;
  const i = plan.indexOf.get(stepId);
  if (i === undefined || !plan.scheduled) return null;
  return plannedTimesAt(state, i, Number.isNaN(shiftAtStart[i]) ? state.shiftMin : shiftAtStart[i], runStartMs);
}

function plannedTimesAt(state: RunStateAt, i: number, shift: number, runStartMs: number): PlannedTimes {
  const { plan } = state.work;
  const base = runStartMs + shift * MINUTE_MS;
  return {
    start: base + plan.earliestStart[i] * MINUTE_MS,
    finish: base + plan.earliestFinish[i] * MINUTE_MS,
    latestStart: base + plan.latestStart[i] * MINUTE_MS,
    latestFinish: base + plan.latestFinish[i] * MINUTE_MS,
    critical: plan.critical[i] === 1,
  };
}

/**
 * Sets the state's moment to `t` and every step's `late` flag at that
 * moment (after the run ended, at its end): late when it started more than
 * `LATE_GRACE_MS` after its planned latest start, or finished (or is still
 * under way) that long past its planned latest finish, or has not started
 * that long after its latest start. Skipped and cut-off steps are never late.
 * `stepsInPlanOrder`, when the caller keeps them (replay does), are the
 * state's step objects in plan order: walked directly instead of looked up
 * by id.
 */
export function settleRunState(state: RunStateAt, t: number, stepsInPlanOrder?: readonly StepState[]): RunStateAt {
  state.t = t;
  const { plan, runStartMs, shiftAtStart, endedAtMs } = state.work;
  const now = endedAtMs !== null && endedAtMs < t ? endedAtMs : t;
  for (let i = 0; i < plan.ids.length; i++) {
    const step = stepsInPlanOrder ? stepsInPlanOrder[i] : state.steps.get(plan.ids[i])!;
    if (!plan.scheduled || step.status === 'skipped' || step.status === 'not-taken') {
      step.late = false;
      continue;
    }
    const shift = Number.isNaN(shiftAtStart[i]) ? state.shiftMin : shiftAtStart[i];
    const base = runStartMs + shift * MINUTE_MS + LATE_GRACE_MS;
    const latestStart = base + plan.latestStart[i] * MINUTE_MS;
    const latestFinish = base + plan.latestFinish[i] * MINUTE_MS;
    if (step.startedAt === null) step.late = now > latestStart;
    else step.late = step.startedAt > latestStart || (step.finishedAt ?? now) > latestFinish;
  }
  return state;
}

/**
 * The state of a run at moment `t` (epoch ms), folded from the start:
 * `events` are the run's effective events in time order (`effectiveEventsOf`);
 * those after `t` are left out.
 */
export function runStateAt(plan: ScenarioBody, events: readonly RunEvent[], runStartMs: number, t: number): RunStateAt {
  const state = initialRunState(plan, runStartMs);
  for (const event of events) {
    const at = instantMsOf(event.at);
    if (at > t) break;
    applyEvent(state, event, at);
  }
  return settleRunState(state, t);
}

/**
 * The duplicates of a run's log (see `applyEvent`): each later record of a
 * step state already recorded, by seq, to the seq of the record it repeats.
 * `events` are the run's effective events in time order (`effectiveEventsOf`).
 * Example: 「污水厂现场」 and the host both complete s17 → { 41 → 38 }.
 */
export function duplicatesOf(plan: ScenarioBody, events: readonly RunEvent[], runStartMs: number): Map<number, number> {
  const state = initialRunState(plan, runStartMs);
  for (const event of events) applyEvent(state, event);
  return state.duplicates;
}

/**
 * Why a step is not ready: the predecessors it still waits for (not done,
 * skipped or cut off), in plan order; empty when it is ready or further on.
 * Example: 「会商研判」 waiting for 「接报」 and 「现场监测」 → both ids.
 */
export function waitingForOf(state: RunStateAt, stepId: string): string[] {
  const { plan } = state.work;
  const i = plan.indexOf.get(stepId);
  if (i === undefined || state.steps.get(stepId)!.status !== 'waiting') return [];
  const waiting = new Set<number>();
  for (let e = 0; e < plan.edgeIds.length; e++) {
    if (plan.edgeTarget[e] !== i) continue;
    const source = plan.edgeSource[e];
    if (!isResolved(state, source, state.steps.get(plan.ids[source])!.status)) waiting.add(source);
  }
  return [...waiting].sort((a, b) => a - b).map((k) => plan.ids[k]);
}

/** A step not yet started, with its planned start in the run. */
export type DueStep = { stepId: string; step: Step; status: StepStatus; plannedStart: number; late: boolean };

/**
 * Steps still to come (waiting or ready) in order of planned start in the
 * run, shift included; `kinds` narrows them, e.g. `['inject']` for the next
 * injects due. Empty when the plan has no schedule.
 */
export function dueStepsOf(state: RunStateAt, options: { kinds?: readonly Step['kind'][]; limit?: number } = {}): DueStep[] {
  const { plan, runStartMs } = state.work;
  if (!plan.scheduled) return [];
  const due: DueStep[] = [];
  for (let i = 0; i < plan.ids.length; i++) {
    const step = state.steps.get(plan.ids[i])!;
    if (step.status !== 'waiting' && step.status !== 'ready') continue;
    if (options.kinds && !options.kinds.includes(plan.steps[i].kind)) continue;
    const plannedStart = runStartMs + (state.shiftMin + plan.earliestStart[i]) * MINUTE_MS;
    due.push({ stepId: plan.ids[i], step: plan.steps[i], status: step.status, plannedStart, late: step.late });
  }
  due.sort((a, b) => a.plannedStart - b.plannedStart || plan.indexOf.get(a.stepId)! - plan.indexOf.get(b.stepId)!);
  return options.limit === undefined ? due : due.slice(0, options.limit);
}

/**
 * The further shift (whole minutes) that makes the plan follow the actual
 * times: how far the most recently finished step finished after its planned
 * finish, less the shifts already made since it started. Example: a step
 * planned to finish at T+30 finished at T+42 and the plan was shifted 5
 * minutes since: the rest should move 7 more minutes. 0 when nothing finished.
 */
export function followActualShiftOf(state: RunStateAt): number {
  const { plan, runStartMs, shiftAtStart } = state.work;
  if (!plan.scheduled) return 0;
  let latest = -1;
  let latestAt = -Infinity;
  for (let i = 0; i < plan.ids.length; i++) {
    const step = state.steps.get(plan.ids[i])!;
    if (step.status === 'done' && step.finishedAt !== null && step.finishedAt >= latestAt) {
      latest = i;
      latestAt = step.finishedAt;
    }
  }
  if (latest < 0) return 0;
  const shiftThen = Number.isNaN(shiftAtStart[latest]) ? state.shiftMin : shiftAtStart[latest];
  const planned = plannedTimesAt(state, latest, shiftThen, runStartMs).finish;
  return Math.round((latestAt - planned) / MINUTE_MS - (state.shiftMin - shiftThen));
}
