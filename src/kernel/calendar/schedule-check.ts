// Checks a year's holiday schedule (节假日安排) before it is entered: typed by a clerk from the
// notice of 国务院办公厅, so every likely slip gets a message naming the row and the date.
// Pure: the API, the CLI and the loader all use it.
import { isShippedYear, SHIPPED_CALENDAR, type ScheduleDay } from './holiday-data.ts';
import { checkDay, weekday, yearOf, type Day } from './shanghai-time.ts';
import { FIRST_RULED_YEAR, HOLIDAY_EN, REQUIRED_HOLIDAYS, STATUTORY_HOLIDAYS, statutoryDays, statutoryName, type StatutoryHoliday } from './statutory-holidays.ts';

export interface ScheduleProblem {
  /** The input field: `year`, `days`, `days[3].date` … */
  field: string;
  /** "中文 / English". */
  message: string;
}

export const MAX_SCHEDULE_DAYS = 120;
/** A day of a holiday (or its make-up day) lies this close to one of the holiday's statutory days. */
const NEAR_DAYS = 31;
const LAST_YEAR = 2099;

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The year itself: a four-digit year after the package's data, within the rules this code knows. */
export function checkScheduleYear(year: unknown): ScheduleProblem | null {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < FIRST_RULED_YEAR || year > LAST_YEAR) {
    return { field: 'year', message: `应为 ${FIRST_RULED_YEAR}–${LAST_YEAR} 的年份 / must be a year ${FIRST_RULED_YEAR}–${LAST_YEAR}` };
  }
  if (isShippedYear(year)) {
    return {
      field: 'year',
      message: `${year} 年的节假日安排已由 ${SHIPPED_CALENDAR.package} ${SHIPPED_CALENDAR.version} 提供（${SHIPPED_CALENDAR.first}–${SHIPPED_CALENDAR.last} 年），不能覆盖 / `
        + `the ${year} schedule ships with ${SHIPPED_CALENDAR.package} ${SHIPPED_CALENDAR.version} (${SHIPPED_CALENDAR.first}–${SHIPPED_CALENDAR.last}) and cannot be replaced`,
    };
  }
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem of a schedule for `year` (empty: it may be entered), and its days with names as the notice writes them. */
export function checkSchedule(year: number, input: unknown): { days: ScheduleDay[]; problems: ScheduleProblem[] } {
  const yearProblem = checkScheduleYear(year);
  return yearProblem ? { days: [], problems: [yearProblem] } : checkDays(year, input);
}

/** The rules on the days alone, for any year the rules know (the shipped years too: their tests read the real notices). */
export function checkDays(year: number, input: unknown): { days: ScheduleDay[]; problems: ScheduleProblem[] } {
  const problems: ScheduleProblem[] = [];
  if (!Array.isArray(input)) return { days: [], problems: [{ field: 'days', message: '应为日期列表 / must be a list of {date, kind, name}' }] };
  if (input.length === 0) return { days: [], problems: [{ field: 'days', message: '至少需要一天 / at least one day is needed' }] };
  if (input.length > MAX_SCHEDULE_DAYS) return { days: [], problems: [{ field: 'days', message: `最多 ${MAX_SCHEDULE_DAYS} 天 / at most ${MAX_SCHEDULE_DAYS} days` }] };

  const days: ScheduleDay[] = [];
  const seen = new Map<Day, { index: number; kind: string }>();
  input.forEach((raw, i) => {
    const at = `days[${i}]`;
    if (!isObject(raw)) { problems.push({ field: at, message: '应为 {date, kind, name} / must be an object {date, kind, name}' }); return; }
    const extra = Object.keys(raw).find((k) => !['date', 'kind', 'name'].includes(k));
    if (extra) problems.push({ field: `${at}.${extra}`, message: '未知字段 / unknown field; expected date, kind, name' });
    let date: Day | null = null;
    try {
      date = checkDay(raw.date as string, `${at}.date`);
    } catch {
      problems.push({ field: `${at}.date`, message: `${JSON.stringify(raw.date ?? null)} 不是有效日期，应为 YYYY-MM-DD / not a valid date; expected YYYY-MM-DD` });
    }
    if (date && yearOf(date) !== year) { problems.push({ field: `${at}.date`, message: `${date} 不在 ${year} 年内 / ${date} is not in ${year}` }); date = null; }
    const kind = raw.kind;
    const kindOk = kind === 'holiday' || kind === 'makeup';
    // The value typed may be Chinese: it goes in the Chinese half only, so the UI can show either half.
    if (!kindOk) problems.push({ field: `${at}.kind`, message: `${JSON.stringify(kind ?? null)} 应为 holiday（放假）或 makeup（调休上班）/ must be holiday or makeup` });
    const name = typeof raw.name === 'string' ? statutoryName(raw.name) : null;
    if (!name) problems.push({ field: `${at}.name`, message: `${JSON.stringify(raw.name ?? null)} 不是法定节假日，应为：${STATUTORY_HOLIDAYS.join('、')} / not a statutory holiday; must be one of ${STATUTORY_HOLIDAYS.map((h) => HOLIDAY_EN[h]).join(', ')}` });
    if (!date || !kindOk) return;
    const twin = seen.get(date);
    if (twin) {
      problems.push({
        field: `${at}.date`,
        message: twin.kind === kind
          ? `${date} 重复（第 ${twin.index + 1} 行已有）/ ${date} is listed twice (also row ${twin.index + 1})`
          : `${date} 不能既放假又调休上班（第 ${twin.index + 1} 行）/ ${date} cannot be both a holiday and a make-up working day (row ${twin.index + 1})`,
      });
      return;
    }
    seen.set(date, { index: i, kind });
    const wd = weekday(date);
    if (kind === 'makeup' && wd !== 0 && wd !== 6) {
      problems.push({ field: `${at}.date`, message: `${date} 是${WEEKDAY_ZH[wd]}，调休上班日应为周六或周日 / ${date} is a ${WEEKDAY_EN[wd]}: a make-up working day must be a Saturday or Sunday` });
    }
    if (name) days.push({ date, kind, name });
  });
  if (problems.length) return { days: [], problems };

  problems.push(...checkAgainstLaw(year, days));
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { days: problems.length ? [] : days, problems };
}

/** The statutory days off are holidays; 元旦, 春节 and 国庆节 are named; each day lies near its holiday. */
function checkAgainstLaw(year: number, days: ScheduleDay[]): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const byDate = new Map(days.map((d) => [d.date, d]));
  const statutory = statutoryDays(year);
  for (const s of statutory) {
    const d = byDate.get(s.date);
    if (d?.kind === 'holiday') continue;
    const en = HOLIDAY_EN[s.holiday];
    problems.push({
      field: 'days',
      message: d
        ? `${s.date} 是法定假日（${s.holiday}），不能调休上班 / ${s.date} is a statutory day off (${en}) and cannot be a make-up working day`
        : `缺少 ${s.date}：法定假日（${s.holiday}）应列为放假 / ${s.date} is missing: a statutory day off (${en}) must be listed as a holiday`,
    });
  }
  for (const h of REQUIRED_HOLIDAYS) {
    if (!days.some((d) => d.kind === 'holiday' && d.name === h)) problems.push({ field: 'days', message: `没有${h}的放假安排 / the schedule has no ${HOLIDAY_EN[h]} holiday` });
  }
  // The next 元旦 may need a make-up day at the end of December.
  const anchors = new Map<StatutoryHoliday, Day[]>();
  for (const s of [...statutory, { date: `${year + 1}-01-01`, holiday: '元旦' as const }]) anchors.set(s.holiday, [...(anchors.get(s.holiday) ?? []), s.date]);
  // `days` is still in input order here, so its index is the input's.
  days.forEach((d, index) => {
    const near = anchors.get(d.name as StatutoryHoliday)!;
    if (near.some((a) => Math.abs(Date.parse(a) - Date.parse(d.date)) <= NEAR_DAYS * 86_400_000)) return;
    problems.push({
      field: `days[${index}].name`,
      message: `${d.date} 离${d.name}（${near[0]}）超过 ${NEAR_DAYS} 天，名称或日期有误 / ${d.date} is more than ${NEAR_DAYS} days from ${HOLIDAY_EN[d.name as StatutoryHoliday]} (${near[0]}): check the name or the date`,
    });
  });
  return problems;
}
