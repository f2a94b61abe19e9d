import type { Day } from '../../../kernel/calendar/shanghai-time.ts';
import type { Supervision } from '../../events/workflow/states.ts';
import type { Category, JudicialResult, PartyKind, PartyRole, Referral, Source } from '../terms.ts';

/**
 * The states of a dispute case (纠纷案件) under the People's Mediation Law (人民调解法): a case is in
 * exactly one of them. 达成协议 is concluded but still takes 回访 and 司法确认; the others at the end
 * take nothing more.
 */
export const STATES = {
  registered: { zh: '已登记', en: 'registered' },
  accepted: { zh: '已受理', en: 'accepted' },
  assigned: { zh: '已指派', en: 'assigned' },
  mediating: { zh: '调解中', en: 'in mediation' },
  agreed: { zh: '达成协议', en: 'agreement reached' },
  failed: { zh: '调解不成', en: 'mediation failed' },
  rejected: { zh: '不予受理', en: 'not accepted' },
  refused: { zh: '当事人拒绝调解', en: 'ended: a party refused' },
  withdrawn: { zh: '申请人撤回', en: 'withdrawn by the applicant' },
} as const;
export type State = keyof typeof STATES;
export const ALL_STATES = Object.keys(STATES) as State[];

/** Before an outcome: the mediation's clock runs and 督办 applies. */
export const OPEN_STATES: readonly State[] = ['registered', 'accepted', 'assigned', 'mediating'];
/** After 受理 and before an outcome. */
export const RUNNING_STATES: readonly State[] = ['accepted', 'assigned', 'mediating'];
/** Ended without an agreement: nothing more is done on the case. */
export const FINAL_STATES: readonly State[] = ['failed', 'rejected', 'refused', 'withdrawn'];
/** The only actions an agreed (concluded) case still takes. */
export const AFTER_AGREEMENT = ['follow_up', 'judicial_apply', 'judicial_result'] as const;

/** What the workflow knows of a party: enough to check who may withdraw, who signed, and 回避. */
export interface PartyFacts {
  id: number;
  role: PartyRole;
  kind: PartyKind;
  name: string;
  /** Has an ID number (person) or a credit code (organisation) on record. */
  identified: boolean;
  hasAddress: boolean;
  phone: string | null;
}

/** A mediator as the service found them, for an assignment. */
export interface MediatorFacts { id: number; orgId: number; active: boolean; name: string; phone: string | null }

/** What the workflow needs to know of a case; the store keeps more (summary, place, names …). */
export interface CaseSnapshot {
  state: State;
  source: Source;
  category: Category;
  orgId: number;
  registeredAt: Date;
  /** The conclusion deadline (调解期限): set at 受理, or at receipt for 诉前调解. */
  dueAt: Date | null;
  /** 诉前调解 extensions so far (one allowed). */
  extensions: number;
  supervision: Supervision;
  policeFlag: boolean;
  /** Mediators now on the case. */
  mediators: number[];
  /** Mediators recused (回避) from this case: never assigned to it again. */
  recused: number[];
  parties: PartyFacts[];
  sessions: number;
  agreement: { signedOn: Day; judicialDueOn: Day } | null;
  judicial: { appliedOn: Day; result: JudicialResult | null } | null;
  followUps: number;
  referral: Referral | null;
  /** Action rows so far (the history is append-only). */
  actions: number;
}
