import type { Day } from '../../../kernel/calendar/shanghai-time.ts';
import type { JudicialResult, Performance, Referral, RejectReason } from '../terms.ts';
import type { PartyChanges, PartyInput } from './parties.ts';
import type { CaseSnapshot, MediatorFacts, State } from './states.ts';

/**
 * How a person stands to a case, worked out by the service from role, area and membership:
 * committee — the staff desk of the organisation's own area, or a mediator belonging to the organisation;
 * mediator — a mediator now assigned to the case;
 * supervisor — staff above the organisation in the area tree (and the command centre): 督办, reads;
 * system — the deadline sweeper and the early-warning rules;
 * applicant — the resident who applied through the app (申请人): may withdraw their own application.
 */
export type Relation = 'committee' | 'mediator' | 'supervisor' | 'system' | 'applicant';
export const RELATIONS: readonly Relation[] = ['committee', 'mediator', 'supervisor', 'system', 'applicant'];

/** 调解记录 one session: when, where, who attended, the minutes. */
export interface SessionInput { heldAt: string; place: string; attendees: string[]; minutes: string }

/** 调解协议书 as structured content (人民调解法 第二十九条). */
export interface AgreementInput {
  /** The parties the agreement binds (ids of the case's parties); at least an applicant and a respondent. */
  parties: number[];
  /** 纠纷的主要事实 */
  facts: string;
  /** 争议事项 */
  disputes: string;
  /** 各方当事人的责任 */
  responsibilities: string;
  /** 协议内容 with 履行方式 and 履行期限. */
  terms: { content: string; manner: string; deadline: Day }[];
  /** The day it was signed by all (it takes effect that day). */
  signedOn: Day;
  /** Who signed: every bound party, and at least one mediator of the case. */
  signedBy: { parties: number[]; mediators: number[] };
}

/** Every action with what it carries; the table (table.ts) says from where, to where and by whom. */
export type ActionRequest =
  | { action: 'accept'; note?: string }
  | { action: 'reject'; reason: RejectReason; note: string }
  | { action: 'refuse'; partyId: number; note: string }
  | { action: 'withdraw'; partyId: number; note: string }
  | { action: 'assign'; mediators: MediatorFacts[]; chosenBy: 'committee' | 'parties'; note?: string }
  | { action: 'recuse'; mediatorId: number; requestedBy: 'party' | 'mediator'; partyId?: number; reason: string }
  | { action: 'record_session'; session: SessionInput }
  | { action: 'agree'; agreement: AgreementInput }
  | { action: 'fail'; referral: Referral; note: string }
  | { action: 'extend'; days: number; note: string }
  | { action: 'supervise'; level: 'yellow' | 'red'; note?: string }
  | { action: 'flag_police'; reason: string }
  // onCase: the mediators now on the case, looked up by the service, for 回避 (a party who shares a mediator's phone).
  | { action: 'add_party'; party: PartyInput; onCase?: MediatorFacts[] }
  | { action: 'correct_party'; partyId: number; changes: PartyChanges; reason: string; onCase?: MediatorFacts[] }
  | { action: 'follow_up'; visitedOn: Day; performance: Performance; note: string }
  | { action: 'judicial_apply'; appliedOn: Day; court: string; note?: string }
  | { action: 'judicial_result'; result: JudicialResult; decidedOn: Day; note?: string };
export type ActionName = ActionRequest['action'];

export const ACTIONS: Record<ActionName, { zh: string; en: string }> = {
  accept: { zh: '受理', en: 'accept' },
  reject: { zh: '不予受理', en: 'refuse to accept' },
  refuse: { zh: '当事人拒绝调解', en: 'record a party’s refusal' },
  withdraw: { zh: '撤回申请', en: 'withdraw' },
  assign: { zh: '指派调解员', en: 'assign mediators' },
  recuse: { zh: '回避', en: 'recuse a mediator' },
  record_session: { zh: '调解记录', en: 'record a session' },
  agree: { zh: '达成协议', en: 'record the agreement' },
  fail: { zh: '调解不成', en: 'end without agreement' },
  extend: { zh: '延长调解期限', en: 'extend the period' },
  supervise: { zh: '督办', en: 'supervise' },
  flag_police: { zh: '报告公安机关', en: 'report to the police' },
  add_party: { zh: '追加当事人', en: 'add a party' },
  correct_party: { zh: '更正当事人', en: 'correct a party’s particulars' },
  follow_up: { zh: '回访', en: 'follow up' },
  judicial_apply: { zh: '申请司法确认', en: 'apply for judicial confirmation' },
  judicial_result: { zh: '司法确认结果', en: 'record the court’s ruling' },
};

/** One row of the transition table. `to` may depend on the request and the case (a recusal that leaves no mediator). */
export interface Transition {
  action: ActionName;
  from: readonly State[];
  by: readonly Relation[];
  to: State | 'same' | ((req: ActionRequest, c: CaseSnapshot) => State);
}
