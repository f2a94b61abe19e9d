// The statutory holidays (法定节假日) of 全国年节及纪念日放假办法, and the days the law itself gives
// off in a year — what an entered schedule (节假日安排) must contain. The yearly notice of
// 国务院办公厅 only arranges blocks and make-up days around these days.
// Lunar dates come from chinese-days' tables (getLunarDate, pure UTC arithmetic), not from
// Intl's Chinese calendar: ICU computes new moons astronomically and misses near midnight —
// it puts 2027's 春节 on 02-07 where the official calendar has 02-06.
import chineseDays from 'chinese-days';
import { addDays, type Day } from './shanghai-time.ts';

export const STATUTORY_HOLIDAYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
export type StatutoryHoliday = (typeof STATUTORY_HOLIDAYS)[number];

/** English names, for the English half of messages. */
export const HOLIDAY_EN: Record<StatutoryHoliday, string> = {
  元旦: "New Year's Day", 春节: 'Spring Festival', 清明节: 'Qingming Festival', 劳动节: 'Labour Day', 端午节: 'Dragon Boat Festival', 中秋节: 'Mid-Autumn Festival', 国庆节: 'National Day',
};

/** Every year's notice arranges these; the lunar ones may merge into a neighbour's block (2025: 国庆节/中秋节). */
export const REQUIRED_HOLIDAYS: readonly StatutoryHoliday[] = ['元旦', '春节', '国庆节'];

/** Short forms (chinese-days writes 清明, 端午, 中秋) → the names of the notice. */
const ALIASES: Record<string, StatutoryHoliday> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节', 国庆: '国庆节', 劳动: '劳动节', 五一: '劳动节' };

/** The notice's name of a holiday, or null when it is not a statutory holiday. */
export function statutoryName(name: string): StatutoryHoliday | null {
  const n = name.trim();
  if ((STATUTORY_HOLIDAYS as readonly string[]).includes(n)) return n as StatutoryHoliday;
  return ALIASES[n] ?? null;
}

/**
 * Which days of a festival are off, by the rules in force:
 * - 国务院令第513号 (2008): 清明, 端午, 中秋 added; 春节 除夕–初二; 劳动节 5-1.
 * - 国务院令第644号 (2014): 春节 初一–初三.
 * - 国务院令第795号 (2025): 春节 除夕–初三 (4 days); 劳动节 5-1 and 5-2.
 * (chinese-days records the same changes as its day counts: 春节 3→4, 劳动节 1→2 in 2025.)
 */
interface Rules { since: number; /** 春节 days as offsets from 初一 (除夕 = −1). */ spring: [number, number]; labourDays: number }
const RULES: Rules[] = [
  { since: 2025, spring: [-1, 2], labourDays: 2 },
  { since: 2014, spring: [0, 2], labourDays: 1 },
  { since: 2008, spring: [-1, 1], labourDays: 1 },
];

export const FIRST_RULED_YEAR = 2008;

export interface StatutoryDay { date: Day; holiday: StatutoryHoliday }

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * 清明 falls on the solar term 清明 (Apr 4 or 5 this century): the 寿星 formula
 * ⌊Y·0.2422 + C⌋ − ⌊Y/4⌋ with C = 4.81 for 2001–2099, as chinese-days computes it.
 */
export function qingmingDay(year: number): Day {
  const y = year % 100;
  return `${year}-04-${pad(Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4))}`;
}

const lunarCache = new Map<number, { newYear: Day; duanwu: Day; midAutumn: Day }>();

/** 正月初一, 五月初五 and 八月十五 (never of a leap month) falling in the Gregorian year. */
export function lunarFestivals(year: number): { newYear: Day; duanwu: Day; midAutumn: Day } {
  const cached = lunarCache.get(year);
  if (cached) return cached;
  const found: Partial<Record<'newYear' | 'duanwu' | 'midAutumn', Day>> = {};
  for (let d: Day = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const l = chineseDays.getLunarDate(d);
    if (l.isLeap) continue;
    if (l.lunarMon === 1 && l.lunarDay === 1) found.newYear = d;
    if (l.lunarMon === 5 && l.lunarDay === 5) found.duanwu = d;
    if (l.lunarMon === 8 && l.lunarDay === 15) found.midAutumn = d;
  }
  if (!found.newYear || !found.duanwu || !found.midAutumn) throw new RangeError(`year: ${year} 年农历数据缺失 / no lunar data for ${year}`);
  const out = found as { newYear: Day; duanwu: Day; midAutumn: Day };
  lunarCache.set(year, out);
  return out;
}

/** The days off by law in a year (2008–2099), in date order; each must be a holiday of that year's schedule. */
export function statutoryDays(year: number): StatutoryDay[] {
  if (!Number.isInteger(year) || year < FIRST_RULED_YEAR || year > 2099) throw new RangeError(`year: 应为 ${FIRST_RULED_YEAR}–2099 / must be ${FIRST_RULED_YEAR}–2099, got ${year}`);
  const rules = RULES.find((r) => year >= r.since)!;
  const lunar = lunarFestivals(year);
  const out: StatutoryDay[] = [{ date: `${year}-01-01`, holiday: '元旦' }];
  for (let i = rules.spring[0]; i <= rules.spring[1]; i++) out.push({ date: addDays(lunar.newYear, i), holiday: '春节' });
  out.push({ date: qingmingDay(year), holiday: '清明节' });
  for (let i = 1; i <= rules.labourDays; i++) out.push({ date: `${year}-05-${pad(i)}`, holiday: '劳动节' });
  out.push({ date: lunar.duanwu, holiday: '端午节' }, { date: lunar.midAutumn, holiday: '中秋节' });
  for (let i = 1; i <= 3; i++) out.push({ date: `${year}-10-${pad(i)}`, holiday: '国庆节' });
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
