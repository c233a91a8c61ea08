/**
 * Benchmark 7: resident memory of the back end with the big scenario and the
 * long run loaded, measured in a fresh Node process of its own (so nothing
 * the benchmark itself holds is counted). The probe is bundled with esbuild
 * first, as the Electron main process is, so the TypeScript loader's own
 * memory (about 35 MB) is not counted either.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BenchData } from './data';
import type { BenchOptions, BenchRecord } from './harness';
import { measurements } from './measurements';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

type ChildReport = { idleMb: number; loadedMb: number; heapUsedMb: number; peakMb: number; steps: number; events: number; sentMb: number };

export async function memoryBenchmark(data: BenchData, options: BenchOptions): Promise<BenchRecord> {
  options.log('memory: loading the scenario and the run in a fresh back-end process');
  const probe = path.join(root, '.tmp', 'bench', 'memoryChild.mjs');
  await build({
    entryPoints: [path.join(here, 'memoryChild.ts')],
    outfile: probe,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  const child = spawnSync(process.execPath, ['--expose-gc', probe, data.dataDir, data.bigId, data.runId], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const line = child.stdout?.trim().split('\n').at(-1) ?? '';
  let report: ChildReport;
  try {
    report = JSON.parse(line) as ChildReport;
  } catch {
    throw new Error(`the memory probe failed (exit ${child.status}): ${child.stderr?.slice(-500)}`);
  }
  return {
    ...measurements.memory(report.steps, report.events),
    ours: report.loadedMb,
    baseline: null,
    ratio: null,
    met: report.loadedMb < 300,
    note: `rss after getScenario + getRun with results held, after GC; idle back end ${report.idleMb.toFixed(0)} MB, peak ${report.peakMb.toFixed(0)} MB, JS heap ${report.heapUsedMb.toFixed(0)} MB, ${report.sentMb.toFixed(1)} MB of JSON served (bundled back end in Node ${process.versions.node}; Electron's main process adds its own runtime)`,
  };
}
