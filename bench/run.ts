/**
 * Runs every benchmark in order and returns the records. The Node
 * benchmarks come first; the Chromium ones share one browser and one
 * browser-mode server over the same data folder. A benchmark that throws
 * (say the renderer does not build) leaves "not measured" records with the
 * error in their note, and the others still run.
 */
import { browserBenchmarks } from './browser';
import { createBenchData, FULL_SIZES, removeBenchData, SMOKE_SIZES } from './data';
import { FAILED, notMeasured, type BenchOptions, type BenchRecord } from './harness';
import { allMeasurementsOf, type Measurement } from './measurements';
import { importRefusalBenchmarks } from './importRefusal';
import { limitsBenchmarks } from './limits';
import { memoryBenchmark } from './memory';
import { replaySeekBenchmark } from './replaySeek';
import { scheduleBenchmarks } from './schedule';
import { seatsBenchmark } from './seats';
import { storageBenchmarks } from './storage';

export async function runBenchmarks(options: BenchOptions): Promise<BenchRecord[]> {
  const sizes = options.smoke ? SMOKE_SIZES : FULL_SIZES;
  const planned = allMeasurementsOf(sizes);
  const records: BenchRecord[] = [];
  const group = async (name: string, expected: Measurement[], work: () => Promise<BenchRecord[]> | BenchRecord[]) => {
    if (options.only && !options.only.includes(name)) return;
    try {
      records.push(...(await work()));
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      options.log(`failed: ${message}`);
      records.push(...expected.map((measurement) => ({ ...notMeasured(measurement, ''), note: `${FAILED}${message}` })));
    }
  };
  const data = await createBenchData(sizes, options.log);
  try {
    await group('storage', planned.storage, () => storageBenchmarks(data, options));
    await group('schedule', planned.schedule, () => scheduleBenchmarks(sizes.schedule, options));
    await group('replay-seek', planned.replaySeek, async () => [await replaySeekBenchmark(data, options)]);
    await group('memory', planned.memory, async () => [await memoryBenchmark(data, options)]);
    await group('import-refusal', planned.importRefusal, () => importRefusalBenchmarks(options));
    await group('limits', planned.limits, () => limitsBenchmarks(data, options));
    await group('seats', planned.seats, async () => [await seatsBenchmark(sizes, options)]);
    await group('browser', planned.browser, () => browserBenchmarks(data, options));
  } finally {
    removeBenchData(data);
  }
  return records;
}
