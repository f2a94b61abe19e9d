import { Type, type Static } from '@sinclair/typebox';
import { AttachmentOut, DateOnly, GridCode, Id, Masked, Nullable, Paging, Stamps, Text, Version } from './schema.ts';

const Purpose = Type.Union([Type.Literal('residence'), Type.Literal('business'), Type.Literal('mixed'), Type.Literal('dormitory')], { description: '居住 / 经营 / 居住兼经营 / 集体宿舍' });
const Status = Type.Union([Type.Literal('active'), Type.Literal('ended')], { description: '在租 active / 已停租 ended' });

// The landlord is a person record (landlordPersonId) or, living elsewhere, a name and phone.
const fields = {
  householdId: Type.Optional(Nullable(Id)),
  buildingId: Type.Optional(Nullable(Id)),
  unitId: Type.Optional(Nullable(Id)),
  room: Type.Optional(Nullable(Text(20))),
  address: Type.Optional(Text(200, 1)),
  landlordPersonId: Type.Optional(Nullable(Id)),
  landlordName: Type.Optional(Text(50, 1)),
  landlordPhone: Type.Optional(Nullable(Text(30))),
  tenants: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'number of tenants 承租人数' })),
  areaM2: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }))),
  purpose: Type.Optional(Purpose),
  registeredOn: Type.Optional(Nullable(DateOnly)),
  status: Type.Optional(Status),
  notes: Type.Optional(Nullable(Text(1000))),
};

export const CreateRental = Type.Object({ gridCode: Type.Optional(GridCode), ...fields }, { additionalProperties: false });
export type CreateRental = Static<typeof CreateRental>;

export const UpdateRental = Type.Object({ version: Version, gridCode: Type.Optional(GridCode), ...fields }, { additionalProperties: false });
export type UpdateRental = Static<typeof UpdateRental>;

export const RentalOut = Type.Object({
  id: Type.Integer(),
  gridCode: Type.String(),
  householdId: Nullable(Type.Integer()),
  buildingId: Nullable(Type.Integer()),
  unitId: Nullable(Type.Integer()),
  room: Nullable(Type.String()),
  address: Type.String(),
  landlord: Type.Object({ personId: Nullable(Type.Integer()), name: Type.String(), phone: Masked('phone') }),
  tenants: Type.Integer(),
  areaM2: Nullable(Type.Number()),
  purpose: Type.String(),
  registeredOn: Nullable(Type.String()),
  status: Type.String(),
  notes: Nullable(Type.String()),
  ...Stamps,
});
export type RentalOut = Static<typeof RentalOut>;

export const RentalDetail = Type.Object({ ...RentalOut.properties, attachments: Type.Array(AttachmentOut) });
export type RentalDetail = Static<typeof RentalDetail>;

export const RentalQuery = Type.Object({
  grid: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: 'an area code: a grid, or a community/street' })),
  status: Type.Optional(Status),
  purpose: Type.Optional(Purpose),
  householdId: Type.Optional(Id),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'address or landlord name' })),
  ...Paging,
}, { additionalProperties: false });
export type RentalQuery = Static<typeof RentalQuery>;
