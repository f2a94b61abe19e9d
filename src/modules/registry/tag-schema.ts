import { Type, type Static } from '@sinclair/typebox';
import { Nullable, TagCode, Text } from './schema.ts';

export const AppliesTo = Type.Union([Type.Literal('person'), Type.Literal('household'), Type.Literal('organisation')]);
export type AppliesTo = Static<typeof AppliesTo>;

export const TagOut = Type.Object({
  code: Type.String(),
  name: Type.String(),
  category: Type.String(),
  appliesTo: Type.String(),
  description: Nullable(Type.String()),
  active: Type.Boolean(),
  builtin: Type.Boolean({ description: 'built-in tags can be deactivated, not deleted' }),
  used: Type.Integer({ description: 'records carrying the tag in the city' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type TagOut = Static<typeof TagOut>;

export const CreateTag = Type.Object({
  code: TagCode,
  name: Text(40, 1),
  category: Text(40, 1),
  appliesTo: AppliesTo,
  description: Type.Optional(Nullable(Text(200))),
}, { additionalProperties: false });
export type CreateTag = Static<typeof CreateTag>;

export const UpdateTag = Type.Object({
  name: Type.Optional(Text(40, 1)),
  description: Type.Optional(Nullable(Text(200))),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type UpdateTag = Static<typeof UpdateTag>;

export const TagQuery = Type.Object({
  appliesTo: Type.Optional(AppliesTo),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const TagParam = Type.Object({ code: TagCode }, { additionalProperties: false });
