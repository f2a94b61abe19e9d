import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.ts';
import type { Geometry } from '../../db/types.ts';
import { appendAudit } from '../../kernel/audit/audit.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { STAFF } from '../../kernel/roles.ts';
import { validateGridCollection } from '../../kernel/geo/validate.ts';
import { CodeParam } from './schema.ts';
import { findAreaInScope } from './store.ts';
import { importPoliceGrids } from './police-grids.ts';

const IMPORTERS = ['city_admin', 'district_staff', 'street_staff', 'community_staff'] as const;
const GEOJSON_LIMIT = 50 * 1024 * 1024;

/** Grids in and out as GeoJSON (网格导入导出), with every geometry checked before anything is written. */
export const gridImportRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['grids'];

  app.get('/api/areas/:code/grids.geojson', {
    config: { access: { roles: STAFF } },
    schema: { tags, summary: 'Export every grid under an area as GeoJSON (download)', params: CodeParam },
  }, async (req, reply) => {
    const a = await findAreaInScope(db, req.caller!, req.params.code);
    if (!a) throw notFound(`区划 ${req.params.code} 不存在或不在您的管辖范围内 / area ${req.params.code}`);
    const rows = await db.selectFrom('area').select(['code', 'name', 'parent_code', 'households', 'source', 'geometry'])
      .where('city_code', '=', a.city_code).where('level', '=', 'grid').where(sql<boolean>`path <@ ${a.path}::ltree`).orderBy('code').execute();
    reply.header('content-disposition', `attachment; filename="grids-${a.code}.geojson"`);
    reply.type('application/geo+json; charset=utf-8');
    return {
      type: 'FeatureCollection',
      name: `${a.name} 网格`,
      features: rows.map((r) => ({ type: 'Feature', properties: { code: r.code, name: r.name, community: r.parent_code, households: r.households, source: r.source }, geometry: r.geometry })),
    };
  });

  app.post('/api/areas/:code/grids/import', {
    config: { access: { roles: IMPORTERS } },
    bodyLimit: GEOJSON_LIMIT,
    schema: {
      tags, summary: 'Import the grids of a community from a GeoJSON FeatureCollection (replace or merge)',
      description: 'Each feature needs properties.code (the community code + 3 digits) and properties.name; optional properties.households. Nothing is written if any feature is invalid.',
      params: CodeParam,
      querystring: Type.Object({ mode: Type.Union([Type.Literal('replace'), Type.Literal('merge')], { default: 'replace' }), dryRun: Type.Boolean({ default: false }) }, { additionalProperties: false }),
      body: Type.Unknown(),
    },
  }, async (req) => {
    const community = await findAreaInScope(db, req.caller!, req.params.code);
    if (!community) throw notFound(`区划 ${req.params.code} 不存在或不在您的管辖范围内 / area ${req.params.code}`);
    if (community.level !== 'community') throw new AppError(400, 'invalid_field', `code: 网格只能导入到社区/村 (${community.name} 是 ${community.level}) / grids are imported into a community`, { field: 'code' });
    if (!community.geometry) throw new AppError(400, 'invalid_field', `code: ${community.name} 没有边界，无法检查网格 / the community has no boundary`, { field: 'code' });
    const mode = req.query.mode;
    const existing = await db.selectFrom('area').select(['code', 'geometry']).where('city_code', '=', community.city_code).where('parent_code', '=', community.code).execute();
    // Grids kept by a merge must not overlap the new ones; a replace drops them all anyway.
    const incomingCodes = new Set(Array.isArray((req.body as { features?: unknown[] })?.features) ? (req.body as { features: { properties?: { code?: unknown } }[] }).features.map((f) => String(f?.properties?.code ?? '')) : []);
    const kept = mode === 'merge' ? existing.filter((e) => !incomingCodes.has(e.code)).map((e) => ({ code: e.code, geometry: e.geometry as Geometry | null })) : [];
    const result = validateGridCollection(req.body, { code: community.code, geometry: community.geometry as Geometry }, kept);
    if (!result.ok) {
      throw new AppError(400, 'invalid_geojson', `GeoJSON 有 ${result.errors.length} 处错误，未导入任何网格 / ${result.errors.length} problem(s), nothing imported: ${result.errors[0].field}: ${result.errors[0].message}`, { field: result.errors[0].field, errors: result.errors });
    }
    const incoming = new Set(result.features.map((f) => f.code));
    const removed = mode === 'replace' ? existing.filter((e) => !incoming.has(e.code)).map((e) => e.code) : [];
    if (removed.length) {
      const used = await db.selectFrom('building').select('grid_code').distinct().where('city_code', '=', community.city_code).where('grid_code', 'in', removed).execute();
      if (used.length) throw new AppError(409, 'grid_in_use', `网格 ${used.map((u) => u.grid_code).join(', ')} 下已有楼栋，不能删除；请在文件中保留这些网格或先迁移楼栋 / grids with buildings cannot be removed`, { grids: used.map((u) => u.grid_code) });
    }
    const existingCodes = new Set(existing.map((e) => e.code));
    const summary = { created: result.features.filter((f) => !existingCodes.has(f.code)).length, updated: result.features.filter((f) => existingCodes.has(f.code)).length, removed: removed.length, dryRun: req.query.dryRun };
    if (req.query.dryRun) return summary;
    await db.transaction().execute(async (trx) => {
      if (removed.length) await trx.deleteFrom('area').where('city_code', '=', community.city_code).where('code', 'in', removed).execute();
      for (const f of result.features) {
        const values = {
          name: f.name, households: f.households ?? 0, geometry: JSON.stringify(f.geometry), center: JSON.stringify(f.center), source: 'imported' as const, updated_at: new Date(),
        };
        await trx.insertInto('area').values({ city_code: community.city_code, code: f.code, parent_code: community.code, level: 'grid', path: `${community.path}.${f.code}`, ...values })
          .onConflict((oc) => oc.columns(['city_code', 'code']).doUpdateSet(values)).execute();
      }
      await appendAudit(trx, req.caller, { action: 'grid.import', targetType: 'area', targetId: community.code, ip: req.ip, detail: { mode, ...summary } });
    });
    await ctx.grids.load();
    return summary;
  });

  app.post('/api/police-grids/import', {
    config: { access: { roles: ['city_admin'] } },
    bodyLimit: GEOJSON_LIMIT,
    schema: { tags, summary: 'Replace the police grids (警格) of my city from GeoJSON', description: 'Features need properties.code and properties.name; optional properties.station (派出所).', body: Type.Unknown() },
  }, async (req) => importPoliceGrids(db, req.caller!, req.body, req.ip));

  app.get('/api/police-grids.geojson', {
    config: { access: { roles: STAFF } },
    schema: { tags, summary: 'The police grids (警格) of my city as GeoJSON' },
  }, async (req) => {
    const rows = await db.selectFrom('police_grid').selectAll().where('city_code', '=', req.caller!.cityCode).orderBy('code').execute();
    return { type: 'FeatureCollection', features: rows.map((r) => ({ type: 'Feature', properties: { code: r.code, name: r.name, station: r.station }, geometry: r.geometry })) };
  });
};
