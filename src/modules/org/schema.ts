import { Type } from '@sinclair/typebox';

export const Level = Type.Union([Type.Literal('city'), Type.Literal('district'), Type.Literal('street'), Type.Literal('community'), Type.Literal('grid')]);
export const CodeParam = Type.Object({ code: Type.String({ pattern: '^[0-9]{6,15}$', description: 'area code' }) });

export const AreaNode = Type.Object({
  code: Type.String(), name: Type.String(), level: Level, parentCode: Type.Union([Type.String(), Type.Null()]),
  households: Type.Integer(), childCount: Type.Integer(), gridCount: Type.Integer(),
});

export const AreaRef = Type.Object({ code: Type.String(), name: Type.String(), level: Level });

export const AreaDetail = Type.Intersect([AreaNode, Type.Object({
  path: Type.String(),
  center: Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]),
  source: Type.String(),
  ancestors: Type.Array(AreaRef),
  counts: Type.Object({ district: Type.Integer(), street: Type.Integer(), community: Type.Integer(), grid: Type.Integer(), building: Type.Integer() }),
})]);

export const FeatureCollection = Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) }, { additionalProperties: true });
