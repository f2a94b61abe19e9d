// The working-day clock with pauses (计时暂停): while a ticket waits for the citizen's supplement
// (补充材料) or is suspended (挂起/中止), its time limit does not run. The clock runs through the
// whole 24 h of every working day and stands still on rest days and holidays; it starts at 00:00 of
// the day after receipt (the receipt day is not counted, as in addWorkdays). A pause is a stopped
// clock: at its end the ticket has exactly the working time it had left at its start.
import { dayInfo } from './holiday-data.ts';
import { addDays, checkInstant, DAY_MS, dayOf, endOfDay, startOfDay, type Day } from './shanghai-time.ts';
import { WarningCollector, type CalendarWarning } from './warnings.ts';
import type { Deadline } from './workdays.ts';

/** A span of time, `from` included, `to` excluded. */
export interface Interval { from: Date; to: Date }

/** Working-clock time in [a, b), in ms. */
function clockTime(a: number, b: number, seen: WarningCollector): number {
  let total = 0;
  for (let day: Day = dayOf(new Date(a)); a < b; day = addDays(day, 1)) {
    const dayStart = startOfDay(day).getTime();
    if (dayStart >= b) break;
    seen.touch(day);
    if (dayInfo(day).workday) total += Math.min(b, dayStart + DAY_MS) - Math.max(a, dayStart);
  }
  return Math.max(0, total);
}

/** The earliest instant u ≥ t with clockTime(t, u) = ms. */
function advanceClock(t: number, ms: number, seen: WarningCollector): number {
  if (ms <= 0) return t;
  let left = ms;
  for (let day: Day = dayOf(new Date(t)); ; day = addDays(day, 1)) {
    seen.touch(day);
    if (!dayInfo(day).workday) continue;
    const dayStart = startOfDay(day).getTime();
    const from = Math.max(t, dayStart);
    const available = dayStart + DAY_MS - from;
    if (left <= available) return from + left;
    left -= available;
  }
}

/** Sorted, merged pauses as [from, to) ms pairs, each clipped to start no earlier than `notBefore`. */
function normalisePauses(pauses: readonly Interval[], notBefore: number): Array<[number, number]> {
  const spans = pauses.map((p, i) => {
    checkInstant(p?.from, `pauses[${i}].from`);
    checkInstant(p?.to, `pauses[${i}].to`);
    if (p.to.getTime() < p.from.getTime()) throw new RangeError(`pauses[${i}].to: 暂停结束早于开始 / a pause cannot end before it starts`);
    return [Math.max(p.from.getTime(), notBefore), p.to.getTime()] as [number, number];
  }).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/** 00:00 of the day after receipt: when the working-day clock starts. */
function clockStart(receivedAt: Date): number {
  return startOfDay(addDays(dayOf(receivedAt), 1)).getTime();
}

/**
 * Working days used between receipt and `to`, pauses excluded, as the deadline counts them: 1.5
 * means one and a half working days of the limit are gone. A ticket is overdue when this exceeds N.
 */
export function elapsedWorkdays(from: Date, to: Date, pauses: readonly Interval[] = []): { workdays: number; warnings: CalendarWarning[] } {
  checkInstant(from, 'from');
  checkInstant(to, 'to');
  const seen = new WarningCollector();
  const start = clockStart(from);
  const end = to.getTime();
  let ms = clockTime(start, end, seen);
  for (const [a, b] of normalisePauses(pauses, start)) {
    if (a >= end) break;
    ms -= clockTime(a, Math.min(b, end), seen);
  }
  return { workdays: ms / DAY_MS, warnings: seen.list() };
}

export interface ExtendOptions {
  /** The instant of receipt: pause time before the clock started (the receipt day) is not counted. */
  receivedAt?: Date;
  /** Keep the exact instant instead of moving it to the end of its day (the default, as deadlines are whole days). */
  exact?: boolean;
}

/**
 * Moves a deadline by the working time its clock stood paused. A pause starting after the deadline
 * changes nothing (the ticket was already overdue); a pause running past it resumes the clock with
 * the time that was left at its start. Never earlier than the deadline given.
 */
export function extendDeadline(deadline: Date, pauses: readonly Interval[], options: ExtendOptions = {}): Deadline {
  checkInstant(deadline, 'deadline');
  const seen = new WarningCollector();
  const notBefore = options.receivedAt ? clockStart(checkInstant(options.receivedAt, 'receivedAt')) : -Infinity;
  // Exclusive end: the deadline's last instant plus 1 ms, so a day-end deadline is a whole day.
  let end = deadline.getTime() + 1;
  for (const [a, b] of normalisePauses(pauses, notBefore)) {
    if (a >= end) break;
    const left = clockTime(a, end, seen);
    end = Math.max(end, advanceClock(b, left, seen));
  }
  let at = new Date(end - 1);
  if (!options.exact && at.getTime() !== deadline.getTime()) at = endOfDay(dayOf(at));
  return { at, day: dayOf(at), warnings: seen.list() };
}
