import { describeCoverage, isYearCovered } from './holiday-data.ts';
import { yearOf, type Day } from './shanghai-time.ts';

/**
 * Raised when a computation looks at a day of a year whose holiday schedule is not in the data: the
 * answer still counts weekends, but a holiday or a make-up working day of that year may be missed.
 * Never silent: span computations return these beside their result; single-day questions pass them
 * to a callback that by default logs once per year.
 */
export interface CalendarWarning {
  code: 'calendar_year_not_covered';
  year: number;
  message: string;
}

export function yearNotCovered(year: number): CalendarWarning {
  const covered = describeCoverage();
  return {
    code: 'calendar_year_not_covered',
    year,
    message: `${year} 年的节假日安排不在日历数据中（已有 ${covered}），只按周末计算；请录入（工作日历页面或 shiyu calendar import）或更新 chinese-days / `
      + `the ${year} holiday schedule is not in the calendar data (has ${covered}); counted with weekends only — enter it (console calendar page or shiyu calendar import) or update chinese-days`,
  };
}

/** Collects the uncovered years a computation touched, in first-touched order. */
export class WarningCollector {
  private readonly years = new Set<number>();

  touch(day: Day): void {
    const y = yearOf(day);
    if (!this.years.has(y) && !isYearCovered(y)) this.years.add(y);
  }

  list(): CalendarWarning[] {
    return [...this.years].map(yearNotCovered);
  }
}

export type WarnCallback = (w: CalendarWarning) => void;

const logged = new Set<number>();
/** Default for single-day questions: a process warning, once per uncovered year. */
export const logWarningOnce: WarnCallback = (w) => {
  if (logged.has(w.year)) return;
  logged.add(w.year);
  process.emitWarning(w.message, { code: w.code });
};
