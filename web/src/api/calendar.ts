// 工作日历: the holiday schedules (节假日安排) working-day deadlines count on, and entering a year
// the shipped chinese-days data does not have (src/modules/calendar).
import { http } from './http';

export type DayKindEntered = 'holiday' | 'makeup';
export interface ScheduleDay { date: string; kind: DayKindEntered; name: string }
export type YearOrigin = 'shipped' | 'entered' | null;

export interface YearVersion { version: number; source: string; enteredBy: string; enteredAt: string; holidays: number; makeupDays: number }
export interface CalendarYear {
  year: number; origin: YearOrigin; covered: boolean;
  source: string | null; enteredBy: string | null; enteredAt: string | null; version: number | null;
  days: ScheduleDay[]; history: YearVersion[]; note: string | null;
}
export interface CalendarCoverage {
  today: string;
  shipped: { package: string; version: string; first: number; last: number };
  years: Array<{ year: number; origin: 'shipped' | 'entered'; source: string; enteredBy: string | null; enteredAt: string | null; version: number | null }>;
  ignored: Array<{ year: number; version: number; source: string }>;
  current: { year: number; covered: boolean; origin: YearOrigin };
  next: { year: number; covered: boolean; origin: YearOrigin };
}
/** A refused entry lists every problem (details.problems), each naming its field: source, days, days[3].date … */
export interface ScheduleProblem { field: string; message: string }

/** The statutory holidays an entry may name (全国年节及纪念日放假办法). */
export const STATUTORY_HOLIDAYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

export const calendarApi = {
  coverage: () => http.get<CalendarCoverage>('/api/calendar/years'),
  year: (year: number) => http.get<CalendarYear>(`/api/calendar/years/${year}`),
  enter: (year: number, body: { source: string; days: ScheduleDay[] }) => http.put<CalendarYear & { replacedVersion: number | null; deadlines: { checked: number; changed: number; leftAsSet: number } }>(`/api/calendar/years/${year}`, body),
};
