import { Type, type Static } from '@sinclair/typebox';

/** Schemas of the department register (职能部门名录) routes. */

export const DEPARTMENT_KINDS = {
  government: { zh: '政府职能部门', en: 'government department' },
  utility: { zh: '公共服务企业', en: 'public utility (water, power, heating, gas)' },
  other: { zh: '其他', en: 'other' },
} as const;
export type DepartmentKind = keyof typeof DEPARTMENT_KINDS;

const Kind = Type.Union([Type.Literal('government'), Type.Literal('utility'), Type.Literal('other')], { description: 'government 政府职能部门 | utility 公共服务企业 (供水/供电/供热/燃气) | other 其他' });
// Lengths are checked again after trimming, with a message naming the field.
const Name = Type.String({ maxLength: 60, description: '部门全称, 2–40 characters, unique in the city' });
const ShortName = Type.Union([Type.String({ maxLength: 30, description: '简称, up to 20 characters' }), Type.Null()]);
const Phone = Type.Union([Type.String({ maxLength: 30, description: '值班电话: digits and hyphens, e.g. 0472-5123456 or 95598' }), Type.Null()]);
const Sort = Type.Integer({ minimum: 0, maximum: 9999, description: 'order in lists, smallest first (a new one without it goes last)' });

export const DepartmentOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String({ description: 'government | utility | other' }),
  phone: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  sort: Type.Integer(),
  openTickets: Type.Integer({ description: 'tickets assigned to it and not yet closed' }),
  activeRules: Type.Integer({ description: 'active routing rules (派单规则) naming it' }),
  handlers: Type.Integer({ description: 'active department-handler accounts (职能部门办理人) of it' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type DepartmentOut = Static<typeof DepartmentOut>;
export const DepartmentList = Type.Object({ items: Type.Array(DepartmentOut) });

export const DepartmentQuery = Type.Object({
  active: Type.Optional(Type.Boolean({ description: 'only switched-on (true) or switched-off (false) ones' })),
}, { additionalProperties: false });

export const CreateDepartment = Type.Object({
  name: Name,
  shortName: Type.Optional(ShortName),
  kind: Type.Optional(Kind),
  phone: Type.Optional(Phone),
  sort: Type.Optional(Sort),
}, { additionalProperties: false });
export type CreateDepartment = Static<typeof CreateDepartment>;

export const PatchDepartment = Type.Object({
  name: Type.Optional(Name),
  shortName: Type.Optional(ShortName),
  kind: Type.Optional(Kind),
  phone: Type.Optional(Phone),
  active: Type.Optional(Type.Boolean({ description: 'false: switched off (refused while it has open tickets or active routing rules)' })),
  sort: Type.Optional(Sort),
}, { additionalProperties: false, minProperties: 1 });
export type PatchDepartment = Static<typeof PatchDepartment>;

export const DepartmentParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
