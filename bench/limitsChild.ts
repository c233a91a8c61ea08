/**
 * Run in its own process by the limits benchmark: opens a back end on a temp
 * folder, makes the zip bomb, lets the process settle, then imports the bomb
 * through the dispatcher, timing the refusal and sampling resident memory
 * every 2 ms while it runs. Prints one JSON line.
 * Usage (bundled by limits.ts): node --expose-gc limitsChild.mjs
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipBombOf } from '../tests/fixtures/zip/forgedZips';
import { openBenchBackend } from './data';
import { errorTextOf } from '../shared/api';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => bytes / 1024 / 1024;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-bench-bomb-'));
const backend = openBenchBackend(dataDir);
try {
  const bomb = zipBombOf();
  const arg = { fileName: '演练脚本.xlsx', dataBase64: bomb.toString('base64') };
  gc();
  gc();
  const rest = process.memoryUsage.rss();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  let sampled = rest;
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage.rss())), 2);
  const started = performance.now();
  const envelope = await backend.call('importPlanTable', arg);
  const ms = performance.now() - started;
  clearInterval(sampler);
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  const peak = Math.max(sampled, peakAfter > peakBefore ? peakAfter : 0);
  process.stdout.write(
    `${JSON.stringify({
      ms,
      restMb: mb(rest),
      aboveRestMb: mb(Math.max(0, peak - rest)),
      bombBytes: bomb.length,
      code: envelope.ok ? 'ok' : envelope.error.code,
      message: envelope.ok ? '' : errorTextOf(envelope.error, 'en').text,
    })}\n`,
  );
} finally {
  backend.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
