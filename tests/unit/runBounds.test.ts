/**
 * Bounded inputs (issue 18 §2) through the dispatcher on real SQLite: a run
 * holds at most MAX_RUN_EVENTS events (a CSV is refused while it is read),
 * event times stay near their run (recordEvent, correctEvent, the CSV import:
 * one rule, `shared/runBounds.ts`), and a position with an unknown key
 * (`__proto__`, `constructor`, `prototype`) is refused, not dropped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../shared/api';
import { PositionSchema } from '../../shared/model';
import { messageTextOf, type Language } from '../../shared/i18n';
import { AFTER_START_MS, BEFORE_START_MS, eventTimeProblemOf, MAX_RUN_EVENTS } from '../../shared/runBounds';
import type { Backend } from '../../electron/core/backend';
import { DB_FILE } from '../../electron/storage/dataDir';
import { dumpOf, openTestBackend, removeTempDirs, tempDir, TEMPLATES_DIR, valueOf } from '../support/storage';
import { wordedErrorOf } from '../support/storage';

/** The service's clock: the morning of the drill (UTC). */
const NOW = Date.parse('2026-05-20T01:30:00.000Z');
const HOUR = 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

let dataDir: string;
let backend: Backend;
beforeEach(() => {
  dataDir = tempDir();
  backend = openTestBackend(dataDir, { now: () => new Date(NOW) });
});
afterEach(() => {
  backend.close();
  removeTempDirs();
});

const dump = () => dumpOf(path.join(dataDir, DB_FILE));
async function refusal(method: ApiMethod, arg: unknown, language: Language = 'en') {
  const envelope = await backend.call(method, arg);
  if (envelope.ok) throw new Error(`${method} unexpectedly succeeded`);
  return wordedErrorOf(envelope.error, language);
}
const someScenario = async () => (await valueOf(backend, 'listScenarios', {}))[0];
/** A run log of `rows` observations, one a second from `startMs`. */
function runLogOf(rows: number, startMs = NOW): string {
  const lines = ['time,kind,text'];
  for (let i = 0; i < rows; i++) lines.push(`${iso(startMs + i * 1000)},观察,${i + 1}`);
  return lines.join('\n');
}

describe('the event-time rule', () => {
  const context = { startMs: NOW, nowMs: NOW + 72 * HOUR };
  it('takes times near the run and refuses times far from it', () => {
    expect(eventTimeProblemOf(NOW - BEFORE_START_MS + 1, context)).toBeNull();
    expect(eventTimeProblemOf(NOW + AFTER_START_MS, context)).toBeNull();
    expect(messageTextOf('en', eventTimeProblemOf(NOW - BEFORE_START_MS - 1, context)!)).toContain('more than 12 hours before the run started');
    expect(messageTextOf('en', eventTimeProblemOf(NOW + AFTER_START_MS + 60_000, context)!)).toContain('more than 24 hours after the run started');
    expect(messageTextOf('en', eventTimeProblemOf(Date.parse('9999-12-31T00:00:00Z'), context)!)).toContain('out of range');
    expect(messageTextOf('en', eventTimeProblemOf(Date.parse('1970-01-01T00:00:00Z'), { ...context, startMs: 0 })!)).toContain('out of range');
  });
});

describe('bounded runs through the service', () => {
  it('refuses a far-future, a far-past and a long-after event in recordEvent and correctEvent, changing nothing', async () => {
    const scenario = await someScenario();
    const run = await valueOf(backend, 'createRun', { scenarioId: scenario.id, name: '演练' });
    const kept = await valueOf(backend, 'recordEvent', { runId: run.id, event: { kind: 'observation', at: iso(NOW + HOUR), text: '到位' } });
    const before = dump();
    for (const at of ['9999-01-01T00:00:00.000Z', iso(NOW - 13 * HOUR), iso(NOW + HOUR + 25 * HOUR)]) {
      expect((await refusal('recordEvent', { runId: run.id, event: { kind: 'observation', at } })).code, at).toBe('invalid-argument');
      expect((await refusal('correctEvent', { runId: run.id, seq: kept.seq, at })).code, at).toBe('invalid-argument');
    }
    expect(dump()).toBe(before);
    expect((await valueOf(backend, 'recordEvent', { runId: run.id, event: { kind: 'observation', at: iso(NOW - 11 * HOUR) } })).kind).toBe('observation');
  });

  it('refuses a run log with a year-9999 time or a day-long gap, naming the row (in the language of the screen)', async () => {
    const scenario = await someScenario();
    const before = dump();
    const future = await refusal('importRunCsv', { scenarioId: scenario.id, name: '补录', csv: runLogOf(3, Date.parse('9999-05-20T01:00:00Z')) }, 'zh');
    expect(future.details[0]).toContain('不在合理范围内');
    const gap = `${runLogOf(2, NOW - 48 * HOUR)}\n${iso(NOW - 18 * HOUR)},观察,次日`;
    expect((await refusal('importRunCsv', { scenarioId: scenario.id, name: '补录', csv: gap }, 'zh')).details[0]).toMatch(/^第 4 行：.*比演练开始.*晚 24 小时以上/);
    expect(dump()).toBe(before);
  });

  it('refuses a 1,000,000-row run log while reading it, and one row over the limit', async () => {
    const scenario = await someScenario();
    const before = dump();
    const huge = `time,kind,text\n${'09:00,观察,x\n'.repeat(1_000_000)}`;
    const error = await refusal('importRunCsv', { scenarioId: scenario.id, name: '百万行', csv: huge }, 'zh');
    expect(error.details.join('\n')).toContain(`一次演练最多记录 ${MAX_RUN_EVENTS} 条事件`);
    const justOver = await refusal('importRunCsv', { scenarioId: scenario.id, name: '超一行', csv: runLogOf(MAX_RUN_EVENTS + 1) }, 'zh');
    expect(justOver.details.join('\n')).toContain(`一次演练最多记录 ${MAX_RUN_EVENTS} 条事件`);
    expect(dump()).toBe(before);
  });

  it('takes a full run log and then refuses one more event', async () => {
    const scenario = await someScenario();
    const full = await valueOf(backend, 'importRunCsv', { scenarioId: scenario.id, name: '满', csv: runLogOf(MAX_RUN_EVENTS) });
    expect(full.eventCount).toBe(MAX_RUN_EVENTS);
    const error = await refusal('recordEvent', { runId: full.id, event: { kind: 'observation', text: '再记一条' } });
    expect(error).toMatchObject({ code: 'too-large', message: `a run holds at most ${MAX_RUN_EVENTS} events` });
  });
});

describe('positions are strict', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses a "%s" key inside a position', async (key) => {
    expect(PositionSchema.safeParse(JSON.parse(`{"x":1,"y":2,"${key}":{"polluted":true}}`)).success).toBe(false);
    const file = fs.readFileSync(path.join(TEMPLATES_DIR, fs.readdirSync(TEMPLATES_DIR).sort()[0]), 'utf8');
    const text = file.replace(/"position":\s*\{/, `"position": {"${key}": {"polluted": true}, `);
    expect(text).not.toBe(file);
    const before = dump();
    const error = await refusal('importScenario', { text });
    expect(error.code).toBe('invalid-argument');
    expect([error.message, ...error.details].join('\n')).toContain(key);
    expect(dump()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('impossible times through the service (issue 15, item 3)', () => {
  /** A run of the first sample, started at NOW, with its first two steps' ids. */
  async function startedRun() {
    const scenario = await valueOf(backend, 'getScenario', { id: (await someScenario()).id });
    const action = scenario.steps.find((step) => step.kind === 'action')!;
    const run = await valueOf(backend, 'createRun', { scenarioId: scenario.id, name: '演练' });
    return { scenario, action, run };
  }

  it('refuses a completion corrected to before its own start, naming the start, and writes nothing', async () => {
    const { action, run } = await startedRun();
    await valueOf(backend, 'recordEvent', { runId: run.id, event: { kind: 'observation', at: iso(NOW + 60_000), text: '人员到位' } });
    await valueOf(backend, 'recordEvent', { runId: run.id, event: { kind: 'started', stepId: action.id, at: iso(NOW + 10 * 60_000) } });
    const done = await valueOf(backend, 'recordEvent', { runId: run.id, event: { kind: 'completed', stepId: action.id, at: iso(NOW + 20 * 60_000) } });
    const before = dump();
    const error = await refusal('correctEvent', { runId: run.id, seq: done.seq, at: iso(NOW + 5 * 60_000) }, 'zh');
    expect(error.code).toBe('invalid-argument');
    // The start is record 2 of this run, at 09:40 on the drill's clock (Shanghai).
    expect(error.message).toContain(`“${action.title}”`);
    expect(error.message).toContain('记录 #2');
    expect(error.message).toContain('09:40:00');
    expect(dump()).toBe(before);
    expect((await valueOf(backend, 'correctEvent', { runId: run.id, seq: done.seq, at: iso(NOW + 15 * 60_000) })).corrects).toBe(done.seq);
  });

  it('refuses a completion recorded before the start, and a start recorded or corrected after the completion', async () => {
    const { action, run } = await startedRun();
    const start = await valueOf(backend, 'recordEvent', { runId: run.id, event: { kind: 'started', stepId: action.id, at: iso(NOW + 10 * 60_000) } });
    expect((await refusal('recordEvent', { runId: run.id, event: { kind: 'completed', stepId: action.id, at: iso(NOW + 9 * 60_000) } }, 'zh')).message).toContain('记录 #1');
    await valueOf(backend, 'recordEvent', { runId: run.id, event: { kind: 'completed', stepId: action.id, at: iso(NOW + 20 * 60_000) } });
    const late = await refusal('correctEvent', { runId: run.id, seq: start.seq, at: iso(NOW + 25 * 60_000) }, 'zh');
    expect(late.message).toContain('记录 #2');
    expect((await refusal('recordEvent', { runId: run.id, event: { kind: 'started', stepId: action.id, at: iso(NOW + 21 * 60_000) } }, 'zh')).code).toBe('invalid-argument');
  });

  it('refuses an event more than 24 hours after the run start even when it follows the latest event closely', async () => {
    const scenario = await someScenario();
    const csv = ['time,kind,text', `${iso(NOW - 48 * HOUR)},观察,开始`, `${iso(NOW - 30 * HOUR)},观察,次日`, `${iso(NOW - 20 * HOUR)},观察,再次日`].join('\n');
    expect((await refusal('importRunCsv', { scenarioId: scenario.id, name: '补录', csv }, 'zh')).details[0]).toMatch(/^第 4 行：.*比演练开始.*晚 24 小时以上/);
  });

  it('refuses a run log whose completion comes before its start, naming both rows', async () => {
    const { scenario, action } = await startedRun();
    const before = dump();
    const csv = ['time,step,kind,text', `${iso(NOW)},,观察,开始`, `${iso(NOW + 20 * 60_000)},${action.id},开始,`, `${iso(NOW + 10 * 60_000)},${action.id},完成,`].join('\n');
    const error = await refusal('importRunCsv', { scenarioId: scenario.id, name: '补录', csv }, 'zh');
    expect(error.details[0]).toMatch(/^第 4 行：.*第 3 行/);
    expect(dump()).toBe(before);
  });
});
