import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.ts';
import { appendAudit, verifyAuditChain } from '../../kernel/audit/audit.ts';
import { escapeLike } from '../../kernel/sql-like.ts';

const admins = { access: { roles: ['city_admin'] as const } };

/** The audit log (审计日志): readable by the city admin for their city; the chain check covers all cities. */
export const auditRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['audit'];
  const Item = Type.Object({ id: Type.Integer(), at: Type.String(), actorName: Type.Union([Type.String(), Type.Null()]), action: Type.String(), targetType: Type.Union([Type.String(), Type.Null()]), targetId: Type.Union([Type.String(), Type.Null()]), detail: Type.Unknown(), ip: Type.Union([Type.String(), Type.Null()]) });

  app.get('/api/audit', {
    config: admins,
    schema: {
      tags, summary: 'Audit records of my city, newest first',
      querystring: Type.Object({ page: Type.Integer({ minimum: 1, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), action: Type.Optional(Type.String({ maxLength: 60 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Item), total: Type.Integer() }) },
    },
  }, async (req) => {
    let q = db.selectFrom('audit_log').where('city_code', '=', req.caller!.cityCode);
    if (req.query.action) q = q.where('action', 'like', `${escapeLike(req.query.action)}%`);
    const [{ n }] = await q.select(sql<number>`count(*)::int`.as('n')).execute();
    const rows = await q.selectAll().orderBy('id', 'desc').limit(req.query.pageSize).offset((req.query.page - 1) * req.query.pageSize).execute();
    return {
      total: n,
      items: rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorName: r.actor_name, action: r.action, targetType: r.target_type, targetId: r.target_id, detail: r.detail, ip: r.ip })),
    };
  });

  app.post('/api/audit/verify', {
    config: admins,
    schema: { tags, summary: 'Re-check the hash chain of the whole audit log', response: { 200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), brokenAt: Type.Union([Type.Integer(), Type.Null()]), message: Type.String() }) } },
  }, async (req) => {
    const result = await verifyAuditChain(db);
    await appendAudit(db, req.caller, { action: 'audit.verify', ip: req.ip, detail: { ok: result.ok, checked: result.checked, brokenAt: result.brokenAt } });
    return result;
  });
};
