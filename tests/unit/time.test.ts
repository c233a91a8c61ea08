import { describe, expect, it } from 'vitest';
import { clockOf, minutesBetween, tPlusOf } from '../../shared/time';

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
