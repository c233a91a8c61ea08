/**
 * Time notations of drill scripts, read into minutes: clock times
 * (`9:00`, `9：00`, `9时30分`, `8点30分`, `9点`, `九时三十分`, `上午9:30`,
 * `下午5点`, `0900`, `Day 2 09:00`), offsets from the start (`T+15`,
 * `T+15min`, `T+1:05`, `+00:15`, `H+30`), ranges of either (`14:00-14:15`,
 * `9:30—9:45`, `9:30~9:45`, `9:30至9:45`, `上午9:30-10:30`), and plain
 * durations (`15分钟`, `约5min`). A date in front (`2026-06-18 09:30`,
 * `6月18日 9:30`) is kept.
 */
import { clockOf, clockTimeOf, dateTextOf, tPlusOf } from '../time';
import { chineseNumberOf, halfWidthOf } from './text';

/** A point in time; `twelveHour` marks a clock time before noon written without 上午/下午 (`2点半`), which may mean the afternoon. */
export type TimePoint = { kind: 'clock'; minutes: number; date: string | null; twelveHour?: boolean } | { kind: 'offset'; minutes: number };

/** What a time cell says: a start (with an end for a range), or only a duration. */
export type ScriptTime =
  | { start: TimePoint; end: TimePoint | null; durationMin: number | null }
  | { start: null; end: null; durationMin: number };

const NUMBER = '(?:\\d{1,4}|[零〇一二两三四五六七八九十百]{1,5})';
const DAY_PART = '(上午|早上|早晨|清晨|凌晨|中午|午后|下午|傍晚|晚上|夜间|夜里|晚|早|am|a\\.m\\.|pm|p\\.m\\.)';
const MAX_OFFSET = 7 * 24 * 60;

/** Hours on the 24-hour clock from a 12-hour reading and its part of the day. */
function hoursIn(hours: number, dayPart: string | undefined): number | null {
  if (!dayPart) return hours;
  const part = dayPart.toLowerCase();
  if (/^(下午|午后|傍晚|晚上|夜间|夜里|晚|pm|p\.m\.)$/.test(part)) return hours < 12 ? hours + 12 : hours;
  if (part === '中午') return hours < 6 ? hours + 12 : hours;
  if (/^(凌晨|上午|早上|早晨|清晨|早|am|a\.m\.)$/.test(part)) return hours === 12 ? 0 : hours;
  return hours;
}

/** A date in front of a time, as `YYYY-MM-DD` (the year may be missing: then null), and the rest. */
function datePrefixOf(text: string): { date: string | null; dayOffset: number; rest: string } {
  let match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[(（]?(?:星期|周)[一二三四五六日天][)）]?)?\s*/.exec(text);
  if (match) return { date: dateTextOf(+match[1], +match[2], +match[3]), dayOffset: 0, rest: text.slice(match[0].length) };
  match = /^(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*/.exec(text);
  if (match) return { date: null, dayOffset: 0, rest: text.slice(match[0].length) };
  match = new RegExp(`^(?:day\\s*(\\d{1,2})|d(\\d{1,2})|第\\s*(${NUMBER})\\s*天)[\\s,，]*`, 'i').exec(text);
  if (match) {
    const day = match[1] ? +match[1] : match[2] ? +match[2] : chineseNumberOf(match[3]);
    if (day !== null && day >= 1 && day <= 7) return { date: null, dayOffset: (day - 1) * 24 * 60, rest: text.slice(match[0].length) };
  }
  return { date: null, dayOffset: 0, rest: text };
}

/** One clock time (`9:30`, `9时30分`, `下午5点`, `九时三十分`, `0930`) as minutes of the day, or null. */
function clockMinutesOf(text: string, inheritedDayPart?: string): { minutes: number; dayPart: string | undefined; twelveHour: boolean } | null {
  const value = text.trim().toLowerCase();
  let match = new RegExp(`^${DAY_PART}?\\s*(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*${DAY_PART}?$`).exec(value);
  let dayPart: string | undefined;
  let hours: number | null = null;
  let minutes: number | null = null;
  if (match) {
    dayPart = match[1] ?? match[3];
    // `24:00` closes a range at midnight; every other clock text is read by shared/time.
    const clock = /^24:00(:00)?$/.test(match[2]) ? { hours: 24, minutes: 0 } : clockTimeOf(match[2]);
    if (!clock) return null;
    hours = clock.hours;
    minutes = clock.minutes;
  } else if ((match = new RegExp(`^${DAY_PART}?\\s*(${NUMBER})\\s*(?:时|点钟?)\\s*(?:(半)|(${NUMBER})\\s*分?|(一刻|三刻))?$`).exec(value))) {
    dayPart = match[1];
    hours = chineseNumberOf(match[2]);
    minutes = match[3] ? 30 : match[4] ? chineseNumberOf(match[4]) : match[5] === '一刻' ? 15 : match[5] === '三刻' ? 45 : 0;
  } else if ((match = /^([01]\d|2[0-3])([0-5]\d)(?:h|hrs)?$/.exec(value))) {
    hours = +match[1];
    minutes = +match[2];
  } else return null;
  if (hours === null || minutes === null || minutes > 59 || hours > 24) return null;
  const part = dayPart ?? inheritedDayPart;
  const inDay = hoursIn(hours, part);
  if (inDay === null || inDay > 24 || (inDay === 24 && minutes > 0)) return null;
  return { minutes: (inDay % 24) * 60 + minutes, dayPart: part, twelveHour: part === undefined && hours >= 1 && hours < 12 };
}

/** An offset from T0: `T+15`, `T+15min`, `T+15分钟`, `T+1:05`, `+00:15`, `H+30`, `T0`. */
function offsetMinutesOf(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (/^[th]\s*0$/.test(value)) return 0;
  let match = /^(?:[th]\s*)?\+\s*(\d{1,3}):(\d{2})$/.exec(value);
  if (match) return +match[2] > 59 ? null : +match[1] * 60 + +match[2];
  match = /^(?:[th]\s*)?\+\s*(\d{1,5})\s*(min|mins|minutes|m|分钟|分|')?$/.exec(value);
  if (match) return +match[1];
  match = /^[th]\s*\+\s*(\d{1,3})\s*(h|hr|hrs|hours|小时)$/.exec(value);
  if (match) return +match[1] * 60;
  return null;
}

/** A plain duration: `15分钟`, `约5min`, `1小时`, `1.5h`, `半小时`, `90'`. */
export function durationMinutesOf(text: string): number | null {
  const value = halfWidthOf(text).trim().toLowerCase().replace(/^(约|大约|共|计|用时|时长|历时|about|ca\.?)\s*/, '');
  if (value === '半小时') return 30;
  let match = new RegExp(`^(${NUMBER}(?:\\.\\d+)?)\\s*(分钟|分|min|mins|minutes|m|')$`).exec(value);
  if (match) return numberIn(match[1]);
  match = new RegExp(`^(${NUMBER}(?:\\.\\d+)?)\\s*(小时|个小时|h|hr|hrs|hours)(?:\\s*(${NUMBER})\\s*(分钟|分|min))?$`).exec(value);
  if (match) {
    const hours = numberIn(match[1]);
    const minutes = match[3] ? numberIn(match[3]) : 0;
    return hours === null || minutes === null ? null : Math.round(hours * 60 + minutes);
  }
  return null;
}

function numberIn(text: string): number | null {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  return chineseNumberOf(text);
}

/** One point: a clock time (with an optional date) or an offset. */
function pointOf(text: string, inheritedDayPart?: string): { point: TimePoint; dayPart: string | undefined } | null {
  const offset = offsetMinutesOf(text);
  if (offset !== null) return offset <= MAX_OFFSET ? { point: { kind: 'offset', minutes: offset }, dayPart: undefined } : null;
  const { date, dayOffset, rest } = datePrefixOf(text.trim());
  const clock = clockMinutesOf(rest, inheritedDayPart);
  if (!clock) return null;
  const point: TimePoint = { kind: 'clock', minutes: clock.minutes + dayOffset, date };
  if (clock.twelveHour) point.twelveHour = true;
  return { point, dayPart: clock.dayPart };
}

const RANGE_SEPARATOR = /\s*(?:-{1,2}|–|—{1,2}|―|~|〜|～|至|到)\s*/;

/**
 * The time a script cell gives, or null when it gives none that can be read.
 * A trailing remark in brackets is ignored (`9:30-9:45（15分钟）` uses the
 * bracket as the duration when it is one). Examples: `'9时30分'` →
 * 09:30; `'下午5点'` → 17:00; `'9:30—9:45'` → 09:30 to 09:45 (15 min);
 * `'T+1:05'` → offset 65; `'15分钟'` → a 15-minute duration with no start.
 */
export function scriptTimeOf(raw: string): ScriptTime | null {
  let text = halfWidthOf(raw).replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  let bracketDuration: number | null = null;
  const bracket = /\s*[(（]([^()（）]*)[)）]$/.exec(text);
  if (bracket && bracket.index > 0) {
    bracketDuration = durationMinutesOf(bracket[1]);
    text = text.slice(0, bracket.index).trim();
  }
  const alone = durationMinutesOf(text);
  if (alone !== null) return alone <= MAX_OFFSET ? { start: null, end: null, durationMin: alone } : null;
  const single = pointOf(text);
  if (single) return { start: single.point, end: null, durationMin: bracketDuration };
  const parts = text.split(RANGE_SEPARATOR);
  if (parts.length !== 2) {
    // `2026-06-18 09:00-09:30`: the date's own dashes split too; try after the date.
    const { date, rest } = datePrefixOf(text);
    if (rest === text) return null;
    const inner = scriptTimeOf(rest);
    if (!inner || !inner.start || inner.start.kind !== 'clock') return null;
    return { ...inner, start: { ...inner.start, date }, end: inner.end && inner.end.kind === 'clock' ? { ...inner.end, date } : inner.end };
  }
  const first = pointOf(parts[0]);
  if (!first) return null;
  const second = pointOf(parts[1], first.dayPart) ?? (first.point.kind === 'offset' ? pointOf(`T+${parts[1]}`) : null);
  if (!second || second.point.kind !== first.point.kind) return null;
  let length = second.point.minutes - first.point.minutes;
  if (length < 0 && first.point.kind === 'clock') length += 24 * 60;
  if (length < 0) return null;
  return { start: first.point, end: second.point, durationMin: bracketDuration ?? length };
}

/** How a parsed time reads back in the preview: `09:30–09:45`, `T+15`, `15 min`. */
export function scriptTimeTextOf(time: ScriptTime): string {
  const show = (point: TimePoint) => (point.kind === 'offset' ? tPlusOf(point.minutes) : clockOf('00:00', point.minutes));
  if (!time.start) return `${time.durationMin} min`;
  const range = time.end ? `${show(time.start)}–${show(time.end)}` : show(time.start);
  return time.durationMin !== null && !time.end ? `${range} (${time.durationMin} min)` : range;
}
