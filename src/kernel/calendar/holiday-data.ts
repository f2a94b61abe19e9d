// The official holiday schedule (国务院办公厅 部分节假日安排的通知), as shipped by the npm package
// `chinese-days`, plus the years a deployment entered itself once the package's data ran out
// (loaded from the database by src/modules/calendar; see setEnteredYears). We read the package's
// JSON rather than call its functions: those parse dates in the server's local time zone, and
// ours must not depend on it. Every lookup here stays synchronous and pure.
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import pkg from 'chinese-days/package.json' with { type: 'json' };
import { addDays, checkDay, weekday, yearOf, type Day } from './shanghai-time.ts';

// Each entry reads "English name,中文名,days" (e.g. "National Day,国庆节,3").
const holidays = data.holidays as Record<string, string>;
const makeupWorkdays = data.workdays as Record<string, string>;

const shippedYears: number[] = [...new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
const shipped = new Set(shippedYears);

/** Where the package's data comes from, for coverage notes. */
export const SHIPPED_CALENDAR = Object.freeze({ package: 'chinese-days', version: pkg.version as string, first: shippedYears[0], last: shippedYears[shippedYears.length - 1] });

/** A holiday or make-up working day of an entered schedule; `name` is the holiday in Chinese (国庆节). */
export interface ScheduleDay { date: Day; kind: 'holiday' | 'makeup'; name: string }

/** A year's schedule entered by the deployment (table calendar_year_version, its latest version). */
export interface EnteredYear {
  year: number;
  days: readonly ScheduleDay[];
  /** The notice it was copied from, e.g. 国办发明电〔2026〕X号. */
  source: string;
  enteredBy: string;
  enteredAt: string;
  version: number;
}

let entered = new Map<number, EnteredYear>();
let enteredDays = new Map<Day, ScheduleDay>();

export function isShippedYear(year: number): boolean {
  return shipped.has(year);
}

/**
 * Replaces the entered years the lookups use. A year the package ships wins over an entered one
 * (entered before an upgrade of chinese-days): such years come back in `ignored` for a log note.
 */
export function setEnteredYears(years: readonly EnteredYear[]): { applied: number[]; ignored: number[] } {
  const next = new Map<number, EnteredYear>();
  const days = new Map<Day, ScheduleDay>();
  const ignored: number[] = [];
  for (const y of years) {
    if (shipped.has(y.year)) { ignored.push(y.year); continue; }
    next.set(y.year, y);
    for (const d of y.days) days.set(d.date, d);
  }
  entered = next;
  enteredDays = days;
  return { applied: [...next.keys()].sort((a, b) => a - b), ignored };
}

/**
 * Runs `fn` with the calendar as it would be with `years` entered, then puts the current ones back:
 * to compare a deadline before and after a year is entered. `fn` must be synchronous (no await), so
 * nothing else runs meanwhile.
 */
export function withEnteredYears<T>(years: readonly EnteredYear[], fn: () => T): T {
  const saved = { entered, enteredDays };
  setEnteredYears(years);
  try {
    const out = fn();
    if (out instanceof Promise) throw new Error('withEnteredYears: fn must be synchronous');
    return out;
  } finally {
    ({ entered, enteredDays } = saved);
  }
}

/** The entered years in use (package years excluded), in year order. */
export function enteredYears(): EnteredYear[] {
  return [...entered.values()].sort((a, b) => a.year - b.year);
}

/** shipped: in chinese-days; entered: entered by this deployment; null: unknown (weekends only). */
export function yearOrigin(year: number): 'shipped' | 'entered' | null {
  return shipped.has(year) ? 'shipped' : entered.has(year) ? 'entered' : null;
}

/** The years for which the holiday schedule is known: chinese-days' (2004–2026 in 1.5.7) and the entered ones. */
export function calendarCoverage(): { years: number[]; first: number; last: number; shipped: typeof SHIPPED_CALENDAR; entered: number[] } {
  const years = [...new Set([...shippedYears, ...entered.keys()])].sort((a, b) => a - b);
  return { years, first: years[0], last: years[years.length - 1], shipped: SHIPPED_CALENDAR, entered: [...entered.keys()].sort((a, b) => a - b) };
}

/** "2004–2026 (chinese-days 1.5.7), 2027 (entered)" — for warnings and the CLI, in either language. */
export function describeCoverage(): string {
  const extra = enteredYears().map((y) => y.year);
  return `${SHIPPED_CALENDAR.first}–${SHIPPED_CALENDAR.last} (chinese-days ${SHIPPED_CALENDAR.version})${extra.length ? `, ${extra.join(', ')} (entered)` : ''}`;
}

export function isYearCovered(year: number): boolean {
  return shipped.has(year) || entered.has(year);
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
  const year = yearOf(day);
  if (shipped.has(year)) {
    const makeup = makeupWorkdays[day];
    if (makeup) return { date: day, kind: 'makeup', workday: true, holiday: holidayName(makeup), covered: true };
    const holiday = holidays[day];
    if (holiday) return { date: day, kind: 'holiday', workday: false, holiday: holidayName(holiday), covered: true };
  } else {
    const e = enteredDays.get(day);
    if (e) return { date: day, kind: e.kind, workday: e.kind === 'makeup', holiday: e.name, covered: true };
  }
  const wd = weekday(day);
  const weekend = wd === 0 || wd === 6;
  return { date: day, kind: weekend ? 'weekend' : 'workday', workday: !weekend, covered: isYearCovered(year) };
}

/** The holidays and make-up working days of one year, in date order (for `shiyu calendar check`). */
export function yearSchedule(year: number): { covered: boolean; holidays: DayInfo[]; makeupWorkdays: DayInfo[] } {
  const out = { covered: isYearCovered(year), holidays: [] as DayInfo[], makeupWorkdays: [] as DayInfo[] };
  for (let d = `${String(year).padStart(4, '0')}-01-01`; yearOf(d) === year; d = addDays(d, 1)) {
    const info = dayInfo(d);
    if (info.kind === 'holiday') out.holidays.push(info);
    if (info.kind === 'makeup') out.makeupWorkdays.push(info);
  }
  return out;
}
