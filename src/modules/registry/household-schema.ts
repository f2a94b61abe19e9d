import { Type, type Static } from '@sinclair/typebox';
import { MemberInput, PersonOut } from './people-schema.ts';
import { AttachmentOut, GridCode, Id, Masked, Nullable, Paging, Stamps, TagCode, TagCodes, TagRef, Text, Version } from './schema.ts';

const Kind = Type.Union([Type.Literal('family'), Type.Literal('collective')], { description: '家庭户 family / 集体户 collective' });

export const CreateHousehold = Type.Object({
  gridCode: GridCode,
  buildingId: Type.Optional(Nullable(Id)),
  unitId: Type.Optional(Nullable(Id)),
  room: Type.Optional(Nullable(Text(20))),
  address: Text(200, 1),
  kind: Type.Optional(Kind),
  phone: Type.Optional(Nullable(Text(30))),
  notes: Type.Optional(Nullable(Text(1000))),
  tags: Type.Optional(TagCodes),
  members: Type.Array(MemberInput, { minItems: 1, maxItems: 50, description: 'the people of the household; exactly one with relation 02 户主' }),
}, { additionalProperties: false });
export type CreateHousehold = Static<typeof CreateHousehold>;

export const UpdateHousehold = Type.Object({
  version: Version,
  gridCode: Type.Optional(GridCode),
  buildingId: Type.Optional(Nullable(Id)),
  unitId: Type.Optional(Nullable(Id)),
  room: Type.Optional(Nullable(Text(20))),
  address: Type.Optional(Text(200, 1)),
  kind: Type.Optional(Kind),
  phone: Type.Optional(Nullable(Text(30))),
  notes: Type.Optional(Nullable(Text(1000))),
  tags: Type.Optional(TagCodes),
}, { additionalProperties: false });
export type UpdateHousehold = Static<typeof UpdateHousehold>;

export const HouseholdOut = Type.Object({
  id: Type.Integer(),
  gridCode: Type.String(),
  buildingId: Nullable(Type.Integer()),
  unitId: Nullable(Type.Integer()),
  room: Nullable(Type.String()),
  address: Type.String(),
  kind: Type.String(),
  phone: Masked('phone'),
  headPersonId: Nullable(Type.Integer()),
  headName: Nullable(Type.String()),
  memberCount: Type.Integer(),
  notes: Nullable(Type.String()),
  tags: Type.Array(TagRef),
  ...Stamps,
});
export type HouseholdOut = Static<typeof HouseholdOut>;

export const RentalSummary = Type.Object({
  id: Type.Integer(), landlordName: Type.String(), tenants: Type.Integer(), purpose: Type.String(), status: Type.String(),
});

export const HouseholdDetail = Type.Object({
  ...HouseholdOut.properties,
  members: Type.Array(PersonOut),
  rentalHouses: Type.Array(RentalSummary, { description: '出租房屋 registered on this household' }),
  attachments: Type.Array(AttachmentOut),
});
export type HouseholdDetail = Static<typeof HouseholdDetail>;

export const HouseholdQuery = Type.Object({
  grid: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: 'an area code: a grid, or a community/street' })),
  building: Type.Optional(Id),
  unit: Type.Optional(Id),
  tag: Type.Optional(TagCode),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'address or the head’s name' })),
  ...Paging,
}, { additionalProperties: false });
export type HouseholdQuery = Static<typeof HouseholdQuery>;
