/**
 * The replay's state: the moment t, playing or not, the speed, and what the
 * graph shows at t. The replay index (shared/replay.ts) lives beside the
 * store, not in it; each seek asks it for the state at t and turns that into
 * one small view per step. A step's view object is kept when nothing it
 * shows changed, so a node reading its own view by id re-renders only when
 * its step changed.
 */
import { create } from 'zustand';
import { currentEventIndexAt, stateAtTime, type ReplayIndex } from '../../shared/replay';
import type { StepStatus } from '../../shared/runState';

export const SPEEDS = [1, 2, 5, 10, 30, 60] as const;
export type Speed = (typeof SPEEDS)[number];

export type StepView = { status: StepStatus; late: boolean; flashing: boolean };
/** How an edge shows at t: the branch taken, or dimmed (a branch not taken, or into or out of a step cut off). */
export type EdgeView = 'taken' | 'dimmed';

export type ReplayState = {
  runId: string | null;
  /** The scrubber's span (from the earliest event, when one came before the run start). */
  startMs: number;
  endMs: number;
  /** The run start: T+0 of every offset shown. */
  runStartMs: number;
  t: number;
  playing: boolean;
  speed: Speed;
  views: Readonly<Record<string, StepView>>;
  takenEdgeIds: ReadonlySet<string>;
  notTakenEdgeIds: ReadonlySet<string>;
  /** Changes only when the branches taken or the steps cut off change (edges depend on nothing else). */
  branchKey: string;
  /** Edges that show other than plain, by id. */
  edgeViews: Readonly<Record<string, EdgeView>>;
  /** The scrubber is being dragged (the graph stops following the progress meanwhile). */
  scrubbing: boolean;
  /** The steps under way at t (or, when none is, the ones ready to start), comma-joined: what the graph follows. */
  focusKey: string;
  /** Index of the latest event at or before t in the effective events, -1 before the first. */
  currentEvent: number;
  paused: boolean;
  ended: boolean;
};

export const useReplay = create<ReplayState>(() => ({
  runId: null,
  startMs: 0,
  endMs: 0,
  runStartMs: 0,
  t: 0,
  playing: false,
  speed: 60,
  views: {},
  takenEdgeIds: new Set(),
  notTakenEdgeIds: new Set(),
  branchKey: '',
  edgeViews: {},
  scrubbing: false,
  focusKey: '',
  currentEvent: -1,
  paused: false,
  ended: false,
}));

let index: ReplayIndex | null = null;
/** The graph follows at most this many steps at once (the first in plan order). */
const FOCUS_LIMIT = 4;
let isInject: boolean[] = [];

/** How long (drill time) an inject flashes after it is delivered: about 1.5 s of real time at the current speed, never under 20 s. */
const flashWindowOf = (speed: number) => Math.max(20_000, 1_500 * speed);

/** The replay index currently loaded, for views that read events and plan. */
export const replayIndex = () => index;

function viewsAt(t: number) {
  if (!index) return null;
  const state = stateAtTime(index, t);
  const { views: previous, speed, branchKey: previousKey } = useReplay.getState();
  const ids = state.work.plan.ids;
  const flashWindow = flashWindowOf(speed);
  let views: Record<string, StepView> | null = null;
  const cut: string[] = [];
  const underWay: string[] = [];
  const ready: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const step = index.workSteps[i];
    const flashing = isInject[i] && step.deliveredAt !== null && t >= step.deliveredAt && t - step.deliveredAt < flashWindow;
    const before = previous[ids[i]];
    if (step.status === 'not-taken') cut.push(ids[i]);
    else if (step.status === 'under-way') underWay.push(ids[i]);
    else if (step.status === 'ready') ready.push(ids[i]);
    if (before && before.status === step.status && before.late === step.late && before.flashing === flashing) continue;
    views ??= { ...previous };
    views[ids[i]] = { status: step.status, late: step.late, flashing };
  }
  const branchKey = `${[...state.takenEdgeIds].sort().join(',')}|${[...state.notTakenEdgeIds].sort().join(',')}|${cut.join(',')}`;
  return {
    t,
    views: views ?? previous,
    ...(branchKey === previousKey
      ? {}
      : { branchKey, takenEdgeIds: new Set(state.takenEdgeIds), notTakenEdgeIds: new Set(state.notTakenEdgeIds), edgeViews: edgeViewsOf() }),
    focusKey: (underWay.length > 0 ? underWay : ready).slice(0, FOCUS_LIMIT).join(','),
    currentEvent: currentEventIndexAt(index, t),
    paused: state.paused,
    ended: state.ended,
  };
}

/** How each edge shows in the working state just sought. */
function edgeViewsOf(): Record<string, EdgeView> {
  const views: Record<string, EdgeView> = {};
  if (!index) return views;
  const { work, workSteps } = index;
  const plan = work.work.plan;
  for (let e = 0; e < plan.edgeIds.length; e++) {
    const id = plan.edgeIds[e];
    if (work.takenEdgeIds.has(id)) views[id] = 'taken';
    else if (work.notTakenEdgeIds.has(id) || workSteps[plan.edgeSource[e]].status === 'not-taken' || workSteps[plan.edgeTarget[e]].status === 'not-taken')
      views[id] = 'dimmed';
  }
  return views;
}

/** Loads a run's replay index and shows the moment `t` (the run start, T+0, by default). */
export function loadReplay(runId: string, replay: ReplayIndex, span: { startMs: number; endMs: number; openMs: number }, t = span.openMs) {
  index = replay;
  const plan = replay.work.work.plan;
  isInject = plan.steps.map((step) => step.kind === 'inject');
  useReplay.setState({ runId, startMs: span.startMs, endMs: span.endMs, runStartMs: span.openMs, playing: false, views: {}, branchKey: '', edgeViews: {}, focusKey: '' });
  seek(t);
}

export function unloadReplay() {
  index = null;
  isInject = [];
  useReplay.setState({ runId: null, playing: false, views: {}, edgeViews: {} });
}

/** Moves t (clamped to the run's span) and updates the views. */
export function seek(t: number) {
  const { startMs, endMs } = useReplay.getState();
  const next = viewsAt(Math.min(endMs, Math.max(startMs, t)));
  if (next) useReplay.setState(next);
}

/** Advances a playing replay by `realMs` of wall-clock time at the current speed; stops at the end. */
export function advance(realMs: number) {
  const { t, speed, endMs, playing } = useReplay.getState();
  if (!playing) return;
  const next = t + realMs * speed;
  seek(next);
  if (next >= endMs) useReplay.setState({ playing: false });
}

export const play = () => useReplay.setState({ playing: true });
export const pause = () => useReplay.setState({ playing: false });

export function setSpeed(speed: Speed) {
  useReplay.setState({ speed });
}

export const setScrubbing = (scrubbing: boolean) => useReplay.setState({ scrubbing });
