// Urgent items (紧急诉求) are counted in hours. Centres do it two ways, so both are here:
// - `natural`: clock hours, nights and holidays included ("24 小时内办结");
// - `working`: only the office hours of working days (default 08:30–12:00 and 13:30–17:30).
// In working mode a deadline that uses up a window exactly ends at that window's close (12:00,
// not 13:30), and time before the first window of a day or outside windows does not count.
import { dayInfo } from './holiday-data.ts';
import { addDays, atMinute, checkInstant, dayOf, endOfDay, type Day } from './shanghai-time.ts';
import { WarningCollector } from './warnings.ts';
import type { Deadline } from './workdays.ts';

export type HoursMode = 'natural' | 'working';

/** An office-hours window of a working day, Shanghai wall-clock 'HH:MM'. */
export interface WorkingWindow { from: string; to: string }

export const DEFAULT_WORKING_HOURS: readonly WorkingWindow[] = Object.freeze([
  { from: '08:30', to: '12:00' },
  { from: '13:30', to: '17:30' },
]);

export interface HoursOptions {
  mode: HoursMode;
  workingHours?: readonly WorkingWindow[];
}

function minuteOf(hhmm: string, field: string): number {
  const m = typeof hhmm === 'string' ? /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm) : null;
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!(minutes <= 24 * 60)) throw new RangeError(`${field}: 时间应为 HH:MM（00:00–24:00）/ expected a time HH:MM between 00:00 and 24:00, got ${JSON.stringify(hhmm)}`);
  return minutes;
}

/** Parses the windows into minutes of the day; they must be in order and must not overlap. */
export function parseWorkingHours(windows: readonly WorkingWindow[], field = 'workingHours'): Array<[number, number]> {
  if (!Array.isArray(windows) || windows.length === 0) throw new RangeError(`${field}: 至少需要一个办公时段 / at least one window of office hours is needed`);
  const out: Array<[number, number]> = [];
  windows.forEach((w, i) => {
    const from = minuteOf(w?.from, `${field}[${i}].from`);
    const to = minuteOf(w?.to, `${field}[${i}].to`);
    if (to <= from) throw new RangeError(`${field}[${i}].to: 结束应晚于开始 / must be later than from`);
    if (i > 0 && from < out[i - 1][1]) throw new RangeError(`${field}[${i}].from: 时段应按先后排列且不重叠 / windows must be in order and must not overlap`);
    out.push([from, to]);
  });
  return out;
}

export function checkHours(hours: number, field: string): number {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > 10_000) {
    throw new RangeError(`${field}: 应为 0–10000 的小时数 / must be a number of hours 0–10000, got ${hours}`);
  }
  return hours;
}

/** The deadline `hours` after `start`, in natural or working hours. 0 hours is `start` itself. */
export function addWorkingHours(start: Date, hours: number, options: HoursOptions): Deadline {
  checkInstant(start, 'start');
  checkHours(hours, 'hours');
  const ms = Math.round(hours * 3600_000);
  if (options.mode === 'natural') {
    const at = new Date(start.getTime() + ms);
    return { at, day: dayOf(at), warnings: [] };
  }
  if (options.mode !== 'working') throw new RangeError(`mode: 应为 natural 或 working / must be natural or working, got ${JSON.stringify(options.mode)}`);
  const windows = parseWorkingHours(options.workingHours ?? DEFAULT_WORKING_HOURS);
  if (ms === 0) return { at: start, day: dayOf(start), warnings: [] };
  const seen = new WarningCollector();
  let left = ms;
  for (let day: Day = dayOf(start); ; day = addDays(day, 1)) {
    seen.touch(day);
    if (!dayInfo(day).workday) continue;
    for (const [from, to] of windows) {
      const open = Math.max(start.getTime(), atMinute(day, from).getTime());
      const close = Math.min(atMinute(day, to).getTime(), endOfDay(day).getTime() + 1);
      if (open >= close) continue;
      if (left <= close - open) {
        const at = new Date(open + left);
        return { at, day: dayOf(new Date(at.getTime() - 1)), warnings: seen.list() };
      }
      left -= close - open;
    }
  }
}
