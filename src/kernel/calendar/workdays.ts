// Deadlines in working days (工作日), the way 12345 hotline rules count them:
// "自受理之日起 N 个工作日内办结" — the day of receipt is not counted (民法典 第二百零一条: a period
// counted in days starts on the next day), day 1 is the first working day after it, and the period
// ends at 24:00 of the N-th working day (民法典 第二百零三条), written as 23:59:59.999 Shanghai.
// So the hour of receipt does not matter: a ticket received Friday 08:00 or Friday 23:50 gets the
// same deadline, and one received on a holiday starts counting on the first working day after it.
// N = 0 means 当日: the end of the day of receipt.
import { dayInfo } from './holiday-data.ts';
import { addDays, checkDay, checkInstant, dayOf, endOfDay, type Day } from './shanghai-time.ts';
import { logWarningOnce, WarningCollector, yearNotCovered, type CalendarWarning, type WarnCallback } from './warnings.ts';

export interface Deadline {
  /** The last instant still on time: 23:59:59.999 Shanghai of the last day (or the exact hour). */
  at: Date;
  /** The Shanghai day of `at`. */
  day: Day;
  /** Uncovered years the computation touched; empty when every day was on the official calendar. */
  warnings: CalendarWarning[];
}

/** Is it a working day (an ordinary weekday that is no holiday, or a make-up working day 调休上班)? */
export function isWorkday(day: Day, warn: WarnCallback = logWarningOnce): boolean {
  const info = dayInfo(day);
  if (!info.covered) warn(yearNotCovered(Number(day.slice(0, 4))));
  return info.workday;
}

/** The first working day strictly after `day`. */
export function nextWorkday(day: Day, warn: WarnCallback = logWarningOnce): Day {
  const c = new WarningCollector();
  const next = nthWorkdayAfter(checkDay(day), 1, c);
  for (const w of c.list()) warn(w);
  return next;
}

/** The n-th working day after `day` (n ≥ 1), noting every day looked at. */
export function nthWorkdayAfter(day: Day, n: number, seen: WarningCollector): Day {
  let d = day;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    seen.touch(d);
    if (dayInfo(d).workday) left--;
  }
  return d;
}

export function checkCount(n: number, field: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 3660) throw new RangeError(`${field}: 应为 0–3660 的整数 / must be a whole number 0–3660, got ${n}`);
  return n;
}

/** The deadline of "N working days" from an instant of receipt (see the convention above). */
export function addWorkdays(start: Date, n: number): Deadline {
  checkInstant(start, 'start');
  checkCount(n, 'workdays');
  const seen = new WarningCollector();
  const day = n === 0 ? dayOf(start) : nthWorkdayAfter(dayOf(start), n, seen);
  return { at: endOfDay(day), day, warnings: seen.list() };
}
