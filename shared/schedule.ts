/**
 * The planned schedule of a drill: the critical-path method over the step
 * graph.
 *
 * All times are minutes relative to T0 (the drill start). A step starts when
 * all its predecessors have finished plus each incoming edge's lag; steps
 * with no predecessors start at T0. Both edge kinds impose the dependency, so
 * in the plan every alternative branch of a decision is scheduled and a step
 * where branches merge waits for the latest of them (the conservative plan).
 * A run that knows which branches were not taken passes their steps in
 * `excludedStepIds`.
 *
 * The graph is turned into integer indexes once and walked with typed arrays
 * (adjacency in CSR form), so 10,000 steps and 20,000 edges take a few ms.
 */
import type { Edge, Step } from './model';

export type StepSchedule = {
  stepId: string;
  duration: number;
  earliestStart: number;
  earliestFinish: number;
  latestStart: number;
  latestFinish: number;
  slack: number;
  critical: boolean;
};

export type Schedule =
  | {
      ok: true;
      byStep: Map<string, StepSchedule>;
      /** Step ids in a topological order (every step after all its predecessors). */
      order: string[];
      /** Minutes from T0 to the end of the last step. */
      length: number;
      /** Step ids from start to end along one critical chain. */
      criticalPath: string[];
    }
  | {
      ok: false;
      /** The step ids of one cycle, in edge order, starting with the earliest listed step. */
      cycle: string[];
    };

export type OkSchedule = Extract<Schedule, { ok: true }>;

export type ScheduleGraph = { steps: readonly Step[]; edges: readonly Edge[] };

export type ScheduleOptions = {
  /** Steps left out entirely (branches not taken in a run); edges touching them are ignored. */
  excludedStepIds?: ReadonlySet<string>;
  /** Minutes a step takes; by default its `durationMin`, with `null` counting as 0. */
  durationOf?: (step: Step) => number;
};

/** Slack within this of zero counts as zero (floating-point noise from fractional lags). */
export const SLACK_EPSILON = 1e-9;

const plannedDuration = (step: Step) => step.durationMin ?? 0;

/** The graph as integer indexes with outgoing adjacency in CSR form. */
type IndexedGraph = {
  steps: Step[];
  ids: string[];
  indexOf: Map<string, number>;
  /** Edges out of step i are `outStart[i] .. outStart[i + 1] - 1`. */
  outStart: Int32Array;
  outTarget: Int32Array;
  outLag: Float64Array;
};

/**
 * Indexes the steps (in input order, skipping excluded steps and repeated
 * ids) and the edges whose ends both exist; dangling edges are ignored.
 */
function indexedGraphOf(graph: ScheduleGraph, excluded?: ReadonlySet<string>): IndexedGraph {
  const steps: Step[] = [];
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  for (const step of graph.steps) {
    if (indexOf.has(step.id) || excluded?.has(step.id)) continue;
    indexOf.set(step.id, steps.length);
    steps.push(step);
    ids.push(step.id);
  }
  const n = steps.length;
  const edgeCount = graph.edges.length;
  const sources = new Int32Array(edgeCount);
  const targets = new Int32Array(edgeCount);
  const lags = new Float64Array(edgeCount);
  const outStart = new Int32Array(n + 1);
  let m = 0;
  for (const edge of graph.edges) {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source === undefined || target === undefined) continue;
    sources[m] = source;
    targets[m] = target;
    lags[m] = Number.isFinite(edge.lagMin) ? edge.lagMin : 0;
    outStart[source + 1]++;
    m++;
  }
  for (let i = 0; i < n; i++) outStart[i + 1] += outStart[i];
  const fill = outStart.slice(0, n);
  const outTarget = new Int32Array(m);
  const outLag = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const slot = fill[sources[e]]++;
    outTarget[slot] = targets[e];
    outLag[slot] = lags[e];
  }
  return { steps, ids, indexOf, outStart, outTarget, outLag };
}

/** Predecessor adjacency in CSR form, built only when needed. */
function incomingOf(g: IndexedGraph): { inStart: Int32Array; inSource: Int32Array } {
  const n = g.ids.length;
  const inStart = new Int32Array(n + 1);
  for (let e = 0; e < g.outTarget.length; e++) inStart[g.outTarget[e] + 1]++;
  for (let i = 0; i < n; i++) inStart[i + 1] += inStart[i];
  const fill = inStart.slice(0, n);
  const inSource = new Int32Array(g.outTarget.length);
  for (let u = 0; u < n; u++)
    for (let e = g.outStart[u]; e < g.outStart[u + 1]; e++) inSource[fill[g.outTarget[e]]++] = u;
  return { inStart, inSource };
}

/** A cycle of indexes rotated to begin at its smallest index (the earliest listed step). */
function rotatedCycle(cycle: number[], ids: string[]): string[] {
  let first = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i] < cycle[first]) first = i;
  return [...cycle.slice(first), ...cycle.slice(0, first)].map((i) => ids[i]);
}

function smallest(values: readonly number[]): number {
  let min = Infinity;
  for (const value of values) if (value < min) min = value;
  return min;
}

/**
 * One cycle among the steps Kahn's algorithm could not order. Every such
 * step has an unordered predecessor, so walking predecessors from any of them
 * must come back to a step already on the walk.
 */
function leftoverCycleOf(g: IndexedGraph, remainingIn: Int32Array): string[] {
  const { inStart, inSource } = incomingOf(g);
  const n = g.ids.length;
  let v = 0;
  while (remainingIn[v] === 0) v++;
  const positionOnWalk = new Int32Array(n).fill(-1);
  const walk: number[] = [];
  while (positionOnWalk[v] < 0) {
    positionOnWalk[v] = walk.length;
    walk.push(v);
    let next = -1;
    for (let e = inStart[v]; e < inStart[v + 1]; e++) {
      if (remainingIn[inSource[e]] > 0) {
        next = inSource[e];
        break;
      }
    }
    v = next;
  }
  // The walk went against the edges; reverse it to follow them.
  return rotatedCycle(walk.slice(positionOnWalk[v]).reverse(), g.ids);
}

/** What `StepScheduleMap` reads its entries from: the schedule's typed arrays, indexed like the graph's steps. */
type ScheduleArrays = {
  ids: string[];
  indexOf: Map<string, number>;
  /** Step indexes in topological order: the order the map iterates in. */
  order: Int32Array;
  duration: Float64Array;
  earliestStart: Float64Array;
  earliestFinish: Float64Array;
  latestStart: Float64Array;
  latestFinish: Float64Array;
  critical: Uint8Array;
};

/**
 * `Schedule.byStep`: a `Map` whose entries are made on demand from the
 * schedule's typed arrays, so scheduling 100,000 steps does not allocate
 * 100,000 objects nobody may read. `get` and `has` build (and keep) only the
 * entry asked for; iterating or changing the map fills it in topological
 * order first and from then on it is an ordinary `Map`. The same id always
 * gives the same object.
 */
class StepScheduleMap extends Map<string, StepSchedule> {
  #arrays: ScheduleArrays;
  #made: (StepSchedule | undefined)[];
  #filled = false;

  constructor(arrays: ScheduleArrays) {
    super();
    this.#arrays = arrays;
    this.#made = new Array<StepSchedule | undefined>(arrays.ids.length);
  }

  #entryAt(i: number): StepSchedule {
    const made = this.#made[i];
    if (made) return made;
    const a = this.#arrays;
    const isCritical = a.critical[i] === 1;
    const entry: StepSchedule = {
      stepId: a.ids[i],
      duration: a.duration[i],
      earliestStart: a.earliestStart[i],
      earliestFinish: a.earliestFinish[i],
      latestStart: a.latestStart[i],
      latestFinish: a.latestFinish[i],
      slack: isCritical ? 0 : a.latestStart[i] - a.earliestStart[i],
      critical: isCritical,
    };
    this.#made[i] = entry;
    return entry;
  }

  #fill(): void {
    if (this.#filled) return;
    this.#filled = true;
    const { order, ids } = this.#arrays;
    for (let k = 0; k < order.length; k++) super.set(ids[order[k]], this.#entryAt(order[k]));
  }

  override get(id: string): StepSchedule | undefined {
    if (this.#filled) return super.get(id);
    const i = this.#arrays.indexOf.get(id);
    return i === undefined ? undefined : this.#entryAt(i);
  }

  override has(id: string): boolean {
    return this.#filled ? super.has(id) : this.#arrays.indexOf.has(id);
  }

  override get size(): number {
    return this.#filled ? super.size : this.#arrays.ids.length;
  }

  override set(id: string, value: StepSchedule): this {
    this.#fill();
    return super.set(id, value);
  }

  override delete(id: string): boolean {
    this.#fill();
    return super.delete(id);
  }

  override clear(): void {
    this.#fill();
    super.clear();
  }

  override forEach(callback: (value: StepSchedule, key: string, map: Map<string, StepSchedule>) => void, thisArg?: unknown): void {
    this.#fill();
    super.forEach(callback, thisArg);
  }

  override keys(): MapIterator<string> {
    this.#fill();
    return super.keys();
  }

  override values(): MapIterator<StepSchedule> {
    this.#fill();
    return super.values();
  }

  override entries(): MapIterator<[string, StepSchedule]> {
    this.#fill();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, StepSchedule]> {
    this.#fill();
    return super[Symbol.iterator]();
  }
}

/**
 * The planned schedule of a graph of steps (critical-path method).
 *
 * Example: A (10 min) → B (5 min) with lag 3 and A → C (2 min): B starts at
 * 13 and ends at 18 (the length); C starts at 10 with 6 minutes of slack;
 * A and B are critical. A graph with a cycle has no schedule: the result
 * names the steps of one cycle instead (a self-loop is a cycle of one step).
 * Negative or non-finite durations count as 0; tiny floating-point slack is
 * rounded to 0. Excluded steps appear neither in `byStep` nor in `order`.
 */
export function scheduleOf(graph: ScheduleGraph, options: ScheduleOptions = {}): Schedule {
  const g = indexedGraphOf(graph, options.excludedStepIds);
  const { outStart, outTarget, outLag } = g;
  const durationOf = options.durationOf ?? plannedDuration;
  const n = g.ids.length;

  const duration = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const minutes = durationOf(g.steps[i]);
    duration[i] = Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
  }

  // Forward pass in Kahn's order.
  const remainingIn = new Int32Array(n);
  for (let e = 0; e < outTarget.length; e++) remainingIn[outTarget[e]]++;
  const order = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (remainingIn[i] === 0) order[tail++] = i;
  const earliestStart = new Float64Array(n);
  const earliestFinish = new Float64Array(n);
  let length = 0;
  for (let head = 0; head < tail; head++) {
    const u = order[head];
    const finish = earliestStart[u] + duration[u];
    earliestFinish[u] = finish;
    if (finish > length) length = finish;
    for (let e = outStart[u]; e < outStart[u + 1]; e++) {
      const v = outTarget[e];
      const ready = finish + outLag[e];
      if (ready > earliestStart[v]) earliestStart[v] = ready;
      if (--remainingIn[v] === 0) order[tail++] = v;
    }
  }
  if (tail < n) return { ok: false, cycle: leftoverCycleOf(g, remainingIn) };

  // Backward pass from the total length.
  const latestStart = new Float64Array(n);
  const latestFinish = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const u = order[k];
    let finish = length;
    for (let e = outStart[u]; e < outStart[u + 1]; e++) {
      const due = latestStart[outTarget[e]] - outLag[e];
      if (due < finish) finish = due;
    }
    latestFinish[u] = finish;
    latestStart[u] = finish - duration[u];
  }

  const critical = new Uint8Array(n);
  const orderIds = new Array<string>(n);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    critical[i] = Math.abs(latestStart[i] - earliestStart[i]) <= SLACK_EPSILON ? 1 : 0;
    orderIds[k] = g.ids[i];
  }
  const byStep = new StepScheduleMap({ ids: g.ids, indexOf: g.indexOf, order, duration, earliestStart, earliestFinish, latestStart, latestFinish, critical });

  // One critical chain: from the first critical step with no predecessors,
  // follow tight edges (successor starts exactly when this one's finish and
  // the lag allow) to critical successors. A critical step that ends before
  // the length always has one, so the chain reaches the end.
  const criticalPath: string[] = [];
  let u = -1;
  for (let k = 0; k < n && earliestStart[order[k]] === 0; k++) {
    if (critical[order[k]]) {
      u = order[k];
      break;
    }
  }
  while (u >= 0) {
    criticalPath.push(g.ids[u]);
    let next = -1;
    for (let e = outStart[u]; e < outStart[u + 1]; e++) {
      const v = outTarget[e];
      if (critical[v] && Math.abs(earliestStart[v] - earliestFinish[u] - outLag[e]) <= SLACK_EPSILON) {
        next = v;
        break;
      }
    }
    u = next;
  }

  return { ok: true, byStep, order: orderIds, length, criticalPath };
}

/**
 * Every group of mutually dependent steps, each named by one cycle through
 * it (Tarjan's strongly connected components; a self-loop is a cycle of one
 * step). An acyclic graph gives `[]`. Where `scheduleOf` names one cycle,
 * this names one per group, so an editor can flag them all at once.
 * Cycles are listed by their earliest listed step and start with it.
 */
export function cyclesOf(graph: ScheduleGraph, options: Pick<ScheduleOptions, 'excludedStepIds'> = {}): string[][] {
  const g = indexedGraphOf(graph, options.excludedStepIds);
  const { outStart, outTarget } = g;
  const n = g.ids.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const calls = new Int32Array(n);
  const nextEdge = new Int32Array(n);
  const cycles: number[][] = [];
  const positionOnWalk = new Int32Array(n).fill(-1);
  let counter = 0;
  let components = 0;
  let sp = 0;
  let cp = 0;
  const enter = (v: number) => {
    index[v] = low[v] = counter++;
    stack[sp++] = v;
    onStack[v] = 1;
    calls[cp++] = v;
    nextEdge[v] = outStart[v];
  };

  const cycleWithin = (members: number[], id: number): number[] => {
    let v = smallest(members);
    const walk: number[] = [];
    while (positionOnWalk[v] < 0) {
      positionOnWalk[v] = walk.length;
      walk.push(v);
      let next = -1;
      for (let e = outStart[v]; e < outStart[v + 1] && next < 0; e++) {
        const w = outTarget[e];
        if (component[w] === id && (w !== v || members.length === 1)) next = w;
      }
      v = next;
    }
    const cycle = walk.slice(positionOnWalk[v]);
    for (const w of walk) positionOnWalk[w] = -1;
    return cycle;
  };

  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    enter(root);
    while (cp > 0) {
      const v = calls[cp - 1];
      if (nextEdge[v] < outStart[v + 1]) {
        const w = outTarget[nextEdge[v]++];
        if (index[w] < 0) enter(w);
        else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      cp--;
      if (cp > 0) {
        const parent = calls[cp - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] !== index[v]) continue;
      const members: number[] = [];
      let w: number;
      do {
        w = stack[--sp];
        onStack[w] = 0;
        component[w] = components;
        members.push(w);
      } while (w !== v);
      let hasSelfLoop = false;
      if (members.length === 1)
        for (let e = outStart[v]; e < outStart[v + 1]; e++) if (outTarget[e] === v) hasSelfLoop = true;
      if (members.length > 1 || hasSelfLoop) cycles.push(cycleWithin(members, components));
      components++;
    }
  }
  return cycles
    .map((cycle) => ({ first: smallest(cycle), cycle }))
    .sort((a, b) => a.first - b.first)
    .map(({ cycle }) => rotatedCycle(cycle, g.ids));
}

const titleCollator = new Intl.Collator(['zh-CN', 'en'], { numeric: true });

/**
 * Step ids in drill-script order: by planned earliest start; at the same
 * start a step still comes after its predecessors (a zero-minute milestone
 * before what follows it), otherwise by title. Steps missing from the
 * schedule (excluded) are left out. Example: two steps both starting at T+10
 * with no edge between them are listed 「启动应急监测」 before 「通知供水厂」.
 */
export function planOrderOf(graph: ScheduleGraph, schedule: OkSchedule): string[] {
  const included = new Set(schedule.byStep.keys());
  const g = indexedGraphOf({ steps: graph.steps.filter((step) => included.has(step.id)), edges: graph.edges });
  const { outStart, outTarget } = g;
  const n = g.ids.length;
  const start = new Float64Array(n);
  for (let i = 0; i < n; i++) start[i] = schedule.byStep.get(g.ids[i])!.earliestStart;
  const before = (a: number, b: number) =>
    start[a] !== start[b]
      ? start[a] < start[b]
      : (titleCollator.compare(g.steps[a].title, g.steps[b].title) || a - b) < 0;

  // Kahn's algorithm with a binary heap of ready steps ordered by `before`.
  // A step becomes ready no earlier than the step that releases it, so the
  // output is in non-decreasing start order.
  const heap: number[] = [];
  const push = (v: number) => {
    let i = heap.push(v) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < heap.length && before(heap[left], heap[best])) best = left;
        if (right < heap.length && before(heap[right], heap[best])) best = right;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best], heap[i]];
        i = best;
      }
    }
    return top;
  };

  const remainingIn = new Int32Array(n);
  for (let e = 0; e < outTarget.length; e++) remainingIn[outTarget[e]]++;
  for (let i = 0; i < n; i++) if (remainingIn[i] === 0) push(i);
  const result: string[] = [];
  while (heap.length > 0) {
    const u = pop();
    result.push(g.ids[u]);
    for (let e = outStart[u]; e < outStart[u + 1]; e++) if (--remainingIn[outTarget[e]] === 0) push(outTarget[e]);
  }
  return result;
}
