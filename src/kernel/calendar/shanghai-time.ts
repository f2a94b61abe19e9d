// Dates of the working calendar are days in China Standard Time (UTC+8, no daylight saving since
// 1991), whatever the server's TZ: every conversion goes through this fixed offset, never through
// the process's local time.
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

/** A calendar day in Asia/Shanghai, written 'YYYY-MM-DD'. */
export type Day = string;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks a 'YYYY-MM-DD' string (a real date) and returns it; throws a RangeError naming the value. */
export function checkDay(day: string, field = 'date'): Day {
  const m = typeof day === 'string' ? DAY_RE.exec(day) : null;
  if (m) {
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (new Date(t).toISOString().slice(0, 10) === day) return day;
  }
  throw new RangeError(`${field}: 日期应为 YYYY-MM-DD / expected a date as YYYY-MM-DD, got ${JSON.stringify(day)}`);
}

export function checkInstant(at: Date, field = 'at'): Date {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError(`${field}: 不是有效时间 / not a valid instant`);
  return at;
}

/** The Shanghai calendar day an instant falls on. */
export function dayOf(at: Date): Day {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Milliseconds since the Shanghai midnight that starts the instant's day. */
export function msIntoDay(at: Date): number {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  return ((local % DAY_MS) + DAY_MS) % DAY_MS;
}

/** 00:00 Shanghai of the day, as an instant. */
export function startOfDay(day: Day): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** 23:59:59.999 Shanghai of the day: the last instant still inside it. */
export function endOfDay(day: Day): Date {
  return new Date(startOfDay(day).getTime() + DAY_MS - 1);
}

/** Shanghai wall-clock time 'HH:MM' (or minutes) on a day, as an instant. */
export function atMinute(day: Day, minuteOfDay: number): Date {
  return new Date(startOfDay(day).getTime() + minuteOfDay * 60_000);
}

export function addDays(day: Day, n: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function yearOf(day: Day): number {
  return Number(day.slice(0, 4));
}

/** Shanghai wall-clock text of an instant, 'YYYY-MM-DD HH:MM:SS', for messages and the CLI. */
export function formatShanghai(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
