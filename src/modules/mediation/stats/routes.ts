import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Role } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { todayInChina } from '../../../kernel/validators/normalise.ts';
import { StatsOut, StatsQuery } from './schema.ts';
import { mediationStats } from './service.ts';
import { statsTitle, statsWorkbook } from './xlsx.ts';

/** Who reads the numbers: the committees' staff desks, supervisors and mediators (police: no). */
export const STATS_READERS: readonly Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'mediator'];

/** 人民调解统计: cases, success rate, 司法确认, days to conclude, by category, level, organisation, source or period. */
export const mediationStatsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['mediation'];
  const config = { access: { roles: STATS_READERS } };

  app.get('/api/mediation/stats', {
    config, schema: { tags, summary: '登记, 受理, 调结, 调解成功率, 司法确认率, days to conclude, 超期, 报告公安 of the cases registered in a period in an area of my scope, by category, level, organisation, source, month or quarter; each rate with num and den', querystring: StatsQuery, response: { 200: StatsOut } },
  }, async (req) => mediationStats(db, req.caller!, req.query));

  app.get('/api/mediation/stats.xlsx', {
    config, schema: { tags, summary: 'The same figures as an Excel form (merged title with area and period; audited)', querystring: StatsQuery },
  }, async (req, reply) => {
    const caller = req.caller!;
    const s = await mediationStats(db, caller, req.query);
    const buffer = await statsWorkbook(s, caller.displayName, todayInChina());
    await appendAudit(db, caller, { action: 'mediation.stats.export', targetType: 'area', targetId: s.area.code, ip: req.ip, detail: { groupBy: s.groupBy, from: s.from, to: s.to, rows: s.rows.length } });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="mediation-stats.xlsx"; filename*=UTF-8''${encodeURIComponent(`${statsTitle(s)}.xlsx`)}`)
      .header('cache-control', 'no-store')
      .send(buffer);
  });
};
