import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { DEMAND_TYPES, RATINGS } from '../workflow/states.ts';

/** Schemas of the ticket API (工单): intake, actions, reads. */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const literals = <K extends string>(list: readonly K[], options = {}) => Type.Union(list.map((k) => Type.Literal(k)), options) as unknown as TUnion<TLiteral<K>[]>;
const keys = <K extends string>(o: Record<K, unknown>) => literals(Object.keys(o) as K[]);

/** Channels a person files through; open311 is for integrations (GeoReport v2), not this route. */
export const INTAKE_CHANNELS = ['hotline', 'police_transfer', 'app', 'patrol', 'wechat', 'leader'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
export const CHANNEL_NAMES: Record<IntakeChannel | 'open311', string> = {
  hotline: '12345热线', police_transfer: '110非警务转办', app: '随手拍', patrol: '网格巡查', wechat: '微信群（邻里牵手）', leader: '领导交办', open311: 'Open311',
};

export const AreaCode = Type.String({ pattern: '^[0-9]{6,15}$', description: 'area code 区划/网格编码' });
export const CategoryCode = Type.String({ pattern: '^[A-Z0-9]+(\\.[A-Z0-9]+){0,2}$', description: 'category code 事项分类, e.g. T05 or T05.02' });
export const TicketNumber = Type.String({ pattern: '^[0-9]{8}-[0-9]{5}$', description: '工单编号 YYYYMMDD-NNNNN' });

export const CreateTicket = Type.Object({
  channel: literals(INTAKE_CHANNELS, { description: 'hotline 12345, police_transfer 110双非, app 随手拍, patrol 巡查, wechat 邻里牵手, leader 交办' }),
  demandType: keys(DEMAND_TYPES),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'derived from the description when absent' })),
  description: Type.String({ minLength: 1, maxLength: 5000, description: 'plain text; HTML tags are refused' }),
  urgent: Type.Optional(Type.Boolean()),
  location: Type.Optional(Type.Object({ lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) }, { additionalProperties: false })),
  gridCode: Type.Optional(AreaCode),
  areaCode: Type.Optional(AreaCode),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  reporterName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  reporterPhone: Type.Optional(Type.String({ minLength: 3, maxLength: 30 })),
  categoryCode: Type.Optional(CategoryCode),
}, { additionalProperties: false });
export type CreateTicket = Static<typeof CreateTicket>;

const Note = Type.String({ maxLength: 2000 });
const act = <N extends string, P extends Record<string, TSchema>>(name: N, props: P) => Type.Object({ action: Type.Literal(name), ...props }, { additionalProperties: false });
/** One body per action (the workflow's ActionRequest); dispatch's assignee is optional: routing supplies it. */
export const ACTION_BODIES = {
  register: act('register', { note: Type.Optional(Note) }),
  cancel: act('cancel', { reason: literals(['invalid', 'duplicate', 'out_of_scope', 'other'] as const), note: Note }),
  merge: act('merge', { into: Type.Integer({ minimum: 1 }), note: Type.Optional(Note) }),
  dispatch: act('dispatch', {
    assignee: Type.Optional(Type.Union([
      Type.Object({ kind: Type.Literal('department'), department: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('area'), code: AreaCode }, { additionalProperties: false, description: 'an area of the city by code (属地)' }),
    ], { description: 'absent: the routing rules (category × area) decide, else the place’s community' })),
    note: Type.Optional(Note),
  }),
  sign: act('sign', {}),
  return: act('return', { reason: literals(['not_our_function', 'not_our_area', 'other'] as const), note: Note }),
  rule_return: act('rule_return', { approve: Type.Boolean(), note: Note }),
  request_extension: act('request_extension', { days: Type.Integer(), reason: Type.String({ maxLength: 2000 }) }),
  rule_extension: act('rule_extension', { approve: Type.Boolean(), note: Type.Optional(Note) }),
  escalate: act('escalate', { note: Note }),
  reply: act('reply', { result: Type.String({ maxLength: 2000 }) }),
  verify: act('verify', { passed: Type.Boolean(), note: Note }),
  close: act('close', { note: Type.Optional(Note) }),
  rate: act('rate', { rating: keys(RATINGS), note: Type.Optional(Note) }),
  reopen: act('reopen', { reason: Type.String({ maxLength: 2000 }) }),
  supervise: act('supervise', { level: Type.Union([Type.Literal('yellow'), Type.Literal('red')]), note: Type.Optional(Note) }),
} as const;
export const ActionBody = Type.Union(Object.values(ACTION_BODIES), { description: '{ action, ...what the action carries }' });
export type ActionBody = Static<typeof ActionBody>;

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const Assignee = Nullable(Type.Object({
  kind: Type.String(), department: Nullable(Type.String()), path: Nullable(Type.String()), name: Nullable(Type.String({ description: 'the area’s name for area assignees' })),
}));

export const TicketOut = Type.Object({
  id: Type.Integer(), number: Type.String(), cityCode: Type.String(), channel: Type.String(), demandType: Type.String(),
  categoryCode: Nullable(Type.String()), categoryName: Nullable(Type.String()),
  suggestedCategory: Nullable(Type.String()), suggestionConfidence: Nullable(Type.Number()),
  title: Type.String(), description: Type.String(), urgent: Type.Boolean(),
  location: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })), address: Nullable(Type.String()),
  gridCode: Nullable(Type.String()), areaPath: Type.String(), areaName: Nullable(Type.String()),
  reporterName: Nullable(Type.String()), reporterPhone: Nullable(Type.String({ description: 'masked' })),
  state: Type.String({ description: 'received registered dispatched accepted returned handled verified closed cancelled merged' }), stateName: Type.String(), centreLevel: Type.String(), assignee: Assignee,
  signDueAt: Nullable(Type.String({ format: 'date-time' })), dueAt: Nullable(Type.String({ format: 'date-time' })), overdue: Type.Boolean(),
  extension: Nullable(Type.Object({ days: Type.Integer(), reason: Type.String() })), returnedFrom: Nullable(Type.String()),
  supervision: Type.String(), rating: Nullable(Type.String()), reopened: Type.Integer(), mergedInto: Nullable(Type.Integer()),
  receivedAt: Type.String({ format: 'date-time' }), closedAt: Nullable(Type.String({ format: 'date-time' })), version: Type.Integer(),
});
export type TicketOut = Static<typeof TicketOut>;

export const ActionOut = Type.Object({
  seq: Type.Integer(), action: Type.String(), actionName: Type.String(), from: Nullable(Type.String()), to: Type.String(),
  by: Type.Object({ id: Nullable(Type.Integer()), name: Nullable(Type.String()), role: Nullable(Type.String()) }),
  note: Nullable(Type.String()), data: Type.Unknown(), at: Type.String({ format: 'date-time' }),
});
export const AttachmentOut = Type.Object({
  id: Type.Integer(), filename: Type.String(), mime: Type.String(), size: Type.Integer(), sha256: Type.String(), createdAt: Type.String({ format: 'date-time' }),
});
export const TicketDetail = Type.Object({ ticket: TicketOut, timeline: Type.Array(ActionOut), attachments: Type.Array(AttachmentOut), relations: Type.Array(Type.String({ description: 'how I stand to the ticket: centre, handler, verifier, reporter' })) });
export const ActionResult = Type.Object({ ticket: TicketOut, action: ActionOut });

export const TicketQuery = Type.Object({
  state: Type.Optional(Type.String({ pattern: '^[a-z_]+(,[a-z_]+)*$', description: 'one state or several separated by commas' })),
  channel: Type.Optional(Type.String({ maxLength: 20 })),
  demandType: Type.Optional(keys(DEMAND_TYPES)),
  category: Type.Optional(CategoryCode),
  area: Type.Optional(AreaCode),
  department: Type.Optional(Type.String({ maxLength: 60, description: 'assignee department' })),
  overdue: Type.Optional(Type.Boolean()),
  supervision: Type.Optional(Type.Union([Type.Literal('yellow'), Type.Literal('red'), Type.Literal('any')])),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  reporterPhone: Type.Optional(Type.String({ minLength: 3, maxLength: 30, description: 'caller history (repeat callers), for the hotline desk' })),
  mine: Type.Optional(Type.Boolean({ description: 'only tickets I filed' })),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
}, { additionalProperties: false });
export type TicketQuery = Static<typeof TicketQuery>;
export const TicketList = Type.Object({ items: Type.Array(TicketOut), total: Type.Integer() });

export const TrackQuery = Type.Object({ phone: Type.String({ minLength: 3, maxLength: 30 }), city: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })) }, { additionalProperties: false });
export const TrackOut = Type.Object({
  number: Type.String(), title: Type.String(), state: Type.String(), stateName: Type.String(), receivedAt: Type.String({ format: 'date-time' }),
  dueAt: Nullable(Type.String({ format: 'date-time' })), closedAt: Nullable(Type.String({ format: 'date-time' })), rating: Nullable(Type.String()),
  steps: Type.Array(Type.Object({ action: Type.String(), actionName: Type.String(), to: Type.String(), at: Type.String({ format: 'date-time' }), result: Nullable(Type.String()) })),
});

export const NotificationOut = Type.Object({
  id: Type.Integer(), kind: Type.String(), message: Type.String(), ticketId: Nullable(Type.Integer()), ticketNumber: Nullable(Type.String()),
  caseId: Nullable(Type.Integer({ description: 'a dispute case’s notice (矛盾纠纷)' })), caseNumber: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }), readAt: Nullable(Type.String({ format: 'date-time' })),
});
export const NotificationQuery = Type.Object({ unread: Type.Optional(Type.Boolean()), page: Type.Integer({ minimum: 1, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }, { additionalProperties: false });
