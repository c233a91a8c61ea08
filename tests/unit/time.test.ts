import { describe, expect, it } from 'vitest';
import {
  clockAt,
  clockOf,
  clockSecondsAt,
  clockTextOf,
  clockTimeOf,
  dateAt,
  dateTextOf,
  dateTimeAt,
  elapsedOf,
  instantAt,
  instantOfClockText,
  isCalendarDate,
  isClockTime,
  isTimeZone,
  isZonedInstantText,
  longDateOf,
  minutesBetween,
  readableDateTimeAt,
  tPlusOf,
  wallInputAt,
  wallTimeAt,
  wallTimeOfSerial,
  wallTimeOfText,
  zoneOffsetAt,
} from '../../shared/time';

const utc = (iso: string) => Date.parse(iso);
const clock = (hours: number, minutes: number, seconds = 0) => ({ hours, minutes, seconds });

describe('clockOf', () => {
  it('adds minutes to a start time', () => {
    expect(clockOf('09:00', 0)).toBe('09:00');
    expect(clockOf('09:00', 75)).toBe('10:15');
    expect(clockOf('08:45', 15)).toBe('09:00');
  });
  it('marks the day after midnight', () => {
    expect(clockOf('23:30', 45)).toBe('00:15 (+1)');
    expect(clockOf('23:30', 30)).toBe('00:00 (+1)');
    expect(clockOf('08:00', 2 * 24 * 60 + 60)).toBe('09:00 (+2)');
  });
  it('marks the day before for negative offsets', () => {
    expect(clockOf('00:10', -20)).toBe('23:50 (-1)');
    expect(clockOf('09:00', -30)).toBe('08:30');
  });
  it('rounds to the whole minute', () => {
    expect(clockOf('09:00', 14.6)).toBe('09:15');
  });
  it('shows dashes for a malformed start time or offset', () => {
    expect(clockOf('9:00', 10)).toBe('--:--');
    expect(clockOf('24:00', 10)).toBe('--:--');
    expect(clockOf('09:00', Number.NaN)).toBe('--:--');
  });
});

describe('tPlusOf', () => {
  it('writes plain minutes under an hour', () => {
    expect(tPlusOf(0)).toBe('T+0');
    expect(tPlusOf(15)).toBe('T+15');
    expect(tPlusOf(59)).toBe('T+59');
  });
  it('writes hours and minutes from an hour on', () => {
    expect(tPlusOf(60)).toBe('T+1:00');
    expect(tPlusOf(65)).toBe('T+1:05');
    expect(tPlusOf(1500)).toBe('T+25:00');
  });
  it('writes negative offsets with a minus sign', () => {
    expect(tPlusOf(-5)).toBe('T-5');
    expect(tPlusOf(-90)).toBe('T-1:30');
  });
  it('rounds fractions', () => {
    expect(tPlusOf(14.6)).toBe('T+15');
  });
});

describe('minutesBetween', () => {
  it('counts minutes from the first instant to the second', () => {
    expect(minutesBetween('2022-06-01T09:00:00.000Z', '2022-06-01T09:45:00.000Z')).toBe(45);
    expect(minutesBetween('2022-06-01T09:01:30Z', '2022-06-01T09:00:00Z')).toBe(-1.5);
  });
  it('respects zone offsets', () => {
    expect(minutesBetween('2022-06-01T09:00:00+08:00', '2022-06-01T01:30:00Z')).toBe(30);
  });
  it('is NaN for an instant that does not parse', () => {
    expect(minutesBetween('yesterday', '2022-06-01T09:00:00Z')).toBeNaN();
  });
});

describe('clockTextOf', () => {
  it('writes a minute of the day, wrapping at midnight', () => {
    expect(clockTextOf(570)).toBe('09:30');
    expect(clockTextOf(0)).toBe('00:00');
    expect(clockTextOf(1445)).toBe('00:05');
    expect(clockTextOf(-15)).toBe('23:45');
  });
});

describe('elapsedOf', () => {
  it('writes minutes and seconds under an hour, hours from an hour on, nothing negative', () => {
    expect(elapsedOf(309_000)).toBe('05:09');
    expect(elapsedOf(3_909_000)).toBe('1:05:09');
    expect(elapsedOf(-5_000)).toBe('00:00');
  });
});

describe('an instant in the drill zone', () => {
  const instant = utc('2026-06-18T01:31:05.400Z');

  it('shows the wall clock of the zone, not of this computer', () => {
    expect(clockAt(instant, 'Asia/Shanghai')).toBe('09:31');
    expect(clockSecondsAt(instant, 'Asia/Shanghai')).toBe('09:31:05');
    expect(clockAt(instant, 'UTC')).toBe('01:31');
    expect(clockAt(instant, 'America/New_York')).toBe('21:31');
    expect(clockAt(instant, 'Asia/Kolkata')).toBe('07:01');
  });

  it('gives the date of the zone, which can be another day than in UTC', () => {
    expect(dateAt(instant, 'Asia/Shanghai')).toBe('2026-06-18');
    expect(dateAt(instant, 'America/New_York')).toBe('2026-06-17');
    expect(dateTimeAt(utc('2026-06-17T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-06-18 00:30');
    expect(wallInputAt(instant, 'Asia/Shanghai')).toBe('2026-06-18T09:31:05');
  });

  it('writes midnight as 00, never 24', () => {
    expect(clockAt(utc('2026-06-17T16:00:00Z'), 'Asia/Shanghai')).toBe('00:00');
    expect(wallTimeAt(utc('2026-06-17T16:00:00Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 6, day: 18, hours: 0, minutes: 0, seconds: 0 });
  });

  it('knows the offset of the zone at that instant, summer time included', () => {
    expect(zoneOffsetAt(instant, 'Asia/Shanghai')).toBe(480);
    expect(zoneOffsetAt(utc('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(zoneOffsetAt(utc('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetAt(instant, 'UTC')).toBe(0);
  });

  it('reads times written for people in the user language, in the zone asked for', () => {
    expect(readableDateTimeAt(instant, 'Asia/Shanghai', 'zh')).toBe('2026年6月18日 09:31');
    expect(readableDateTimeAt(instant, 'America/New_York', 'en')).toBe('17 Jun 2026, 21:31');
    expect(readableDateTimeAt(instant, 'Asia/Shanghai', 'en', true)).toBe('18 Jun 2026, 09:31:05');
  });
});

describe('wallTimeAt', () => {
  // The parts Intl gives for an instant, asked directly every time: what the kept offsets must agree with.
  const direct = (ms: number, zone: string) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(ms);
    const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return { year: part('year'), month: part('month'), day: part('day'), hours: part('hour') % 24, minutes: part('minute'), seconds: part('second') };
  };

  it('agrees with Intl at 3,000 seeded random instants in zones with summer time, half and quarter hours, and odd historical offsets', () => {
    let seed = 20260618;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Africa/Monrovia', 'UTC'];
    for (let i = 0; i < 3000; i++) {
      const zone = zones[i % zones.length];
      // 1965–2035, so Monrovia's change from −0:44:30 in 1972 is crossed.
      const ms = Math.floor(Date.UTC(1965, 0, 1) + random() * 70 * 365.25 * 86_400_000);
      expect(wallTimeAt(ms, zone), `${new Date(ms).toISOString()} ${zone}`).toEqual(direct(ms, zone));
    }
  });

  it('agrees with Intl on each side of a change of offset, to the second', () => {
    const change = utc('2026-03-08T07:00:00Z'); // New York springs forward
    for (const ms of [change - 1000, change, change + 1000, change - 1, change + 899_999]) expect(wallTimeAt(ms, 'America/New_York')).toEqual(direct(ms, 'America/New_York'));
  });

  it('asks Intl afresh inside a quarter of an hour in which the offset changes (Monrovia, 7 January 1972, at 00:44:30 UTC)', () => {
    const change = utc('1972-01-07T00:44:30Z');
    for (const ms of [change - 60_000, change - 1000, change, change + 10_000]) expect(wallTimeAt(ms, 'Africa/Monrovia')).toEqual(direct(ms, 'Africa/Monrovia'));
    expect(clockSecondsAt(change - 1000, 'Africa/Monrovia')).toBe('23:59:59');
    expect(clockSecondsAt(change, 'Africa/Monrovia')).toBe('00:44:30');
  });

  it('shows dashes in texts for an instant that is not a number, instead of throwing', () => {
    expect([clockAt(Number.NaN, 'UTC'), clockSecondsAt(Number.NaN, 'UTC'), dateAt(Number.NaN, 'UTC'), wallInputAt(Number.NaN, 'UTC')]).toEqual(['--:--', '--:--:--', '----------', '']);
    expect(() => wallTimeAt(Number.NaN, 'UTC')).toThrow(RangeError);
  });
});

describe('instantAt', () => {
  it('is the instant the wall clocks of the zone show a time on a date', () => {
    expect(instantAt('2026-06-18', clock(9, 0), 'Asia/Shanghai')).toBe(utc('2026-06-18T01:00:00Z'));
    expect(instantAt('2026-06-18', clock(9, 0), 'America/New_York')).toBe(utc('2026-06-18T13:00:00Z'));
    expect(instantAt('2026-01-18', clock(9, 0), 'America/New_York')).toBe(utc('2026-01-18T14:00:00Z'));
    expect(instantAt('2026-06-18', clock(0, 30, 15), 'Asia/Shanghai')).toBe(utc('2026-06-17T16:30:15Z'));
  });

  it('goes back to the same wall time through clockAt and dateAt, every hour of a year with summer time', () => {
    for (let day = 0; day < 366; day += 3)
      for (let hours = 0; hours < 24; hours++) {
        const date = dateAt(Date.UTC(2026, 0, 1 + day, 12), 'UTC');
        const at = instantAt(date, clock(hours, 17), 'Europe/Berlin')!;
        // 02:17 on the last Sunday of March does not exist in Berlin; every other time comes back as it was.
        if (date === '2026-03-29' && hours === 2) continue;
        expect(`${dateAt(at, 'Europe/Berlin')} ${clockAt(at, 'Europe/Berlin')}`).toBe(`${date} ${String(hours).padStart(2, '0')}:17`);
      }
  });

  it('reads a time the clocks skip with the offset before the change, and a time they repeat as its first occurrence', () => {
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT.
    expect(instantAt('2026-03-08', clock(2, 30), 'America/New_York')).toBe(utc('2026-03-08T07:30:00Z'));
    expect(clockAt(utc('2026-03-08T07:30:00Z'), 'America/New_York')).toBe('03:30');
    // 1 November 2026: 01:30 happens twice, first in EDT.
    expect(instantAt('2026-11-01', clock(1, 30), 'America/New_York')).toBe(utc('2026-11-01T05:30:00Z'));
  });

  it('is null for a day that does not exist or a clock out of range', () => {
    expect(instantAt('2026-02-30', clock(9, 0), 'Asia/Shanghai')).toBeNull();
    expect(instantAt('2026-13-01', clock(9, 0), 'Asia/Shanghai')).toBeNull();
    expect(instantAt('2026-06-18', clock(24, 0), 'Asia/Shanghai')).toBeNull();
    expect(instantAt('2028-02-29', clock(9, 0), 'Asia/Shanghai')).toBe(utc('2028-02-29T01:00:00Z'));
  });
});

describe('reading clock text', () => {
  it('takes a time of day with one or two hour digits, seconds, and a full-width colon', () => {
    expect(clockTimeOf('9:30')).toEqual(clock(9, 30));
    expect(clockTimeOf(' 09:30 ')).toEqual(clock(9, 30));
    expect(clockTimeOf('09:30:15')).toEqual(clock(9, 30, 15));
    expect(clockTimeOf('9：30')).toEqual(clock(9, 30));
  });

  it('refuses what is not a time of day', () => {
    for (const text of ['24:00', '9:75', '9点30', '930', '09:30:60', 'T+15', '', '9:3']) expect(clockTimeOf(text), text).toBeNull();
  });

  it('reads a wall time with or without its date', () => {
    expect(wallTimeOfText('09:31')).toEqual({ date: null, clock: clock(9, 31) });
    expect(wallTimeOfText('2026-05-20 09:31')).toEqual({ date: '2026-05-20', clock: clock(9, 31) });
    expect(wallTimeOfText('2026/5/20 9:31:05')).toEqual({ date: '2026-05-20', clock: clock(9, 31, 5) });
    expect(wallTimeOfText('2026.5.20T09:31')).toEqual({ date: '2026-05-20', clock: clock(9, 31) });
    expect(wallTimeOfText('2026-02-30 09:31')).toEqual({ date: '2026-02-30', clock: clock(9, 31) });
    expect(wallTimeOfText('2026-05-20')).toBeNull();
    expect(wallTimeOfText('9点31')).toBeNull();
    // Out of range, but shaped like a time: the caller says what is wrong with it.
    expect(wallTimeOfText('25:99')).toEqual({ date: null, clock: clock(25, 99) });
    expect(isClockTime(clock(25, 99))).toBe(false);
    expect(isClockTime(clock(23, 59, 59))).toBe(true);
  });

  it('tells an ISO instant with its own zone from a wall time', () => {
    expect(isZonedInstantText('2026-05-20T09:31:00+08:00')).toBe(true);
    expect(isZonedInstantText('2026-05-20T01:31:00.000Z')).toBe(true);
    expect(isZonedInstantText('2026-05-20T09:31')).toBe(false);
  });

  it('reads a spreadsheet date-time number as the wall time it shows, in either date system', () => {
    const wall = (year: number, month: number, day: number, hours: number, minutes: number) => ({ year, month, day, hours, minutes, seconds: 0 });
    expect(wallTimeOfSerial(46162.395833)).toEqual(wall(2026, 5, 20, 9, 30));
    expect(wallTimeOfSerial(44700.395833, true)).toEqual(wall(2026, 5, 20, 9, 30));
    // A time alone falls on the epoch day; a fraction a hair below midnight rounds to the next day.
    expect(wallTimeOfSerial(0.4375)).toEqual(wall(1899, 12, 30, 10, 30));
    expect(wallTimeOfSerial(46089.99999)).toEqual(wall(2026, 3, 9, 0, 0));
    // 02:30 on the night New York skips it is still 02:30: a spreadsheet has no zone.
    expect(wallTimeOfSerial(46089 + 150 / 1440)).toEqual(wall(2026, 3, 8, 2, 30));
    expect(wallTimeOfSerial(1e12)).toBeNull();
    expect(wallTimeOfSerial(Number.NaN)).toBeNull();
  });

  it('writes a date with four-digit year and two-digit month and day', () => {
    expect(dateTextOf(2026, 5, 2)).toBe('2026-05-02');
    expect(dateTextOf(99, 12, 31)).toBe('0099-12-31');
  });

  it('knows real calendar days', () => {
    expect(isCalendarDate('2026-06-18')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-6-18')).toBe(false);
  });
});

describe('zone names', () => {
  it('are IANA names the runtime knows', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Etc/GMT-8')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Asia/Beijing')).toBe(false);
    expect(isTimeZone('+08:00')).toBe(false);
  });
});

describe('longDateOf', () => {
  it('writes a calendar date the Chinese way in Chinese, as it is otherwise', () => {
    expect(longDateOf('2026-06-18', 'zh')).toBe('2026年6月18日');
    expect(longDateOf('2026-06-18', 'zh-CN')).toBe('2026年6月18日');
    expect(longDateOf('2026-06-18', 'en')).toBe('2026-06-18');
  });
});

describe('instantOfClockText', () => {
  // A drill in Shanghai from 22:30 to 01:10 the next night (UTC 14:30 to 17:10).
  const start = utc('2026-06-18T14:30:00Z');
  const end = utc('2026-06-18T17:10:00Z');

  it("finds a clock time on the drill's wall clocks within the run, past midnight included", () => {
    expect(instantOfClockText('22:45', start, end, 'Asia/Shanghai')).toBe(utc('2026-06-18T14:45:00Z'));
    expect(instantOfClockText('0:30', start, end, 'Asia/Shanghai')).toBe(utc('2026-06-18T16:30:00Z'));
    expect(instantOfClockText('00:30:15', start, end, 'Asia/Shanghai')).toBe(utc('2026-06-18T16:30:15Z'));
  });

  it('takes the nearest day when the time falls outside the run', () => {
    expect(instantOfClockText('22:00', start, end, 'Asia/Shanghai')).toBe(utc('2026-06-18T14:00:00Z'));
    expect(instantOfClockText('02:00', start, end, 'Asia/Shanghai')).toBe(utc('2026-06-18T18:00:00Z'));
  });

  it('reads the same text in another zone as another instant, and refuses what is not a clock time', () => {
    expect(instantOfClockText('10:30', start, end, 'UTC')).toBe(utc('2026-06-18T10:30:00Z'));
    expect(instantOfClockText('半夜', start, end, 'Asia/Shanghai')).toBeNull();
  });
});
