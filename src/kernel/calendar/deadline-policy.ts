// Time limits of a ticket (工单时限) per demand type (诉求类型) and step: 签收 (the unit signs for
// the ticket) and 办结 (handled and answered). Normal tickets count working days, urgent ones
// (紧急) hours. The event loop will keep policies in a table; here they are plain values.
import { invalidField } from '../errors.ts';
import { checkInstant } from './shanghai-time.ts';
import { addWorkdays, type Deadline } from './workdays.ts';
import { addWorkingHours, checkHours, DEFAULT_WORKING_HOURS, parseWorkingHours, type HoursMode, type WorkingWindow } from './working-hours.ts';
import type { CalendarWarning } from './warnings.ts';

export const DEMAND_TYPES = ['咨询', '投诉', '求助', '建议', '举报', '其他'] as const;
export type DemandType = (typeof DEMAND_TYPES)[number];

export interface DeadlinePolicy {
  /** 签收: working days to sign for a ticket. */
  signWorkdays: number;
  /** 办结: working days to handle a ticket, per demand type. */
  handleWorkdays: Record<DemandType, number>;
  /** 紧急诉求: hours to sign and to handle, natural or working hours. */
  urgent: { signHours: number; handleHours: number; mode: HoursMode };
  /** Office hours for urgent limits counted in working hours. */
  workingHours: readonly WorkingWindow[];
  /** 红牌督办: a deadline passed by more than this many working days (the sweeper's default, 2, when absent). */
  redAfterWorkdays?: number;
}

/**
 * Defaults from issue 4: 签收 1 working day, 咨询/求助 3, 投诉/举报 13. 建议 and 其他 are not named
 * there; they get 13 so that nothing is marked overdue sooner than a complaint would be.
 * Urgent: sign within 1 hour and handle within 24 clock hours, the common 12345 rule.
 */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = Object.freeze({
  signWorkdays: 1,
  handleWorkdays: Object.freeze({ 咨询: 3, 投诉: 13, 求助: 3, 建议: 13, 举报: 13, 其他: 13 }),
  urgent: Object.freeze({ signHours: 1, handleHours: 24, mode: 'natural' as const }),
  workingHours: DEFAULT_WORKING_HOURS,
});

const MAX_WORKDAYS = 365;
const MAX_HOURS = 720;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKeys(v: Record<string, unknown>, allowed: readonly string[], prefix: string): void {
  for (const k of Object.keys(v)) if (!allowed.includes(k)) throw invalidField(`${prefix}${k}`, `未知字段 / unknown field; expected one of ${allowed.join(', ')}`);
}

function workdaysField(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_WORKDAYS) throw invalidField(field, `应为 0–${MAX_WORKDAYS} 的整数工作日 / must be a whole number of working days 0–${MAX_WORKDAYS}`);
  return v;
}

function hoursField(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > MAX_HOURS) throw invalidField(field, `应为大于 0、不超过 ${MAX_HOURS} 的小时数 / must be a number of hours above 0, at most ${MAX_HOURS}`);
  return v;
}

/** Checks a policy from outside (a table row, an admin form); throws a 400 naming the bad field. */
export function validateDeadlinePolicy(input: unknown): DeadlinePolicy {
  if (!isObject(input)) throw invalidField('policy', '应为对象 / must be an object');
  onlyKeys(input, ['signWorkdays', 'handleWorkdays', 'urgent', 'workingHours', 'redAfterWorkdays'], '');
  const signWorkdays = workdaysField(input.signWorkdays, 'signWorkdays');

  if (!isObject(input.handleWorkdays)) throw invalidField('handleWorkdays', `应为对象，键为 ${DEMAND_TYPES.join('、')} / must be an object keyed by demand type`);
  onlyKeys(input.handleWorkdays, DEMAND_TYPES, 'handleWorkdays.');
  const handleWorkdays = {} as Record<DemandType, number>;
  for (const t of DEMAND_TYPES) handleWorkdays[t] = workdaysField(input.handleWorkdays[t], `handleWorkdays.${t}`);

  const u = input.urgent;
  if (!isObject(u)) throw invalidField('urgent', '应为对象 / must be an object');
  onlyKeys(u, ['signHours', 'handleHours', 'mode'], 'urgent.');
  const signHours = hoursField(u.signHours, 'urgent.signHours');
  const handleHours = hoursField(u.handleHours, 'urgent.handleHours');
  if (signHours > handleHours) throw invalidField('urgent.signHours', '签收时限不能长于办结时限 / cannot be longer than urgent.handleHours');
  if (u.mode !== 'natural' && u.mode !== 'working') throw invalidField('urgent.mode', '应为 natural（自然小时）或 working（工作小时）/ must be natural or working');

  let workingHours: WorkingWindow[];
  try {
    if (!Array.isArray(input.workingHours)) throw new RangeError('workingHours: 应为办公时段列表 / must be a list of {from, to} windows');
    parseWorkingHours(input.workingHours as WorkingWindow[]);
    workingHours = (input.workingHours as WorkingWindow[]).map((w) => ({ from: w.from, to: w.to }));
  } catch (e) {
    throw fieldError(e, 'workingHours');
  }
  const red = input.redAfterWorkdays === undefined ? {} : { redAfterWorkdays: workdaysField(input.redAfterWorkdays, 'redAfterWorkdays') };
  return { signWorkdays, handleWorkdays, urgent: { signHours, handleHours, mode: u.mode }, workingHours, ...red };
}

// The calendar helpers throw RangeError "field: message"; turn that into the API's 400.
function fieldError(e: unknown, fallback: string): unknown {
  if (!(e instanceof RangeError)) return e;
  const m = /^([^:]+): (.*)$/s.exec(e.message);
  return m ? invalidField(m[1], m[2]) : invalidField(fallback, e.message);
}

/** A category (事项分类) with its own limit overrides the demand type's. */
export interface CategoryOverride { handleWorkdays?: number; urgentHandleHours?: number }

export interface TicketTerms {
  demandType: DemandType;
  categoryOverride?: CategoryOverride;
  urgent: boolean;
}

export type Limit = { workdays: number } | { hours: number; mode: HoursMode };

export interface StepDeadline extends Deadline {
  /** The limit applied, to be stored beside the deadline. */
  limit: Limit;
  /** Where the limit came from. */
  source: 'policy' | 'demandType' | 'category' | 'urgent';
}

export interface TicketDeadlines {
  sign: StepDeadline;
  handle: StepDeadline;
  warnings: CalendarWarning[];
}

/** The 签收 and 办结 deadlines of a ticket received at `receivedAt`, both counted from receipt. */
export function deadlineFor(policy: DeadlinePolicy, terms: TicketTerms, receivedAt: Date): TicketDeadlines {
  try {
    checkInstant(receivedAt, 'receivedAt');
  } catch (e) {
    throw fieldError(e, 'receivedAt');
  }
  if (!DEMAND_TYPES.includes(terms.demandType)) throw invalidField('demandType', `应为 ${DEMAND_TYPES.join('、')} 之一 / must be one of ${DEMAND_TYPES.join(', ')}`);
  const o = terms.categoryOverride;
  if (o !== undefined) {
    const raw: unknown = o;
    if (!isObject(raw)) throw invalidField('categoryOverride', '应为对象 / must be an object');
    onlyKeys(raw, ['handleWorkdays', 'urgentHandleHours'], 'categoryOverride.');
    if (o.handleWorkdays !== undefined) workdaysField(o.handleWorkdays, 'categoryOverride.handleWorkdays');
    if (o.urgentHandleHours !== undefined) hoursField(o.urgentHandleHours, 'categoryOverride.urgentHandleHours');
  }

  const byHours = (hours: number, source: StepDeadline['source']): StepDeadline => ({
    ...addWorkingHours(receivedAt, checkHours(hours, 'hours'), { mode: policy.urgent.mode, workingHours: policy.workingHours }),
    limit: { hours, mode: policy.urgent.mode },
    source,
  });
  const byWorkdays = (workdays: number, source: StepDeadline['source']): StepDeadline => ({ ...addWorkdays(receivedAt, workdays), limit: { workdays }, source });

  let sign: StepDeadline;
  let handle: StepDeadline;
  if (terms.urgent) {
    sign = byHours(policy.urgent.signHours, 'urgent');
    handle = o?.urgentHandleHours !== undefined ? byHours(o.urgentHandleHours, 'category') : byHours(policy.urgent.handleHours, 'urgent');
  } else {
    sign = byWorkdays(policy.signWorkdays, 'policy');
    handle = o?.handleWorkdays !== undefined ? byWorkdays(o.handleWorkdays, 'category') : byWorkdays(policy.handleWorkdays[terms.demandType], 'demandType');
  }
  const years = new Map<number, CalendarWarning>();
  for (const w of [...sign.warnings, ...handle.warnings]) years.set(w.year, w);
  return { sign, handle, warnings: [...years.values()] };
}
