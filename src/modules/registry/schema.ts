import { Type, type TSchema } from '@sinclair/typebox';

/** Schemas shared by the registry's resources; each resource has its own *-schema.ts beside this. */

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Id = Type.Integer({ minimum: 1 });
export const IdParam = Type.Object({ id: Id }, { additionalProperties: false });
export const AreaCode = Type.String({ pattern: '^[0-9]{6,15}$', description: 'area code 区划/网格编码' });
export const GridCode = Type.String({ pattern: '^[0-9]{6,15}$', description: 'grid code 网格编码' });
export const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });
export const VocabCode = Type.String({ minLength: 1, maxLength: 10, description: 'a code of a national list, see GET /api/registry/vocabularies' });
export const Version = Type.Integer({ minimum: 1, description: 'the version you read; a stale one is refused with 409' });
export const TagCode = Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,39}$', description: 'tag code 标签代码' });
export const TagCodes = Type.Array(TagCode, { maxItems: 30, uniqueItems: true });
export const Masked = (what: string) => Nullable(Type.String({ description: `${what}, masked; reveal with permission` }));
export const LonLat = Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })], { description: '[lon, lat] WGS84' });

export const Paging = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};

export const TagRef = Type.Object({ code: Type.String(), name: Type.String(), category: Type.String() });
export type TagRef = { code: string; name: string; category: string };

export const AttachmentOut = Type.Object({
  id: Type.Integer(), filename: Type.String(), mime: Type.String(), size: Type.Integer(), sha256: Type.String(), createdAt: Type.String({ format: 'date-time' }),
});

export const HistoryOut = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.Integer(),
    action: Type.String({ description: 'create, update, move, tag_add, tag_remove, attach, deregister, member_deregister' }),
    at: Type.String({ format: 'date-time' }),
    by: Type.Object({ id: Nullable(Type.Integer()), name: Nullable(Type.String()) }),
    changes: Type.Record(Type.String(), Type.Array(Type.Unknown(), { minItems: 2, maxItems: 2 }), { description: 'field → [before, after]; ID and phone numbers masked' }),
  })),
});

export const Stamps = {
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

export const listOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });
