/**
 * Seats (联网导调) on a real SQLite file: join codes and tokens kept hashed,
 * one use and ten minutes for a code, revocation, the seat recorded on every
 * event and resends applied once; and the dispatcher holding every seat kind
 * to exactly its methods and its scope, whatever the page would show.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS, type ApiMethod, type ApiOutputs, type Envelope } from '../../shared/api';
import { effectiveEventsOf, type RunEvent, type Scenario } from '../../shared/model';
import { duplicatesOf, runStateAt } from '../../shared/runState';
import mammoth from 'mammoth';
import { timelineNoteOf } from '../../shared/docText';
import { messageOf, type MessageParams } from '../../shared/i18n';
import { reportOf } from '../../shared/report';
import { MAX_SEAT_PHOTO_BYTES } from '../../shared/images';
import { isPrivateIPv4, privateInterfacesOf, SEAT_KINDS, seatStepIdsOf, type SeatKind } from '../../shared/seats';
import type { Backend } from '../../electron/core/backend';
import { DB_FILE } from '../../electron/storage/dataDir';
import { dumpOf, openTestBackend, refusalOf, removeTempDirs, repoRoot, tempDir, valueOf } from '../support/storage';
import fs from 'node:fs';
import path from 'node:path';

const photoOf = (name: string) => fs.readFileSync(path.join(repoRoot, 'tests/fixtures/photos', name));

const COMPOSITE = '2026年汛期水环境安全应急实战演练';
const START = Date.parse('2026-06-18T01:00:00.000Z');

let dataDir: string;
let backend: Backend;
/** The back end's clock, moved by the tests (no sleeping). */
let clock = START;

const call = <M extends ApiMethod>(method: M, arg: unknown): Promise<ApiOutputs[M]> => valueOf(backend, method, arg);
const asSeat = (token: string, method: string, arg: unknown) => backend.call(method, arg, token) as Promise<Envelope<unknown>>;
const codeOf = (envelope: Envelope<unknown>) => (envelope.ok ? 'ok' : envelope.error.code);
const keyOf = (envelope: Envelope<unknown>) => (envelope.ok ? null : envelope.error.key);

async function composite(): Promise<Scenario> {
  const summary = (await call('listScenarios', {})).find((s) => s.title === COMPOSITE);
  return call('getScenario', { id: summary!.id });
}

/** A running run of the composite drill and one joined seat of each kind: sewage field controller, flood-form evaluator, big screen, observer. */
async function sharedRun() {
  const scenario = await composite();
  const run = await call('createRun', { scenarioId: scenario.id, name: '正式演练' });
  const scopes: Record<SeatKind, object> = {
    'field-controller': { roleIds: ['role-sewage'] },
    evaluator: { formIds: ['form-flood-season'] },
    'big-screen': {},
    observer: {},
  };
  const tokens = {} as Record<SeatKind, string>;
  const seatIds = {} as Record<SeatKind, string>;
  for (const kind of SEAT_KINDS) {
    const { seat, code } = await call('createSeat', { runId: run.id, seat: { kind, name: `${kind} 席位`, scope: scopes[kind] } });
    const joined = await call('joinSeat', { code });
    tokens[kind] = joined.token;
    seatIds[kind] = seat.id;
  }
  return { scenario, run, tokens, seatIds };
}

beforeEach(() => {
  clock = START;
  dataDir = tempDir('drilldesk-seats-');
  backend = openTestBackend(dataDir, { now: () => new Date(clock) });
});

afterEach(() => {
  backend.close();
  removeTempDirs();
});

describe('join codes and seat tokens', () => {
  it('gives an 8-character code that joins once, and keeps neither code nor token in clear', async () => {
    const scenario = await composite();
    const run = await call('createRun', { scenarioId: scenario.id, name: '演练' });
    const { seat, code } = await call('createSeat', { runId: run.id, seat: { kind: 'field-controller', name: '污水厂现场', scope: { roleIds: ['role-sewage'] } } });
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(seat).toMatchObject({ runId: run.id, kind: 'field-controller', joined: false, revokedAt: null, codeExpiresAt: new Date(START + 10 * 60_000).toISOString() });
    // Typed in lower case with a dash, as people type it.
    const joined = await call('joinSeat', { code: `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}` });
    expect(joined.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(joined.seat).toMatchObject({ id: seat.id, joined: true, codeExpiresAt: null });
    const again = await backend.call('joinSeat', { code });
    expect(again).toMatchObject({ ok: false, error: { code: 'unauthorized', key: 'errors.seat.codeUsed' } });
    const dump = dumpOf(path.join(dataDir, DB_FILE));
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(joined.token);
  });

  it('refuses a code after its ten minutes, an unknown code and a malformed one', async () => {
    const scenario = await composite();
    const run = await call('createRun', { scenarioId: scenario.id, name: '演练' });
    const { code } = await call('createSeat', { runId: run.id, seat: { kind: 'observer', name: '观摩席' } });
    clock = START + 10 * 60_000;
    expect(keyOf(await backend.call('joinSeat', { code }))).toBe('errors.seat.codeExpired');
    const other = code === 'ABCDEFGH' ? 'ABCDEFGJ' : 'ABCDEFGH';
    expect(keyOf(await backend.call('joinSeat', { code: other }))).toBe('errors.seat.codeUnknown');
    expect(codeOf(await backend.call('joinSeat', { code: 'abc' }))).toBe('invalid-argument');
  });

  it('refuses a revoked seat at once, and every seat once its run has ended', async () => {
    const { run, tokens, seatIds } = await sharedRun();
    expect(codeOf(await asSeat(tokens.observer, 'getRun', { id: run.id }))).toBe('ok');
    const revoked = await call('revokeSeat', { id: seatIds.observer });
    expect(revoked.revokedAt).toBe(new Date(clock).toISOString());
    expect(keyOf(await asSeat(tokens.observer, 'getRun', { id: run.id }))).toBe('errors.seat.revoked');
    expect(keyOf(await asSeat('A'.repeat(22), 'getRun', { id: run.id }))).toBe('errors.seat.token');
    expect(keyOf(await asSeat('not a token', 'getRun', { id: run.id }))).toBe('errors.seat.token');
    await call('recordEvent', { runId: run.id, event: { kind: 'ended' } });
    expect(keyOf(await asSeat(tokens['big-screen'], 'getRun', { id: run.id }))).toBe('errors.seat.runEnded');
    // And no new seat for an ended run.
    expect(keyOf(await backend.call('createSeat', { runId: run.id, seat: { kind: 'observer', name: '迟到' } }))).toBe('errors.seat.runNotRunning');
  });

  it('lists a run’s seats with their last activity', async () => {
    const { run, tokens } = await sharedRun();
    clock += 60_000;
    await asSeat(tokens['field-controller'], 'getMySeat', {});
    const seats = await call('listSeats', { runId: run.id });
    expect(seats.map((seat) => seat.kind)).toEqual([...SEAT_KINDS]);
    expect(seats.find((seat) => seat.kind === 'field-controller')!.lastSeenAt).toBe(new Date(clock).toISOString());
    expect(seats.find((seat) => seat.kind === 'observer')!.lastSeenAt).toBe(new Date(START).toISOString());
  });
});

describe('events recorded by seats', () => {
  it('names the seat that recorded each event (null for the host)', async () => {
    const { run, tokens, seatIds } = await sharedRun();
    const bySeat = (await asSeat(tokens['field-controller'], 'recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's18' } })) as Envelope<{ seatId: string }>;
    expect(bySeat).toMatchObject({ ok: true, value: { seatId: seatIds['field-controller'], stepId: 's18' } });
    const byHost = await call('recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's14' } });
    expect(byHost.seatId).toBeNull();
    const { events } = await call('getRun', { id: run.id });
    expect(events.map((event) => [event.stepId, event.seatId])).toEqual([
      ['s18', seatIds['field-controller']],
      ['s14', null],
    ]);
  });

  it("names the seat in the summary report's record of the run (附录一), in the app's view-model and in Word", async () => {
    const { run, tokens, seatIds } = await sharedRun();
    await asSeat(tokens['field-controller'], 'recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's18' } });
    await call('recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's14' } });
    const { run: stored, events } = await call('getRun', { id: run.id });
    const seats = await call('listSeats', { runId: run.id });
    const report = reportOf(stored, events, [], undefined, [], Object.fromEntries(seats.map((seat) => [seat.id, seat.name])));
    expect(report.appendix.timeline.map((row) => [row.step?.id, row.seat])).toEqual([
      ['s18', { id: seatIds['field-controller'], name: 'field-controller 席位' }],
      ['s14', null],
    ]);
    const t = (key: string, params?: MessageParams) => messageOf('zh', key, params);
    expect(report.appendix.timeline.map((row) => timelineNoteOf(t, row))).toEqual(['由“field-controller 席位”席位记录', '']);
    const docx = await call('exportDocx', { document: 'report', runId: run.id });
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(docx.base64, 'base64') });
    expect(text).toContain('由“field-controller 席位”席位记录');
  });

  it('applies a resend with the same client id once and answers it with the first result', async () => {
    const { run, tokens } = await sharedRun();
    const event = { kind: 'completed', stepId: 's18', at: new Date(START + 5 * 60_000).toISOString(), clientId: 'dev1-0001-abcd' };
    await asSeat(tokens['field-controller'], 'recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's18', at: new Date(START).toISOString() } });
    const first = await asSeat(tokens['field-controller'], 'recordEvent', { runId: run.id, event });
    clock += 30_000;
    const second = await asSeat(tokens['field-controller'], 'recordEvent', { runId: run.id, event });
    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
    const { events } = await call('getRun', { id: run.id });
    expect(events.filter((e) => e.kind === 'completed')).toHaveLength(1);
    // The original time is kept, not the time it arrived.
    expect(events.find((e) => e.kind === 'completed')!.at).toBe(event.at);
    // The same client id in another run is another entry.
    const scenario = await composite();
    const other = await call('createRun', { scenarioId: scenario.id, name: '另一次' });
    const elsewhere = await call('recordEvent', { runId: other.id, event: { kind: 'observation', clientId: 'dev1-0001-abcd' } });
    expect(elsewhere.runId).toBe(other.id);
  });
});

describe('two seats recording the same step (a duplicate)', () => {
  const minute = (n: number) => new Date(START + n * 60_000).toISOString();

  it('keeps both records, marks the later one, and resolves it with a recorded void the report and the fold follow', async () => {
    const { run, tokens, seatIds } = await sharedRun();
    const field = tokens['field-controller'];
    await asSeat(field, 'recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's18', at: minute(1) } });
    const first = (await asSeat(field, 'recordEvent', { runId: run.id, event: { kind: 'completed', stepId: 's18', at: minute(4) } })) as Envelope<RunEvent>;
    const second = await call('recordEvent', { runId: run.id, event: { kind: 'completed', stepId: 's18', at: minute(5) } });
    if (!first.ok) throw new Error(first.error.key);
    const before = await call('getRun', { id: run.id });
    expect(before.events.filter((event) => event.kind === 'completed').map((event) => [event.seq, event.seatId])).toEqual([
      [first.value.seq, seatIds['field-controller']],
      [second.seq, null],
    ]);
    const duplicates = duplicatesOf(before.run.plan, effectiveEventsOf(before.events), Date.parse(before.run.startedAt));
    expect(duplicates).toEqual(new Map([[second.seq, first.value.seq]]));

    // Only a record of a duplicate pair can be voided, only by the host, and never twice.
    const lone = (await call('getRun', { id: run.id })).events[0];
    expect(await refusalOf(backend, 'resolveDuplicate', { runId: run.id, seq: lone.seq })).toMatchObject({ code: 'conflict', key: 'errors.run.notADuplicate' });
    expect(keyOf(await asSeat(field, 'resolveDuplicate', { runId: run.id, seq: second.seq }))).toBe('errors.seat.methodNotAllowed');
    const voided = await call('resolveDuplicate', { runId: run.id, seq: second.seq });
    expect(voided).toMatchObject({ kind: 'voided', corrects: second.seq, stepId: 's18', at: second.at, seatId: null });
    expect(await refusalOf(backend, 'resolveDuplicate', { runId: run.id, seq: second.seq })).toMatchObject({ code: 'conflict', key: 'errors.run.alreadyCorrected' });
    expect(await refusalOf(backend, 'resolveDuplicate', { runId: run.id, seq: first.value.seq })).toMatchObject({ code: 'conflict', key: 'errors.run.notADuplicate' });
    expect(await refusalOf(backend, 'correctEvent', { runId: run.id, seq: voided.seq, text: '改' })).toMatchObject({ code: 'invalid-argument', key: 'errors.run.voidNotCorrected' });

    // Nothing deleted: the duplicate is there, superseded by the void; what counts is the kept record.
    const after = await call('getRun', { id: run.id });
    expect(after.events.map((event) => [event.kind, event.supersededBy])).toEqual([
      ['started', null],
      ['completed', null],
      ['completed', voided.seq],
      ['voided', null],
    ]);
    const effective = effectiveEventsOf(after.events);
    expect(effective.map((event) => event.kind)).toEqual(['started', 'completed']);
    expect(runStateAt(after.run.plan, effective, Date.parse(after.run.startedAt), START + 10 * 60_000).steps.get('s18')).toMatchObject({ status: 'done', finishedAt: Date.parse(minute(4)) });
    const report = reportOf(after.run, after.events, [], undefined, [], { [seatIds['field-controller']]: '污水厂现场' });
    expect(report.appendix.timeline.filter((row) => row.step?.id === 's18').map((row) => row.seat?.name ?? null)).toEqual(['污水厂现场', '污水厂现场']);
  });

  it('lets the controller keep the later record instead, and refuses a void recorded directly', async () => {
    const { run, tokens } = await sharedRun();
    const first = await call('recordEvent', { runId: run.id, event: { kind: 'inject-delivered', stepId: 's17', at: minute(2) } });
    const later = (await asSeat(tokens['field-controller'], 'recordEvent', { runId: run.id, event: { kind: 'inject-delivered', stepId: 's17', at: minute(3) } })) as Envelope<RunEvent>;
    if (!later.ok) throw new Error(later.error.key);
    await call('resolveDuplicate', { runId: run.id, seq: first.seq });
    const after = await call('getRun', { id: run.id });
    const state = runStateAt(after.run.plan, effectiveEventsOf(after.events), Date.parse(after.run.startedAt), START + 10 * 60_000);
    expect(state.duplicates.size).toBe(0);
    expect(state.steps.get('s17')).toMatchObject({ deliveredAt: Date.parse(minute(3)) });
    expect(await refusalOf(backend, 'recordEvent', { runId: run.id, event: { kind: 'voided', stepId: 's17' } })).toMatchObject({ code: 'invalid-argument' });
  });
});

/** The methods each kind may call, written out here apart from the table the dispatcher reads. */
const EXPECTED: Record<SeatKind, ApiMethod[]> = {
  'field-controller': ['getMySeat', 'getPrefs', 'getRun', 'recordEvent'],
  evaluator: ['getMySeat', 'getPrefs', 'getRun', 'recordEvent', 'attachPhoto'],
  'big-screen': ['getMySeat', 'getPrefs', 'getRun'],
  observer: ['getMySeat', 'getPrefs', 'getRun'],
};

describe('the dispatcher holds each seat to its methods and its scope', () => {
  it('allows exactly the expected methods for every kind, and a refused call changes nothing', async () => {
    const { scenario, run, tokens } = await sharedRun();
    const argOf = (kind: SeatKind, method: ApiMethod): unknown => {
      if (method === 'getRun') return { id: run.id };
      if (method === 'recordEvent')
        return { runId: run.id, event: kind === 'evaluator' ? { kind: 'evaluation-scored', itemId: 'item-flood-season-01', value: 'met', clientId: 'eval-0001-abcd' } : { kind: 'observation', stepId: 's18', text: '截流井就位' } };
      // A photo for the evaluator's score just recorded (its kinds call recordEvent first).
      if (method === 'attachPhoto') return { runId: run.id, clientId: 'eval-0001-abcd', photo: { dataBase64: photoOf('site-water.jpg').toString('base64'), caption: '' } };
      // For the rest, an argument the host's call would take.
      const byMethod: Partial<Record<ApiMethod, unknown>> = {
        getScenario: { id: scenario.id },
        applyGraphOps: { scenarioId: scenario.id, baseRevision: scenario.revision, ops: [{ op: 'moveSteps', moves: [{ id: 's01', position: { x: 1, y: 1 } }] }] },
        deleteScenario: { id: scenario.id },
        deleteRun: { id: run.id },
        listSeats: { runId: run.id },
        createSeat: { runId: run.id, seat: { kind: 'observer', name: '再来一个' } },
        setPrefs: { patch: { language: 'en' } },
        createBackup: {},
        shiftPlan: { runId: run.id, minutes: 5 },
      };
      return byMethod[method] ?? {};
    };
    await asSeat(tokens.observer, 'getMySeat', {});
    for (const kind of SEAT_KINDS) {
      const allowed: ApiMethod[] = [];
      const before = dumpOf(path.join(dataDir, DB_FILE));
      for (const method of API_METHODS) {
        if (EXPECTED[kind].includes(method)) continue;
        const envelope = await asSeat(tokens[kind], method, argOf(kind, method));
        if (codeOf(envelope) !== 'unauthorized') allowed.push(method);
        else expect(keyOf(envelope)).toBe('errors.seat.methodNotAllowed');
      }
      expect(dumpOf(path.join(dataDir, DB_FILE))).toBe(before);
      for (const method of EXPECTED[kind]) {
        const envelope = await asSeat(tokens[kind], method, argOf(kind, method));
        expect([method, codeOf(envelope)]).toEqual([method, 'ok']);
        allowed.push(method);
      }
      expect([kind, allowed.sort()]).toEqual([kind, [...EXPECTED[kind]].sort()]);
    }
    // The host itself is not a seat.
    expect(keyOf(await backend.call('getMySeat', {}))).toBe('errors.seat.notASeat');
  });

  it('refuses plan editing to every seat kind', async () => {
    const { scenario, tokens } = await sharedRun();
    for (const kind of SEAT_KINDS) {
      const envelope = await asSeat(tokens[kind], 'applyGraphOps', { scenarioId: scenario.id, baseRevision: scenario.revision, ops: [] });
      expect([kind, codeOf(envelope), keyOf(envelope)]).toEqual([kind, 'unauthorized', 'errors.seat.methodNotAllowed']);
    }
  });

  it('keeps a field controller to its steps and its run', async () => {
    const { scenario, run, tokens } = await sharedRun();
    const token = tokens['field-controller'];
    const other = await call('createRun', { scenarioId: scenario.id, name: '另一次' });
    const before = dumpOf(path.join(dataDir, DB_FILE));
    // s14 is the water works' (供水保障组), not the sewage plant's.
    expect(keyOf(await asSeat(token, 'recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's14' } }))).toBe('errors.seat.stepOutOfScope');
    expect(keyOf(await asSeat(token, 'recordEvent', { runId: run.id, event: { kind: 'observation' } }))).toBe('errors.seat.stepOutOfScope');
    expect(keyOf(await asSeat(token, 'recordEvent', { runId: run.id, event: { kind: 'ended' } }))).toBe('errors.seat.eventNotAllowed');
    expect(keyOf(await asSeat(token, 'recordEvent', { runId: run.id, event: { kind: 'evaluation-scored', itemId: 'item-flood-season-01', value: 'met' } }))).toBe('errors.seat.eventNotAllowed');
    expect(keyOf(await asSeat(token, 'recordEvent', { runId: other.id, event: { kind: 'started', stepId: 's18' } }))).toBe('errors.seat.otherRun');
    expect(keyOf(await asSeat(token, 'getRun', { id: other.id }))).toBe('errors.seat.otherRun');
    expect(dumpOf(path.join(dataDir, DB_FILE))).toBe(before);
    // A site in the scope brings that site's steps in.
    const { code } = await call('createSeat', { runId: run.id, seat: { kind: 'field-controller', name: '自来水厂', scope: { sites: ['县第一自来水厂'] } } });
    const { token: works } = await call('joinSeat', { code });
    expect(codeOf(await asSeat(works, 'recordEvent', { runId: run.id, event: { kind: 'inject-delivered', stepId: 's14' } }))).toBe('ok');
    expect(keyOf(await asSeat(works, 'recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's18' } }))).toBe('errors.seat.stepOutOfScope');
  });

  it('keeps an evaluator to the items of its forms', async () => {
    const { scenario, run, tokens } = await sharedRun();
    expect(codeOf(await asSeat(tokens.evaluator, 'recordEvent', { runId: run.id, event: { kind: 'observation', stepId: 's03', text: '信息报送及时' } }))).toBe('ok');
    expect(keyOf(await asSeat(tokens.evaluator, 'recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's03' } }))).toBe('errors.seat.eventNotAllowed');
    const { code } = await call('createSeat', { runId: run.id, seat: { kind: 'evaluator', name: '无表评估员' } });
    const { token } = await call('joinSeat', { code });
    expect(keyOf(await asSeat(token, 'recordEvent', { runId: run.id, event: { kind: 'evaluation-scored', itemId: 'item-flood-season-01', value: 'met' } }))).toBe('errors.seat.itemOutOfScope');
    expect(scenario.evaluation.forms.map((form) => form.id)).toEqual(['form-flood-season']);
  });
});

describe('a scope that holds whatever an entry names', () => {
  it('refuses an evaluator a step outside its forms on a score and a hot-wash comment', async () => {
    const { scenario, run, tokens } = await sharedRun();
    const mine = seatStepIdsOf(scenario, { kind: 'evaluator', scope: { roleIds: [], sites: [], formIds: ['form-flood-season'] } });
    const outside = scenario.steps.find((step) => !mine.has(step.id))!.id;
    const inside = [...mine][0]!;
    const token = tokens.evaluator;
    const before = dumpOf(path.join(dataDir, DB_FILE));
    const score = { kind: 'evaluation-scored', itemId: 'item-flood-season-01', value: 'met' };
    expect(keyOf(await asSeat(token, 'recordEvent', { runId: run.id, event: { ...score, stepId: outside } }))).toBe('errors.seat.stepOutOfScope');
    expect(keyOf(await asSeat(token, 'recordEvent', { runId: run.id, event: { kind: 'hot-wash', text: '总体有序', stepId: outside } }))).toBe('errors.seat.stepOutOfScope');
    expect(dumpOf(path.join(dataDir, DB_FILE))).toBe(before);
    expect(codeOf(await asSeat(token, 'recordEvent', { runId: run.id, event: { ...score, stepId: inside } }))).toBe('ok');
    expect(codeOf(await asSeat(token, 'recordEvent', { runId: run.id, event: { kind: 'hot-wash', text: '总体有序' } }))).toBe('ok');
  });
});

describe('photos from an evaluator seat (attachPhoto)', () => {
  const jpeg = photoOf('site-water.jpg');
  const photo = (bytes: Buffer, caption = '') => ({ dataBase64: bytes.toString('base64'), caption });

  it('adds a photo to the seat’s own observation and score, once however often it is sent', async () => {
    const { run, tokens, seatIds } = await sharedRun();
    const token = tokens.evaluator;
    const observed = await asSeat(token, 'recordEvent', { runId: run.id, event: { kind: 'observation', stepId: 's03', text: '信息报送及时', clientId: 'eval-obs-0001' } });
    expect(observed).toMatchObject({ ok: true, value: { seatId: seatIds.evaluator } });
    const first = (await asSeat(token, 'attachPhoto', { runId: run.id, clientId: 'eval-obs-0001', photo: photo(jpeg, '报送记录') })) as Envelope<{ id: string; eventSeq: number; ord: number }>;
    expect(first).toMatchObject({ ok: true, value: { eventSeq: (observed as { value: { seq: number } }).value.seq, ord: 0, mime: 'image/jpeg', width: 320, height: 240, caption: '报送记录' } });
    // Its answer was lost and the device sends it again: the same photo, not a second.
    expect(await asSeat(token, 'attachPhoto', { runId: run.id, clientId: 'eval-obs-0001', photo: photo(jpeg, '报送记录') })).toEqual(first);
    const png = await asSeat(token, 'attachPhoto', { runId: run.id, clientId: 'eval-obs-0001', photo: photo(photoOf('pump.png')) });
    expect(png).toMatchObject({ ok: true, value: { ord: 1, mime: 'image/png' } });
    await asSeat(token, 'recordEvent', { runId: run.id, event: { kind: 'evaluation-scored', itemId: 'item-flood-season-01', value: 'partly', clientId: 'eval-score-0001' } });
    expect(codeOf(await asSeat(token, 'attachPhoto', { runId: run.id, clientId: 'eval-score-0001', photo: photo(jpeg) }))).toBe('ok');
    const stored = (await call('listAttachments', { runId: run.id })).sort((a, b) => a.eventSeq! - b.eventSeq! || a.ord - b.ord);
    expect(stored.map((a) => [a.mime, a.caption, a.size])).toEqual([
      ['image/jpeg', '报送记录', jpeg.length],
      ['image/png', '', photoOf('pump.png').length],
      ['image/jpeg', '', jpeg.length],
    ]);
    expect(Buffer.from(stored[0]!.dataBase64, 'base64').equals(jpeg)).toBe(true);
    // Each photo's record is the seat's: the replay and report name it through the record.
    const { events } = await call('getRun', { id: run.id });
    expect(stored.map((a) => events.find((e) => e.seq === a.eventSeq)!.seatId)).toEqual([seatIds.evaluator, seatIds.evaluator, seatIds.evaluator]);
  });

  it('refuses another run, another seat’s or the host’s entry, a file that is not an image and one too large, changing nothing', async () => {
    const { scenario, run, tokens } = await sharedRun();
    const token = tokens.evaluator;
    await asSeat(token, 'recordEvent', { runId: run.id, event: { kind: 'observation', stepId: 's03', text: '我的观察', clientId: 'eval-obs-0002' } });
    const { code } = await call('createSeat', { runId: run.id, seat: { kind: 'evaluator', name: '第二评估员', scope: { formIds: ['form-flood-season'] } } });
    const { token: second } = await call('joinSeat', { code });
    await asSeat(second, 'recordEvent', { runId: run.id, event: { kind: 'observation', stepId: 's03', text: '别人的观察', clientId: 'eval-obs-other' } });
    await call('recordEvent', { runId: run.id, event: { kind: 'observation', text: '主控端的观察', clientId: 'host-obs-0001' } });
    await asSeat(tokens['field-controller'], 'recordEvent', { runId: run.id, event: { kind: 'observation', stepId: 's18', text: '现场', clientId: 'field-obs-0001' } });
    const other = await call('createRun', { scenarioId: scenario.id, name: '另一次' });
    await call('recordEvent', { runId: other.id, event: { kind: 'observation', text: '另一次', clientId: 'eval-obs-0002' } });
    const before = dumpOf(path.join(dataDir, DB_FILE));
    const attach = (t: string, runId: string, clientId: string, bytes: Buffer) => asSeat(t, 'attachPhoto', { runId, clientId, photo: photo(bytes) });

    expect(keyOf(await attach(token, other.id, 'eval-obs-0002', jpeg))).toBe('errors.seat.otherRun');
    expect(keyOf(await attach(token, run.id, 'eval-obs-other', jpeg))).toBe('errors.seat.notOwnEntry');
    expect(keyOf(await attach(token, run.id, 'host-obs-0001', jpeg))).toBe('errors.seat.notOwnEntry');
    expect(keyOf(await attach(token, run.id, 'never-recorded', jpeg))).toBe('errors.attachment.entryNotFound');
    const notImage = await attach(token, run.id, 'eval-obs-0002', photoOf('fake.jpg'));
    expect([codeOf(notImage), keyOf(notImage)]).toEqual(['invalid-argument', 'errors.attachment.notImage']);
    expect(keyOf(await attach(token, run.id, 'eval-obs-0002', photoOf('truncated.jpg')))).toBe('errors.attachment.notImage');
    // A real JPEG (zero padding after its end is allowed) one byte over the seats' limit: refused by its size.
    const big = Buffer.concat([jpeg, Buffer.alloc(MAX_SEAT_PHOTO_BYTES + 1 - jpeg.length)]);
    const tooLarge = await attach(token, run.id, 'eval-obs-0002', big);
    expect(tooLarge).toMatchObject({ ok: false, error: { code: 'too-large', key: 'errors.attachment.tooLarge', params: { mb: 2 } } });
    // Field controllers, the big screen and observers may not add photos at all.
    for (const kind of ['field-controller', 'big-screen', 'observer'] as const)
      expect([kind, keyOf(await attach(tokens[kind], run.id, 'field-obs-0001', jpeg))]).toEqual([kind, 'errors.seat.methodNotAllowed']);
    expect(dumpOf(path.join(dataDir, DB_FILE))).toBe(before);
    // Exactly at the limit is taken.
    expect(codeOf(await attach(token, run.id, 'eval-obs-0002', big.subarray(0, MAX_SEAT_PHOTO_BYTES)))).toBe('ok');
  });

  it('keeps a record to ten photos, and the host may add to any entry with a client id', async () => {
    const { run, tokens } = await sharedRun();
    await asSeat(tokens.evaluator, 'recordEvent', { runId: run.id, event: { kind: 'observation', stepId: 's03', text: '多张照片', clientId: 'eval-obs-many' } });
    // Ten different photos: the same JPEG with more padding each time.
    for (let i = 0; i < 10; i++) expect(codeOf(await asSeat(tokens.evaluator, 'attachPhoto', { runId: run.id, clientId: 'eval-obs-many', photo: photo(Buffer.concat([jpeg, Buffer.alloc(i)])) }))).toBe('ok');
    const eleventh = await asSeat(tokens.evaluator, 'attachPhoto', { runId: run.id, clientId: 'eval-obs-many', photo: photo(Buffer.concat([jpeg, Buffer.alloc(10)])) });
    expect(keyOf(eleventh)).toBe('errors.attachment.tooManyOnRecord');
    const started = await asSeat(tokens['field-controller'], 'recordEvent', { runId: run.id, event: { kind: 'started', stepId: 's18', clientId: 'field-start-01' } });
    expect(started.ok).toBe(true);
    expect(keyOf(await backend.call('attachPhoto', { runId: run.id, clientId: 'field-start-01', photo: photo(jpeg) }))).toBe('errors.attachment.notOnKind');
    await call('recordEvent', { runId: run.id, event: { kind: 'observation', text: '主控端', clientId: 'host-obs-0002' } });
    expect((await call('attachPhoto', { runId: run.id, clientId: 'host-obs-0002', photo: photo(photoOf('pump.png')) })).mime).toBe('image/png');
  });
});

describe('private network addresses', () => {
  it('offers only 10/8, 172.16/12 and 192.168/16', () => {
    for (const address of ['10.0.0.1', '10.255.255.254', '172.16.0.1', '172.31.255.1', '192.168.1.20']) expect([address, isPrivateIPv4(address)]).toEqual([address, true]);
    for (const address of ['127.0.0.1', '172.15.0.1', '172.32.0.1', '192.169.0.1', '8.8.8.8', '100.64.0.1', '169.254.1.1', '0.0.0.0', '10.0.0.256', '10.0.0', 'fe80::1', ''])
      expect([address, isPrivateIPv4(address)]).toEqual([address, false]);
    const choices = privateInterfacesOf({
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '192.168.3.7', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
      wlan0: [{ address: '36.112.4.9', family: 'IPv4', internal: false }],
      docker0: [{ address: '172.17.0.1', family: 4, internal: false }],
    });
    expect(choices).toEqual([
      { name: 'eth0', address: '192.168.3.7' },
      { name: 'docker0', address: '172.17.0.1' },
    ]);
  });
});
