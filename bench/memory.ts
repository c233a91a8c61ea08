/**
 * Benchmark 7: resident memory of the back end with the big scenario and the
 * long run loaded, measured in a fresh Node process of its own (so nothing
 * the benchmark itself holds is counted).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchData } from './data';
import type { BenchOptions, BenchRecord } from './harness';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

type ChildReport = { idleMb: number; loadedMb: number; heapUsedMb: number; peakMb: number; steps: number; events: number; sentMb: number };

export function memoryBenchmark(data: BenchData, options: BenchOptions): BenchRecord {
  options.log('memory: loading the scenario and the run in a fresh back-end process');
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', path.join(here, 'memoryChild.ts'), data.dataDir, data.bigId, data.runId],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
  const line = child.stdout?.trim().split('\n').at(-1) ?? '';
  let report: ChildReport;
  try {
    report = JSON.parse(line) as ChildReport;
  } catch {
    throw new Error(`the memory probe failed (exit ${child.status}): ${child.stderr?.slice(-500)}`);
  }
  return {
    name: `Back-end resident memory with a ${report.steps.toLocaleString('en')}-step scenario and a ${report.events.toLocaleString('en')}-event run loaded`,
    unit: 'MB',
    ours: report.loadedMb,
    baseline: null,
    ratio: null,
    goal: '<300 MB',
    met: report.loadedMb < 300,
    note: `rss after getScenario + getRun with results held, after GC; idle back end ${report.idleMb.toFixed(0)} MB, peak ${report.peakMb.toFixed(0)} MB, JS heap ${report.heapUsedMb.toFixed(0)} MB, ${report.sentMb.toFixed(1)} MB of JSON served (Node + tsx loader, not Electron)`,
  };
}
