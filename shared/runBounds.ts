/**
 * How big a run may grow and when its events may happen: one rule for the
 * live log (`recordEvent`, `correctEvent`) and the imported one (the CSV run
 * log), so a paper log cannot hold what the console would refuse.
 *
 * - at most `MAX_RUN_EVENTS` events per run (corrections count; a CSV is
 *   refused while it is read, as soon as it has more rows);
 * - an event is not earlier than the run's start by more than
 *   `BEFORE_START_MS` (a note about the set-up), not later than the latest
 *   event so far (or the start) by more than `AFTER_LAST_MS`, and never
 *   outside `EARLIEST_MS` … now + `AFTER_NOW_MS` (no `9999-…`, no 1970).
 */
import { msg, type Message } from './i18n';

export const MAX_RUN_EVENTS = 20_000;
const HOUR_MS = 60 * 60 * 1000;
export const BEFORE_START_MS = 12 * HOUR_MS;
export const AFTER_LAST_MS = 24 * HOUR_MS;
export const AFTER_NOW_MS = 24 * HOUR_MS;
/** 2000-01-01T00:00:00Z. */
export const EARLIEST_MS = Date.UTC(2000, 0, 1);

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** Where an event's instant must fall: the run's start, its latest event so far (the start when none) and the clock. */
export type RunTimeContext = { startMs: number; lastMs: number; nowMs: number };

/**
 * Why the instant `ms` cannot be an event of the run, or null when it can.
 * Example: a run started 09:00 whose last event is 10:00 takes 08:00 and
 * tomorrow 09:00, refuses 20:00 the day before and the day after tomorrow.
 */
export function eventTimeProblemOf(ms: number, context: RunTimeContext): Message | null {
  if (!Number.isFinite(ms) || ms < EARLIEST_MS || ms > context.nowMs + AFTER_NOW_MS) return msg('errors.run.timeOutOfRange', { time: Number.isFinite(ms) ? stamp(ms) : '' });
  if (ms < context.startMs - BEFORE_START_MS) return msg('errors.run.timeBeforeStart', { time: stamp(ms), start: stamp(context.startMs) });
  const last = Math.max(context.lastMs, context.startMs);
  if (ms > last + AFTER_LAST_MS) return msg('errors.run.timeAfterLast', { time: stamp(ms), last: stamp(last) });
  return null;
}

/** Why a run holding `count` events cannot take `adding` more, or null. */
export function runSizeProblemOf(count: number, adding = 1): Message | null {
  return count + adding > MAX_RUN_EVENTS ? msg('errors.run.tooManyEvents', { max: MAX_RUN_EVENTS }) : null;
}
