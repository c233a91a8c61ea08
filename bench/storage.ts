/**
 * Benchmarks 1 and 2: saving one edit, and opening a scenario.
 *
 * Ours: the service on SQLite (`applyGraphOps` with one moved step, one
 * UPDATE in a transaction; `getScenario` reading rows into the domain model),
 * through the same dispatcher the transports use. Baseline: what an app
 * keeping the scenario in an electron-store style JSON file does: rewrite the
 * whole file atomically on every edit (serialise, write a temp file, fsync,
 * rename), and read and parse the whole file to open it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ScenarioBody } from '../shared/model';
import { callOf, openBenchBackend, type BenchData } from './data';
import { rngOf } from './generate';
import { measurements } from './measurements';
import { medianOf, p95Of, ratioOf, timeBlocks, timePairs, type BenchOptions, type BenchRecord } from './harness';

/** electron-store / conf: `JSON.stringify(store, undefined, '\t')`, written to a temp file, fsynced, renamed over the old one. */
export function writeJsonAtomically(file: string, value: unknown) {
  const text = JSON.stringify(value, undefined, '\t');
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

export async function storageBenchmarks(data: BenchData, options: BenchOptions): Promise<BenchRecord[]> {
  const backend = openBenchBackend(data.dataDir);
  const jsonFile = path.join(data.dataDir, 'scenario-store.json');
  try {
    const scenario = await callOf(backend, 'getScenario', { id: data.bigId });
    let revision = scenario.revision;
    const model: { scenario: ScenarioBody } = { scenario: data.bigBody };
    writeJsonAtomically(jsonFile, model);
    const rng = rngOf(42);
    const stepCount = data.bigBody.steps.length;
    const moveOf = () => ({ index: Math.floor(rng() * stepCount), x: Math.round(rng() * 10_000), y: Math.round(rng() * 10_000) });

    // 1. One step moved, saved.
    // In blocks rather than one by one: each JSON rewrite frees the old file's
    // blocks at the next ext4 journal commit, which SQLite's fsync would pay.
    const saves = options.smoke ? { blocks: 1, perBlock: 5, warmups: 2 } : { blocks: 10, perBlock: 20, warmups: 3 };
    options.log(`autosave: ${saves.blocks * saves.perBlock} edits each way, in ${saves.blocks} alternating blocks`);
    const save = await timeBlocks({
      ...saves,
      ours: async () => {
        const move = moveOf();
        const result = await callOf(backend, 'applyGraphOps', {
          scenarioId: data.bigId,
          baseRevision: revision,
          ops: [{ op: 'moveSteps', moves: [{ id: `s${move.index}`, position: { x: move.x, y: move.y } }] }],
        });
        revision = result.revision;
      },
      baseline: () => {
        const move = moveOf();
        const step = model.scenario.steps[move.index];
        step.position = { x: move.x, y: move.y };
        writeJsonAtomically(jsonFile, model);
      },
    });

    // 2. Open the scenario into the domain model.
    const opens = options.smoke ? { warmups: 1, runs: 3 } : { warmups: 3, runs: 25 };
    options.log(`open: ${opens.runs} opens each way`);
    let steps = 0;
    const open = await timePairs({
      ...opens,
      clock: 'cpu',
      ours: async () => {
        steps = (await callOf(backend, 'getScenario', { id: data.bigId })).steps.length;
      },
      baseline: () => {
        steps = (JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as typeof model).scenario.steps.length;
      },
    });
    if (steps !== stepCount) throw new Error(`opened ${steps} steps, expected ${stepCount}`);

    const saveOurs = medianOf(save.ours);
    const saveBase = medianOf(save.baseline);
    const saveRatio = ratioOf(saveOurs, saveBase);
    const openOurs = medianOf(open.ours);
    const openBase = medianOf(open.baseline);
    const { steps: n, edges: m } = { steps: stepCount, edges: data.bigBody.edges.length };
    return [
      {
        ...measurements.autosave(n, m),
        ours: saveOurs,
        baseline: saveBase,
        ratio: saveRatio,
        met: saveRatio !== null && saveRatio >= 50 && saveOurs < 2,
        oursP95: p95Of(save.ours),
        baselineP95: p95Of(save.baseline),
        note: `${save.ours.length} edits each, in alternating blocks; ours = backend.call('applyGraphOps', moveSteps) on SQLite (WAL, synchronous=FULL); baseline = JSON.stringify(…, '\\t') + temp file + fsync + rename (${(fs.statSync(jsonFile).size / 1e6).toFixed(1)} MB)`,
      },
      {
        ...measurements.open(n),
        ours: openOurs,
        baseline: openBase,
        ratio: ratioOf(openOurs, openBase),
        met: openOurs < 50,
        oursP95: p95Of(open.ours),
        baselineP95: p95Of(open.baseline),
        note: `${open.ours.length} opens each, alternating, CPU time (the file and the database are in the page cache); ours = backend.call('getScenario') (rows → domain model); baseline = readFile + JSON.parse, no validation`,
      },
    ];
  } finally {
    backend.close();
    fs.rmSync(jsonFile, { force: true });
  }
}
