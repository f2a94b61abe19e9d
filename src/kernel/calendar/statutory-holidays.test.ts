import { describe, expect, it } from 'vitest';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { lunarFestivals, qingmingDay, statutoryDays, statutoryName } from './statutory-holidays.ts';

const shippedHolidays = new Set(Object.keys(data.holidays));
// chinese-days 1.5.7 leaves out 2012-06-23 (a Saturday inside 端午 06-22…24, "r(6,22).r(6,24)" for ".to").
const KNOWN_GAPS = new Set(['2012-06-23']);

describe('the days the law gives off', () => {
  it('are holidays in every official schedule chinese-days ships (2008–2026), under the rules of that year', () => {
    for (let year = 2008; year <= 2026; year++) {
      const missing = statutoryDays(year).filter((s) => !shippedHolidays.has(s.date) && !KNOWN_GAPS.has(s.date));
      expect(missing, String(year)).toEqual([]);
    }
  });
  it('2025 rules: 春节 4 days from 除夕, 劳动节 2 days; 2024 rules: 初一–初三 and 5-1 only', () => {
    const by = (y: number, h: string) => statutoryDays(y).filter((s) => s.holiday === h).map((s) => s.date);
    expect(by(2026, '春节')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19']);
    expect(by(2026, '劳动节')).toEqual(['2026-05-01', '2026-05-02']);
    expect(by(2024, '春节')).toEqual(['2024-02-10', '2024-02-11', '2024-02-12']);
    expect(by(2024, '劳动节')).toEqual(['2024-05-01']);
    expect(statutoryDays(2027)).toHaveLength(13);
  });
  it('2027: 春节 on 02-06 as the official lunar tables have it (ICU says 02-07), 端午 06-09, 中秋 09-15, 清明 04-05', () => {
    expect(lunarFestivals(2027)).toEqual({ newYear: '2027-02-06', duanwu: '2027-06-09', midAutumn: '2027-09-15' });
    expect(qingmingDay(2027)).toBe('2027-04-05');
    expect(lunarFestivals(2030).newYear).toBe('2030-02-03');
  });
  it('does not depend on the server time zone (each year computed first under a different TZ)', () => {
    const original = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(lunarFestivals(2041)).toEqual({ newYear: '2041-02-01', duanwu: '2041-06-03', midAutumn: '2041-09-10' });
      process.env.TZ = 'Pacific/Kiritimati';
      expect(lunarFestivals(2042)).toEqual({ newYear: '2042-01-22', duanwu: '2042-06-22', midAutumn: '2042-09-28' });
    } finally {
      process.env.TZ = original;
    }
  });
  it('names: the notice’s names and the short forms chinese-days writes; nothing else', () => {
    expect(statutoryName('中秋')).toBe('中秋节');
    expect(statutoryName(' 清明 ')).toBe('清明节');
    expect(statutoryName('国庆节')).toBe('国庆节');
    expect(statutoryName('圣诞节')).toBeNull();
    expect(statutoryName('中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日')).toBeNull();
  });
  it('refuses years outside the rules', () => {
    expect(() => statutoryDays(2007)).toThrow(/year/);
    expect(() => statutoryDays(2100)).toThrow(/year/);
  });
});
