/**
 * The one clock of DrillDesk. Every clock time, date or instant that is
 * shown, printed, imported or exported goes through this module.
 *
 * Two kinds of time:
 * - **Plan times** are minutes from the drill start (T0). They are shown as
 *   T+ offsets (`tPlusOf`) or, when the scenario sets its start time, as
 *   wall-clock times counted on from it (`clockOf`): plain arithmetic on the
 *   start time, the same on every computer.
 * - **Instants** (what a run records: ISO 8601 in UTC, epoch ms in memory)
 *   are shown in the drill's time zone, an IANA name the scenario carries
 *   (`timeZone`, default `Asia/Shanghai`; a run uses its plan's), never in
 *   the zone of the computer showing them. `clockAt`, `dateAt` and friends
 *   read an instant through `Intl.DateTimeFormat` with that `timeZone`;
 *   `instantAt` and `wallTimeOfText` go the other way for imports and forms
 *   (a log cell `09:31` is 09:31 in the drill's zone on the drill date).
 *
 * Formatters are made once per zone and kept: building an
 * `Intl.DateTimeFormat` costs far more than using one, and the replay
 * formats on every frame while scrubbing. A zone's offset is kept per
 * quarter of an hour too (see `wallTimeAt`).
 */

const MINUTES_PER_DAY = 24 * 60;
/** One minute in milliseconds, for every instant-to-minutes conversion. */
export const MINUTE_MS = 60_000;

/** The zone of a scenario that names none: China has one, and DrillDesk's users are there. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** What `clockOf` and `clockAt` show for a time they cannot read. */
export const INVALID_CLOCK = '--:--';
/** What `dateAt` shows for an instant that is not one. */
const INVALID_DATE = '----------';

/** Two digits with a leading zero: `pad2(7)` → `'07'`. */
export const pad2 = (value: number) => String(value).padStart(2, '0');

// ---------------------------------------------------------------------------
// Plan times: offsets from T0

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
  const clock = clockTextOf(total);
  return day === 0 ? clock : `${clock} (${day > 0 ? '+' : ''}${day})`;
}

/**
 * `HH:MM` of a minute of the day, wrapping at midnight:
 * `clockTextOf(570)` → `'09:30'`, `clockTextOf(1445)` → `'00:05'`.
 */
export function clockTextOf(minuteOfDay: number): string {
  const inDay = ((Math.round(minuteOfDay) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${pad2(Math.floor(inDay / 60))}:${pad2(inDay % 60)}`;
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

/** Elapsed time as `1:05:09` (hours:minutes:seconds) or `05:09` under an hour; negative as zero. */
export function elapsedOf(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const rest = `${pad2(Math.floor((total % 3600) / 60))}:${pad2(total % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

/**
 * Minutes from instant `isoA` to instant `isoB` (ISO 8601), positive when B
 * is later, with fractions kept: `minutesBetween('…T09:00:00Z', '…T09:01:30Z')`
 * → `1.5`. Returns `NaN` when either instant does not parse.
 */
export function minutesBetween(isoA: string, isoB: string): number {
  return (Date.parse(isoB) - Date.parse(isoA)) / MINUTE_MS;
}

// ---------------------------------------------------------------------------
// Time zones

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
const zoneChecks = new Map<string, boolean>();

/**
 * Whether `name` is a time zone this runtime knows by its IANA name
 * (`Asia/Shanghai`, `America/New_York`, `UTC`). Offsets such as `+08:00`
 * are refused: newer runtimes take them, Node 20 does not, and a drill's
 * zone must mean the same to the back end and the renderer.
 */
export function isTimeZone(name: string): boolean {
  const known = zoneChecks.get(name);
  if (known !== undefined) return known;
  let ok = IANA_NAME.test(name);
  if (ok)
    try {
      formatterOf(name);
    } catch {
      ok = false;
    }
  if (zoneChecks.size < 1000) zoneChecks.set(name, ok);
  return ok;
}

/** Every zone name the runtime lists, for pickers (empty where `Intl.supportedValuesOf` is missing). */
export function timeZoneNames(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The numeric formatter of a zone, made once (throws a RangeError for an unknown zone). */
function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      numberingSystem: 'latn',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

// ---------------------------------------------------------------------------
// Instants in a zone

/** A date and time of day as a wall clock in some zone shows it (month 1–12). */
export type WallTime = { year: number; month: number; day: number; hours: number; minutes: number; seconds: number };

/** A time of day (24 h). */
export type ClockTime = { hours: number; minutes: number; seconds: number };

/**
 * What the wall clocks in `zone` show at the instant `ms` (epoch
 * milliseconds), to the second. Throws a RangeError for an instant that is
 * not a finite number or a zone that is not known.
 *
 * Asking `Intl` for the parts of every instant is slow (tens of
 * microseconds), so the zone's offset is asked once per quarter of an hour
 * of time and kept: offsets change on whole quarters of an hour, and a
 * quarter in which the offset differs at its two ends (a historical change
 * at an odd moment) is always asked afresh.
 */
export function wallTimeAt(ms: number, zone: string): WallTime {
  const offset = quarterOffsetOf(ms, zone);
  if (offset === null) return wallTimeFromIntlAt(ms, zone);
  const date = new Date(ms + offset);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hours: date.getUTCHours(),
    minutes: date.getUTCMinutes(),
    seconds: date.getUTCSeconds(),
  };
}

const QUARTER_MS = 15 * MINUTE_MS;
/** Per zone, per quarter of an hour since 1970: the offset in ms, or null when it changes within the quarter. */
const quarterOffsets = new Map<string, Map<number, number | null>>();

function quarterOffsetOf(ms: number, zone: string): number | null {
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${ms}`);
  if (zone === 'UTC') return 0;
  let offsets = quarterOffsets.get(zone);
  if (!offsets) {
    offsets = new Map();
    quarterOffsets.set(zone, offsets);
  }
  const quarter = Math.floor(ms / QUARTER_MS);
  let offset = offsets.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_MS;
    const atStart = intlOffsetAt(start, zone);
    offset = atStart === intlOffsetAt(start + QUARTER_MS - 1000, zone) ? atStart : null;
    if (offsets.size >= 4096) offsets.clear();
    offsets.set(quarter, offset);
  }
  return offset;
}

/** The zone's offset from UTC in ms at the whole second `ms`, asked of `Intl`. */
const intlOffsetAt = (ms: number, zone: string) => utcMsOf(wallTimeFromIntlAt(ms, zone)) - ms;

function wallTimeFromIntlAt(ms: number, zone: string): WallTime {
  const wall: WallTime = { year: 0, month: 0, day: 0, hours: 0, minutes: 0, seconds: 0 };
  for (const part of formatterOf(zone).formatToParts(ms)) {
    switch (part.type) {
      case 'year':
        wall.year = Number(part.value);
        break;
      case 'month':
        wall.month = Number(part.value);
        break;
      case 'day':
        wall.day = Number(part.value);
        break;
      case 'hour':
        wall.hours = Number(part.value) % 24;
        break;
      case 'minute':
        wall.minutes = Number(part.value);
        break;
      case 'second':
        wall.seconds = Number(part.value);
        break;
    }
  }
  return wall;
}

/** `2026-06-18` of a year, month (1–12) and day, as given (not checked: see `isCalendarDate`). */
export const dateTextOf = (year: number, month: number, day: number) => `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;

const dateTextOfWall = (wall: WallTime) => dateTextOf(wall.year, wall.month, wall.day);

/*
 * The texts below never throw for an instant that is not a number (a view
 * can render them directly): they show dashes, as `clockOf` does.
 */

/** `09:31`: the clock time of the instant `ms` in `zone`, to the minute (seconds dropped, not rounded). */
export function clockAt(ms: number, zone: string): string {
  if (!Number.isFinite(ms)) return INVALID_CLOCK;
  const wall = wallTimeAt(ms, zone);
  return `${pad2(wall.hours)}:${pad2(wall.minutes)}`;
}

/** `09:31:05`: the clock time of the instant `ms` in `zone`, with seconds. */
export function clockSecondsAt(ms: number, zone: string): string {
  if (!Number.isFinite(ms)) return `${INVALID_CLOCK}:--`;
  const wall = wallTimeAt(ms, zone);
  return `${pad2(wall.hours)}:${pad2(wall.minutes)}:${pad2(wall.seconds)}`;
}

/** `2026-06-18`: the date of the instant `ms` in `zone`. */
export function dateAt(ms: number, zone: string): string {
  if (!Number.isFinite(ms)) return INVALID_DATE;
  return dateTextOfWall(wallTimeAt(ms, zone));
}

/** `2026-06-18 09:31`: date and clock time of the instant `ms` in `zone`. */
export function dateTimeAt(ms: number, zone: string): string {
  if (!Number.isFinite(ms)) return `${INVALID_DATE} ${INVALID_CLOCK}`;
  const wall = wallTimeAt(ms, zone);
  return `${dateTextOfWall(wall)} ${pad2(wall.hours)}:${pad2(wall.minutes)}`;
}

/** `2026-06-18T09:31:05`: the value of a `datetime-local` input showing the instant `ms` in `zone`. */
export function wallInputAt(ms: number, zone: string): string {
  if (!Number.isFinite(ms)) return '';
  const wall = wallTimeAt(ms, zone);
  return `${dateTextOfWall(wall)}T${pad2(wall.hours)}:${pad2(wall.minutes)}:${pad2(wall.seconds)}`;
}

/** Minutes `zone` is ahead of UTC at the instant `ms`: 480 for Asia/Shanghai, −300 or −240 for America/New_York. */
export function zoneOffsetAt(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const wall = wallTimeAt(whole, zone);
  return (utcMsOf(wall) - whole) / MINUTE_MS;
}

/** Epoch ms of a wall time read as UTC (years below 100 kept as written, unlike `Date.UTC`). */
function utcMsOf(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hours, wall.minutes, wall.seconds, 0);
  return date.getTime();
}

/** Whether `YYYY-MM-DD` names a real day (not 30 February). */
export function isCalendarDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Whether a time of day is in range: hours 0–23, minutes and seconds 0–59, all whole. */
export const isClockTime = (clock: ClockTime) =>
  [clock.hours, clock.minutes, clock.seconds].every(Number.isInteger) &&
  clock.hours >= 0 &&
  clock.hours <= 23 &&
  clock.minutes >= 0 &&
  clock.minutes <= 59 &&
  clock.seconds >= 0 &&
  clock.seconds <= 59;

/**
 * The instant (epoch ms) at which the wall clocks in `zone` show `clock` on
 * `date` (`YYYY-MM-DD`); null when the date is not a real day or the clock
 * is out of range. A wall time that happens twice (clocks going back) is its
 * first occurrence; one skipped when clocks go forward is read with the
 * offset before the change (02:30 on a spring-forward night in New York is
 * 03:30 summer time). Example: `instantAt('2026-06-18', {hours: 9, minutes:
 * 0, seconds: 0}, 'Asia/Shanghai')` is `2026-06-18T01:00:00Z`.
 */
export function instantAt(date: string, clock: ClockTime, zone: string): number | null {
  if (!isCalendarDate(date) || !isClockTime(clock)) return null;
  const [year, month, day] = date.split('-').map(Number);
  const asUtc = utcMsOf({ year, month, day, ...clock });
  // Offsets a day either side cover any one change of offset in between.
  const before = zoneOffsetAt(asUtc - MINUTES_PER_DAY * MINUTE_MS, zone);
  const after = zoneOffsetAt(asUtc + MINUTES_PER_DAY * MINUTE_MS, zone);
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset * MINUTE_MS)
    .filter((ms) => utcMsOf(wallTimeAt(ms, zone)) === asUtc)
    .sort((a, b) => a - b);
  return candidates.length > 0 ? candidates[0] : asUtc - before * MINUTE_MS;
}

// ---------------------------------------------------------------------------
// Reading clock text

/**
 * A time of day written as people write it: `9:30`, `09:30`, `09:30:15`,
 * with an ASCII or full-width colon (`9：30`); null for anything else or
 * out of range (`24:00`, `9:75`).
 */
export function clockTimeOf(text: string): ClockTime | null {
  const match = /^\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*$/.exec(text);
  if (!match) return null;
  const clock = { hours: Number(match[1]), minutes: Number(match[2]), seconds: Number(match[3] ?? 0) };
  return isClockTime(clock) ? clock : null;
}

/** Minutes since midnight of a time of day: `minuteOfDay({hours: 9, minutes: 30, seconds: 0})` → `570`. */
export const minuteOfDay = (clock: ClockTime) => clock.hours * 60 + clock.minutes;

/** `09:30` of a time of day (seconds dropped). */
export const clockTextOfTime = (clock: ClockTime) => `${pad2(clock.hours)}:${pad2(clock.minutes)}`;

/**
 * A wall time written in a cell: a time of day alone (`09:31`, date null)
 * or after a date (`2026-05-20 09:31`, `2026/5/20 9:31:05`, `2026.5.20T09:31`),
 * with ASCII or full-width colons. Null when the text is not shaped like
 * this. The numbers come back as written, not yet checked: the date as
 * `YYYY-MM-DD` may be 30 February and the clock 25:99, so a caller can say
 * which was wrong; `instantAt` refuses both, `isClockTime` and
 * `isCalendarDate` check them on their own.
 */
export function wallTimeOfText(text: string): { date: string | null; clock: ClockTime } | null {
  const match = /^\s*(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]\s*)?(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*$/.exec(text);
  if (!match) return null;
  const clock = { hours: Number(match[4]), minutes: Number(match[5]), seconds: Number(match[6] ?? 0) };
  return { date: match[1] ? dateTextOf(Number(match[1]), Number(match[2]), Number(match[3])) : null, clock };
}

const SERIAL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const SERIAL_EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * The wall time a spreadsheet's date-time number shows: whole days since
 * 1899-12-30 (1904-01-01 in a workbook using the 1904 date system) and the
 * fraction of a day, rounded to the minute. A spreadsheet keeps no zone, so
 * this is the wall time as typed, the same on every computer; an imported
 * plan reads it on the drill's clocks. A time alone (`0.395833`, 09:30)
 * falls on 1899-12-30. Null for a number no date can hold.
 * Example: `wallTimeOfSerial(46162.395833)` is 2026-05-20 09:30.
 */
export function wallTimeOfSerial(serial: number, date1904 = false): WallTime | null {
  const ms = (date1904 ? SERIAL_EPOCH_1904 : SERIAL_EPOCH_1900) + Math.round(serial * MINUTES_PER_DAY) * MINUTE_MS;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? wallTimeAt(ms, 'UTC') : null;
}

/**
 * The instant a clock time (`09:31`, `9：31:05`) names within a span from
 * `startMs` to `endMs`, read on the wall clocks of `zone`: on the day the
 * span starts, or the day after for a drill running past midnight (or the
 * day before), whichever falls in the span or nearest to it; null when the
 * text is not a clock time. A replay's "jump to 10:15" uses it.
 */
export function instantOfClockText(text: string, startMs: number, endMs: number, zone: string): number | null {
  const clock = clockTimeOf(text);
  if (!clock) return null;
  const start = wallTimeAt(startMs, zone);
  const distance = (ms: number) => (ms < startMs ? startMs - ms : ms > endMs ? ms - endMs : 0);
  let best: number | null = null;
  for (const days of [0, 1, -1]) {
    const date = dateAt(utcMsOf({ ...start, day: start.day + days, hours: 12 }), 'UTC');
    const candidate = instantAt(date, clock, zone);
    if (candidate !== null && (best === null || distance(candidate) < distance(best))) best = candidate;
  }
  return best;
}

/** Whether the text is an ISO 8601 instant with its own zone (`2026-05-20T09:31:00+08:00`, `…Z`). */
export const isZonedInstantText = (text: string) => /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim());

// ---------------------------------------------------------------------------
// Dates and times for people, in their language

/** A calendar date (`YYYY-MM-DD`) in Chinese style when the language is Chinese: `2026年6月18日`; as written otherwise. */
export function longDateOf(date: string, language: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return language.startsWith('zh') ? `${year}年${month}月${day}日` : date;
}

const readableFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A date and time for lists, in the user's language: `2026年5月20日 09:31`,
 * `20 May 2026, 09:31`. `zone` is the drill's; `null` means the computer's
 * own zone, for things that belong to the workstation and not to a drill
 * (backups). `seconds` adds the seconds.
 */
export function readableDateTimeAt(ms: number, zone: string | null, language: string, seconds = false): string {
  if (!Number.isFinite(ms)) return '—';
  const locale = language.startsWith('en') ? 'en-GB' : 'zh-CN';
  const key = `${locale}|${zone ?? ''}|${seconds}`;
  let formatter = readableFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short', ...(zone ? { timeZone: zone } : {}) });
    readableFormatters.set(key, formatter);
  }
  return formatter.format(ms);
}
