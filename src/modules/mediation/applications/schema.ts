import { Type, type Static } from '@sinclair/typebox';
import { CATEGORIES, PARTY_KINDS } from '../terms.ts';
import { Id, keysOf, Nullable, Page, Phone } from '../schema-kit.ts';

/** Schemas of 申请调解: a resident applies through the app and follows their own applications. */

/** Size limits, as ticket intake keeps them: what a phone form can sensibly send. */
export const LIMITS = { summaryMin: 10, summaryMax: 2000, otherParties: 10, addressMax: 200, nameMax: 100, peopleMax: 1000 } as const;
/** Applications of one resident waiting for 受理 at once (a flood or a stuck button, not a dispute, needs more). */
export const WAITING_APPLICATIONS = 5;

const Point = Type.Object({ lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) }, { additionalProperties: false });

export const OtherParty = Type.Object({
  name: Type.String({ maxLength: LIMITS.nameMax, description: 'the other side: a person’s name or an organisation’s (e.g. 某物业公司)' }),
  phone: Type.Optional(Phone),
  kind: keysOf(PARTY_KINDS, 'kind'),
}, { additionalProperties: false });

export const ApplicationBody = Type.Object({
  category: keysOf(CATEGORIES, 'category 纠纷类别'),
  summary: Type.String({ maxLength: LIMITS.summaryMax, description: 'what happened and what the applicant asks for (纠纷经过和申请事项), plain text' }),
  otherParties: Type.Array(OtherParty, { maxItems: LIMITS.otherParties, description: 'the other side(s) of the dispute (被申请人); the applicant is the caller' }),
  address: Type.String({ maxLength: LIMITS.addressMax, description: 'where the dispute is (纠纷发生地)' }),
  location: Type.Optional(Point),
  peopleInvolved: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.peopleMax, description: '涉及人数 (default: the parties)' })),
  preferredOrgId: Type.Optional(Id),
}, { additionalProperties: false });
export type ApplicationBody = Static<typeof ApplicationBody>;

export const ApplicationQuery = Type.Object({ ...Page }, { additionalProperties: false });
export const CommitteeQuery = Type.Object({ lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })), lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })) }, { additionalProperties: false });

/** The states in a resident's words. */
export const PLAIN_STATES = ['waiting', 'accepted', 'mediating', 'agreed', 'failed', 'rejected', 'ended'] as const;

const Step = Type.Object({ key: Type.String(), title: Type.String(), at: Nullable(Type.String()), done: Type.Boolean() });
export const ApplicationSummary = Type.Object({
  id: Type.Integer(), number: Type.String(), state: Type.String(), plainState: Type.String({ description: PLAIN_STATES.join(' | ') }), stateName: Type.String({ description: '待受理, 已受理, 调解中, 已达成协议, 调解不成, 不予受理 …' }),
  category: Type.String(), categoryName: Type.String(), summary: Type.String(), orgName: Type.String(), registeredAt: Type.String(),
});
export const ApplicationList = Type.Object({ items: Type.Array(ApplicationSummary), total: Type.Integer() });
export const ApplicationDetail = Type.Object({
  ...ApplicationSummary.properties,
  address: Nullable(Type.String()), areaName: Nullable(Type.String()),
  org: Type.Object({ id: Type.Integer(), name: Type.String(), phone: Nullable(Type.String()), address: Nullable(Type.String()) }),
  mediators: Type.Array(Type.String({ description: 'the mediators on the case now, by name' })),
  parties: Type.Array(Type.Object({ role: Type.String(), roleName: Type.String(), kind: Type.String(), name: Type.String(), me: Type.Boolean() })),
  dueAt: Nullable(Type.String({ description: 'the mediation’s deadline (调解期限) once accepted' })),
  steps: Type.Array(Step, { description: 'the progress: 申请, 受理, 调解, 结果' }),
  sessions: Type.Array(Type.Object({ heldAt: Type.String(), place: Type.String() })),
  rejection: Nullable(Type.Object({ reason: Type.String(), reasonName: Type.String(), note: Nullable(Type.String()), at: Type.String() })),
  referral: Nullable(Type.Object({ referral: Type.String(), referralName: Type.String(), note: Nullable(Type.String()), at: Type.String() })),
  agreement: Nullable(Type.Object({
    signedOn: Type.String(), judicialDueOn: Type.String({ description: '司法确认 to be applied for jointly by this day' }),
    terms: Type.Array(Type.Object({ content: Type.String(), manner: Type.String(), deadline: Type.String() })),
    documentUrl: Type.String({ description: 'the printable 调解协议书 (masked)' }),
  })),
  judicial: Nullable(Type.Object({ appliedOn: Type.String(), court: Type.String(), resultName: Nullable(Type.String()), decidedOn: Nullable(Type.String()) })),
  followUps: Type.Array(Type.Object({ visitedOn: Type.String(), performanceName: Type.String() })),
});
export const CommitteeList = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String(), phone: Nullable(Type.String()), address: Nullable(Type.String()), nearest: Type.Boolean() })),
});

/** 申请人撤回: why the applicant withdraws (e.g. 已与对方自行和解). */
export const WithdrawBody = Type.Object({
  reason: Type.String({ maxLength: 500, description: 'why the application is withdrawn (撤回理由), at least 2 characters' }),
}, { additionalProperties: false });
export type WithdrawBody = Static<typeof WithdrawBody>;
