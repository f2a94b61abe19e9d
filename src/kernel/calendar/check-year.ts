// The text of `shiyu calendar check [YEAR]`: what an operator reads each December to see whether
// next year's holiday schedule (published by 国务院办公厅 around November) is in the data yet.
import { describeCoverage, enteredYears, SHIPPED_CALENDAR, yearOrigin, yearSchedule, type ScheduleDay } from './holiday-data.ts';
import { formatShanghai, weekday } from './shanghai-time.ts';
import { yearNotCovered, type CalendarWarning } from './warnings.ts';

const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const withWeekday = (d: string) => `${d}（${WEEKDAY_ZH[weekday(d)]}）`;

/** Consecutive days of the same holiday, e.g. 国庆节 10-01…10-07. */
function runs(days: ReadonlyArray<{ date: string; holiday?: string }>): Array<{ name: string; from: string; to: string; count: number }> {
  const out: Array<{ name: string; from: string; to: string; count: number }> = [];
  let prevDay = '';
  for (const d of days) {
    const last = out[out.length - 1];
    const contiguous = prevDay && Date.parse(d.date) - Date.parse(prevDay) === 86_400_000;
    if (last && contiguous) {
      last.to = d.date;
      last.count++;
      if (!last.name.split('/').includes(d.holiday ?? '')) last.name += `/${d.holiday}`;
    } else {
      out.push({ name: d.holiday ?? '', from: d.date, to: d.date, count: 1 });
    }
    prevDay = d.date;
  }
  return out;
}

/** Where a year's schedule comes from, for the line under the title. */
export function sourceLine(year: number): string {
  const origin = yearOrigin(year);
  if (origin === 'shipped') return `数据来源 source: ${SHIPPED_CALENDAR.package} ${SHIPPED_CALENDAR.version}（随软件提供 shipped）`;
  const e = enteredYears().find((y) => y.year === year);
  if (origin === 'entered' && e) return `数据来源 source: ${e.source}（录入 entered by ${e.enteredBy}, ${formatShanghai(new Date(e.enteredAt))}, 第 ${e.version} 版 version ${e.version}）`;
  return `日历数据 calendar data: ${describeCoverage()}`;
}

/** The holiday blocks and make-up days as lines (shared by `calendar check` and `calendar import --check`). */
export function scheduleLines(holidays: ReadonlyArray<{ date: string; holiday?: string }>, makeup: ReadonlyArray<{ date: string; holiday?: string }>): string[] {
  const lines = ['', '放假 holidays:'];
  for (const r of runs(holidays)) {
    lines.push(`  ${withWeekday(r.from)} – ${withWeekday(r.to)}  ${String(r.count).padStart(2)} 天 days  ${r.name}`);
  }
  lines.push('', '调休上班 make-up working days:');
  for (const d of makeup) lines.push(`  ${withWeekday(d.date)}  ${d.holiday}`);
  if (!makeup.length) lines.push('  （无 none）');
  return lines;
}

export function yearReport(year: number): { text: string; warnings: CalendarWarning[] } {
  const schedule = yearSchedule(year);
  const lines = [`${year} 年工作日历 / working calendar of ${year}`, sourceLine(year)];
  const warnings: CalendarWarning[] = [];
  if (!schedule.covered) {
    warnings.push(yearNotCovered(year));
    lines.push('未知节假日安排：只按周末计算 / holiday schedule unknown: only weekends are rest days');
    return { text: lines.join('\n'), warnings };
  }
  lines.push(...scheduleLines(schedule.holidays, schedule.makeupWorkdays));
  return { text: lines.join('\n'), warnings };
}

/** A schedule not entered yet, as `calendar check` would print it once entered (`calendar import --check`). */
export function candidateReport(year: number, days: readonly ScheduleDay[], source: string): string {
  const named = days.map((d) => ({ date: d.date, holiday: d.name }));
  return [
    `${year} 年工作日历（待录入）/ working calendar of ${year} (to be entered)`,
    `数据来源 source: ${source}`,
    ...scheduleLines(named.filter((_, i) => days[i].kind === 'holiday'), named.filter((_, i) => days[i].kind === 'makeup')),
  ].join('\n');
}
