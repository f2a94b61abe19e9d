import { Type, type Static } from '@sinclair/typebox';
import { AttachmentOut, DateOnly, GridCode, Masked, Nullable, Paging, Stamps, TagCode, TagCodes, TagRef, Text, VocabCode, Version } from './schema.ts';

/** 非公经济组织 enterprises and individual businesses, 社会组织 social organisations, 机关事业单位. */
export const OrganisationKind = Type.Union([Type.Literal('enterprise'), Type.Literal('individual_business'), Type.Literal('social_org'), Type.Literal('public_institution')]);
const Status = Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('closed')], { description: '存续 / 停业 / 注销' });

const fields = {
  name: Text(100, 1),
  creditCode: Type.Optional(Nullable(Type.String({ maxLength: 30, description: '统一社会信用代码 GB 32100 (18 characters); required for enterprises' }))),
  industry: Type.Optional(Nullable(VocabCode)),
  legalRep: Type.Optional(Nullable(Text(50))),
  phone: Type.Optional(Nullable(Text(30))),
  address: Type.Optional(Nullable(Text(200))),
  employees: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
  registeredCapital: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e13, description: '注册资本, yuan' }))),
  establishedOn: Type.Optional(Nullable(DateOnly)),
  status: Type.Optional(Status),
  hasPartyOrg: Type.Optional(Type.Boolean({ description: '建有党组织' })),
  notes: Type.Optional(Nullable(Text(1000))),
  tags: Type.Optional(TagCodes),
};

export const CreateOrganisation = Type.Object({ kind: OrganisationKind, gridCode: GridCode, ...fields }, { additionalProperties: false });
export type CreateOrganisation = Static<typeof CreateOrganisation>;

export const UpdateOrganisation = Type.Object({
  version: Version,
  kind: Type.Optional(OrganisationKind),
  gridCode: Type.Optional(GridCode),
  ...fields,
  name: Type.Optional(Text(100, 1)),
}, { additionalProperties: false });
export type UpdateOrganisation = Static<typeof UpdateOrganisation>;

export const OrganisationOut = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  name: Type.String(),
  creditCode: Nullable(Type.String()),
  industry: Nullable(Type.String()),
  legalRep: Nullable(Type.String()),
  phone: Masked('phone'),
  address: Nullable(Type.String()),
  gridCode: Type.String(),
  employees: Nullable(Type.Integer()),
  registeredCapital: Nullable(Type.Number()),
  establishedOn: Nullable(Type.String()),
  status: Type.String(),
  hasPartyOrg: Type.Boolean(),
  notes: Nullable(Type.String()),
  tags: Type.Array(TagRef),
  ...Stamps,
});
export type OrganisationOut = Static<typeof OrganisationOut>;

export const OrganisationDetail = Type.Object({ ...OrganisationOut.properties, attachments: Type.Array(AttachmentOut) });
export type OrganisationDetail = Static<typeof OrganisationDetail>;

export const OrganisationQuery = Type.Object({
  grid: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: 'an area code: a grid, or a community/street' })),
  kind: Type.Optional(OrganisationKind),
  status: Type.Optional(Status),
  tag: Type.Optional(TagCode),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'name or credit code' })),
  ...Paging,
}, { additionalProperties: false });
export type OrganisationQuery = Static<typeof OrganisationQuery>;
