// The working-day calendar of the kernel (工作日历): statutory holidays and make-up working days
// from chinese-days and from the years a deployment entered, every day in Asia/Shanghai. Event
// deadlines and dispute windows use it.
export {
  calendarCoverage, dayInfo, yearSchedule, describeCoverage, enteredYears, isShippedYear, setEnteredYears, withEnteredYears, yearOrigin, SHIPPED_CALENDAR,
  type DayInfo, type DayKind, type EnteredYear, type ScheduleDay,
} from './holiday-data.ts';
export { checkSchedule, checkScheduleYear, MAX_SCHEDULE_DAYS, type ScheduleProblem } from './schedule-check.ts';
export { STATUTORY_HOLIDAYS, REQUIRED_HOLIDAYS, statutoryName, statutoryDays, type StatutoryHoliday } from './statutory-holidays.ts';
export { dayOf, endOfDay, startOfDay, formatShanghai, type Day } from './shanghai-time.ts';
export { type CalendarWarning, type WarnCallback } from './warnings.ts';
export { isWorkday, nextWorkday, addWorkdays, type Deadline } from './workdays.ts';
export { addWorkingHours, DEFAULT_WORKING_HOURS, type HoursMode, type HoursOptions, type WorkingWindow } from './working-hours.ts';
export { elapsedWorkdays, extendDeadline, type Interval, type ExtendOptions } from './paused-clock.ts';
export { calendarDeadline, type CalendarDeadline } from './calendar-days.ts';
export {
  DEMAND_TYPES, DEFAULT_DEADLINE_POLICY, validateDeadlinePolicy, deadlineFor,
  type DemandType, type DeadlinePolicy, type CategoryOverride, type TicketTerms, type TicketDeadlines, type StepDeadline, type Limit,
} from './deadline-policy.ts';
