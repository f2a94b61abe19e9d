import { Type, type Static } from '@sinclair/typebox';
import { ALL_ROLES } from '../../kernel/roles.ts';

export const RoleSchema = Type.Union(ALL_ROLES.map((r) => Type.Literal(r)), { description: 'role' });
export const AreaCode = Type.String({ pattern: '^[0-9]{6,15}$', description: 'area code (6–15 digits)' });
export const Username = Type.String({ pattern: '^[a-z0-9_.-]{3,40}$', description: 'lower-case letters, digits, _ . -; 3–40 characters' });

export const UserOut = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  cityCode: Type.String(),
  scopePath: Type.String(),
  scopeCode: Type.String(),
  scopeName: Type.Union([Type.String(), Type.Null()]),
  department: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'masked' }),
  active: Type.Boolean(),
  locked: Type.Boolean(),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type UserOut = Static<typeof UserOut>;

export const CreateUser = Type.Object({
  username: Username,
  displayName: Type.String({ minLength: 1, maxLength: 50 }),
  role: RoleSchema,
  scopeCode: AreaCode,
  password: Type.String({ minLength: 1, maxLength: 128 }),
  department: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
}, { additionalProperties: false });
export type CreateUser = Static<typeof CreateUser>;

export const UpdateUser = Type.Partial(Type.Object({
  displayName: Type.String({ minLength: 1, maxLength: 50 }),
  role: RoleSchema,
  scopeCode: AreaCode,
  password: Type.String({ minLength: 1, maxLength: 128 }),
  department: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
  phone: Type.Union([Type.String({ maxLength: 20 }), Type.Null()]),
  active: Type.Boolean(),
}), { additionalProperties: false, minProperties: 1 });
export type UpdateUser = Static<typeof UpdateUser>;

export const UserList = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
}, { additionalProperties: false });

export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
