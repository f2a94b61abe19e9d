import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.ts';
import { appendAudit } from '../../kernel/audit/audit.ts';
import { SESSION_COOKIE, forgetSessions, newApiKey } from '../../kernel/auth/sessions.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../kernel/auth/passwords.ts';
import { ALL_ROLES, STAFF } from '../../kernel/roles.ts';
import { AppError, invalidField, notFound } from '../../kernel/errors.ts';
import { login } from './login.ts';
import { toUserOut } from './service.ts';
import { IdParam, UserOut } from './schema.ts';
import { sql } from 'kysely';

const anyone = { access: { roles: ALL_ROLES } };

export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, config } = ctx;
  const tags = ['auth'];

  app.post('/api/auth/login', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Log in with username and password; sets the session cookie', body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 60 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }) },
  }, async (req, reply) => {
    const { token, userId } = await login(db, config, req.body.username, req.body.password, req.ip, req.headers['user-agent'] ?? null);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', maxAge: config.sessionHours * 3600,
    });
    const user = await me(userId);
    return { user };
  });

  async function me(userId: number) {
    const row = await db.selectFrom('app_user as u')
      .leftJoin('area as a', (j) => j.onRef('a.city_code', '=', 'u.city_code').on(sql<boolean>`a.path = u.scope_path`))
      .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.city_code', 'u.scope_path', 'u.department', 'u.phone', 'u.active', 'u.locked_until', 'u.updated_at', 'a.name as scope_name'])
      .where('u.id', '=', userId).executeTakeFirst();
    if (!row) throw notFound('user');
    return toUserOut(row);
  }

  app.get('/api/auth/me', { config: anyone, schema: { tags, summary: 'The logged-in user', response: { 200: Type.Object({ user: UserOut }) } } }, async (req) => ({ user: await me(req.caller!.id) }));

  app.post('/api/auth/logout', { config: anyone, schema: { tags, summary: 'End this session' } }, async (req, reply) => {
    if (req.caller!.sessionId) await db.deleteFrom('user_session').where('id', '=', req.caller!.sessionId).execute();
    forgetSessions(req.caller!.id);
    await appendAudit(db, req.caller, { action: 'auth.logout', targetType: 'user', targetId: req.caller!.id, ip: req.ip });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post('/api/auth/logout-all', { config: anyone, schema: { tags, summary: 'End every session of this user (logout everywhere)' } }, async (req, reply) => {
    const r = await db.deleteFrom('user_session').where('user_id', '=', req.caller!.id).executeTakeFirst();
    forgetSessions(req.caller!.id);
    await appendAudit(db, req.caller, { action: 'auth.logout_all', targetType: 'user', targetId: req.caller!.id, ip: req.ip, detail: { sessions: Number(r.numDeletedRows) } });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true, sessionsEnded: Number(r.numDeletedRows) };
  });

  app.post('/api/auth/password', {
    config: anyone,
    schema: { tags, summary: 'Change one’s own password (ends other sessions)', body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }) },
  }, async (req) => {
    const user = await db.selectFrom('app_user').select(['password_hash']).where('id', '=', req.caller!.id).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, req.body.currentPassword))) throw invalidField('currentPassword', '当前密码不正确 / current password is wrong');
    const problem = passwordProblem(req.body.newPassword);
    if (problem) throw invalidField('newPassword', problem);
    const hash = await hashPassword(req.body.newPassword);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ password_hash: hash, updated_at: new Date() }).where('id', '=', req.caller!.id).execute();
      await trx.deleteFrom('user_session').where('user_id', '=', req.caller!.id).where('id', '!=', req.caller!.sessionId ?? '').execute();
      await appendAudit(trx, req.caller, { action: 'auth.password_change', targetType: 'user', targetId: req.caller!.id, ip: req.ip });
    });
    forgetSessions(req.caller!.id);
    return { ok: true };
  });

  // API keys for integrations (Open311 clients, data exchange): shown once, stored hashed.
  const ApiKeyOut = Type.Object({ id: Type.Integer(), name: Type.String(), prefix: Type.String(), createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]), revoked: Type.Boolean() });
  app.get('/api/api-keys', { config: { access: { roles: STAFF } }, schema: { tags, summary: 'My API keys', response: { 200: Type.Object({ items: Type.Array(ApiKeyOut) }) } } }, async (req) => {
    const rows = await db.selectFrom('api_key').selectAll().where('user_id', '=', req.caller!.id).orderBy('id').execute();
    return { items: rows.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, createdAt: k.created_at.toISOString(), lastUsedAt: k.last_used_at?.toISOString() ?? null, revoked: !!k.revoked_at })) };
  });

  app.post('/api/api-keys', {
    config: { access: { roles: STAFF } },
    schema: { tags, summary: 'Create an API key acting as me; the key is shown only in this answer', body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }) },
  }, async (req, reply) => {
    if (req.caller!.via === 'api_key') throw new AppError(403, 'forbidden', 'an API key cannot create API keys');
    const k = await newApiKey();
    const id = await db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('api_key').values({ user_id: req.caller!.id, name: req.body.name, prefix: k.prefix, key_hash: k.hash }).returning('id').executeTakeFirstOrThrow();
      await appendAudit(trx, req.caller, { action: 'api_key.create', targetType: 'api_key', targetId: id, ip: req.ip, detail: { name: req.body.name, prefix: k.prefix } });
      return id;
    });
    reply.status(201);
    return { id, name: req.body.name, prefix: k.prefix, key: k.key };
  });

  app.delete('/api/api-keys/:id', { config: { access: { roles: STAFF } }, schema: { tags, summary: 'Revoke one of my API keys', params: IdParam } }, async (req) => {
    const r = await db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('api_key').set({ revoked_at: new Date() }).where('id', '=', req.params.id).where('user_id', '=', req.caller!.id).where('revoked_at', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound(`API key ${req.params.id}`);
      await appendAudit(trx, req.caller, { action: 'api_key.revoke', targetType: 'api_key', targetId: req.params.id, ip: req.ip });
      return r;
    });
    return { ok: Number(r.numUpdatedRows) === 1 };
  });
};
