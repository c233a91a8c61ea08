/**
 * A host crash on drill day (issue 19): browser mode runs as a child process
 * (`electron/web/main.ts`, as `npm run web` starts it) on a temp data folder;
 * it shares a run on 127.0.0.1, a field controller's seat joins and records
 * entries, each acknowledged, while holding its event stream. The host is
 * SIGKILLed and started again on the same folder. Then: every acknowledged
 * entry is in the run; sharing resumed by itself at the same address and
 * port; the seat's stored token works without joining again; and its stream,
 * resumed with Last-Event-ID, delivers exactly the events recorded since.
 */
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, SharingStatus } from '../../shared/api';
import type { Run, RunEvent, Scenario } from '../../shared/model';
import type { Seat } from '../../shared/seats';
import { SEAT_TOKEN_HEADER } from '../../electron/web/sharing';
import { LOOPBACK, request, streamOf, type Stream } from '../support/seatHttp';
import { hostCall, startBrowserMode } from '../support/browserMode';
import { removeTempDirs, tempDir } from '../support/storage';

const COMPOSITE = '2026年汛期水环境安全应急实战演练';
const ENTRIES = 12;

const children: ChildProcess[] = [];
const streams: Stream[] = [];
const startHost = (dataDir: string) => startBrowserMode(dataDir, children);

async function seatCall<T>(port: number, token: string, method: string, arg: unknown): Promise<T> {
  const answer = await request(port, { method: 'POST', path: `/seat/api/${method}`, headers: { [SEAT_TOKEN_HEADER]: token, 'Content-Type': 'application/json' }, body: JSON.stringify(arg) });
  const envelope = JSON.parse(answer.body) as Envelope<T>;
  if (!envelope.ok) throw new Error(`seat ${method}: ${envelope.error.key}`);
  return envelope.value;
}

afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  removeTempDirs();
});

describe('a host crash while a run is shared', () => {
  it('loses no acknowledged entry, and the seat reconnects to the restarted host with its stored token', async () => {
    const dataDir = tempDir('drilldesk-restart-');
    const first = await startHost(dataDir);
    const summary = (await hostCall<{ id: string; title: string }[]>(first, 'listScenarios', {})).find((s) => s.title === COMPOSITE)!;
    const scenario = await hostCall<Scenario>(first, 'getScenario', { id: summary.id });
    const run = await hostCall<Run>(first, 'createRun', { scenarioId: scenario.id, name: '断电重启' });
    const shared = (await hostCall<SharingStatus>(first, 'startSharing', { runId: run.id, address: LOOPBACK })).shared!;
    const { code } = await hostCall<{ code: string }>(first, 'createSeat', {
      runId: run.id,
      seat: { kind: 'field-controller', name: '现场一组', scope: { roleIds: scenario.roles.map((role) => role.id) } },
    });
    const joined = JSON.parse((await request(shared.port, { method: 'POST', path: '/seat/join', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })).body) as Envelope<{ token: string; seat: Seat }>;
    if (!joined.ok) throw new Error(joined.error.key);
    const token = joined.value.token;
    const stepId = scenario.steps.find((step) => step.roleIds.length > 0)!.id;

    const before = await streamOf(shared.port, '/seat/events', { [SEAT_TOKEN_HEADER]: token });
    streams.push(before);
    const acknowledged: RunEvent[] = [];
    for (let n = 0; n < ENTRIES; n++)
      acknowledged.push(await seatCall<RunEvent>(shared.port, token, 'recordEvent', { runId: run.id, event: { kind: 'observation', stepId, text: `现场记录 ${n}`, clientId: `restart-${n}-0000` } }));
    const seen = await before.until(ENTRIES);
    const lastSeen = seen[seen.length - 1].seq;

    first.child.kill('SIGKILL');
    await first.exited;
    await before.ended;

    const second = await startHost(dataDir);
    // Sharing came back by itself, at the same address and port.
    const status = await hostCall<SharingStatus>(second, 'sharingStatus', {});
    expect(status.notResumed).toBeNull();
    expect(status.shared).toMatchObject({ runId: run.id, address: LOOPBACK, port: shared.port });
    expect(second.lines).toContain(`Sharing resumed at ${shared.url}`);

    // Every acknowledged entry is in the run, once.
    const stored = (await hostCall<{ events: RunEvent[] }>(second, 'getRun', { id: run.id })).events;
    for (const entry of acknowledged) expect(stored.filter((event) => event.seq === entry.seq).map((event) => event.text)).toEqual([entry.text]);

    // The seat's token works without joining again, and its stream resumes after the last event it saw.
    expect((await seatCall<Seat>(shared.port, token, 'getMySeat', {})).id).toBe(joined.value.seat.id);
    const after = await streamOf(shared.port, '/seat/events', { [SEAT_TOKEN_HEADER]: token, 'Last-Event-ID': String(lastSeen) });
    streams.push(after);
    expect(after.status).toBe(200);
    const fromSeat = await seatCall<RunEvent>(shared.port, token, 'recordEvent', { runId: run.id, event: { kind: 'observation', stepId, text: '重启后记录', clientId: 'restart-after-0000' } });
    const fromHost = await hostCall<RunEvent>(second, 'recordEvent', { runId: run.id, event: { kind: 'observation', text: '主控台重启后记录' } });
    const delivered = await after.until(2);
    expect(delivered.map((event) => event.seq)).toEqual([fromSeat.seq, fromHost.seq]);
    // A resend of an entry acknowledged before the crash is applied once (the outbox's client id).
    const resent = await seatCall<RunEvent>(shared.port, token, 'recordEvent', { runId: run.id, event: { kind: 'observation', stepId, text: '现场记录 0', clientId: 'restart-0-0000' } });
    expect(resent.seq).toBe(acknowledged[0].seq);
  }, 120_000);
});
