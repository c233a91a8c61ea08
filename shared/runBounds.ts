/**
 * How big a run may grow and when its events may happen: one rule for the
 * live log (`recordEvent`, `correctEvent`) and the imported one (the CSV run
 * log), so a paper log cannot hold what the console would refuse.
 *
 * - at most `MAX_RUN_EVENTS` events per run (corrections count; a CSV is
 *   refused while it is read, as soon as it has more rows);
 * - an event is not earlier than the run's start by more than
 *   `BEFORE_START_MS` (a note about the set-up), not later than the start
 *   by more than `AFTER_START_MS`, and never outside `EARLIEST_MS` …
 *   now + `AFTER_NOW_MS` (no `9999-…`, no 1970);
 * - a step's completion (or delivery, or branch taken) is not before its
 *   start, and its start not after its completion (`stepOrderConflictOf`),
 *   refused with a message naming the record it conflicts with.
 */
import { msg, type Message } from './i18n';
import type { RunEventKind } from './model';
import { clockSecondsAt } from './time';

export const MAX_RUN_EVENTS = 20_000;
const HOUR_MS = 60 * 60 * 1000;
export const BEFORE_START_MS = 12 * HOUR_MS;
export const AFTER_START_MS = 24 * HOUR_MS;
export const AFTER_NOW_MS = 24 * HOUR_MS;
/** 2000-01-01T00:00:00Z. */
export const EARLIEST_MS = Date.UTC(2000, 0, 1);

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** Where an event's instant must fall: around the run's start, and not far past the clock. */
export type RunTimeContext = { startMs: number; nowMs: number };

/**
 * Why the instant `ms` cannot be an event of the run, or null when it can.
 * Example: a run started 09:00 takes 08:00 and tomorrow 09:00, refuses
 * 20:00 the day before and tomorrow 09:01.
 */
export function eventTimeProblemOf(ms: number, context: RunTimeContext): Message | null {
  if (!Number.isFinite(ms) || ms < EARLIEST_MS || ms > context.nowMs + AFTER_NOW_MS) return msg('errors.run.timeOutOfRange', { time: Number.isFinite(ms) ? stamp(ms) : '' });
  if (ms < context.startMs - BEFORE_START_MS) return msg('errors.run.timeBeforeStart', { time: stamp(ms), start: stamp(context.startMs) });
  if (ms > context.startMs + AFTER_START_MS) return msg('errors.run.timeAfterStart', { time: stamp(ms), start: stamp(context.startMs) });
  return null;
}

/** Event kinds that finish a step: after its start, never before. */
export const STEP_FINISH_KINDS: ReadonlySet<RunEventKind> = new Set(['completed', 'inject-delivered', 'branch-taken']);

/** What the order rule reads of an event: its kind, step and instant (epoch ms). */
export type StepTimed = { kind: RunEventKind; stepId: string | null; ms: number };

/**
 * The event of the same step that `candidate` contradicts, or null: a
 * finish before one of the step's starts, or a start after one of its
 * finishes. `others` are the run's other effective events (without the one a
 * correction replaces). Example: 开始 09:40 and 完成 corrected to 09:35 →
 * the 开始 is named.
 */
export function stepOrderConflictOf<E extends StepTimed>(candidate: StepTimed, others: readonly E[]): E | null {
  if (candidate.stepId === null) return null;
  const isStart = candidate.kind === 'started';
  const isFinish = STEP_FINISH_KINDS.has(candidate.kind);
  if (!isStart && !isFinish) return null;
  for (const other of others) {
    if (other.stepId !== candidate.stepId) continue;
    if (isFinish && other.kind === 'started' && other.ms > candidate.ms) return other;
    if (isStart && STEP_FINISH_KINDS.has(other.kind) && other.ms < candidate.ms) return other;
  }
  return null;
}

/**
 * Why `candidate` cannot stand beside `conflict` (from `stepOrderConflictOf`),
 * naming the step, both clock times in the drill's zone and the conflicting
 * record as the caller calls it (`msg('errors.run.record', { n: 2 })`, or a row).
 */
export function stepOrderProblemOf(candidate: StepTimed, conflict: StepTimed, names: { step: string; conflict: Message; zone: string }): Message {
  const params = { step: names.step, at: clockSecondsAt(candidate.ms, names.zone), conflict: names.conflict, then: clockSecondsAt(conflict.ms, names.zone) };
  return candidate.kind === 'started' ? msg('errors.run.startAfterFinish', params) : msg('errors.run.finishBeforeStart', params);
}

/** Why a run holding `count` events cannot take `adding` more, or null. */
export function runSizeProblemOf(count: number, adding = 1): Message | null {
  return count + adding > MAX_RUN_EVENTS ? msg('errors.run.tooManyEvents', { max: MAX_RUN_EVENTS }) : null;
}
