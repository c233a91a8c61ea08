/**
 * Drill time arithmetic: clock times of day, T+ offsets from the drill
 * start (T0), and minutes between instants. All plan times in DrillDesk are
 * minutes relative to T0; these helpers turn them into what people read.
 */

const MINUTES_PER_DAY = 24 * 60;

/** What `clockOf` shows for a start time or offset it cannot read. */
export const INVALID_CLOCK = '--:--';

const pad2 = (value: number) => String(value).padStart(2, '0');

/**
 * The clock time `minutes` after `startTime` (`HH:MM`, 24 h), rounded to the
 * whole minute. Past midnight the day offset follows in brackets; before
 * midnight of the start day (negative minutes) it is negative.
 * Examples: `clockOf('09:00', 75)` → `'10:15'`; `clockOf('23:30', 45)` →
 * `'00:15 (+1)'`; `clockOf('00:10', -20)` → `'23:50 (-1)'`.
 * Returns `'--:--'` when `startTime` is not `HH:MM` or `minutes` is not
 * finite (never throws, so a view can render it directly).
 */
export function clockOf(startTime: string, minutes: number): string {
  const match = /^(\d{2}):(\d{2})$/.exec(startTime);
  if (!match || !Number.isFinite(minutes)) return INVALID_CLOCK;
  const hours = Number(match[1]);
  const mins = Number(match[2]);
  if (hours > 23 || mins > 59) return INVALID_CLOCK;
  const total = hours * 60 + mins + Math.round(minutes);
  const day = Math.floor(total / MINUTES_PER_DAY);
  const inDay = total - day * MINUTES_PER_DAY;
  const clock = `${pad2(Math.floor(inDay / 60))}:${pad2(inDay % 60)}`;
  return day === 0 ? clock : `${clock} (${day > 0 ? '+' : ''}${day})`;
}

/**
 * An offset from the drill start, rounded to the whole minute: plain minutes
 * under an hour, hours and two-digit minutes from an hour on (hours keep
 * counting past a day). Examples: `tPlusOf(0)` → `'T+0'`, `tPlusOf(15)` →
 * `'T+15'`, `tPlusOf(65)` → `'T+1:05'`, `tPlusOf(1500)` → `'T+25:00'`,
 * `tPlusOf(-5)` → `'T-5'`.
 */
export function tPlusOf(minutes: number): string {
  if (!Number.isFinite(minutes)) return 'T+?';
  const rounded = Math.round(minutes);
  const sign = rounded < 0 ? '-' : '+';
  const size = Math.abs(rounded);
  if (size < 60) return `T${sign}${size}`;
  return `T${sign}${Math.floor(size / 60)}:${pad2(size % 60)}`;
}

/**
 * Minutes from instant `isoA` to instant `isoB` (ISO 8601), positive when B
 * is later, with fractions kept: `minutesBetween('…T09:00:00Z', '…T09:01:30Z')`
 * → `1.5`. Returns `NaN` when either instant does not parse.
 */
export function minutesBetween(isoA: string, isoB: string): number {
  return (Date.parse(isoB) - Date.parse(isoA)) / 60_000;
}
