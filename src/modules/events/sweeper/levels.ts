import { dayOf, formatShanghai, nextWorkday, startOfDay } from '../../../kernel/calendar/index.ts';
import type { TicketRow } from '../tickets/snapshot.ts';
import { OPEN_STATES, SUPERVISION, type Supervision } from '../workflow/states.ts';

/** 红牌: more than this many working days past the deadline, unless the city's policy says otherwise. */
export const RED_AFTER_WORKDAYS = 2;

type Row = Pick<TicketRow, 'state' | 'sign_due_at' | 'due_at' | 'supervision' | 'extension_days'>;

/** The deadline that runs now: 签收 while dispatched, else 办理 (registered … verified); none for other states. */
export function runningDeadline(row: Row): { kind: 'sign' | 'handle'; at: Date } | null {
  if (!OPEN_STATES.includes(row.state)) return null;
  if (row.state === 'dispatched' && row.sign_due_at) return { kind: 'sign', at: row.sign_due_at };
  return row.due_at ? { kind: 'handle', at: row.due_at } : null;
}

/**
 * Working days late: the working days after the deadline's (Shanghai) day that have begun by `now`.
 * A ticket due Wed 30 Sep 2026 counts Thu 8 Oct as 1 and Fri 9 Oct as 2 (国庆 1–7 Oct are not
 * working days); Sat 10 Oct, a make-up working day (调休上班), is 3.
 */
export function workdaysLate(deadline: Date, now: Date, cap = 400): number {
  const today = dayOf(now);
  let n = 0;
  for (let d = nextWorkday(dayOf(deadline)); d <= today && n < cap; d = nextWorkday(d)) n++;
  return n;
}

export interface SupervisionDue {
  level: Exclude<Supervision, 'none'>;
  deadline: { kind: 'sign' | 'handle'; at: Date };
  workdaysLate: number;
  /** red was due but a 延期 request waits for the centre: held at yellow. */
  held: boolean;
  /** The level is above the ticket's own (supervision only rises within a round). */
  raise: boolean;
}

/**
 * The 督办 a ticket calls for at `now` (null while on time): yellow once its running
 * deadline has passed, red once it is late by more than `redAfter` working days — but never beyond
 * yellow while a request for more time waits for the centre's answer (the clock pauses only there).
 */
export function supervisionDue(row: Row, now: Date, redAfter = RED_AFTER_WORKDAYS): SupervisionDue | null {
  const deadline = runningDeadline(row);
  if (!deadline || now <= deadline.at) return null;
  const late = workdaysLate(deadline.at, now);
  const redDue = late > redAfter;
  const held = redDue && row.extension_days !== null;
  const level = redDue && !held ? 'red' : 'yellow';
  return { level, deadline, workdaysLate: late, held, raise: SUPERVISION.indexOf(level) > SUPERVISION.indexOf(row.supervision) };
}

/** The first instant at which a deadline turns red (start of the (redAfter+1)-th working day after its day). */
export function redFrom(deadline: Date, redAfter = RED_AFTER_WORKDAYS): Date {
  let d = dayOf(deadline);
  for (let i = 0; i <= redAfter; i++) d = nextWorkday(d);
  return startOfDay(d);
}

/** The note on the action row: which deadline, when, how late. */
export function supervisionNote(due: SupervisionDue): string {
  const what = due.deadline.kind === 'sign' ? '签收' : '办理';
  const late = due.workdaysLate > 0 ? `，已逾期 ${due.workdaysLate} 个工作日` : '';
  const held = due.held ? '（有延期申请待审批，暂不升级红牌）' : '';
  return `系统督办：已超过${what}期限 ${formatShanghai(due.deadline.at)}${late}${held}`;
}
