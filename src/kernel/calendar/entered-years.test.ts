// The lookups with a year entered by the deployment (setEnteredYears, as the loader in
// src/modules/calendar calls it): the same synchronous answers as for the package's years.
import { afterEach, describe, expect, it } from 'vitest';
import { calendarCoverage, dayInfo, enteredYears, setEnteredYears, yearOrigin, yearSchedule, type EnteredYear } from './holiday-data.ts';
import { yearReport } from './check-year.ts';
import { addWorkdays } from './workdays.ts';
import { addWorkingHours } from './working-hours.ts';
import { MADE_UP_2027, MADE_UP_SOURCE } from './test-schedule.ts';
import { sh } from './test-dates.ts';

const y2027: EnteredYear = { year: 2027, days: MADE_UP_2027, source: MADE_UP_SOURCE, enteredBy: '测试管理员', enteredAt: '2026-11-26T02:00:00.000Z', version: 2 };
afterEach(() => { setEnteredYears([]); });

describe('an entered year', () => {
  it('counts its holidays and make-up days like the package’s, without warnings', () => {
    // Received Thu 2027-09-30: without the schedule day 1 is Fri 10-01 and 5 working days end Thu 10-07.
    expect(addWorkdays(sh('2027-09-30T10:00'), 5)).toMatchObject({ day: '2027-10-07', warnings: [{ year: 2027 }] });
    expect(setEnteredYears([y2027])).toEqual({ applied: [2027], ignored: [] });
    // With it: 10-01…07 off, make-up Sat 10-09 counts → 10-08, 10-09, 10-11, 10-12, 10-13.
    expect(addWorkdays(sh('2027-09-30T10:00'), 5)).toMatchObject({ day: '2027-10-13', warnings: [] });
    expect(dayInfo('2027-10-09')).toEqual({ date: '2027-10-09', kind: 'makeup', workday: true, holiday: '国庆节', covered: true });
    expect(dayInfo('2027-02-08')).toEqual({ date: '2027-02-08', kind: 'holiday', workday: false, holiday: '春节', covered: true });
    expect(dayInfo('2027-03-01')).toEqual({ date: '2027-03-01', kind: 'workday', workday: true, covered: true });
    expect(addWorkingHours(sh('2027-09-30T17:00'), 2, { mode: 'working' }).at).toEqual(sh('2027-10-08T10:00'));
  });
  it('is part of the coverage, said where it came from', () => {
    setEnteredYears([y2027]);
    expect(calendarCoverage()).toMatchObject({ last: 2027, entered: [2027] });
    expect(calendarCoverage().years.at(-1)).toBe(2027);
    expect(yearOrigin(2027)).toBe('entered');
    expect(yearOrigin(2026)).toBe('shipped');
    expect(yearOrigin(2028)).toBeNull();
    const { text, warnings } = yearReport(2027);
    expect(warnings).toEqual([]);
    expect(text).toContain(`数据来源 source: ${MADE_UP_SOURCE}（录入 entered by 测试管理员, 2026-11-26 10:00:00, 第 2 版 version 2）`);
    expect(text).toContain('2027-10-01（五） – 2027-10-07（四）   7 天 days  国庆节');
    expect(text.split('调休上班')[1].match(/\d{4}-\d{2}-\d{2}/g)).toEqual(['2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09']);
    expect(yearSchedule(2027).makeupWorkdays).toHaveLength(4);
    expect(addWorkdays(sh('2027-12-28T10:00'), 5).warnings[0].message).toMatch(/2028.*2004–2026 \(chinese-days [\d.]+\), 2027 \(entered\)/);
  });
  it('never overrides a year of the package: ignored, for the loader to log', () => {
    const fake2026: EnteredYear = { ...y2027, year: 2026, days: [{ date: '2026-03-02', kind: 'holiday', name: '春节' }] };
    expect(setEnteredYears([fake2026, y2027])).toEqual({ applied: [2027], ignored: [2026] });
    expect(dayInfo('2026-03-02').kind).toBe('workday');
    expect(enteredYears().map((y) => y.year)).toEqual([2027]);
  });
  it('is replaced as a whole by the next load', () => {
    setEnteredYears([y2027]);
    setEnteredYears([]);
    expect(dayInfo('2027-10-01')).toMatchObject({ kind: 'workday', covered: false });
    expect(calendarCoverage().last).toBe(2026);
  });
});
