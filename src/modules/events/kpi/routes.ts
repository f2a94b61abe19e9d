import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Role } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { AREA_STAFF } from '../../../kernel/roles.ts';
import { todayInChina } from '../../../kernel/validators/normalise.ts';
import { KpiOut, KpiQuery } from './schema.ts';
import { ticketKpis } from './service.ts';
import { kpiTitle, kpiWorkbook } from './xlsx.ts';

/** Who reads the KPIs: staff of an area, for their own area (department handlers and residents do not). */
export const KPI_READERS: readonly Role[] = AREA_STAFF;

/** 工单考核指标: counts and rates by area, unit, category or period, and the printed form. */
export const ticketKpiRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['tickets'];
  const config = { access: { roles: KPI_READERS } };

  app.get('/api/tickets/kpis', {
    config, schema: { tags, summary: '办结率, 按时办结率, 回访率, 满意率, 退单率, 重复诉求率 of the tickets placed in an area of my scope, by area, unit, category, month or quarter; each rate with its numerator and denominator', querystring: KpiQuery, response: { 200: KpiOut } },
  }, async (req) => ticketKpis(db, req.caller!, req.query));

  app.get('/api/tickets/kpis.xlsx', {
    config, schema: { tags, summary: 'The same figures as an Excel form (merged title with area and period; audited)', querystring: KpiQuery },
  }, async (req, reply) => {
    const caller = req.caller!;
    const k = await ticketKpis(db, caller, req.query);
    const buffer = await kpiWorkbook(k, caller.displayName, todayInChina());
    await appendAudit(db, caller, { action: 'ticket.kpi.export', targetType: 'area', targetId: k.area.code, ip: req.ip, detail: { groupBy: k.groupBy, level: k.level, from: k.from, to: k.to, rows: k.rows.length } });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="ticket-kpis.xlsx"; filename*=UTF-8''${encodeURIComponent(`${kpiTitle(k)}.xlsx`)}`)
      .header('cache-control', 'no-store')
      .send(buffer);
  });
};
