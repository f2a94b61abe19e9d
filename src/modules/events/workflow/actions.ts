import type { Assignee, Rating, State, Supervision } from './states.ts';

/**
 * How a person stands to a ticket, worked out by the service from role, area and assignment:
 * centre — the 指挥中心 (dispatcher, or district/street staff running triage) whose area holds the ticket;
 * handler — someone of the unit the ticket is assigned to; verifier — the grid worker or community
 * staff of the place (核查 on site), or the centre; reporter — the resident who filed it;
 * system — the deadline sweeper; mediator — a mediator whose area holds the ticket (only for 转人民调解).
 */
export type Relation = 'centre' | 'handler' | 'verifier' | 'reporter' | 'system' | 'mediator';

/** Every action with what it carries; the table (table.ts) says from where, to where and by whom. */
export type ActionRequest =
  | { action: 'register'; note?: string }
  | { action: 'cancel'; reason: 'invalid' | 'duplicate' | 'out_of_scope' | 'other'; note: string }
  | { action: 'merge'; into: number; note?: string }
  | { action: 'dispatch'; assignee: Assignee; note?: string }
  | { action: 'sign' }
  | { action: 'return'; reason: 'not_our_function' | 'not_our_area' | 'other'; note: string }
  | { action: 'rule_return'; approve: boolean; note: string }
  | { action: 'request_extension'; days: number; reason: string }
  | { action: 'rule_extension'; approve: boolean; note?: string }
  | { action: 'escalate'; note: string }
  | { action: 'reply'; result: string }
  | { action: 'verify'; passed: boolean; note: string }
  | { action: 'close'; note?: string }
  | { action: 'rate'; rating: Rating; note?: string }
  | { action: 'reopen'; reason: string }
  | { action: 'supervise'; level: Exclude<Supervision, 'none'>; note?: string }
  // 转人民调解: written only by the mediation module when it opens a dispute case from the ticket (not on the tickets route).
  | { action: 'to_mediation'; caseId: number; caseNumber: string; note?: string };
export type ActionName = ActionRequest['action'];

export const ACTIONS: Record<ActionName, { zh: string; en: string }> = {
  register: { zh: '立案', en: 'register' },
  cancel: { zh: '注销', en: 'cancel' },
  merge: { zh: '合并', en: 'merge' },
  dispatch: { zh: '派遣', en: 'dispatch' },
  sign: { zh: '签收', en: 'sign for' },
  return: { zh: '退单', en: 'return' },
  rule_return: { zh: '退单裁定', en: 'rule on a return' },
  request_extension: { zh: '申请延期', en: 'ask for more time' },
  rule_extension: { zh: '延期审批', en: 'rule on more time' },
  escalate: { zh: '上报', en: 'escalate' },
  reply: { zh: '处置反馈', en: 'reply' },
  verify: { zh: '核查', en: 'verify' },
  close: { zh: '结案', en: 'close' },
  rate: { zh: '回访评价', en: 'rate' },
  reopen: { zh: '重办', en: 'reopen' },
  supervise: { zh: '督办', en: 'supervise' },
  to_mediation: { zh: '转人民调解', en: 'hand over to mediation' },
};

/** One row of the transition table. `to` may depend on the request (an approval or a failed check). */
export interface Transition {
  action: ActionName;
  from: readonly State[];
  by: readonly Relation[];
  to: State | 'same' | ((req: ActionRequest, from: State, returnedFrom: State | null) => State);
}
