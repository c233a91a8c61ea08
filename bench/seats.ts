/**
 * Seats on the local network (联网导调), as browser mode runs them: the back
 * end in its worker threads, the live hub, the sharing host and the seats'
 * server on 127.0.0.1. N seats join with their codes; in a process of their
 * own (bench/seatsChild.ts, so this process's CPU is the host's alone) they
 * hold an event stream each, and R of them offer observations on a fixed
 * schedule through `/seat/api/recordEvent`. Measured: the rate achieved, each
 * call's round trip, and for every (event, seat) pair the time from the
 * event's commit (its `recordedAt`, stamped in the transaction) to the
 * seat's receipt of its frame. Every stream must get every event once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Envelope } from '../shared/api';
import { memoryPrefsStore } from '../electron/core/prefs';
import { openNodeWorkerBackend } from '../electron/core/nodeBackend';
import { eventHubOf, liveBackendOf } from '../electron/web/events';
import { startWebServer } from '../electron/web/server';
import { sharingHostOf } from '../electron/web/sharing';
import type { BenchSizes } from './data';
import { quantileOf, type BenchOptions, type BenchRecord } from './harness';
import { measurements, seatLoadOf } from './measurements';
import type { SeatsChildLoad, SeatsChildReport } from './seatsChild';

const ADDRESS = '127.0.0.1';
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function join(port: number, code: string): Promise<Envelope<any>> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: ADDRESS, port, method: 'POST', path: '/seat/join', headers: { 'Content-Type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope<any>));
    });
    request.on('error', reject);
    request.end(JSON.stringify({ code }));
  });
}

/** Runs the simulated seats: resolves with their report and the host's CPU time (ms) from their start signal to it. */
async function runSeats(script: string, load: SeatsChildLoad): Promise<{ report: SeatsChildReport; hostCpuMs: number; wallMs: number }> {
  const child = spawn(process.execPath, [script], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const nextLine = () => Promise.race([new Promise<string>((resolve) => lines.once('line', resolve)), exited.then((code) => Promise.reject(new Error(`the simulated seats exited (${code})`)))]);
  child.stdin.write(`${JSON.stringify(load)}\n`);
  if ((await nextLine()) !== 'ready') throw new Error('the simulated seats did not start');
  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  child.stdin.write('go\n');
  const report = JSON.parse(await nextLine()) as SeatsChildReport;
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = Date.now() - started;
  child.stdin.end();
  await exited;
  return { report, hostCpuMs: (cpu.user + cpu.system) / 1000, wallMs };
}

export async function seatsBenchmark(sizes: BenchSizes, options: BenchOptions): Promise<BenchRecord> {
  const [seatCount, recorders, perSecond, seconds] = seatLoadOf(sizes);
  const measurement = measurements.seatsFanout(seatCount, recorders, perSecond, seconds);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-bench-seats-'));
  const backend = await openNodeWorkerBackend(dataDir, { prefs: memoryPrefsStore(), warmTaskWorker: false, log: () => {} });
  const hub = eventHubOf();
  // The simulated seats all join from one address; real devices each have their own, so the join limit per address is raised here (the per-seat call limit stays).
  const sharing = sharingHostOf({ backend: liveBackendOf(backend, hub), hub, rendererDir: dataDir, interfaces: () => [{ name: 'lo', address: ADDRESS }], limits: { joinPerMinute: 1000 } });
  const web = await startWebServer({ backend: sharing, hub, rendererDir: dataDir, port: 0 });
  try {
    const host = async (method: string, arg: unknown) => {
      const envelope = await sharing.call(method, arg);
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.key}`);
      return envelope.value as any;
    };
    const [scenario] = (await host('listScenarios', {})) as { id: string }[];
    const plan = await host('getScenario', { id: scenario.id });
    const run = await host('createRun', { scenarioId: scenario.id, name: 'bench' });
    const { shared } = await host('startSharing', { runId: run.id, address: ADDRESS });
    const port = shared.port as number;
    const roleIds = (plan.roles as { id: string }[]).map((role) => role.id);
    const stepIds = (plan.steps as { id: string; roleIds: string[] }[]).filter((step) => step.roleIds.length > 0).map((step) => step.id);

    // Seats: the first `recorders` are field controllers over every role; the rest watch.
    const tokens: string[] = [];
    for (let i = 0; i < seatCount; i++) {
      const kind = i < recorders ? 'field-controller' : i % 2 === 0 ? 'big-screen' : 'observer';
      const { code } = await host('createSeat', { runId: run.id, seat: { kind, name: `seat ${i + 1}`, scope: { roleIds } } });
      const joined = await join(port, code);
      if (!joined.ok) throw new Error(`join: ${joined.error.key}`);
      tokens.push(joined.value.token);
    }
    const script = path.join(root, '.tmp', 'bench', 'seatsChild.mjs');
    await build({ entryPoints: [path.join(here, 'seatsChild.ts')], outfile: script, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' });

    options.log(`seats: ${seatCount} streams; ${recorders} seats offering ${perSecond} events/s each for ${seconds} s`);
    const { report, hostCpuMs, wallMs } = await runSeats(script, { address: ADDRESS, port, runId: run.id, tokens, stepIds, recorders, perSecond, seconds });
    const asked = recorders * perSecond;
    const achieved = report.recorded / report.recordingSeconds;
    const refused = Object.values(report.refusals).reduce((sum, count) => sum + count, 0);
    const samples = report.deliveries;
    const p50 = quantileOf(samples, 0.5);
    const p95 = quantileOf(samples, 0.95);
    const max = samples.reduce((a, b) => Math.max(a, b), 0);
    const cpuPercent = (hostCpuMs / wallMs) * 100;
    const refusedText = refused > 0 ? `: ${Object.entries(report.refusals).map(([why, count]) => `${count} ${why}`).join(', ')}` : '';
    return {
      ...measurement,
      ours: p50,
      baseline: null,
      ratio: null,
      oursP95: p95,
      met: p95 <= 250 && achieved >= 0.95 * asked && report.lost === 0 && report.duplicated === 0 && refused === 0,
      note:
        `${report.offered} events offered at ${asked} events/s (each sent at most ${report.sendLateMs.toFixed(0)} ms after its moment); ${report.recorded} recorded (${refused} refused${refusedText}), the last answered at ${report.recordingSeconds.toFixed(1)} s: ${achieved.toFixed(1)} events/s achieved; ` +
        `a seat's call answered in p50 ${quantileOf(report.roundTrips, 0.5).toFixed(0)} ms, p95 ${quantileOf(report.roundTrips, 0.95).toFixed(0)} ms; ` +
        `${samples.length} deliveries from commit to receipt: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max.toFixed(0)} ms; lost ${report.lost}, duplicated ${report.duplicated}; ` +
        `host CPU (back-end workers and servers; the ${seatCount} simulated seats run in another process) ${cpuPercent.toFixed(0)} % of one core over ${(wallMs / 1000).toFixed(0)} s`,
    };
  } finally {
    await web.close();
    await sharing.close();
    await backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
