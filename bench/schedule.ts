/**
 * Benchmark 3: the planned schedule (`scheduleOf`) at growing sizes, each
 * graph with about twice as many edges as steps. Linear growth shows as a
 * per-step time that stays about the same across sizes.
 */
import { scheduleOf } from '../shared/schedule';
import { scenarioOf } from './generate';
import { measurements, scheduleGoalSizeOf } from './measurements';
import { cpuTimeOf, medianOf, p95Of, type BenchOptions, type BenchRecord } from './harness';

/** Repetitions by size: small graphs are timed often, the largest a few times. */
const repetitionsOf = (steps: number, smoke: boolean) =>
  smoke ? { warmups: 1, runs: 3 } : steps <= 2_000 ? { warmups: 20, runs: 60 } : steps <= 20_000 ? { warmups: 5, runs: 25 } : { warmups: 2, runs: 7 };

export function scheduleBenchmarks(sizes: number[], options: BenchOptions): BenchRecord[] {
  const measured = sizes.map((steps) => {
    const graph = scenarioOf({ steps, edges: steps * 2, seed: steps, text: 'bare' });
    const { warmups, runs } = repetitionsOf(steps, options.smoke);
    options.log(`schedule: ${steps} steps, ${graph.edges.length} edges, ${runs} runs`);
    const samples: number[] = [];
    for (let i = 0; i < warmups + runs; i++) {
      let ok = false;
      const ms = cpuTimeOf(() => {
        ok = scheduleOf(graph).ok;
      });
      if (!ok) throw new Error(`the generated ${steps}-step graph has a cycle`);
      if (i >= warmups) samples.push(ms);
    }
    const median = medianOf(samples);
    return { steps, edges: graph.edges.length, samples, median, perStepUs: (median * 1000) / steps };
  });
  const fastestPerStep = Math.min(...measured.map((m) => m.perStepUs));
  const spread = Math.max(...measured.map((m) => m.perStepUs)) / fastestPerStep;
  const records: BenchRecord[] = measured.map((m) => {
    const linear = m.perStepUs <= 2 * fastestPerStep;
    const isGoalSize = m.steps === scheduleGoalSizeOf(sizes);
    return {
      ...measurements.schedule(m.steps, m.steps * 2, isGoalSize),
      ours: m.median,
      baseline: null,
      ratio: null,
      met: linear && (!isGoalSize || m.median < 20),
      oursP95: p95Of(m.samples),
      note: `${m.samples.length} runs, CPU time; ${m.perStepUs.toFixed(2)} µs per step`,
    };
  });
  records.push({
    ...measurements.scheduleSpread(sizes),
    ours: spread,
    baseline: null,
    ratio: null,
    met: spread <= 2,
    note: measured.map((m) => `${m.steps}: ${m.perStepUs.toFixed(2)} µs/step`).join(', '),
  });
  return records;
}
