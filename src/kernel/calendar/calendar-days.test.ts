// Periods in calendar days, 民事诉讼法 第八十五条: the start day is not counted; a last day that is a
// holiday or rest day moves to the first working day after it; a make-up working day does not move.
import { describe, expect, it } from 'vitest';
import { calendarDeadline } from './calendar-days.ts';
import { endOf, sh } from './test-dates.ts';

const thirty = (start: string) => calendarDeadline(sh(start), 30, { holidayRollover: true });

describe('calendarDeadline (30 days of 诉前调解 / 司法确认)', () => {
  it('day 30 on National Day 2026 moves to 10-08', () => {
    expect(thirty('2026-09-01T10:00')).toEqual({ at: endOf('2026-10-08'), day: '2026-10-08', lastDay: '2026-10-01', rolled: true, warnings: [] });
  });
  it('day 30 on the make-up Saturday 10-10 stays (a working day)', () => {
    expect(thirty('2026-09-10T10:00')).toMatchObject({ day: '2026-10-10', rolled: false });
  });
  it('day 30 on an ordinary Sunday moves to Monday', () => {
    expect(thirty('2026-09-11T10:00')).toMatchObject({ day: '2026-10-12', lastDay: '2026-10-11', rolled: true });
  });
  it('day 30 in 春节 2026 moves to 02-24; on the make-up Saturday 02-14 it stays', () => {
    expect(thirty('2026-01-16T10:00')).toMatchObject({ lastDay: '2026-02-15', day: '2026-02-24' });
    expect(thirty('2026-01-15T10:00')).toMatchObject({ day: '2026-02-14', rolled: false });
  });
  it('day 30 on 元旦 2026 moves past 01-02 and 01-03 to the make-up Sunday 01-04', () => {
    expect(thirty('2025-12-02T10:00')).toMatchObject({ lastDay: '2026-01-01', day: '2026-01-04' });
  });
  it('day 30 on 2025-10-08 (国庆+中秋) moves to 10-09', () => {
    expect(thirty('2025-09-08T10:00')).toMatchObject({ day: '2025-10-09' });
  });
  it('without rollover the last day stays', () => {
    expect(calendarDeadline(sh('2026-09-01T10:00'), 30, { holidayRollover: false })).toMatchObject({ day: '2026-10-01', rolled: false });
  });
  it('counts from the Shanghai day: 00:30 on 09-01 in Shanghai is 08-31 in UTC', () => {
    expect(calendarDeadline(new Date('2026-08-31T16:30:00Z'), 30).day).toBe('2026-10-08');
  });
  it('warns when the last day is in an uncovered year', () => {
    expect(calendarDeadline(sh('2099-06-01T10:00'), 30).warnings.map((w) => w.year)).toEqual([2099]);
  });
});
