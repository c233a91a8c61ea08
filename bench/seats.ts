/**
 * Seats on the local network (联网导调), as browser mode runs them: the back
 * end in its worker threads, the live hub, the sharing host and the seats'
 * server on 127.0.0.1. N seats join with their codes and hold an event
 * stream each; R of them record observations at a fixed rate through
 * `/seat/api/recordEvent`. For every (event, seat) pair: the time from the
 * event's commit (its `recordedAt`, stamped in the transaction) to the
 * seat's receipt of its frame. Every stream must get every event once.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Envelope } from '../shared/api';
import type { RunEvent } from '../shared/model';
import { memoryPrefsStore } from '../electron/core/prefs';
import { openNodeWorkerBackend } from '../electron/core/nodeBackend';
import { eventHubOf, liveBackendOf } from '../electron/web/events';
import { startWebServer } from '../electron/web/server';
import { SEAT_TOKEN_HEADER, sharingHostOf } from '../electron/web/sharing';
import type { BenchSizes } from './data';
import { quantileOf, type BenchOptions, type BenchRecord } from './harness';
import { measurements, seatLoadOf } from './measurements';

const ADDRESS = '127.0.0.1';

function post(port: number, pathName: string, body: unknown, headers: Record<string, string> = {}): Promise<Envelope<any>> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: ADDRESS, port, method: 'POST', path: pathName, headers: { 'Content-Type': 'application/json', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope<any>));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

/** One seat's stream: every frame's event seq with the moment it arrived. */
function listen(port: number, token: string, onFrame: (event: RunEvent, at: number) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: ADDRESS, port, path: '/seat/events', headers: { [SEAT_TOKEN_HEADER]: token } }, (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const at = Date.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (data) onFrame(JSON.parse(data.slice(6)) as RunEvent, at);
        }
      });
      resolve(request);
    });
    request.on('error', reject);
    request.end();
  });
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
  const streams: http.ClientRequest[] = [];
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
      const joined = await post(port, '/seat/join', { code });
      if (!joined.ok) throw new Error(`join: ${joined.error.key}`);
      tokens.push(joined.value.token);
    }
    const received = tokens.map(() => new Map<number, number>());
    const duplicates = { count: 0 };
    const samples: number[] = [];
    for (const [i, token] of tokens.entries())
      streams.push(
        await listen(port, token, (event, at) => {
          if (received[i].has(event.seq)) duplicates.count++;
          received[i].set(event.seq, at);
          samples.push(at - Date.parse(event.recordedAt));
        }),
      );

    options.log(`seats: ${seatCount} streams open; ${recorders} seats recording ${perSecond} events/s for ${seconds} s`);
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    const recorded: number[] = [];
    let refused = 0;
    const recorder = async (r: number) => {
      const total = perSecond * seconds;
      for (let n = 0; n < total; n++) {
        const due = started + (n * 1000) / perSecond + (r * 1000) / perSecond / recorders;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const answer = await post(port, '/seat/api/recordEvent', { runId: run.id, event: { kind: 'observation', stepId: stepIds[(n + r) % stepIds.length], text: `现场记录 ${r}-${n}`, clientId: `bench-${r}-${n}-000000` } }, { [SEAT_TOKEN_HEADER]: tokens[r] });
        if (answer.ok) recorded.push((answer.value as RunEvent).seq);
        else refused++;
      }
    };
    await Promise.all(Array.from({ length: recorders }, (_, r) => recorder(r)));
    // Each recorder waits for its answer before its next entry, as a phone does: when commits (fsynced) are slow the rate falls behind.
    const recordingSeconds = (Date.now() - started) / 1000;
    // Wait until every stream has every event (or give up after 10 s: what is missing then is lost).
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && received.some((got) => recorded.some((seq) => !got.has(seq)))) await new Promise((resolve) => setTimeout(resolve, 20));
    const elapsed = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const lost = received.reduce((sum, got) => sum + recorded.filter((seq) => !got.has(seq)).length, 0);
    const p50 = quantileOf(samples, 0.5);
    const p95 = quantileOf(samples, 0.95);
    const max = Math.max(...samples);
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / (elapsed * 1000)) * 100;
    return {
      ...measurement,
      ours: p50,
      baseline: null,
      ratio: null,
      oursP95: p95,
      met: p95 <= 250 && lost === 0 && duplicates.count === 0 && refused === 0,
      note:
        `${recorded.length} events recorded (${refused} refused) in ${recordingSeconds.toFixed(0)} s (${(recorded.length / recordingSeconds).toFixed(0)} events/s achieved, ${recorders * perSecond} asked), ${samples.length} deliveries; p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max.toFixed(0)} ms; ` +
        `lost ${lost}, duplicated ${duplicates.count}; CPU of the whole process (back-end workers, servers and the ${seatCount} simulated seats together) ${cpuPercent.toFixed(0)} % of one core over ${elapsed.toFixed(0)} s`,
    };
  } finally {
    for (const stream of streams) stream.destroy();
    await web.close();
    await sharing.close();
    await backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
