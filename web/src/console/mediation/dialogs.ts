// What the case page's dialogs are opened with.
import type { Party } from '../../api/mediation';

/** Actions of the one actions route (CaseActionDialog). */
export type DialogAction = 'accept' | 'reject' | 'refuse' | 'withdraw' | 'assign' | 'recuse' | 'fail' | 'extend' | 'supervise' | 'flag_police';
/** The records after an agreement (RecordDialog). */
export type RecordKind = 'judicial_apply' | 'judicial_result' | 'follow_up';
/** A party's number to show in clear (PartyRevealDialog). */
export interface RevealTarget { caseId: number; party: Party; field: 'idNumber' | 'creditCode' | 'phone' }
