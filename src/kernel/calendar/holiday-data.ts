// The official holiday schedule (国务院办公厅 部分节假日安排的通知), as shipped by the npm package
// `chinese-days`. We read its JSON rather than call its functions: those parse dates in the
// server's local time zone, and ours must not depend on it.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addDays, checkDay, weekday, yearOf, type Day } from './shanghai-time.ts';

// Each entry reads "English name,中文名,days" (e.g. "National Day,国庆节,3").
const holidays = data.holidays as Record<string, string>;
const makeupWorkdays = data.workdays as Record<string, string>;

const coveredYears: number[] = [...new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
const covered = new Set(coveredYears);

/** The years for which the holiday schedule is known (2004–2026 in chinese-days 1.5.7). */
export function calendarCoverage(): { years: number[]; first: number; last: number } {
  return { years: [...coveredYears], first: coveredYears[0], last: coveredYears[coveredYears.length - 1] };
}

export function isYearCovered(year: number): boolean {
  return covered.has(year);
}

/**
 * - `workday`: an ordinary Monday–Friday working day
 * - `makeup`: 调休上班 — a Saturday or Sunday worked in exchange for a holiday
 * - `holiday`: a day of a statutory holiday block (法定节假日, including the weekend days inside it)
 * - `weekend`: an ordinary Saturday or Sunday
 */
export type DayKind = 'workday' | 'makeup' | 'holiday' | 'weekend';

export interface DayInfo {
  date: Day;
  kind: DayKind;
  workday: boolean;
  /** The holiday a holiday or make-up day belongs to, in Chinese (e.g. 国庆节). */
  holiday?: string;
  /** false when the year's schedule is unknown: the day was judged by weekday alone. */
  covered: boolean;
}

function holidayName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

/** What kind of day it is on the official calendar. */
export function dayInfo(day: Day): DayInfo {
  checkDay(day);
  const isCovered = covered.has(yearOf(day));
  const makeup = makeupWorkdays[day];
  if (makeup) return { date: day, kind: 'makeup', workday: true, holiday: holidayName(makeup), covered: isCovered };
  const holiday = holidays[day];
  if (holiday) return { date: day, kind: 'holiday', workday: false, holiday: holidayName(holiday), covered: isCovered };
  const wd = weekday(day);
  const weekend = wd === 0 || wd === 6;
  return { date: day, kind: weekend ? 'weekend' : 'workday', workday: !weekend, covered: isCovered };
}

/** The holidays and make-up working days of one year, in date order (for `shiyu calendar check`). */
export function yearSchedule(year: number): { covered: boolean; holidays: DayInfo[]; makeupWorkdays: DayInfo[] } {
  const out = { covered: covered.has(year), holidays: [] as DayInfo[], makeupWorkdays: [] as DayInfo[] };
  for (let d = `${String(year).padStart(4, '0')}-01-01`; yearOf(d) === year; d = addDays(d, 1)) {
    const info = dayInfo(d);
    if (info.kind === 'holiday') out.holidays.push(info);
    if (info.kind === 'makeup') out.makeupWorkdays.push(info);
  }
  return out;
}
