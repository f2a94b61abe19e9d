import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.ts';
import { USER_MANAGERS } from '../../kernel/roles.ts';
import { CreateUser, IdParam, UpdateUser, UserList, UserOut } from './schema.ts';
import { createUser, listUsers, unlockUser, updateUser } from './service.ts';

const managers = { access: { roles: USER_MANAGERS } };

/** User management (用户管理), always inside the caller's own area. */
export const userRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['users'];

  app.get('/api/users', { config: managers, schema: { tags, summary: 'Users within my area', querystring: UserList, response: { 200: Type.Object({ items: Type.Array(UserOut), total: Type.Integer() }) } } },
    async (req) => listUsers(db, req.caller!, req.query.q, req.query.page, req.query.pageSize));

  app.post('/api/users', { config: managers, schema: { tags, summary: 'Create a user inside my area', body: CreateUser, response: { 201: UserOut } } },
    async (req, reply) => { reply.status(201); return createUser(db, req.caller!, req.body, req.ip); });

  app.patch('/api/users/:id', { config: managers, schema: { tags, summary: 'Change a user (name, role, scope, password, active)', params: IdParam, body: UpdateUser, response: { 200: UserOut } } },
    async (req) => updateUser(db, req.caller!, req.params.id, req.body, req.ip));

  app.post('/api/users/:id/unlock', { config: managers, schema: { tags, summary: 'Unlock a user locked after failed logins', params: IdParam, response: { 200: UserOut } } },
    async (req) => unlockUser(db, req.caller!, req.params.id, req.ip));
};
