import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';

/** Small TypeBox helpers of the mediation schemas. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const literals = <K extends string>(list: readonly K[], options = {}) => Type.Union(list.map((k) => Type.Literal(k)), options) as unknown as TUnion<TLiteral<K>[]>;
/** A union of an object's keys, described with their Chinese names (`family 婚姻家庭, …`). */
export const keysOf = <K extends string>(o: Record<K, string>, what: string) =>
  literals(Object.keys(o) as K[], { description: `${what}: ${Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ')}` });

export const Id = Type.Integer({ minimum: 1 });
export const IdParam = Type.Object({ id: Id }, { additionalProperties: false });
export const AreaCode = Type.String({ pattern: '^[0-9]{6,15}$', description: 'area code 区划/网格编码' });
export const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'a day, YYYY-MM-DD (Asia/Shanghai)' });
export const Page = { page: Type.Integer({ minimum: 1, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) };
export const Phone = Type.String({ minLength: 3, maxLength: 30 });
