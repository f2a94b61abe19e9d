import { Type, type Static } from '@sinclair/typebox';
import { CATEGORIES, FIELDS, MEDIATOR_KINDS, ORG_KINDS } from '../terms.ts';
import { AreaCode, Id, keysOf, literals, Nullable, Page, Phone } from '../schema-kit.ts';

/** Schemas of mediation organisations (调解组织) and mediators (调解员). */

export const CreateOrg = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 60 }),
  kind: keysOf(ORG_KINDS, 'kind'),
  field: Type.Optional(keysOf(FIELDS, 'field 行业领域 (required for industry_committee)')),
  areaCode: AreaCode, // the area it serves: a city, district, street or community (市, 区县, 乡镇/街道, 村/社区)
  phone: Type.Optional(Phone),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}, { additionalProperties: false });
export type CreateOrg = Static<typeof CreateOrg>;

export const PatchOrg = Type.Object({
  name: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
  field: Type.Optional(Nullable(keysOf(FIELDS, 'field'))),
  phone: Type.Optional(Nullable(Phone)),
  address: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
  active: Type.Optional(Type.Boolean()),
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'the version you read; refused with 409 when changed meanwhile' })),
}, { additionalProperties: false });
export type PatchOrg = Static<typeof PatchOrg>;

export const OrgQuery = Type.Object({
  area: Type.Optional(AreaCode), // in this area and below
  kind: Type.Optional(keysOf(ORG_KINDS, 'kind')),
  level: Type.Optional(literals(['city', 'district', 'street', 'community'] as const)),
  field: Type.Optional(keysOf(FIELDS, 'field')),
  active: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  ...Page,
}, { additionalProperties: false });
export type OrgQuery = Static<typeof OrgQuery>;

export const OrgOut = Type.Object({
  id: Type.Integer(), name: Type.String(), kind: Type.String(), kindName: Type.String(), field: Nullable(Type.String()), fieldName: Nullable(Type.String()),
  level: Type.String(), areaCode: Type.String(), areaPath: Type.String(), areaName: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: 'the office phone (not personal data)' })), address: Nullable(Type.String()), active: Type.Boolean(),
  mediators: Type.Integer({ description: 'active mediators' }), openCases: Type.Integer({ description: 'cases not yet concluded' }), version: Type.Integer(),
});
export type OrgOut = Static<typeof OrgOut>;
export const OrgList = Type.Object({ items: Type.Array(OrgOut), total: Type.Integer() });

const Specialties = Type.Array(keysOf(CATEGORIES, 'specialty'), { maxItems: 15, uniqueItems: true, description: 'dispute categories the mediator is good at' });

export const CreateMediator = Type.Object({
  orgId: Id,
  name: Type.String({ minLength: 1, maxLength: 40 }),
  phone: Type.Optional(Phone),
  kind: keysOf(MEDIATOR_KINDS, 'kind'),
  specialties: Type.Optional(Specialties),
  userId: Type.Optional(Id), // the mediator's login: a user of the city with role mediator
}, { additionalProperties: false });
export type CreateMediator = Static<typeof CreateMediator>;

export const PatchMediator = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  phone: Type.Optional(Nullable(Phone)),
  kind: Type.Optional(keysOf(MEDIATOR_KINDS, 'kind')),
  specialties: Type.Optional(Specialties),
  userId: Type.Optional(Nullable(Id)),
  active: Type.Optional(Type.Boolean()),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });
export type PatchMediator = Static<typeof PatchMediator>;

export const MediatorQuery = Type.Object({
  orgId: Type.Optional(Id),
  area: Type.Optional(AreaCode),
  specialty: Type.Optional(keysOf(CATEGORIES, 'specialty')),
  kind: Type.Optional(keysOf(MEDIATOR_KINDS, 'kind')),
  active: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  ...Page,
}, { additionalProperties: false });
export type MediatorQuery = Static<typeof MediatorQuery>;

export const MediatorOut = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Type.String(), name: Type.String(),
  phone: Nullable(Type.String({ description: 'masked' })), kind: Type.String(), kindName: Type.String(),
  specialties: Type.Array(Type.String()), specialtyNames: Type.Array(Type.String()),
  userId: Nullable(Type.Integer()), username: Nullable(Type.String()), active: Type.Boolean(),
  workload: Type.Integer({ description: 'open cases the mediator is on now' }), version: Type.Integer(),
});
export type MediatorOut = Static<typeof MediatorOut>;
export const MediatorList = Type.Object({ items: Type.Array(MediatorOut), total: Type.Integer() });
