/** How the replay writes times: clock times of the machine's zone, T+ offsets from the run start, minutes. */
import { tPlusOf } from '../../shared/time';

const pad2 = (value: number) => String(value).padStart(2, '0');

/** `09:31:05`: the local clock time of an instant. */
export function clockOf(ms: number): string {
  const date = new Date(ms);
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** `09:31`: the local clock time of an instant, to the minute. */
export function shortClockOf(ms: number): string {
  const date = new Date(ms);
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/** `2024-06-18`: the local date of an instant. */
export function dateOf(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** `T+1:05` for an instant `ms` after the run start. */
export function offsetOf(ms: number, startMs: number): string {
  return tPlusOf(Math.floor((ms - startMs) / 60_000));
}

/** Minutes rounded for people: whole minutes, or one decimal under ten. */
export function minutesText(minutes: number): string {
  const size = Math.abs(minutes);
  return size < 10 && Math.round(size * 10) % 10 !== 0 ? minutes.toFixed(1) : String(Math.round(minutes));
}

/** A signed difference in minutes: `+12`, `−3`, `0`. */
export function deltaText(minutes: number | null): string {
  if (minutes === null) return '—';
  const text = minutesText(Math.abs(minutes));
  if (text === '0') return '0';
  return minutes > 0 ? `+${text}` : `−${text}`;
}

/**
 * The instant a clock time `HH:MM[:SS]` names in a replay running from
 * `startMs` to `endMs`: on the day of the start, or the day after for a
 * drill running past midnight, whichever falls in the span (or nearest to
 * it); null when the text is not a clock time.
 */
export function instantOfClock(text: string, startMs: number, endMs: number): number | null {
  const match = /^\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*$/.exec(text);
  if (!match) return null;
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const start = new Date(startMs);
  const distance = (ms: number) => (ms < startMs ? startMs - ms : ms > endMs ? ms - endMs : 0);
  let best: number | null = null;
  for (const day of [0, 1, -1]) {
    const candidate = new Date(start.getFullYear(), start.getMonth(), start.getDate() + day, hours, minutes, seconds).getTime();
    if (best === null || distance(candidate) < distance(best)) best = candidate;
  }
  return best;
}
