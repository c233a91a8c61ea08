/**
 * Run in its own process by the import benchmark: opens a back end on an
 * empty data folder, then sends one drill-script file to `importPlanTable`
 * and prints how long the answer took, whether it was a refusal and why,
 * and the resident memory the import added above the idle back end.
 * Usage (bundled by importRefusal.ts): node --expose-gc importChild.mjs DATA_DIR FILE
 */
import fs from 'node:fs';
import path from 'node:path';
import { openBenchBackend } from './data';
import { errorTextOf } from '../shared/api';

const [dataDir, file] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => bytes / 1024 / 1024;

const backend = openBenchBackend(dataDir);
gc();
const idle = process.memoryUsage().rss;
const dataBase64 = fs.readFileSync(file).toString('base64');
// The process's peak so far (opening the database, loading modules): the import counts only if it goes above it.
const peakBefore = process.resourceUsage().maxRSS * 1024;
const started = performance.now();
const envelope = await backend.call('importPlanTable', { fileName: path.basename(file), dataBase64 });
const ms = performance.now() - started;
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  `${JSON.stringify({ ms, refused: !envelope.ok, message: envelope.ok ? '' : errorTextOf(envelope.error, 'en').text, idleMb: mb(idle), aboveRestMb: mb(Math.max(0, peak - idle)), beyondStartPeak: peak > peakBefore })}\n`,
);
backend.close();
