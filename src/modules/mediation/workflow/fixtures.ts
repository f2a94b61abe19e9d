import type { ActionName, ActionRequest } from './actions.ts';
import type { CaseSnapshot, MediatorFacts, State } from './states.ts';

/** Shared by the workflow tests: a case in any state on which every guard of an action holds. */

export const NOW = new Date('2026-09-28T02:00:00Z'); // Monday 10:00 in Shanghai, the week before 国庆
export const MEDIATOR: MediatorFacts = { id: 11, orgId: 1, active: true, name: '李调解', phone: '13800000011' };

export const REQUESTS: Record<ActionName, ActionRequest> = {
  accept: { action: 'accept' },
  reject: { action: 'reject', reason: 'in_litigation', note: '已向法院起诉' },
  refuse: { action: 'refuse', partyId: 2, note: '被申请人明确拒绝调解' },
  withdraw: { action: 'withdraw', partyId: 1, note: '双方已自行和解' },
  assign: { action: 'assign', mediators: [MEDIATOR], chosenBy: 'committee' },
  recuse: { action: 'recuse', mediatorId: 12, requestedBy: 'party', partyId: 2, reason: '调解员与申请人是亲戚' },
  record_session: { action: 'record_session', session: { heldAt: '2026-09-28T01:00:00Z', place: '街道调解室', attendees: ['张三', '李四', '李调解'], minutes: '双方陈述了漏水经过，同意先行维修再协商赔偿' } },
  agree: {
    action: 'agree',
    agreement: {
      parties: [1, 2], facts: '楼上住户卫生间漏水致楼下住户天花板受损', disputes: '维修费用与赔偿数额', responsibilities: '楼上住户承担主要责任',
      terms: [{ content: '赔偿维修费 3000 元', manner: '一次性现金支付', deadline: '2026-10-15' }],
      signedOn: '2026-09-28', signedBy: { parties: [1, 2], mediators: [11] },
    },
  },
  fail: { action: 'fail', referral: 'litigation', note: '双方分歧过大' },
  extend: { action: 'extend', days: 15, note: '双方同意延长' },
  supervise: { action: 'supervise', level: 'yellow' },
  flag_police: { action: 'flag_police', reason: '一方扬言报复，可能激化' },
  add_party: { action: 'add_party', party: { kind: 'person', role: 'third_party', name: '王五' } },
  correct_party: { action: 'correct_party', partyId: 2, changes: { idNumber: '150203199001011232', address: '少先路街道某小区3号楼501' }, reason: '补充被申请人身份证号码和住址' },
  follow_up: { action: 'follow_up', visitedOn: '2026-09-28', performance: 'performed', note: '赔偿款已付清' },
  judicial_apply: { action: 'judicial_apply', appliedOn: '2026-09-28', court: '包头市昆都仑区人民法院' },
  judicial_result: { action: 'judicial_result', result: 'confirmed', decidedOn: '2026-09-28' },
};

/** A court-referred case (so 延长 is allowed) in `state`, ready for `action`. */
export function caseFor(state: State, action?: ActionName): CaseSnapshot {
  const running = state === 'assigned' || state === 'mediating' || state === 'agreed';
  return {
    state, source: 'court', category: 'neighbour', orgId: 1, registeredAt: new Date('2026-09-20T02:00:00Z'),
    dueAt: state === 'registered' ? new Date('2026-10-20T15:59:59.999Z') : new Date('2026-10-20T15:59:59.999Z'),
    extensions: 0, supervision: 'none', policeFlag: false,
    mediators: running ? [11] : [], recused: [],
    parties: [
      { id: 1, role: 'applicant', kind: 'person', name: '张三', identified: true, hasAddress: true, phone: '13900000001' },
      { id: 2, role: 'respondent', kind: 'person', name: '李四', identified: true, hasAddress: true, phone: '13900000002' },
    ],
    sessions: state === 'mediating' || state === 'agreed' ? 1 : 0,
    agreement: state === 'agreed' ? { signedOn: '2026-09-25', judicialDueOn: '2026-10-26' } : null,
    judicial: action === 'judicial_result' ? { appliedOn: '2026-09-26', result: null } : null,
    followUps: 0, referral: null, actions: 5,
  };
}
