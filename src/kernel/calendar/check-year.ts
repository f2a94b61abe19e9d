// The text of `shiyu calendar check [YEAR]`: what an operator reads each December to see whether
// next year's holiday schedule (published by 国务院办公厅 around November) is in the data yet.
import { calendarCoverage, yearSchedule, type DayInfo } from './holiday-data.ts';
import { weekday } from './shanghai-time.ts';
import { yearNotCovered, type CalendarWarning } from './warnings.ts';

const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const withWeekday = (d: string) => `${d}（${WEEKDAY_ZH[weekday(d)]}）`;

/** Consecutive days of the same holiday, e.g. 国庆节 10-01…10-07. */
function runs(days: DayInfo[]): Array<{ name: string; from: string; to: string; count: number }> {
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

export function yearReport(year: number): { text: string; warnings: CalendarWarning[] } {
  const { first, last } = calendarCoverage();
  const schedule = yearSchedule(year);
  const lines = [`${year} 年工作日历 / working calendar of ${year} (chinese-days data covers ${first}–${last})`];
  const warnings: CalendarWarning[] = [];
  if (!schedule.covered) {
    warnings.push(yearNotCovered(year));
    lines.push('未知节假日安排：只按周末计算 / holiday schedule unknown: only weekends are rest days');
    return { text: lines.join('\n'), warnings };
  }
  lines.push('', '放假 holidays:');
  for (const r of runs(schedule.holidays)) {
    lines.push(`  ${withWeekday(r.from)} – ${withWeekday(r.to)}  ${String(r.count).padStart(2)} 天 days  ${r.name}`);
  }
  lines.push('', '调休上班 make-up working days:');
  for (const d of schedule.makeupWorkdays) lines.push(`  ${withWeekday(d.date)}  ${d.holiday}`);
  if (!schedule.makeupWorkdays.length) lines.push('  （无 none）');
  return { text: lines.join('\n'), warnings };
}
