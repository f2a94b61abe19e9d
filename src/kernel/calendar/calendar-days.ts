// Periods the law counts in calendar days (日), e.g. the 30 days of 诉前调解 and of applying for
// 司法确认 (民事诉讼法 第二百零五条). The rule, 中华人民共和国民事诉讼法（2023 年修正）第八十五条:
//   "期间以时、日、月、年计算。期间开始的时和日，不计算在期间内。
//    期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期。"
// 民法典 第二百零三条 says the same ("以法定休假日结束的次日为期间的最后一日"; the last day ends
// at 24:00). In court practice 法定休假日 includes ordinary Saturdays and Sundays (最高人民法院's
// 2014 answer on counting periods names 星期六、星期日 beside 五一、十一、春节), while a make-up
// working day (调休上班) is not a rest day. So: day 1 is the day after the start, the period ends
// at 24:00 of day N, and when day N is a holiday or a rest day it moves to the first working day after.
// Holidays inside the period are not taken out.
import { dayInfo } from './holiday-data.ts';
import { addDays, checkInstant, dayOf, endOfDay, type Day } from './shanghai-time.ts';
import { nthWorkdayAfter, checkCount, type Deadline } from './workdays.ts';
import { WarningCollector } from './warnings.ts';

export interface CalendarDeadline extends Deadline {
  /** Day N before any rollover. */
  lastDay: Day;
  /** true when day N was a holiday or a rest day and the period moved to the next working day. */
  rolled: boolean;
}

export function calendarDeadline(start: Date, days: number, options: { holidayRollover: boolean } = { holidayRollover: true }): CalendarDeadline {
  checkInstant(start, 'start');
  checkCount(days, 'days');
  const lastDay = addDays(dayOf(start), days);
  const seen = new WarningCollector();
  let day = lastDay;
  if (options.holidayRollover) {
    seen.touch(lastDay);
    if (!dayInfo(lastDay).workday) day = nthWorkdayAfter(lastDay, 1, seen);
  }
  return { at: endOfDay(day), day, lastDay, rolled: day !== lastDay, warnings: seen.list() };
}
