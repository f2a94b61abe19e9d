import { describe, expect, it } from 'vitest';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { checkDays, checkSchedule } from './schedule-check.ts';
import { MADE_UP_2027 } from './test-schedule.ts';

/** A shipped year as an entered schedule would list it (chinese-days' short names included). */
function shipped(year: number) {
  const of = (m: Record<string, string>, kind: string) => Object.entries(m).filter(([d]) => d.startsWith(`${year}-`)).map(([date, v]) => ({ date, kind, name: v.split(',')[1] }));
  return [...of(data.holidays, 'holiday'), ...of(data.workdays, 'makeup')];
}
const fields = (year: number, days: unknown) => checkSchedule(year, days).problems.map((p) => p.field);
const with2027 = (change: (days: Array<Record<string, unknown>>) => void) => {
  const days = MADE_UP_2027.map((d) => ({ ...d }) as Record<string, unknown>);
  change(days);
  return days;
};

describe('checking a year’s schedule', () => {
  it('accepts every official schedule of 2016–2026 as chinese-days ships it', () => {
    for (let year = 2016; year <= 2026; year++) expect(checkDays(year, shipped(year)).problems, String(year)).toEqual([]);
  });
  it('accepts the made-up 2027 schedule, sorted, with the notice’s names', () => {
    const { days, problems } = checkSchedule(2027, [...MADE_UP_2027].reverse().map((d) => (d.name === '中秋节' ? { ...d, name: '中秋' } : d)));
    expect(problems).toEqual([]);
    expect(days[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
    expect(days.find((d) => d.date === '2027-09-15')?.name).toBe('中秋节');
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
  });
  it('refuses a year chinese-days ships, and a year outside the rules', () => {
    const r = checkSchedule(2026, shipped(2026));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ field: 'year' });
    expect(r.problems[0].message).toMatch(/chinese-days 1\.5\.\d+.*不能覆盖 \/ .*cannot be replaced/);
    expect(fields(2100, MADE_UP_2027)).toEqual(['year']);
    expect(fields(2027.5, MADE_UP_2027)).toEqual(['year']);
  });
  it('names the row of a date outside the year, malformed or impossible', () => {
    expect(fields(2027, with2027((d) => { d[3].date = '2028-02-04'; }))).toEqual(['days[3].date']);
    expect(fields(2027, with2027((d) => { d[3].date = '2027/02/04'; }))).toEqual(['days[3].date']);
    expect(fields(2027, with2027((d) => { d[3].date = '2027-02-30'; }))).toEqual(['days[3].date']);
  });
  it('a make-up working day must be a Saturday or Sunday, said with the weekday', () => {
    const r = checkSchedule(2027, with2027((d) => { d.push({ date: '2027-02-17', kind: 'makeup', name: '春节' }); }));
    expect(r.problems).toEqual([{ field: `days[${MADE_UP_2027.length}].date`, message: '2027-02-17 是星期三，调休上班日应为周六或周日 / 2027-02-17 is a Wednesday: a make-up working day must be a Saturday or Sunday' }]);
  });
  it('a day cannot be both a holiday and a make-up day, nor listed twice', () => {
    const both = checkSchedule(2027, with2027((d) => { d.push({ date: '2027-10-02', kind: 'makeup', name: '国庆节' }); }));
    expect(both.problems[0].field).toBe(`days[${MADE_UP_2027.length}].date`);
    expect(both.problems[0].message).toMatch(/不能既放假又调休上班.*both a holiday and a make-up working day/);
    const twice = checkSchedule(2027, with2027((d) => { d.push({ ...d[0] }); }));
    expect(twice.problems[0].message).toMatch(/重复（第 1 行已有）/);
  });
  it('kind and name: holiday|makeup, a statutory holiday', () => {
    expect(fields(2027, with2027((d) => { d[0].kind = '放假'; }))).toEqual(['days[0].kind']);
    expect(fields(2027, with2027((d) => { d[0].name = '圣诞节'; }))).toEqual(['days[0].name']);
    expect(fields(2027, with2027((d) => { d[0].extra = 1; }))).toEqual(['days[0].extra']);
  });
  it('the law’s days off must be holidays, 元旦 春节 国庆节 must be there, each day near its holiday', () => {
    const noNational = checkSchedule(2027, MADE_UP_2027.filter((d) => d.name !== '国庆节'));
    expect(noNational.problems.map((p) => p.message.split(' / ')[0])).toEqual([
      '缺少 2027-10-01：法定假日（国庆节）应列为放假', '缺少 2027-10-02：法定假日（国庆节）应列为放假', '缺少 2027-10-03：法定假日（国庆节）应列为放假', '没有国庆节的放假安排',
    ]);
    // 春节 is 4 days since 2025: 除夕 (02-05) must be off too.
    expect(checkSchedule(2027, MADE_UP_2027.filter((d) => d.date !== '2027-02-05')).problems.map((p) => p.message)).toEqual([
      '缺少 2027-02-05：法定假日（春节）应列为放假 / 2027-02-05 is missing: a statutory day off (Spring Festival) must be listed as a holiday',
    ]);
    // 劳动节 is 2 days since 2025.
    expect(checkSchedule(2027, MADE_UP_2027.filter((d) => d.date !== '2027-05-02')).problems[0].message).toMatch(/2027-05-02.*劳动节/);
    const farAway = checkSchedule(2027, with2027((d) => { d.push({ date: '2027-12-11', kind: 'holiday', name: '端午节' }); }));
    expect(farAway.problems).toEqual([{ field: `days[${MADE_UP_2027.length}].name`, message: expect.stringMatching(/^2027-12-11 离端午节（2027-06-09）超过 31 天/) }]);
    // A make-up Saturday for next year's 元旦 at the end of December is near it.
    expect(fields(2027, with2027((d) => { d.push({ date: '2027-12-25', kind: 'makeup', name: '元旦' }); }))).toEqual([]);
  });
  it('refuses an empty, oversized or non-list input', () => {
    expect(fields(2027, [])).toEqual(['days']);
    expect(fields(2027, { days: [] })).toEqual(['days']);
    expect(fields(2027, Array.from({ length: 121 }, () => MADE_UP_2027[0]))).toEqual(['days']);
  });
});
