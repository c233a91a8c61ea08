/**
 * Benchmarks 1 and 2: saving one edit, and opening a scenario; then the
 * cost of the worker hop and another call's latency during a long import.
 *
 * Ours: the service on SQLite (`applyGraphOps` with one moved step, one
 * UPDATE in a transaction; `getScenario` reading rows into the domain model),
 * in its worker thread as the app runs it, through the same dispatcher. Baseline: what an app
 * keeping the scenario in an electron-store style JSON file does: rewrite the
 * whole file atomically on every edit (serialise, write a temp file, fsync,
 * rename), and read and parse the whole file to open it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ScenarioBody } from '../shared/model';
import { callOf, openBenchBackend, openBenchWorkerBackend, SMOKE_SIZES, FULL_SIZES, type BenchData } from './data';
import { rngOf } from './generate';
import { busyImportRowsOf, measurements } from './measurements';
import { medianOf, p95Of, ratioOf, timeBlocks, timeOfAsync, timePairs, type BenchOptions, type BenchRecord } from './harness';

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
  const backend = await openBenchWorkerBackend(data.dataDir);
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

    // 3. The hop: an empty call through the worker, and the same call served in this thread.
    const direct = openBenchBackend(path.join(data.dataDir, 'direct'));
    const hops = options.smoke ? { warmups: 2, runs: 20 } : { warmups: 20, runs: 300 };
    options.log(`worker hop: ${hops.runs} empty calls each way`);
    const hop = await timePairs({
      ...hops,
      ours: () => callOf(backend, 'getPrefs', {}),
      baseline: () => callOf(direct, 'getPrefs', {}),
    });
    direct.close();

    // 4. Another call while a long import runs in its task worker (and the same call with the back end idle).
    const rows = busyImportRowsOf(options.smoke ? SMOKE_SIZES : FULL_SIZES);
    const log = ['time,kind,text', ...Array.from({ length: rows }, (_, i) => `${new Date(Date.now() - 3_600_000 + i * 100).toISOString()},观察,${i}`)].join('\n');
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push(await timeOfAsync(() => callOf(backend, 'listScenarios', {})));
    const busy: number[] = [];
    let importing = true;
    const importDone = callOf(backend, 'importRunCsv', { scenarioId: data.bigId, name: 'bench', csv: log }).finally(() => {
      importing = false;
    });
    while ((await callOf(backend, 'listTasks', {})).length === 0 && importing) await new Promise((resolve) => setImmediate(resolve));
    while (importing) busy.push(await timeOfAsync(() => callOf(backend, 'listScenarios', {})));
    await importDone;
    options.log(`busy latency: ${busy.length} calls during the import`);

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
      {
        ...measurements.workerHop(),
        ours: medianOf(hop.ours),
        baseline: medianOf(hop.baseline),
        ratio: ratioOf(medianOf(hop.ours), medianOf(hop.baseline)),
        met: medianOf(hop.ours) - medianOf(hop.baseline) < 1,
        oursP95: p95Of(hop.ours),
        baselineP95: p95Of(hop.baseline),
        note: `${hop.ours.length} calls each, alternating, wall time; ours = the worker host relaying getPrefs to the main worker (structured clone both ways); baseline = the same dispatcher in this thread`,
      },
      {
        ...measurements.busyLatency(rows),
        ours: busy.length > 0 ? medianOf(busy) : null,
        baseline: medianOf(idle),
        ratio: busy.length > 0 ? ratioOf(medianOf(busy), medianOf(idle)) : null,
        met: busy.length > 0 && medianOf(busy) < 200,
        oursP95: busy.length > 0 ? p95Of(busy) : null,
        baselineP95: p95Of(idle),
        note: `${busy.length} listScenarios calls while importRunCsv (${rows} rows) ran in its task worker; baseline = 20 calls with the back end idle`,
      },
    ];
  } finally {
    await backend.close();
    fs.rmSync(jsonFile, { force: true });
  }
}
