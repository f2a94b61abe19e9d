import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CATEGORIES, JUDICIAL_RESULTS, PARTY_KINDS, PARTY_ROLES, PERFORMANCE, REFERRALS, REJECT_REASONS, SOURCES } from '../terms.ts';
import { AreaCode, Day, Id, keysOf, literals, Nullable, Page, Phone } from '../schema-kit.ts';

/** Schemas of dispute cases (纠纷案件): intake from every door, the actions, the records, the reads. */

export const PartyIn = Type.Object({
  kind: keysOf(PARTY_KINDS, 'kind'),
  role: keysOf(PARTY_ROLES, 'role'),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 30, description: '公民身份号码 GB 11643 (persons); checked; masked in every answer' })),
  creditCode: Type.Optional(Type.String({ minLength: 1, maxLength: 30, description: '统一社会信用代码 GB 32100 (organisations); checked' })),
  phone: Type.Optional(Phone),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  legalRep: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '法定代表人 of an organisation' })),
}, { additionalProperties: false });

export const CreateCase = Type.Object({
  source: keysOf(SOURCES, 'source 来源'),
  referringBody: Type.Optional(Type.String({ maxLength: 100, description: 'required for petition / police / court hand-offs: the body that handed it over' })),
  referralNumber: Type.Optional(Type.String({ maxLength: 60, description: 'required for hand-offs: their reference number (移交文书编号)' })),
  ticketId: Type.Optional(Type.Integer({ minimum: 1, description: 'source=ticket: the ticket (工单) that becomes this case; it gets a 转人民调解 action' })),
  orgId: Type.Integer({ minimum: 1, description: 'the organisation that receives the case' }),
  category: keysOf(CATEGORIES, 'category 纠纷类别'),
  summary: Type.String({ maxLength: 2000, description: '纠纷简要情况' }),
  amount: Type.Optional(Type.Number({ minimum: 0, description: '争议金额 in yuan' })),
  peopleInvolved: Type.Optional(Type.Integer({ minimum: 1, description: '涉及人数 (default: the number of parties)' })),
  location: Type.Optional(Type.Object({ lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) }, { additionalProperties: false })),
  gridCode: Type.Optional(AreaCode),
  areaCode: Type.Optional(AreaCode),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  parties: Type.Array(PartyIn, { minItems: 1, maxItems: 50 }),
}, { additionalProperties: false });
export type CreateCase = Static<typeof CreateCase>;

const Note = Type.String({ maxLength: 2000 });
const act = <N extends string, P extends Record<string, TSchema>>(name: N, props: P) => Type.Object({ action: Type.Literal(name), ...props }, { additionalProperties: false });

/** The bodies of the one actions route; sessions, agreements, parties, 司法确认 and 回访 have routes of their own. */
export const ACTION_BODIES = {
  accept: act('accept', { note: Type.Optional(Note) }),
  reject: act('reject', { reason: keysOf(REJECT_REASONS, 'reason'), note: Note }),
  refuse: act('refuse', { partyId: Id, note: Note }),
  withdraw: act('withdraw', { partyId: Id, note: Note }),
  assign: act('assign', {
    mediatorIds: Type.Array(Id, { minItems: 1, maxItems: 5, description: 'the first leads' }),
    chosenBy: literals(['committee', 'parties'] as const, { description: 'committee 调委会指定 | parties 当事人选定' }),
    note: Type.Optional(Note),
  }),
  recuse: act('recuse', {
    mediatorId: Id, requestedBy: literals(['party', 'mediator'] as const, { description: 'party 当事人申请回避 | mediator 调解员自行回避' }),
    partyId: Type.Optional(Id), reason: Note,
  }),
  fail: act('fail', { referral: keysOf(REFERRALS, 'referral 告知的其他途径'), note: Note }),
  extend: act('extend', { days: Type.Integer({ description: '诉前调解 only, once, with the parties’ consent' }), note: Note }),
  supervise: act('supervise', { level: literals(['yellow', 'red'] as const), note: Type.Optional(Note) }),
  flag_police: act('flag_police', { reason: Note }),
  // 更正当事人: null clears a particular; ID numbers, credit codes and phones are checked by the kernel validators.
  correct_party: act('correct_party', {
    partyId: Id,
    changes: Type.Object({
      name: Type.Optional(Type.String({ maxLength: 100 })),
      idNumber: Type.Optional(Nullable(Type.String({ maxLength: 30, description: '公民身份号码 (persons)' }))),
      creditCode: Type.Optional(Nullable(Type.String({ maxLength: 30, description: '统一社会信用代码 (organisations)' }))),
      phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
      address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
      legalRep: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    }, { additionalProperties: false, description: 'only the particulars to correct' }),
    reason: Note,
  }),
} as const;
export const ActionBody = Type.Union(Object.values(ACTION_BODIES), { description: '{ action, ...what the action carries }' });
export type ActionBody = Static<typeof ActionBody>;

export const SessionBody = Type.Object({
  heldAt: Type.String({ format: 'date-time' }),
  place: Type.String({ maxLength: 200 }),
  attendees: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50, description: 'names of those present' }),
  minutes: Type.String({ maxLength: 20000, description: '调解笔录' }),
}, { additionalProperties: false });

export const AgreementBody = Type.Object({
  parties: Type.Array(Id, { maxItems: 50, description: 'ids of the case’s parties the agreement binds' }),
  facts: Type.String({ maxLength: 5000, description: '纠纷的主要事实' }),
  disputes: Type.String({ maxLength: 5000, description: '争议事项' }),
  responsibilities: Type.String({ maxLength: 5000, description: '各方当事人的责任' }),
  terms: Type.Array(Type.Object({
    content: Type.String({ maxLength: 2000 }), manner: Type.String({ maxLength: 500, description: '履行方式' }), deadline: Type.String({ maxLength: 10, description: '履行期限 YYYY-MM-DD' }),
  }, { additionalProperties: false }), { maxItems: 50 }),
  signedOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
  signedBy: Type.Object({ parties: Type.Array(Id, { maxItems: 50 }), mediators: Type.Array(Id, { maxItems: 5 }) }, { additionalProperties: false }),
}, { additionalProperties: false });

export const JudicialApplyBody = Type.Object({ appliedOn: Day, court: Type.String({ maxLength: 100 }), note: Type.Optional(Note) }, { additionalProperties: false });
export const JudicialResultBody = Type.Object({ result: keysOf(JUDICIAL_RESULTS, 'result'), decidedOn: Day, note: Type.Optional(Note) }, { additionalProperties: false });
export const FollowUpBody = Type.Object({ visitedOn: Day, performance: keysOf(PERFORMANCE, 'performance 履行情况'), note: Note }, { additionalProperties: false });

export const CaseQuery = Type.Object({
  state: Type.Optional(Type.String({ pattern: '^[a-z_]+(,[a-z_]+)*$', description: 'one state or several separated by commas' })),
  source: Type.Optional(keysOf(SOURCES, 'source')),
  category: Type.Optional(keysOf(CATEGORIES, 'category')),
  orgId: Type.Optional(Id),
  area: Type.Optional(AreaCode),
  mediatorId: Type.Optional(Id),
  mine: Type.Optional(Type.Boolean({ description: 'cases I am a mediator on now' })),
  overdue: Type.Optional(Type.Boolean()),
  supervision: Type.Optional(literals(['yellow', 'red', 'any'] as const)),
  police: Type.Optional(Type.Boolean({ description: 'reported to the police (第二十五条)' })),
  ticketId: Type.Optional(Id),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'the number, or words of the summary' })),
  ...Page,
}, { additionalProperties: false });
export type CaseQuery = Static<typeof CaseQuery>;

const When = Type.String({ format: 'date-time' });
export const CaseOut = Type.Object({
  id: Type.Integer(), number: Type.String({ description: 'TJ<year>-NNNNN, per city and year' }), cityCode: Type.String(),
  source: Type.String(), sourceName: Type.String(), referringBody: Nullable(Type.String()), referralNumber: Nullable(Type.String()),
  ticket: Nullable(Type.Object({ id: Type.Integer(), number: Nullable(Type.String()) })),
  category: Type.String(), categoryName: Type.String(), summary: Type.String(), amount: Nullable(Type.Number()), peopleInvolved: Type.Integer(),
  location: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })), address: Nullable(Type.String()),
  gridCode: Nullable(Type.String()), areaPath: Type.String(), areaName: Nullable(Type.String()),
  org: Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), level: Type.String() }),
  mediators: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), { description: 'on the case now' }),
  state: Type.String(), stateName: Type.String(), dueAt: Nullable(When), overdue: Type.Boolean(), extensions: Type.Integer(), supervision: Type.String(),
  policeFlag: Type.Boolean(), policeReason: Nullable(Type.String()), referral: Nullable(Type.String()), referralName: Nullable(Type.String()),
  registeredAt: When, acceptedAt: Nullable(When), concludedAt: Nullable(When), version: Type.Integer(),
});
export type CaseOut = Static<typeof CaseOut>;
export const CaseList = Type.Object({ items: Type.Array(CaseOut), total: Type.Integer() });

export const PartyOut = Type.Object({
  id: Type.Integer(), kind: Type.String(), role: Type.String(), roleName: Type.String(), name: Type.String(),
  idNumber: Nullable(Type.String({ description: 'masked; reveal with a reason' })), creditCode: Nullable(Type.String({ description: 'masked' })),
  phone: Nullable(Type.String({ description: 'masked' })), address: Nullable(Type.String({ description: 'only for those involved' })), legalRep: Nullable(Type.String()),
});
export const ActionOut = Type.Object({
  seq: Type.Integer(), action: Type.String(), actionName: Type.String(), from: Nullable(Type.String()), to: Type.String(),
  by: Type.Object({ id: Nullable(Type.Integer()), name: Nullable(Type.String()), role: Nullable(Type.String()) }),
  note: Nullable(Type.String()), data: Type.Unknown(), at: When,
});
export const ActionResult = Type.Object({ case: CaseOut, action: ActionOut });

export const CaseDetail = Type.Object({
  case: CaseOut,
  parties: Type.Array(PartyOut),
  mediators: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), orgName: Type.String(), chosenBy: Type.String(), lead: Type.Boolean(), assignedAt: When, removedAt: Nullable(When), removedReason: Nullable(Type.String()) }), { description: 'every assignment, current and past' }),
  recusals: Type.Array(Type.Object({ mediatorId: Type.Integer(), mediatorName: Type.String(), requestedBy: Type.String(), partyId: Nullable(Type.Integer()), reason: Type.String(), at: When })),
  timeline: Type.Array(ActionOut),
  sessions: Type.Array(Type.Object({ id: Type.Integer(), heldAt: When, place: Type.String(), attendees: Type.Array(Type.String()), minutes: Nullable(Type.String({ description: 'only for those involved' })) })),
  agreement: Nullable(Type.Object({ signedOn: Type.String(), judicialDueOn: Type.String({ description: 'last day to apply for 司法确认' }), readable: Type.Boolean() })),
  judicial: Nullable(Type.Object({ appliedOn: Type.String(), court: Type.String(), result: Nullable(Type.String()), resultName: Nullable(Type.String()), decidedOn: Nullable(Type.String()) })),
  followUps: Type.Array(Type.Object({ id: Type.Integer(), visitedOn: Type.String(), performance: Type.String(), performanceName: Type.String(), note: Type.String() })),
  relations: Type.Array(Type.String({ description: 'how I stand to the case: committee, mediator, supervisor' })),
  actions: Type.Array(Type.String({ description: 'actions the state allows and my relations may take (guards still apply)' })),
});

export const AgreementOut = Type.Object({
  caseId: Type.Integer(), caseNumber: Type.String(), org: Type.Object({ id: Type.Integer(), name: Type.String() }),
  parties: Type.Array(PartyOut), facts: Type.String(), disputes: Type.String(), responsibilities: Type.String(),
  terms: Type.Array(Type.Object({ content: Type.String(), manner: Type.String(), deadline: Type.String() })),
  signedOn: Type.String(), signedBy: Type.Object({ parties: Type.Array(Type.Integer()), mediators: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })) }),
  judicialDueOn: Type.String(), createdAt: When,
});

export const RevealBody = Type.Object({
  field: literals(['idNumber', 'creditCode', 'phone'] as const),
  reason: Type.String({ minLength: 4, maxLength: 200, description: 'why you need the clear value (kept in the audit log)' }),
  seq: Type.Optional(Type.Integer({ minimum: 1, description: 'the value a correction (更正当事人, this action seq) replaced' })),
}, { additionalProperties: false });
export const RevealOut = Type.Object({ partyId: Type.Integer(), field: Type.String(), value: Nullable(Type.String()) });
export const PartyParam = Type.Object({ id: Id, partyId: Id }, { additionalProperties: false });

export const Settings = Type.Object({
  conclusionDays: Type.Integer({ minimum: 1, maximum: 90, description: '调解期限 from 受理, calendar days (default 30: one month)' }),
  courtDays: Type.Integer({ minimum: 1, maximum: 90, description: '诉前调解 period from receipt (default 30)' }),
  courtExtensionDays: Type.Integer({ minimum: 1, maximum: 90, description: 'its one extension at most (default 30)' }),
  redAfterWorkdays: Type.Integer({ minimum: 0, maximum: 30, description: '红牌督办 when more than this many working days late (default 5)' }),
}, { additionalProperties: false });
export type Settings = Static<typeof Settings>;
/** The settings page sends back the version it read: a change made meanwhile is refused (409, field version). */
export const SettingsBody = Type.Object({ ...Settings.properties, version: Type.Optional(Type.Integer({ minimum: 0, description: 'as read; 0 while the city has kept the defaults' })) }, { additionalProperties: false });
export type SettingsBody = Static<typeof SettingsBody>;
export const SettingsOut = Type.Object({ ...Settings.properties, version: Type.Integer({ description: '0: the defaults, never edited' }) });
export type SettingsOut = Static<typeof SettingsOut>;
