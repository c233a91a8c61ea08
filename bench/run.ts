/**
 * Runs every benchmark in order and returns the records. The Node
 * benchmarks come first; the Chromium ones share one browser and one
 * browser-mode server over the same data folder.
 */
import { createBenchData, FULL_SIZES, removeBenchData, SMOKE_SIZES } from './data';
import type { BenchOptions, BenchRecord } from './harness';
import { memoryBenchmark } from './memory';
import { replaySeekBenchmark } from './replaySeek';
import { scheduleBenchmarks } from './schedule';
import { storageBenchmarks } from './storage';
import { browserBenchmarks } from './browser';

export async function runBenchmarks(options: BenchOptions): Promise<BenchRecord[]> {
  const sizes = options.smoke ? SMOKE_SIZES : FULL_SIZES;
  const data = await createBenchData(sizes, options.log);
  const records: BenchRecord[] = [];
  try {
    records.push(...(await storageBenchmarks(data, options)));
    records.push(...scheduleBenchmarks(sizes.schedule, options));
    records.push(await replaySeekBenchmark(data, options));
    records.push(memoryBenchmark(data, options));
    records.push(...(await browserBenchmarks(data, options)));
  } finally {
    removeBenchData(data);
  }
  return records;
}
