/**
 * Sharing a live run with seats, over real HTTP against real servers on
 * 127.0.0.1 and a real SQLite file: joining, the dispatcher's scope over the
 * wire, live events on server-sent-event streams (every committed event to
 * every stream once, in order, resumable with Last-Event-ID), revocation,
 * the browser-mode guards kept, and the rate limits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, SharingStatus } from '../../shared/api';
import type { RunEvent, Scenario } from '../../shared/model';
import type { Seat, SeatKind } from '../../shared/seats';
import type { Backend } from '../../electron/core/backend';
import { eventHubOf, liveBackendOf } from '../../electron/web/events';
import { startWebServer, TOKEN_HEADER, type WebServer } from '../../electron/web/server';
import { MAX_SEAT_PHOTO_BODY_BYTES, rateLimiterOf, SEAT_TOKEN_HEADER, sharingHostOf, sharingRecordFileOf, SHARING_RECORD_FILE, type RateLimits, type SharingHost, type SharingRecord, type SharingRecordStore } from '../../electron/web/sharing';
import { openTestBackend, removeTempDirs, repoRoot, tempDir } from '../support/storage';
import { LOOPBACK, request, streamOf, type Answer, type Stream } from '../support/seatHttp';

const COMPOSITE = '2026年汛期水环境安全应急实战演练';

let backend: Backend;
let host: SharingHost;
let web: WebServer;
const opened: Stream[] = [];

/** The shared run kept in memory, as the file of the data folder keeps it across restarts. */
function memoryRecord(): SharingRecordStore & { kept: SharingRecord | null } {
  const store = { kept: null as SharingRecord | null, read: () => store.kept, write: (record: SharingRecord | null) => void (store.kept = record) };
  return store;
}

async function start(limits: Partial<RateLimits> = {}, record?: SharingRecordStore) {
  backend = openTestBackend(tempDir('drilldesk-sharing-'));
  await startHost(limits, record);
}

/** The host's servers over the open back end (again, after a restart). */
async function startHost(limits: Partial<RateLimits> = {}, record?: SharingRecordStore, interfaces = [{ name: 'lo', address: LOOPBACK }]) {
  const hub = eventHubOf();
  host = sharingHostOf({ backend: liveBackendOf(backend, hub), hub, rendererDir: tempDir(), interfaces: () => interfaces, limits, record });
  web = await startWebServer({ backend: host, hub, rendererDir: tempDir(), port: 0 });
}

/** The host's servers stopped as a crash would leave them: nothing of sharing closed on purpose (the record stays). */
async function stopHost() {
  await host.close();
  await web.close();
}

/** A call as the host's console makes it: to the browser-mode server with the launch token. */
async function hostCall<T>(method: string, arg: unknown): Promise<T> {
  const answer = await request(web.port, { method: 'POST', path: `/api/${method}`, headers: { [TOKEN_HEADER]: web.token, 'Content-Type': 'application/json' }, body: JSON.stringify(arg) });
  const envelope = JSON.parse(answer.body) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.key}`);
  return envelope.value;
}

/** A seat's call to the seats' server. */
const seatCall = (port: number, token: string, method: string, arg: unknown, headers: Record<string, string> = {}) =>
  request(port, { method: 'POST', path: `/seat/api/${method}`, headers: { [SEAT_TOKEN_HEADER]: token, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(arg) });
const envelopeOf = (answer: Answer) => JSON.parse(answer.body) as Envelope<unknown>;

/** A running run of the composite drill, shared on 127.0.0.1, with joined seats of the kinds asked for. */
async function sharedRun(seats: { kind: SeatKind; name: string; scope?: object }[]) {
  const summary = (await hostCall<{ id: string; title: string }[]>('listScenarios', {})).find((s) => s.title === COMPOSITE)!;
  const scenario = await hostCall<Scenario>('getScenario', { id: summary.id });
  const run = await hostCall<{ id: string }>('createRun', { scenarioId: scenario.id, name: '联网演练' });
  const status = await hostCall<SharingStatus>('startSharing', { runId: run.id, address: LOOPBACK });
  const port = status.shared!.port;
  const tokens: string[] = [];
  const ids: string[] = [];
  for (const seat of seats) {
    const { code } = await hostCall<{ code: string }>('createSeat', { runId: run.id, seat });
    const joined = envelopeOf(await request(port, { method: 'POST', path: '/seat/join', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })) as Envelope<{ token: string; seat: Seat }>;
    if (!joined.ok) throw new Error(joined.error.key);
    tokens.push(joined.value.token);
    ids.push(joined.value.seat.id);
  }
  return { scenario, run, port, tokens, ids, status };
}

const seatStream = async (port: number, token: string, headers: Record<string, string> = {}) => {
  const stream = await streamOf(port, '/seat/events', { [SEAT_TOKEN_HEADER]: token, ...headers });
  opened.push(stream);
  return stream;
};

beforeEach(() => {
  opened.length = 0;
});

afterEach(async () => {
  for (const stream of opened) stream.close();
  await host.close();
  await web.close();
  backend.close();
  removeTempDirs();
});

describe('sharing a run', () => {
  it('offers only the listed private interfaces, and shares one run at a time', async () => {
    await start();
    expect(await hostCall('listNetworkInterfaces', {})).toEqual([{ name: 'lo', address: LOOPBACK }]);
    const { run, status } = await sharedRun([]);
    expect(status.shared).toMatchObject({ runId: run.id, address: LOOPBACK, url: `http://${LOOPBACK}:${status.shared!.port}/` });
    const publicAddress = await request(web.port, { method: 'POST', path: '/api/startSharing', headers: { [TOKEN_HEADER]: web.token }, body: JSON.stringify({ runId: run.id, address: '8.8.8.8' }) });
    expect(envelopeOf(publicAddress)).toMatchObject({ ok: false, error: { code: 'invalid-argument', key: 'errors.seat.notPrivate' } });
    const stopped = await hostCall<SharingStatus>('stopSharing', {});
    expect(stopped.shared).toBeNull();
    await expect(request(status.shared!.port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('pushes every committed event, from seats and the host, to every stream once and in order', async () => {
    await start();
    const { run, port, tokens, ids } = await sharedRun([
      { kind: 'field-controller', name: '污水厂现场', scope: { roleIds: ['role-sewage'] } },
      { kind: 'field-controller', name: '自来水厂现场', scope: { roleIds: ['role-water'] } },
      { kind: 'big-screen', name: '主会场大屏' },
    ]);
    const [sewage, water, screen] = tokens;
    const hostStream = await streamOf(web.port, `/events/${run.id}`, { [TOKEN_HEADER]: web.token });
    opened.push(hostStream);
    const streams = [hostStream, await seatStream(port, sewage), await seatStream(port, water), await seatStream(port, screen)];
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200]);

    const recorded: number[] = [];
    const record = async (token: string, event: object) => {
      const envelope = envelopeOf(await seatCall(port, token, 'recordEvent', { runId: run.id, event })) as Envelope<RunEvent>;
      if (!envelope.ok) throw new Error(envelope.error.key);
      return envelope.value;
    };
    recorded.push((await record(sewage, { kind: 'inject-delivered', stepId: 's17' })).seq);
    recorded.push((await record(water, { kind: 'inject-delivered', stepId: 's14' })).seq);
    recorded.push((await hostCall<RunEvent>('recordEvent', { runId: run.id, event: { kind: 'observation', text: '主会场记录' } })).seq);
    const once = await record(sewage, { kind: 'started', stepId: 's18', clientId: 'sewage-phone-0001' });
    recorded.push(once.seq);
    // The same entry sent again (no answer reached the phone): the first result, and no second event.
    expect((await record(sewage, { kind: 'started', stepId: 's18', clientId: 'sewage-phone-0001' })).seq).toBe(once.seq);
    recorded.push((await record(water, { kind: 'started', stepId: 's15' })).seq);

    for (const stream of streams) {
      const got = await stream.until(recorded.length);
      expect(got.map((event) => event.seq)).toEqual(recorded);
    }
    // Each event names its seat; the host's none.
    expect(hostStream.events.map((event) => event.seatId)).toEqual([ids[0], ids[1], null, ids[0], ids[1]]);
    // Still exactly five after one more event: the resend was never pushed.
    recorded.push((await record(sewage, { kind: 'observation', stepId: 's18', text: '截流井已封堵' })).seq);
    for (const stream of streams) expect((await stream.until(recorded.length)).map((event) => event.seq)).toEqual(recorded);
    // The host sees them connected.
    expect((await hostCall<SharingStatus>('sharingStatus', {})).connected.sort()).toEqual([...ids].sort());
  });

  it('resumes a stream after the last event it had', async () => {
    await start();
    const { run, port, tokens } = await sharedRun([{ kind: 'observer', name: '观摩席' }]);
    const seqs: number[] = [];
    for (const text of ['一', '二', '三', '四']) seqs.push((await hostCall<RunEvent>('recordEvent', { runId: run.id, event: { kind: 'observation', text } })).seq);
    const resumed = await seatStream(port, tokens[0], { 'Last-Event-ID': String(seqs[1]) });
    expect((await resumed.until(2)).map((event) => event.text)).toEqual(['三', '四']);
    seqs.push((await hostCall<RunEvent>('recordEvent', { runId: run.id, event: { kind: 'observation', text: '五' } })).seq);
    expect((await resumed.until(3)).map((event) => event.seq)).toEqual(seqs.slice(2));
    const fresh = await seatStream(port, tokens[0]);
    expect((await fresh.until(5)).map((event) => event.seq)).toEqual(seqs);
  });

  it('ends a revoked seat’s stream at once and refuses its calls', async () => {
    await start();
    const { run, port, tokens, ids } = await sharedRun([{ kind: 'big-screen', name: '主会场大屏' }]);
    const stream = await seatStream(port, tokens[0]);
    await hostCall('revokeSeat', { id: ids[0] });
    await stream.ended;
    const refused = await seatCall(port, tokens[0], 'getRun', { id: run.id });
    expect(refused.status).toBe(401);
    expect(envelopeOf(refused)).toMatchObject({ ok: false, error: { key: 'errors.seat.revoked' } });
    expect((await request(port, { path: '/seat/events', headers: { [SEAT_TOKEN_HEADER]: tokens[0] } })).status).toBe(401);
  });
});

describe('sharing across a restart of the host', () => {
  it('keeps the shared run, resumes it at the same address and port, and the seat goes on with its token', async () => {
    const record = memoryRecord();
    await start({}, record);
    const { run, port, tokens, ids } = await sharedRun([{ kind: 'observer', name: '观摩席' }]);
    expect(record.kept).toEqual({ runId: run.id, address: LOOPBACK, port, scheme: 'http' });
    const before = await seatStream(port, tokens[0]);
    const first = await hostCall<RunEvent>('recordEvent', { runId: run.id, event: { kind: 'observation', text: '重启前' } });
    await before.until(1);
    await stopHost();
    await before.ended;

    await startHost({}, record);
    expect((await hostCall<SharingStatus>('sharingStatus', {})).shared).toBeNull();
    const resumed = await host.resume();
    expect(resumed).toMatchObject({ shared: { runId: run.id, address: LOOPBACK, port }, notResumed: null });
    const after = await seatStream(port, tokens[0], { 'Last-Event-ID': String(first.seq) });
    const next = await hostCall<RunEvent>('recordEvent', { runId: run.id, event: { kind: 'observation', text: '重启后' } });
    expect((await after.until(1)).map((event) => event.seq)).toEqual([next.seq]);
    expect((await hostCall<SharingStatus>('sharingStatus', {})).connected).toEqual(ids);
    // Stopping on purpose forgets it: the next start shares nothing.
    await hostCall('stopSharing', {});
    expect(record.kept).toBeNull();
  });

  it('does not resume a run that ended, nor on an address no longer offered, and says why', async () => {
    const record = memoryRecord();
    await start({}, record);
    const { run, port } = await sharedRun([]);
    await stopHost();
    await startHost({}, record, [{ name: 'eth0', address: '192.168.1.20' }]);
    expect(await host.resume()).toMatchObject({ shared: null, notResumed: { runId: run.id, address: LOOPBACK, port, reason: 'address-gone' } });
    await expect(request(port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    await stopHost();

    await startHost({}, record);
    await hostCall('recordEvent', { runId: run.id, event: { kind: 'ended' } });
    const status = await host.resume();
    expect(status).toMatchObject({ shared: null, notResumed: { reason: 'run-ended' } });
    expect(await hostCall<SharingStatus>('sharingStatus', {})).toEqual(status);
  });

  it('keeps the record in the data folder: written whole, read back, refused when it is not one', () => {
    const dir = tempDir();
    const store = sharingRecordFileOf(dir);
    expect(store.read()).toBeNull();
    store.write({ runId: 'run-1', address: LOOPBACK, port: 41234, scheme: 'http' });
    expect(sharingRecordFileOf(dir).read()).toEqual({ runId: 'run-1', address: LOOPBACK, port: 41234, scheme: 'http' });
    for (const bad of ['{"runId":"run-1","address":"localhost","port":41234}', '{"runId":"run-1","address":"127.0.0.1","port":41234,"scheme":"gopher"}', 'not json']) {
      fs.writeFileSync(path.join(dir, SHARING_RECORD_FILE), bad);
      expect(store.read()).toBeNull();
    }
    store.write(null);
    expect(fs.existsSync(path.join(dir, SHARING_RECORD_FILE))).toBe(false);
  });
});

describe('the guards of the seats’ server', () => {
  it('keeps the browser-mode rules and never takes the host’s token', async () => {
    await start();
    const { scenario, run, port, tokens } = await sharedRun([{ kind: 'field-controller', name: '污水厂现场', scope: { roleIds: ['role-sewage'] } }]);
    const [token] = tokens;
    // Host header of another name (DNS rebinding), a cross-origin page, a preflight.
    expect((await request(port, { path: '/', headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    expect((await seatCall(port, token, 'getRun', { id: run.id }, { Origin: 'http://evil.example' })).status).toBe(403);
    const preflight = await request(port, { method: 'OPTIONS', path: '/seat/api/getRun' });
    expect(preflight.status).toBe(405);
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    // Same origin is fine; so is no origin.
    expect((await seatCall(port, token, 'getRun', { id: run.id }, { Origin: `http://${LOOPBACK}:${port}` })).status).toBe(200);
    // No token, the host's token, and a seat token at the host's server.
    expect((await request(port, { method: 'POST', path: '/seat/api/getRun', body: JSON.stringify({ id: run.id }) })).status).toBe(401);
    expect((await seatCall(port, web.token, 'getRun', { id: run.id })).status).toBe(401);
    const atHost = await request(web.port, { method: 'POST', path: '/api/getRun', headers: { [TOKEN_HEADER]: token }, body: JSON.stringify({ id: run.id }) });
    expect(atHost.status).toBe(401);
    // Plan editing and the host's operations, refused by the dispatcher behind the wire.
    const edit = await seatCall(port, token, 'applyGraphOps', { scenarioId: scenario.id, baseRevision: scenario.revision, ops: [] });
    expect([edit.status, (envelopeOf(edit) as { error: { key: string } }).error.key]).toEqual([401, 'errors.seat.methodNotAllowed']);
    for (const method of ['startSharing', 'stopSharing', 'createSeat', 'revokeSeat', 'listTasks']) expect([method, (await seatCall(port, token, method, {})).status]).toEqual([method, 401]);
    // A body over the limit, declared or streamed.
    const big = JSON.stringify({ runId: run.id, event: { kind: 'observation', stepId: 's18', text: 'x'.repeat(300 * 1024) } });
    expect((await seatCall(port, token, 'recordEvent', JSON.parse(big))).status).toBe(413);
    // Still sharing, and the host still answers.
    expect((await hostCall<SharingStatus>('sharingStatus', {})).shared?.runId).toBe(run.id);
  });

  it('takes a photo body larger than 256 KB on the photo route only, up to its own limit', async () => {
    await start();
    const { run, port, tokens } = await sharedRun([{ kind: 'evaluator', name: '评估员', scope: { formIds: ['form-flood-season'] } }]);
    const [token] = tokens;
    expect(envelopeOf(await seatCall(port, token, 'recordEvent', { runId: run.id, event: { kind: 'observation', stepId: 's03', text: '现场照片', clientId: 'eval-http-0001' } })).ok).toBe(true);
    // A real JPEG padded to 600 KB (zero padding after its end is allowed): over the seats' usual body limit.
    const jpeg = fs.readFileSync(path.join(repoRoot, 'tests/fixtures/photos/site-water.jpg'));
    const photo = Buffer.concat([jpeg, Buffer.alloc(600 * 1024 - jpeg.length)]).toString('base64');
    const taken = await seatCall(port, token, 'attachPhoto', { runId: run.id, clientId: 'eval-http-0001', photo: { dataBase64: photo, caption: '' } });
    expect([taken.status, envelopeOf(taken).ok]).toEqual([200, true]);
    // The same body to any other route is refused by its size.
    const elsewhere = await seatCall(port, token, 'recordEvent', { runId: run.id, event: { kind: 'observation', stepId: 's03', text: photo.slice(0, 20000) }, padding: photo });
    expect(elsewhere.status).toBe(413);
    // And the photo route has a limit of its own.
    const huge = 'A'.repeat(MAX_SEAT_PHOTO_BODY_BYTES);
    const refused = await seatCall(port, token, 'attachPhoto', { runId: run.id, clientId: 'eval-http-0001', photo: { dataBase64: huge, caption: '' } });
    expect([refused.status, (envelopeOf(refused) as { error: { key: string } }).error.key]).toEqual([413, 'errors.http.bodyTooLarge']);
    const { events } = await hostCall<{ events: { seq: number }[] }>('getRun', { id: run.id });
    const stored = await hostCall<{ eventSeq: number; size: number }[]>('listAttachments', { runId: run.id });
    expect(stored.map((a) => [a.eventSeq, a.size])).toEqual([[events[0]!.seq, 600 * 1024]]);
  });

  it('limits each seat’s calls and each address’s join attempts', async () => {
    await start({ seatPerSecond: 0.001, seatBurst: 3, joinPerMinute: 2 });
    const { run, port, tokens } = await sharedRun([{ kind: 'observer', name: '观摩一' }]);
    // One join used an attempt: one left, then refused.
    const join = () => request(port, { method: 'POST', path: '/seat/join', body: JSON.stringify({ code: 'ABCDEFGH' }) });
    expect((await join()).status).toBe(401);
    const limited = await join();
    expect([limited.status, (envelopeOf(limited) as { error: { code: string } }).error.code]).toEqual([429, 'rate-limited']);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await seatCall(port, tokens[0], 'getRun', { id: run.id })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('refills a seat’s allowance with time (token bucket, injected clock)', () => {
    let now = 0;
    const limiter = rateLimiterOf(2, 4, () => now);
    expect([1, 2, 3, 4, 5].map(() => limiter.take('seat'))).toEqual([true, true, true, true, false]);
    expect(limiter.take('other')).toBe(true);
    now += 500;
    expect([limiter.take('seat'), limiter.take('seat')]).toEqual([true, false]);
    now += 10_000;
    expect([1, 2, 3, 4, 5].map(() => limiter.take('seat'))).toEqual([true, true, true, true, false]);
  });
});
