/**
 * Benchmark 4: seeking in the replay of a long run. Ours: `stateAtTime` on
 * the replay index (checkpoints plus binary search). Baseline: the naive
 * way, `runStateAt` folding the log from its start, on the same seeks.
 */
import { effectiveEventsOf } from '../shared/model';
import { replayIndexOf, replaySpanOf, stateAtTime } from '../shared/replay';
import { runStateAt, type RunStateAt } from '../shared/runState';
import { callOf, openBenchBackend, type BenchData } from './data';
import { rngOf } from './generate';
import { measurements } from './measurements';
import { medianOf, p95Of, ratioOf, timeBlocks, timeOf, type BenchOptions, type BenchRecord } from './harness';

/** Same statuses, counts and flags: the seek found the state the refold finds. */
function sameState(a: RunStateAt, b: RunStateAt): boolean {
  if (a.applied !== b.applied || a.paused !== b.paused || a.ended !== b.ended || a.shiftMin !== b.shiftMin) return false;
  for (const [id, step] of a.steps) {
    const other = b.steps.get(id);
    if (!other || other.status !== step.status || other.startedAt !== step.startedAt || other.late !== step.late) return false;
  }
  return true;
}

export async function replaySeekBenchmark(data: BenchData, options: BenchOptions): Promise<BenchRecord> {
  const backend = openBenchBackend(data.dataDir);
  let got;
  try {
    got = await callOf(backend, 'getRun', { id: data.runId });
  } finally {
    backend.close();
  }
  const { run } = got;
  const events = effectiveEventsOf(got.events);
  const runStartMs = Date.parse(run.startedAt);
  let index!: ReturnType<typeof replayIndexOf>;
  const indexMs = timeOf(() => {
    index = replayIndexOf(run.plan, events, runStartMs);
  });
  const span = replaySpanOf(index, run.endedAt === null ? null : Date.parse(run.endedAt));
  const rng = rngOf(9);
  const plan = options.smoke ? { blocks: 2, perBlock: 10, warmups: 3 } : { blocks: 10, perBlock: 100, warmups: 5 };
  const checked = options.smoke ? 5 : 25;
  const times = Array.from({ length: plan.blocks * (plan.perBlock + plan.warmups) }, () => span.startMs + rng() * (span.endMs - span.startMs));
  options.log(`replay seek: index of ${events.length} events built in ${indexMs.toFixed(0)} ms; ${plan.blocks * plan.perBlock} random seeks each way`);

  // The seek must find what the naive fold finds.
  for (const t of times.slice(0, checked))
    if (!sameState(stateAtTime(index, t), runStateAt(run.plan, events, runStartMs, t)))
      throw new Error(`replay seek to ${new Date(t).toISOString()} disagrees with the refold`);

  // In blocks: a 100,000-event fold flushes the CPU caches, which a seek
  // interleaved with it would pay (while scrubbing, seeks follow each other).
  const { ours, baseline } = await timeBlocks({
    ...plan,
    clock: 'cpu',
    ours: (i) => stateAtTime(index, times[i]),
    baseline: (i) => runStateAt(run.plan, events, runStartMs, times[i]),
  });
  const median = medianOf(ours);
  const baseMedian = medianOf(baseline);
  const ratio = ratioOf(median, baseMedian);
  return {
    ...measurements.replaySeek(events.length, run.plan.steps.length),
    ours: median,
    baseline: baseMedian,
    ratio,
    met: median < 1 && ratio !== null && ratio >= 100,
    oursP95: p95Of(ours),
    baselineP95: p95Of(baseline),
    note: `${ours.length} random seeks each, the same moments both ways, in alternating blocks of ${plan.perBlock}, CPU time (first ${checked} checked equal to the refold); index built once in ${indexMs.toFixed(0)} ms with ${index.checkpoints.length} checkpoints every ${index.every} events`,
  };
}
