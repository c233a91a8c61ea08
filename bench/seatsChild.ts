/**
 * The simulated seats of the seats benchmark (bench/seats.ts), in a process
 * of their own so that the host's process measures only the host's CPU. It
 * reads its load as one JSON line on stdin, opens one event stream per seat
 * token, prints `ready`, and on a `go` line offers the entries on a fixed
 * schedule; when every stream has had every recorded event (or 10 s later)
 * it prints its figures as one JSON line (`SeatsChildReport`).
 * Usage (bundled by seats.ts): node seatsChild.mjs, then the load on stdin.
 */
import http from 'node:http';
import readline from 'node:readline';
import type { Envelope } from '../shared/api';
import type { RunEvent } from '../shared/model';
import { sseReaderOf } from '../shared/sse';
import { SEAT_TOKEN_HEADER } from '../electron/web/sharing';

export type SeatsChildLoad = { address: string; port: number; runId: string; tokens: string[]; stepIds: string[]; recorders: number; perSecond: number; seconds: number };

export type SeatsChildReport = {
  offered: number;
  /** How late the most belated entry was sent after its due moment (ms): the schedule kept, or not. */
  sendLateMs: number;
  recorded: number;
  refusals: Record<string, number>;
  /** Seconds from the schedule's start to the last answer, at least the schedule's length. */
  recordingSeconds: number;
  /** Milliseconds from a seat's request to its answer. */
  roundTrips: number[];
  /** Milliseconds from each event's commit (`recordedAt`) to each seat's receipt of it. */
  deliveries: number[];
  lost: number;
  duplicated: number;
};

const lines = readline.createInterface({ input: process.stdin });
const nextLine = () => new Promise<string>((resolve) => lines.once('line', resolve));
const load = JSON.parse(await nextLine()) as SeatsChildLoad;
const agent = new http.Agent({ keepAlive: true });

function post(pathName: string, body: unknown, token: string): Promise<Envelope<any>> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: load.address, port: load.port, method: 'POST', path: pathName, agent, headers: { 'Content-Type': 'application/json', [SEAT_TOKEN_HEADER]: token } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope<any>));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

/** One seat's stream: every frame's event with the moment it arrived. */
function listen(token: string, onFrame: (event: RunEvent, at: number) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: load.address, port: load.port, path: '/seat/events', headers: { [SEAT_TOKEN_HEADER]: token } }, (response) => {
      let at = 0;
      const read = sseReaderOf(({ data }) => onFrame(JSON.parse(data) as RunEvent, at));
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        at = Date.now();
        read(chunk);
      });
      resolve(request);
    });
    request.on('error', reject);
    request.end();
  });
}

const received = load.tokens.map(() => new Set<number>());
const deliveries: number[] = [];
let duplicated = 0;
const streams: http.ClientRequest[] = [];
for (const [i, token] of load.tokens.entries())
  streams.push(
    await listen(token, (event, at) => {
      if (received[i].has(event.seq)) duplicated++;
      received[i].add(event.seq);
      deliveries.push(at - Date.parse(event.recordedAt));
    }),
  );
process.stdout.write('ready\n');
await nextLine();

const started = Date.now();
const recorded: number[] = [];
const roundTrips: number[] = [];
const refusals: Record<string, number> = {};
let sendLateMs = 0;
const refuse = (why: string) => void (refusals[why] = (refusals[why] ?? 0) + 1);
// The load is offered on a fixed schedule (an open loop): each recorder sends its entry when it is due, whether or not
// its earlier ones have been answered, as a phone's outbox sends what its controller queued. A recorder that waited for
// each answer would measure the round trip, not the host: the rate would fall with every slow commit.
const recorder = async (r: number) => {
  const total = load.perSecond * load.seconds;
  const sends: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / load.perSecond + (r * 1000) / load.perSecond / load.recorders;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = Date.now();
    sendLateMs = Math.max(sendLateMs, sent - due);
    const event = { kind: 'observation', stepId: load.stepIds[(n + r) % load.stepIds.length], text: `现场记录 ${r}-${n}`, clientId: `bench-${r}-${n}-000000` };
    sends.push(
      post('/seat/api/recordEvent', { runId: load.runId, event }, load.tokens[r]).then(
        (answer) => {
          roundTrips.push(Date.now() - sent);
          if (answer.ok) recorded.push((answer.value as RunEvent).seq);
          else refuse(answer.error.key);
        },
        (error: Error) => refuse(error.message),
      ),
    );
  }
  await Promise.all(sends);
};
await Promise.all(Array.from({ length: load.recorders }, (_, r) => recorder(r)));
const recordingSeconds = Math.max(load.seconds, (Date.now() - started) / 1000);
// Wait until every stream has every event (or give up after 10 s: what is missing then is lost).
const missing = () => received.reduce((sum, got) => sum + recorded.filter((seq) => !got.has(seq)).length, 0);
const deadline = Date.now() + 10_000;
while (Date.now() < deadline && missing() > 0) await new Promise((resolve) => setTimeout(resolve, 50));
const report: SeatsChildReport = {
  offered: load.recorders * load.perSecond * load.seconds,
  sendLateMs,
  recorded: recorded.length,
  refusals,
  recordingSeconds,
  roundTrips,
  deliveries,
  lost: missing(),
  duplicated,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
for (const stream of streams) stream.destroy();
agent.destroy();
lines.close();
