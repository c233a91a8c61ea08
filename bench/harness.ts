/**
 * The benchmark harness: what one measurement record is, statistics over
 * samples, timing helpers, and the printed table.
 *
 * Every record compares "ours" with a baseline measured in the same process
 * on the same data where there is one. `ratio` is always baseline ÷ ours: how
 * many times cheaper (faster, smaller) DrillDesk is; above 1 means ours wins.
 */

export type BenchRecord = {
  name: string;
  unit: string;
  /** The median (or the single figure) for DrillDesk; null when it could not be measured. */
  ours: number | null;
  /** The same statistic for the alternative, or null where there is none. */
  baseline: number | null;
  /** baseline ÷ ours, or null without a baseline. */
  ratio: number | null;
  goal: string;
  met: boolean;
  /** 95th percentiles, where the measurement has a distribution. */
  oursP95?: number | null;
  baselineP95?: number | null;
  /** What was measured, how often, and why a goal was missed or a figure is absent. */
  note?: string;
};

export type BenchOptions = {
  /** Tiny sizes and few repetitions: checks the harness works, figures mean nothing. */
  smoke: boolean;
  /** Progress lines (stderr in the command line, silent in tests). */
  log: (line: string) => void;
  /** Only these groups (`storage`, `schedule`, `replay-seek`, `memory`, `limits`, `browser`); all when absent. */
  only?: readonly string[];
};

export function quantileOf(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = (sorted.length - 1) * q;
  const low = Math.floor(index);
  const high = Math.ceil(index);
  return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
}

export const medianOf = (samples: readonly number[]) => quantileOf(samples, 0.5);
export const p95Of = (samples: readonly number[]) => quantileOf(samples, 0.95);

/** Milliseconds one call of `work` takes, by the high-resolution clock. */
export function timeOf(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/**
 * Milliseconds of CPU (user + system, the whole process) one call of `work`
 * takes. For computations that do no I/O: on a shared machine the wall clock
 * of a long computation counts the time other processes held the CPU (a
 * 300 ms run is preempted many times, a 0.3 ms one rarely), while CPU time
 * is what an idle machine's clock would show. It includes V8's helper
 * threads (parallel GC, background compilation); medians keep those fair.
 */
export function cpuTimeOf(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export async function cpuTimeOfAsync(work: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export async function timeOfAsync(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * Times `ours` and `baseline` alternately (ABAB…), after warm-ups, so that a
 * noisy neighbour on a shared machine slows both sides alike.
 */
export async function timePairs(args: {
  warmups: number;
  runs: number;
  ours: (i: number) => unknown;
  baseline: (i: number) => unknown;
  /** `cpu` for computations without I/O (see `cpuTimeOf`); the wall clock by default. */
  clock?: 'wall' | 'cpu';
}): Promise<{ ours: number[]; baseline: number[] }> {
  const ours: number[] = [];
  const baseline: number[] = [];
  const time = args.clock === 'cpu' ? cpuTimeOfAsync : timeOfAsync;
  for (let i = 0; i < args.warmups + args.runs; i++) {
    const a = await time(async () => args.ours(i));
    const b = await time(async () => args.baseline(i));
    if (i >= args.warmups) {
      ours.push(a);
      baseline.push(b);
    }
  }
  return { ours, baseline };
}

/**
 * Times `ours` and `baseline` in alternating blocks (ours × n, baseline × n,
 * …), dropping the first `warmups` of every block. For work that leaves
 * costs behind for whatever runs next (a rewritten file's old blocks freed at
 * the next journal commit; a 100,000-event fold flushing the CPU caches), so
 * that one side does not pay for the other. Each side's calls are numbered
 * 0, 1, 2… on their own, so both can work through the same list of inputs.
 */
export async function timeBlocks(args: {
  blocks: number;
  perBlock: number;
  warmups: number;
  ours: (i: number) => unknown;
  baseline: (i: number) => unknown;
  /** `cpu` for computations without I/O (see `cpuTimeOf`); the wall clock by default. */
  clock?: 'wall' | 'cpu';
}): Promise<{ ours: number[]; baseline: number[] }> {
  const ours: number[] = [];
  const baseline: number[] = [];
  const time = args.clock === 'cpu' ? cpuTimeOfAsync : timeOfAsync;
  const counters = { ours: 0, baseline: 0 };
  const block = async (side: 'ours' | 'baseline', into: number[]) => {
    const work = args[side];
    for (let k = 0; k < args.warmups + args.perBlock; k++) {
      const i = counters[side]++;
      const ms = await time(async () => work(i));
      if (k >= args.warmups) into.push(ms);
    }
  };
  for (let b = 0; b < args.blocks; b++) {
    await block('ours', ours);
    await block('baseline', baseline);
  }
  return { ours, baseline };
}

/** Thrown by `within` when a step does not finish in time; its message names the step. */
export class StepTimeout extends Error {
  constructor(
    readonly step: string,
    readonly ms: number,
  ) {
    super(`${step} did not finish within ${ms / 1000} s`);
    this.name = 'StepTimeout';
  }
}

/**
 * `work`'s result, or a `StepTimeout` naming `step` when it takes longer than
 * `ms`. Every browser step of the benchmarks goes through this, so a page
 * that stops answering fails the benchmark with the step's name instead of
 * waiting forever (Playwright's `evaluate` has no timeout of its own).
 */
export async function within<T>(step: string, ms: number, work: Promise<T> | (() => Promise<T>)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(step, ms)), ms);
  });
  try {
    return await Promise.race([typeof work === 'function' ? work() : work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A record for something that could not be measured (a screen not there yet, no Chromium). */
export function notMeasured(measurement: { name: string; unit: string; goal: string }, why: string): BenchRecord {
  return { ...measurement, ours: null, baseline: null, ratio: null, met: false, note: `not measured: ${why}` };
}

/** The note of a record whose benchmark threw: it starts with this. */
export const FAILED = 'not measured: the benchmark failed: ';

export const ratioOf = (ours: number | null, baseline: number | null) =>
  ours === null || baseline === null || ours <= 0 ? null : baseline / ours;

function figure(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value >= 1000) return value.toFixed(0);
  if (value >= 100) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** The records as a Markdown table (it reads fine in a terminal too). */
export function tableOf(records: readonly BenchRecord[]): string {
  const header = ['Measurement', 'Unit', 'Ours (median)', 'Ours p95', 'Baseline (median)', 'Baseline p95', 'Ratio (baseline ÷ ours)', 'Goal', 'Met'];
  const rows = records.map((r) => [
    r.name,
    r.unit,
    figure(r.ours),
    figure(r.oursP95),
    figure(r.baseline),
    figure(r.baselineP95),
    r.ratio === null ? '—' : `${figure(r.ratio)}×`,
    r.goal,
    r.ours === null ? 'not measured' : !hasGoal(r) ? '—' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Whether a record has a goal to meet (some are reported without one). */
export const hasGoal = (record: BenchRecord) => !record.goal.startsWith('none');

/**
 * The whole report as Markdown: a line saying when and where, the table,
 * how many goals were met, and each record's note. What `npm run bench`
 * prints and `--markdown FILE` writes.
 */
export function reportOf(records: readonly BenchRecord[], context: { title: string; where: string }): string {
  const goals = records.filter(hasGoal);
  const unmeasured = records.filter((r) => r.ours === null).length;
  return [
    `${context.title}`,
    '',
    context.where,
    '',
    tableOf(records),
    '',
    `Goals met: ${goals.filter((r) => r.met).length} of ${goals.length}${unmeasured > 0 ? ` (${unmeasured} measurement${unmeasured > 1 ? 's' : ''} not taken)` : ''}.`,
    '',
    ...records.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`),
    '',
  ].join('\n');
}

/** Checks a record has the shape `--json` promises; returns what is wrong (empty when well formed). */
export function recordProblemsOf(record: unknown): string[] {
  const problems: string[] = [];
  const r = record as Record<string, unknown>;
  const numberOrNull = (value: unknown) => value === null || (typeof value === 'number' && Number.isFinite(value));
  if (typeof r !== 'object' || r === null) return ['not an object'];
  if (typeof r.name !== 'string' || r.name === '') problems.push('name must be a non-empty string');
  if (typeof r.unit !== 'string' || r.unit === '') problems.push('unit must be a non-empty string');
  if (!numberOrNull(r.ours)) problems.push('ours must be a finite number or null');
  if (!numberOrNull(r.baseline)) problems.push('baseline must be a finite number or null');
  if (!numberOrNull(r.ratio)) problems.push('ratio must be a finite number or null');
  if (r.baseline === null && r.ratio !== null) problems.push('ratio must be null without a baseline');
  if (typeof r.goal !== 'string' || r.goal === '') problems.push('goal must be a non-empty string');
  if (typeof r.met !== 'boolean') problems.push('met must be a boolean');
  if (r.ours === null && r.met !== false) problems.push('a measurement not taken cannot meet its goal');
  return problems;
}
