import { Type, type Static } from '@sinclair/typebox';
import { AttachmentOut, DateOnly, GridCode, Id, Masked, Nullable, Paging, Stamps, TagCode, TagCodes, TagRef, Text, VocabCode, Version } from './schema.ts';

/** 户籍 registered, 流动 floating, 境外 overseas, 留守 left-behind. */
export const ResidenceType = Type.Union([Type.Literal('registered'), Type.Literal('floating'), Type.Literal('overseas'), Type.Literal('left_behind')], { description: '户籍 registered / 流动 floating / 境外 overseas / 留守 left_behind' });
export type ResidenceTypeValue = 'registered' | 'floating' | 'overseas' | 'left_behind';
const Sex = Type.Union([Type.Literal('1'), Type.Literal('2')], { description: 'GB/T 2261.1: 1 男, 2 女; taken from the ID number when absent' });

// What a person record holds, as sent by a form; sex and birth date may be left to the ID number.
const core = {
  name: Text(50, 1),
  idNumber: Type.String({ minLength: 1, maxLength: 30, description: '公民身份号码 GB 11643 (18 characters, check digit)' }),
  sex: Type.Optional(Sex),
  birthDate: Type.Optional(DateOnly),
  ethnicity: Type.Optional(Nullable(VocabCode)),
  politicalStatus: Type.Optional(Nullable(VocabCode)),
  education: Type.Optional(Nullable(VocabCode)),
  phone: Type.Optional(Nullable(Text(30))),
  address: Type.Optional(Nullable(Text(200))),
  workplace: Type.Optional(Nullable(Text(100))),
  nationality: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 3166 alpha-3, CHN by default' })),
  notes: Type.Optional(Nullable(Text(1000))),
};

export const CreatePerson = Type.Object({
  ...core,
  residenceType: Type.Optional(ResidenceType),
  gridCode: Type.Optional(GridCode),
  householdId: Type.Optional(Nullable(Id)),
  relation: Type.Optional(Nullable(VocabCode)),
  tags: Type.Optional(TagCodes),
}, { additionalProperties: false });
export type CreatePerson = Static<typeof CreatePerson>;

/** A member of a household created with it; relation 与户主关系 (GB/T 4761) is required, 02 户主 exactly once. */
export const MemberInput = Type.Object({
  ...core,
  residenceType: Type.Optional(ResidenceType),
  relation: VocabCode,
  tags: Type.Optional(TagCodes),
}, { additionalProperties: false });
export type MemberInput = Static<typeof MemberInput>;

// Residence type changes only through /move, so each move is kept in its own history.
export const UpdatePerson = Type.Object({
  version: Version,
  ...Type.Partial(Type.Object(core)).properties,
  gridCode: Type.Optional(GridCode),
  householdId: Type.Optional(Nullable(Id)),
  relation: Type.Optional(Nullable(VocabCode)),
}, { additionalProperties: false });
export type UpdatePerson = Static<typeof UpdatePerson>;

export const PersonOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  idNumber: Masked('ID number'),
  sex: Type.String(),
  // With the masked ID's first 6 and last 4, a full birth date would give the whole number away.
  birthMonth: Type.String({ description: 'YYYY-MM' }),
  age: Type.Integer(),
  ethnicity: Nullable(Type.String()),
  politicalStatus: Nullable(Type.String()),
  education: Nullable(Type.String()),
  phone: Masked('phone'),
  residenceType: Type.String(),
  householdId: Nullable(Type.Integer()),
  relation: Nullable(Type.String()),
  gridCode: Type.String(),
  address: Nullable(Type.String()),
  workplace: Nullable(Type.String()),
  nationality: Type.String(),
  notes: Nullable(Type.String()),
  tags: Type.Array(TagRef),
  ...Stamps,
});
export type PersonOut = Static<typeof PersonOut>;

export const ResidenceChangeOut = Type.Object({
  id: Type.Integer(), fromType: Nullable(Type.String()), toType: Type.String(), on: Type.String(), reason: Nullable(Type.String()), at: Type.String({ format: 'date-time' }),
});

export const PersonDetail = Type.Object({
  ...PersonOut.properties,
  household: Nullable(Type.Object({ id: Type.Integer(), address: Type.String(), headName: Nullable(Type.String()) })),
  residenceChanges: Type.Array(ResidenceChangeOut),
  attachments: Type.Array(AttachmentOut),
});
export type PersonDetail = Static<typeof PersonDetail>;

export const PersonQuery = Type.Object({
  grid: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: 'an area code: a grid, or a community/street to see all below it' })),
  tag: Type.Optional(TagCode),
  residenceType: Type.Optional(ResidenceType),
  householdId: Type.Optional(Id),
  ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
  ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'name or address' })),
  ...Paging,
}, { additionalProperties: false });
export type PersonQuery = Static<typeof PersonQuery>;

export const MovePerson = Type.Object({
  toType: ResidenceType,
  reason: Text(200, 2),
  on: Type.Optional(DateOnly),
  version: Type.Optional(Version),
}, { additionalProperties: false });
export type MovePerson = Static<typeof MovePerson>;

export const AddTag = Type.Object({
  code: TagCode,
  since: Type.Optional(DateOnly),
  note: Type.Optional(Nullable(Text(200))),
}, { additionalProperties: false });
export type AddTag = Static<typeof AddTag>;

export const Reveal = Type.Object({
  field: Type.Union([Type.Literal('idNumber'), Type.Literal('phone')]),
  reason: Type.String({ minLength: 4, maxLength: 200, description: 'why you need the clear value (recorded in the audit log)' }),
}, { additionalProperties: false });
export type Reveal = Static<typeof Reveal>;

export const TagCodeParam = Type.Object({ id: Id, code: TagCode }, { additionalProperties: false });
