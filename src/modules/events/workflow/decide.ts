import type { ActionRequest, Relation } from './actions.ts';
import { ACTIONS } from './actions.ts';
import { transitionOf } from './table.ts';
import { CENTRE_LEVELS, FINAL_STATES, STATES, SUPERVISION, type State, type TicketSnapshot } from './states.ts';

/** Deadlines in working days come from the calendar; the workflow only asks for them. */
export interface DeadlineClock {
  /** 签收 deadline of a ticket dispatched at `now`. */
  signDue(now: Date, t: Pick<TicketSnapshot, 'demandType' | 'urgent'>): Date;
  /** 办理 deadline of a handling round that starts at `now`. */
  handleDue(now: Date, t: Pick<TicketSnapshot, 'demandType' | 'urgent'>): Date;
  /** `due` moved later by `days` working days (延期). */
  extend(due: Date, days: number): Date;
}

export interface Refusal { ok: false; status: 400 | 403 | 409; code: string; field: string; message: string }
export interface Applied { ok: true; from: State; to: State; ticket: TicketSnapshot }
export type Outcome = Applied | Refusal;

const refuse = (status: Refusal['status'], code: string, field: string, zh: string, en: string): Refusal =>
  ({ ok: false, status, code, field, message: `${field}: ${zh} / ${en}` });

/** The later of a deadline and a new one: a deadline never moves earlier. */
export const later = (a: Date | null, b: Date) => (a && a > b ? a : b);

/** A text the action needs (a reason, a result): present and of sane length. */
function text(value: unknown, field: string, min = 2, max = 2000): Refusal | null {
  if (typeof value !== 'string' || value.trim().length < min) return refuse(400, 'invalid_field', field, `请填写${field === 'result' ? '处置结果' : '原因或说明'}（至少 ${min} 个字）`, `required, at least ${min} characters`);
  if (value.length > max) return refuse(400, 'invalid_field', field, `不能超过 ${max} 个字`, `at most ${max} characters`);
  return null;
}

/** Checks what the request carries, beyond the TypeBox schema of the route (the same rules for the CLI and tests). */
function checkPayload(req: ActionRequest): Refusal | null {
  switch (req.action) {
    case 'cancel': case 'return': case 'rule_return': case 'escalate': case 'verify': return text(req.note, 'note');
    case 'reply': return text(req.result, 'result');
    case 'reopen': return text(req.reason, 'reason');
    case 'request_extension':
      if (!Number.isInteger(req.days) || req.days < 1 || req.days > 30) return refuse(400, 'invalid_field', 'days', '延期天数应为 1 到 30 个工作日', 'between 1 and 30 working days');
      return text(req.reason, 'reason');
    case 'merge':
      return Number.isInteger(req.into) && req.into > 0 ? null : refuse(400, 'invalid_field', 'into', '请指定要并入的工单', 'the ticket to merge into is required');
    case 'to_mediation':
      return Number.isInteger(req.caseId) && req.caseId > 0 && req.caseNumber ? null : refuse(400, 'invalid_field', 'caseId', '请指定调解案件', 'the mediation case is required');
    case 'dispatch': {
      const a = req.assignee;
      if (a?.kind === 'department' && a.department.trim()) return null;
      if (a?.kind === 'area' && /^[0-9]+(\.[0-9]+)*$/.test(a.path)) return null;
      return refuse(400, 'invalid_field', 'assignee', '请指定承办部门或属地', 'a department or an area is required');
    }
    default: return null;
  }
}

/** Guards that read more than the state: pending requests, deadlines, ratings, levels. */
function checkGuards(t: TicketSnapshot, req: ActionRequest, now: Date): Refusal | null {
  switch (req.action) {
    case 'request_extension':
      if (t.extension) return refuse(409, 'extension_pending', 'days', '已有延期申请待审批', 'a request for more time is already waiting');
      if (t.dueAt && now >= t.dueAt) return refuse(409, 'past_deadline', 'days', '延期须在办理期限届满前申请', 'more time must be asked for before the deadline');
      return null;
    case 'rule_extension':
      return t.extension ? null : refuse(409, 'no_extension', 'approve', '没有待审批的延期申请', 'no request for more time is waiting');
    case 'rate':
      return t.rating ? refuse(409, 'already_rated', 'rating', '本轮办理已评价', 'this round has been rated already') : null;
    case 'reopen':
      if (t.rating !== 'dissatisfied') return refuse(409, 'not_dissatisfied', 'reason', '只有群众不满意的工单才能重办', 'only a ticket rated dissatisfied can be reopened');
      return t.assignee ? null : refuse(409, 'no_assignee', 'reason', '工单没有承办单位，请重新派遣', 'the ticket has no unit to send it back to');
    case 'escalate':
      return t.centreLevel === 'city' ? refuse(409, 'top_level', 'note', '已在市级，不能再上报', 'already at the city level') : null;
    case 'supervise':
      return SUPERVISION.indexOf(req.level) > SUPERVISION.indexOf(t.supervision) ? null
        : refuse(409, 'supervision_not_raised', 'level', `已是${t.supervision === 'red' ? '红牌' : '黄牌'}督办`, `already at ${t.supervision}`);
    default: return null;
  }
}

/** The ticket after the action (pure: the service stores it with the action row, in one transaction). */
function apply(t: TicketSnapshot, req: ActionRequest, to: State, now: Date, clock: DeadlineClock): TicketSnapshot {
  const n: TicketSnapshot = { ...t, state: to, actions: t.actions + 1 };
  switch (req.action) {
    case 'merge': n.mergedInto = req.into; break;
    case 'dispatch':
      // A new unit gets its full time, but a deadline never moves earlier.
      n.assignee = req.assignee;
      n.signDueAt = clock.signDue(now, t);
      n.dueAt = later(t.dueAt, clock.handleDue(now, t));
      break;
    case 'return': n.returnedFrom = t.state as 'dispatched' | 'accepted'; break;
    case 'rule_return':
      n.returnedFrom = null;
      if (req.approve) { n.assignee = null; n.signDueAt = null; }
      break;
    case 'request_extension': n.extension = { days: req.days, reason: req.reason }; break;
    case 'rule_extension':
      if (req.approve && t.extension && t.dueAt) n.dueAt = clock.extend(t.dueAt, t.extension.days);
      n.extension = null;
      break;
    case 'escalate':
      n.centreLevel = CENTRE_LEVELS[CENTRE_LEVELS.indexOf(t.centreLevel) + 1];
      n.assignee = null; n.signDueAt = null; n.extension = null;
      break;
    case 'rate': n.rating = req.rating; break;
    case 'reopen':
      // 重办: a new round with the same unit, fresh deadlines and no supervision yet.
      n.rating = null; n.reopened = t.reopened + 1; n.supervision = 'none';
      n.signDueAt = clock.signDue(now, t);
      n.dueAt = later(t.dueAt, clock.handleDue(now, t));
      break;
    case 'supervise': n.supervision = req.level; break;
    default: break;
  }
  return n;
}

/**
 * Decides one action on a ticket: allowed (with the ticket after it) or refused with the status,
 * the field and a message in Chinese and English. Nothing else decides a ticket's state.
 */
export function decide(t: TicketSnapshot, req: ActionRequest, relations: ReadonlySet<Relation>, now: Date, clock: DeadlineClock): Outcome {
  const row = transitionOf(req.action);
  const name = ACTIONS[req.action];
  if (!row) return refuse(400, 'invalid_field', 'action', '未知操作', 'unknown action');
  if (FINAL_STATES.includes(t.state)) return refuse(409, 'ticket_final', 'action', `工单${STATES[t.state].zh}，不能再${name.zh}`, `the ticket is ${STATES[t.state].en}; it cannot be changed`);
  if (!row.from.includes(t.state)) return refuse(409, 'illegal_transition', 'action', `工单当前为「${STATES[t.state].zh}」，不能${name.zh}`, `cannot ${name.en} a ticket that is ${STATES[t.state].en}`);
  if (!row.by.some((r) => relations.has(r))) return refuse(403, 'forbidden', 'action', `您不能对此工单执行「${name.zh}」`, `you may not ${name.en} this ticket`);
  const bad = checkPayload(req) ?? checkGuards(t, req, now);
  if (bad) return bad;
  const to = row.to === 'same' ? t.state : typeof row.to === 'function' ? row.to(req, t.state, t.returnedFrom) : row.to;
  return { ok: true, from: t.state, to, ticket: apply(t, req, to, now, clock) };
}
