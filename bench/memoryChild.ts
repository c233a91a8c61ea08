/**
 * Run in its own process by the memory benchmark: opens the back end on the
 * benchmark data folder, loads the big scenario and the long run through the
 * API (as serving them to the renderer does, including the JSON the
 * transport would send), keeps them referenced, and prints resident memory.
 * Usage (bundled by memory.ts): node --expose-gc memoryChild.mjs DATA_DIR SCENARIO_ID RUN_ID
 */
import { callOf, openBenchBackend } from './data';

const [dataDir, scenarioId, runId] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => bytes / 1024 / 1024;

gc();
const backend = openBenchBackend(dataDir);
gc();
const idle = process.memoryUsage().rss;
const scenario = await callOf(backend, 'getScenario', { id: scenarioId });
const run = await callOf(backend, 'getRun', { id: runId });
const sent = JSON.stringify({ ok: true, value: scenario }).length + JSON.stringify({ ok: true, value: run }).length;
gc();
gc();
const loaded = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    idleMb: mb(idle),
    loadedMb: mb(loaded.rss),
    heapUsedMb: mb(loaded.heapUsed),
    peakMb: process.resourceUsage().maxRSS / 1024,
    steps: scenario.steps.length,
    events: run.events.length,
    sentMb: mb(sent),
  })}\n`,
);
backend.close();
