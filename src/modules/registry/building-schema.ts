import { Type, type Static } from '@sinclair/typebox';
import { AttachmentOut, GridCode, LonLat, Nullable, Paging, Text } from './schema.ts';

const Kind = Type.Union([Type.Literal('residential'), Type.Literal('commercial'), Type.Literal('mixed'), Type.Literal('public'), Type.Literal('bungalow')], { description: '住宅 residential / 商业 commercial / 商住 mixed / 公共 public / 平房 bungalow' });

export const UnitInput = Type.Object({
  name: Text(20, 1),
  floors: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 200 }))),
  roomsPerFloor: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100 }))),
}, { additionalProperties: false });
export type UnitInput = Static<typeof UnitInput>;

export const CreateBuilding = Type.Object({
  gridCode: GridCode,
  name: Text(50, 1),
  address: Type.Optional(Nullable(Text(200))),
  floors: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 200 }))),
  kind: Type.Optional(Kind),
  location: Type.Optional(Nullable(LonLat)),
  units: Type.Optional(Type.Array(UnitInput, { maxItems: 50 })),
}, { additionalProperties: false });
export type CreateBuilding = Static<typeof CreateBuilding>;

export const UpdateBuilding = Type.Object({
  name: Type.Optional(Text(50, 1)),
  address: Type.Optional(Nullable(Text(200))),
  floors: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 200 }))),
  kind: Type.Optional(Kind),
  location: Type.Optional(Nullable(LonLat)),
  addUnits: Type.Optional(Type.Array(UnitInput, { minItems: 1, maxItems: 50, description: 'units to add' })),
}, { additionalProperties: false });
export type UpdateBuilding = Static<typeof UpdateBuilding>;

export const BuildingOut = Type.Object({
  id: Type.Integer(),
  gridCode: Type.String(),
  name: Type.String(),
  address: Nullable(Type.String()),
  floors: Nullable(Type.Integer()),
  kind: Type.String(),
  location: Nullable(Type.Array(Type.Number())),
  unitCount: Type.Integer(),
  householdCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type BuildingOut = Static<typeof BuildingOut>;

const HouseholdBrief = Type.Object({ id: Type.Integer(), room: Nullable(Type.String()), address: Type.String(), headName: Nullable(Type.String()), memberCount: Type.Integer() });

export const BuildingDetail = Type.Object({
  ...BuildingOut.properties,
  units: Type.Array(Type.Object({
    id: Type.Integer(), name: Type.String(), floors: Nullable(Type.Integer()), roomsPerFloor: Nullable(Type.Integer()),
    households: Type.Array(HouseholdBrief),
  })),
  householdsWithoutUnit: Type.Array(HouseholdBrief),
  attachments: Type.Array(AttachmentOut),
});
export type BuildingDetail = Static<typeof BuildingDetail>;

export const BuildingQuery = Type.Object({
  grid: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: 'an area code: a grid, or a community/street' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'name or address' })),
  ...Paging,
}, { additionalProperties: false });
export type BuildingQuery = Static<typeof BuildingQuery>;
