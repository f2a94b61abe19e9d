// Test helper: a MADE-UP 2027 holiday schedule (not the State Council's; that one is entered by each
// deployment when published). It keeps the law's days off (元旦 01-01, 春节 除夕 02-05 to 初三 02-08,
// 清明 04-05, 劳动节 05-01/02, 端午 06-09, 中秋 09-15, 国庆 10-01…03) and invents the blocks around them.
import type { ScheduleDay } from './holiday-data.ts';

const run = (from: string, to: string, name: string): ScheduleDay[] => {
  const out: ScheduleDay[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) out.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  return out;
};
const makeup = (date: string, name: string): ScheduleDay => ({ date, kind: 'makeup', name });

export const MADE_UP_2027: readonly ScheduleDay[] = Object.freeze([
  ...run('2027-01-01', '2027-01-03', '元旦'),
  ...run('2027-02-04', '2027-02-12', '春节'), makeup('2027-02-20', '春节'),
  ...run('2027-04-03', '2027-04-05', '清明节'),
  ...run('2027-05-01', '2027-05-05', '劳动节'), makeup('2027-05-08', '劳动节'),
  ...run('2027-06-09', '2027-06-09', '端午节'),
  ...run('2027-09-15', '2027-09-15', '中秋节'),
  ...run('2027-10-01', '2027-10-07', '国庆节'), makeup('2027-09-26', '国庆节'), makeup('2027-10-09', '国庆节'),
]);

export const MADE_UP_SOURCE = '测试用虚构安排（非国办通知）/ made-up schedule for tests';
