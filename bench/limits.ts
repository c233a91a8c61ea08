/**
 * Benchmark 8: limits that must hold fast, moved here from the unit tests
 * (which assert only that they hold): the validation rules over a 2,000-step
 * drill, a scenario file over 20 MB refused before parsing, and the zip bomb
 * of the hostile corpus (an .xlsx of about 1 MB whose sheet declares 2 KB and
 * inflates to 1 GB) refused through `importPlanTable`. The zip bomb runs in a
 * fresh Node process of its own (bundled with esbuild, as the memory probe),
 * so its memory above rest is the refusal's alone.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { MAX_IMPORT_BYTES } from '../shared/api';
import { ScenarioBodySchema, type ScenarioBody } from '../shared/model';
import { findingsOf } from '../shared/validation';
import { callOf, openBenchBackend, type BenchData } from './data';
import { cpuTimeOf, medianOf, p95Of, timeOfAsync, type BenchOptions, type BenchRecord } from './harness';
import { measurements } from './measurements';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/**
 * A drill of `steps` steps for the validation rules: a binary tree of
 * actions with a second edge into every even step (about 1.5 edges a step),
 * 20 roles with one person each, except that 人0 is in roles 0 and 1, so
 * exactly one rule fires (a person double-booked).
 */
export function validationDrillOf(steps: number): ScenarioBody {
  const list = [{ id: 's0', kind: 'inject', title: 'S0', durationMin: 5, roleIds: ['r0'] }];
  const edges: Record<string, unknown>[] = [];
  for (let i = 1; i < steps; i++) {
    list.push({ id: `s${i}`, kind: 'action', title: `S${i}`, durationMin: (i % 7) + 1, roleIds: [`r${i % 20}`] });
    edges.push({ id: `a${i}`, source: `s${Math.floor((i - 1) / 2)}`, target: `s${i}` });
    if (i % 2 === 0) edges.push({ id: `b${i}`, source: `s${i - 1}`, target: `s${i}`, lagMin: 3 });
  }
  const roles = Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, name: `组${i}`, people: [{ name: `人${i === 1 ? 0 : i}` }] }));
  return ScenarioBodySchema.parse({ title: '汛期水环境应急演练', roles, steps: list, edges, objectives: [] });
}

type BombReport = { ms: number; aboveRestMb: number; restMb: number; bombBytes: number; code: string; message: string };

async function zipBombRecords(options: BenchOptions): Promise<BenchRecord[]> {
  const probe = path.join(root, '.tmp', 'bench', 'limitsChild.mjs');
  await build({ entryPoints: [path.join(here, 'limitsChild.ts')], outfile: probe, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' });
  const runs = options.smoke ? 1 : 5;
  const reports: BombReport[] = [];
  for (let i = 0; i < runs; i++) {
    options.log(`limits: zip bomb, run ${i + 1} of ${runs} in a fresh process`);
    const child = spawnSync(process.execPath, ['--expose-gc', probe], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    try {
      reports.push(JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as BombReport);
    } catch {
      throw new Error(`the zip-bomb probe failed (exit ${child.status}): ${child.stderr?.slice(-500)}`);
    }
  }
  const bad = reports.find((r) => r.code === 'ok');
  if (bad) throw new Error('the zip bomb was accepted');
  const ms = reports.map((r) => r.ms);
  const mb = reports.map((r) => r.aboveRestMb);
  const note = `${runs} fresh processes; importPlanTable with the bomb (${(reports[0].bombBytes / 1024 / 1024).toFixed(2)} MB, sheet declaring 2 KB, inflating to 1 GB) through the dispatcher; refused with ${reports[0].code}: "${reports[0].message.slice(0, 80)}…"`;
  return [
    { ...measurements.zipBombTime(), ours: medianOf(ms), oursP95: p95Of(ms), baseline: null, ratio: null, met: medianOf(ms) < 1000, note },
    {
      ...measurements.zipBombMemory(),
      ours: Math.max(...mb),
      baseline: null,
      ratio: null,
      met: Math.max(...mb) < 200,
      note: `the most resident memory above the process at rest (${medianOf(reports.map((r) => r.restMb)).toFixed(0)} MB, back end open, bomb in memory) seen while refusing, sampled every 2 ms and from the peak RSS, worst of ${runs}`,
    },
  ];
}

export async function limitsBenchmarks(data: BenchData, options: BenchOptions): Promise<BenchRecord[]> {
  const steps = data.editorBody.steps.length;
  const drill = validationDrillOf(steps);
  findingsOf(drill);
  const checks = Array.from({ length: options.smoke ? 3 : 20 }, () => cpuTimeOf(() => findingsOf(drill)));
  const records: BenchRecord[] = [
    {
      ...measurements.validation(steps),
      ours: medianOf(checks),
      oursP95: p95Of(checks),
      baseline: null,
      ratio: null,
      met: medianOf(checks) < 500,
      note: `${checks.length} runs of findingsOf after one warm-up, CPU time; every rule over ${drill.edges.length} edges and 20 roles, one person double-booked`,
    },
  ];

  const backend = openBenchBackend(data.dataDir);
  try {
    const oversized = '['.repeat(MAX_IMPORT_BYTES + 1024);
    const refusals: number[] = [];
    for (let i = 0; i < (options.smoke ? 2 : 10); i++)
      refusals.push(
        await timeOfAsync(async () => {
          const envelope = await backend.call('importScenario', { text: oversized });
          if (envelope.ok) throw new Error('the oversized file was accepted');
        }),
      );
    records.push({
      ...measurements.oversized(),
      ours: medianOf(refusals),
      oursP95: p95Of(refusals),
      baseline: null,
      ratio: null,
      met: medianOf(refusals) < 2000,
      note: `${refusals.length} calls of importScenario with 20 MB + 1 KB of "[" through the dispatcher, wall clock; refused for its size before parsing`,
    });
    await callOf(backend, 'listScenarios', {});
  } finally {
    backend.close();
  }
  records.push(...(await zipBombRecords(options)));
  return records;
}
