// Expected values are read off the official schedules (国务院办公厅 2024-11 and 2025-11 notices):
// 2025 春节 01-28…02-04, make-up 01-26 (Sun) 02-08 (Sat); 2025 国庆+中秋 10-01…10-08, make-up 09-28 (Sun)
// 10-11 (Sat); 2026 元旦 01-01…01-03, make-up 01-04 (Sun); 2026 春节 02-15…02-23, make-up 02-14 (Sat)
// 02-28 (Sat); 2026 中秋 09-25…09-27; 2026 国庆 10-01…10-07, make-up 09-20 (Sun) 10-10 (Sat).
import { describe, expect, it, vi } from 'vitest';
import { addWorkdays, isWorkday, nextWorkday } from './workdays.ts';
import { calendarCoverage, dayInfo } from './holiday-data.ts';
import type { CalendarWarning } from './warnings.ts';
import { endOf, sh } from './test-dates.ts';

const deadlineDay = (received: string, n: number) => addWorkdays(sh(received), n).day;

describe('isWorkday on the official calendar', () => {
  it('make-up Saturdays and Sundays are working days', () => {
    for (const d of ['2025-01-26', '2025-02-08', '2025-09-28', '2025-10-11', '2026-01-04', '2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10']) {
      expect(isWorkday(d), d).toBe(true);
    }
  });
  it('holiday weekdays and ordinary weekends are not', () => {
    for (const d of ['2025-01-28', '2025-02-04', '2025-10-08', '2026-01-02', '2026-02-23', '2026-09-25', '2026-10-01', '2026-10-07', '2026-10-11', '2026-03-07', '2026-03-08']) {
      expect(isWorkday(d), d).toBe(false);
    }
  });
  it('ordinary weekdays are', () => {
    for (const d of ['2026-10-08', '2026-10-09', '2026-02-24', '2025-10-09', '2026-03-09']) expect(isWorkday(d), d).toBe(true);
  });
  it('names the holiday of holiday and make-up days', () => {
    expect(dayInfo('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'makeup', workday: true, holiday: '国庆节', covered: true });
    expect(dayInfo('2026-09-25')).toMatchObject({ kind: 'holiday', holiday: '中秋' });
    expect(dayInfo('2025-10-06')).toMatchObject({ kind: 'holiday', holiday: '中秋' });
    expect(dayInfo('2026-10-11')).toEqual({ date: '2026-10-11', kind: 'weekend', workday: false, covered: true });
  });
  it('refuses a malformed or impossible date, naming it', () => {
    expect(() => isWorkday('2026-02-30')).toThrow(/date: .*"2026-02-30"/);
    expect(() => isWorkday('2026/10/01')).toThrow(RangeError);
  });
  it('nextWorkday is strictly after the day', () => {
    expect(nextWorkday('2026-09-30')).toBe('2026-10-08');
    expect(nextWorkday('2026-10-09')).toBe('2026-10-10');
    expect(nextWorkday('2026-02-13')).toBe('2026-02-14');
    expect(nextWorkday('2026-02-14')).toBe('2026-02-24');
  });
});

describe('addWorkdays: day 1 is the first working day after the day of receipt, ends 23:59:59.999', () => {
  it('across 国庆 2026 with the make-up Saturday 10-10', () => {
    expect(addWorkdays(sh('2026-09-30T10:00'), 1).at).toEqual(endOf('2026-10-08'));
    expect(deadlineDay('2026-09-30T10:00', 3)).toBe('2026-10-10');
    expect(deadlineDay('2026-09-30T10:00', 13)).toBe('2026-10-23');
  });
  it('across 中秋 2026 (09-25 Fri … 09-27)', () => {
    expect(deadlineDay('2026-09-24T09:00', 3)).toBe('2026-09-30');
  });
  it('received on a holiday: counting starts on the first working day after it', () => {
    expect(deadlineDay('2026-10-03T14:00', 1)).toBe('2026-10-08');
    expect(deadlineDay('2026-10-03T14:00', 3)).toBe('2026-10-10');
    expect(deadlineDay('2026-02-17T10:00', 3)).toBe('2026-02-26');
  });
  it('received late on a Friday: the hour does not matter, the next working day is day 1', () => {
    expect(deadlineDay('2026-10-16T18:30', 1)).toBe('2026-10-19');
    expect(addWorkdays(sh('2026-10-16T00:00'), 1).at).toEqual(addWorkdays(sh('2026-10-16T23:59:59.999'), 1).at);
    // …unless the weekend has a make-up day: Friday 09-18 → Sunday 09-20 is a working day.
    expect(deadlineDay('2026-09-18T17:50', 1)).toBe('2026-09-20');
    expect(deadlineDay('2026-09-18T17:50', 3)).toBe('2026-09-22');
    expect(deadlineDay('2026-10-09T23:30', 1)).toBe('2026-10-10');
    expect(deadlineDay('2025-09-26T17:00', 1)).toBe('2025-09-28');
  });
  it('across 国庆+中秋 2025 (10-01…10-08, make-up 10-11)', () => {
    expect(deadlineDay('2025-09-30T10:00', 3)).toBe('2025-10-11');
    expect(deadlineDay('2025-09-30T10:00', 13)).toBe('2025-10-24');
  });
  it('across 春节 2026 with make-up Saturdays 02-14 and 02-28', () => {
    expect(deadlineDay('2026-02-13T16:00', 1)).toBe('2026-02-14');
    expect(deadlineDay('2026-02-13T16:00', 3)).toBe('2026-02-25');
    expect(deadlineDay('2026-02-13T16:00', 13)).toBe('2026-03-10');
  });
  it('across 春节 2025 with make-up Sunday 01-26 and Saturday 02-08', () => {
    expect(deadlineDay('2025-01-24T10:00', 3)).toBe('2025-02-05');
    expect(deadlineDay('2025-01-24T10:00', 13)).toBe('2025-02-18');
  });
  it('across the year boundary into 元旦 2026 and its make-up Sunday 01-04', () => {
    expect(deadlineDay('2025-12-31T15:00', 1)).toBe('2026-01-04');
    expect(deadlineDay('2025-12-31T15:00', 3)).toBe('2026-01-06');
  });
  it('0 working days is 当日: the end of the day of receipt', () => {
    expect(addWorkdays(sh('2026-10-03T14:00'), 0)).toEqual({ at: endOf('2026-10-03'), day: '2026-10-03', warnings: [] });
  });
  it('counts Shanghai days whatever the server zone: 00:30 Saturday 10-10 in Shanghai is still Friday in UTC', () => {
    expect(addWorkdays(new Date('2026-10-09T16:30:00Z'), 1).at).toEqual(new Date('2026-10-12T23:59:59.999+08:00'));
  });
  it('refuses a bad count or instant, naming it', () => {
    expect(() => addWorkdays(sh('2026-10-09T10:00'), -1)).toThrow(/workdays/);
    expect(() => addWorkdays(sh('2026-10-09T10:00'), 1.5)).toThrow(/workdays/);
    expect(() => addWorkdays(new Date('nope'), 1)).toThrow(/start/);
  });
});

describe('years outside the data: weekends only, never silent', () => {
  const after = calendarCoverage().last + 1;
  it('coverage is the contiguous years chinese-days ships, 2004 to at least 2026', () => {
    const { years, first, last } = calendarCoverage();
    expect(first).toBe(2004);
    expect(last).toBeGreaterThanOrEqual(2026);
    expect(years).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
  });
  it('a deadline running into an uncovered year still counts weekends and says so', () => {
    // 2099-06-01 is a Monday.
    const r = addWorkdays(sh('2099-06-01T10:00'), 5);
    expect(r.day).toBe('2099-06-08');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: 'calendar_year_not_covered', year: 2099 });
    expect(r.warnings[0].message).toMatch(/2099.*update chinese-days/);
  });
  it('the warning appears only when an uncovered day is looked at', () => {
    const lastDec30 = `${after - 1}-12-30`;
    expect(addWorkdays(sh(`${lastDec30}T10:00`), 0).warnings).toEqual([]);
    const into = addWorkdays(sh(`${lastDec30}T10:00`), 5);
    expect(into.warnings.map((w) => w.year)).toEqual([after]);
  });
  it('single-day questions pass the warning to the callback, by default a process warning once a year', () => {
    const got: CalendarWarning[] = [];
    expect(isWorkday('2099-10-01', (w) => got.push(w))).toBe(true); // a Thursday
    expect(got.map((w) => w.year)).toEqual([2099]);
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    isWorkday('2098-10-01');
    isWorkday('2098-10-02');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(String(spy.mock.calls[0][0])).toMatch(/2098/);
    spy.mockRestore();
  });
});
