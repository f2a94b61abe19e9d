import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.ts';
import { STAFF } from '../../kernel/roles.ts';
import { inScope } from '../../kernel/scope.ts';
import { likePattern } from '../../kernel/sql-like.ts';
import { notFound } from '../../kernel/errors.ts';
import { AreaDetail, AreaNode, CodeParam } from './schema.ts';
import { ancestorsOf, areaNodes, buildingCount, findAreaInScope, levelCounts } from './store.ts';
import { gridImportRoutes } from './grid-import-routes.ts';
import { areaLocateRoutes } from './locate-routes.ts';

const staff = { access: { roles: STAFF } };
const outside = (code: string) => notFound(`区划 ${code} 不存在或不在您的管辖范围内 / area ${code}`);

/** The area tree (区划树) and its map layers, always cut to the caller's scope. */
export const areaRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['areas'];

  app.get('/api/areas/roots', { config: staff, schema: { tags, summary: 'The top of my area', response: { 200: Type.Object({ items: Type.Array(AreaNode) }) } } }, async (req) => ({
    items: await areaNodes(db, (q) => q.where('a.city_code', '=', req.caller!.cityCode).where('a.path', '=', sql`${req.caller!.scopePath}::ltree`)),
  }));

  app.get('/api/areas/search', {
    config: staff,
    schema: { tags, summary: 'Find areas by name or code within my area', querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(Type.Intersect([AreaNode, Type.Object({ path: Type.String() })])) }) } },
  }, async (req) => {
    const q = req.query.q.trim();
    const like = likePattern(q);
    // Digits search codes by prefix; anything else searches names.
    const rows = await areaNodes(db, (qb) => qb.where('a.city_code', '=', req.caller!.cityCode).where(inScope(req.caller!, 'a.path'))
      .where((eb: any) => (/^[0-9]+$/.test(q) ? eb('a.code', 'like', `${q}%`) : eb('a.name', 'ilike', like))).limit(20));
    const paths = await db.selectFrom('area').select(['code', 'path']).where('code', 'in', rows.length ? rows.map((r) => r.code) : ['']).execute();
    const byCode = new Map(paths.map((p) => [p.code, p.path]));
    return { items: rows.map((r) => ({ ...r, path: byCode.get(r.code) ?? '' })) };
  });

  app.get('/api/areas/:code', { config: staff, schema: { tags, summary: 'One area with its ancestors and counts', params: CodeParam, response: { 200: AreaDetail } } }, async (req) => {
    const a = await findAreaInScope(db, req.caller!, req.params.code);
    if (!a) throw outside(req.params.code);
    const [node] = await areaNodes(db, (q) => q.where('a.city_code', '=', a.city_code).where('a.code', '=', a.code));
    const counts = await levelCounts(db, a.city_code, a.path);
    return {
      ...node, path: a.path, center: a.center, source: a.source,
      ancestors: await ancestorsOf(db, a.city_code, a.path),
      counts: { district: counts.district, street: counts.street, community: counts.community, grid: counts.grid, building: await buildingCount(db, a.city_code, a.path) },
    };
  });

  app.get('/api/areas/:code/children', { config: staff, schema: { tags, summary: 'The children of an area', params: CodeParam, response: { 200: Type.Object({ items: Type.Array(AreaNode) }) } } }, async (req) => {
    const a = await findAreaInScope(db, req.caller!, req.params.code);
    if (!a) throw outside(req.params.code);
    return { items: await areaNodes(db, (q) => q.where('a.city_code', '=', a.city_code).where('a.parent_code', '=', a.code)) };
  });

  async function featureCollection(cityCode: string, where: (q: any) => any) {
    const rows = await where(db.selectFrom('area as a').select(['a.code', 'a.name', 'a.level', 'a.households', 'a.geometry', 'a.center']).where('a.city_code', '=', cityCode).where('a.geometry', 'is not', null)).execute();
    const nodes = await areaNodes(db, (q) => where(q.where('a.city_code', '=', cityCode)));
    const byCode = new Map(nodes.map((n) => [n.code, n]));
    return {
      type: 'FeatureCollection' as const,
      features: rows.map((r: any) => ({
        type: 'Feature' as const,
        id: Number(r.code),
        properties: { code: r.code, name: r.name, level: r.level, households: r.households, childCount: byCode.get(r.code)?.childCount ?? 0, gridCount: byCode.get(r.code)?.gridCount ?? 0, center: r.center },
        geometry: r.geometry,
      })),
    };
  }

  app.get('/api/areas/:code/children.geojson', { config: staff, schema: { tags, summary: 'The children of an area as GeoJSON (map layer)', params: CodeParam } }, async (req) => {
    const a = await findAreaInScope(db, req.caller!, req.params.code);
    if (!a) throw outside(req.params.code);
    return featureCollection(a.city_code, (q) => q.where('a.parent_code', '=', a.code));
  });

  app.get('/api/areas/:code/self.geojson', { config: staff, schema: { tags, summary: 'The area itself as GeoJSON', params: CodeParam } }, async (req) => {
    const a = await findAreaInScope(db, req.caller!, req.params.code);
    if (!a) throw outside(req.params.code);
    return featureCollection(a.city_code, (q) => q.where('a.code', '=', a.code));
  });

  app.get('/api/areas/:code/buildings', {
    config: staff,
    schema: { tags, summary: 'Buildings (楼栋) under a grid or any area', params: CodeParam, querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }) }, { additionalProperties: false }) },
  }, async (req) => {
    const a = await findAreaInScope(db, req.caller!, req.params.code);
    if (!a) throw outside(req.params.code);
    const rows = await db.selectFrom('building as b')
      .innerJoin('area as g', (j) => j.onRef('g.city_code', '=', 'b.city_code').onRef('g.code', '=', 'b.grid_code'))
      .select(['b.id', 'b.name', 'b.address', 'b.grid_code', 'b.floors', 'b.location'])
      .select((eb) => eb.selectFrom('unit as u').whereRef('u.city_code', '=', 'b.city_code').whereRef('u.building_id', '=', 'b.id').select(sql<number>`count(*)::int`.as('n')).as('units'))
      .where('b.city_code', '=', a.city_code).where(sql<boolean>`g.path <@ ${a.path}::ltree`).orderBy('b.id').limit(req.query.limit).execute();
    return { items: rows.map((b) => ({ id: b.id, name: b.name, address: b.address, gridCode: b.grid_code, floors: b.floors, location: b.location, units: b.units })) };
  });

  app.get('/api/geo/locate', {
    config: staff,
    schema: {
      tags: ['geo'], summary: 'Which grid contains this point (WGS84); null when outside every grid',
      querystring: Type.Object({ lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }), tolerance: Type.Number({ minimum: 0, maximum: 500, default: 50 }) }, { additionalProperties: false }),
    },
  }, async (req) => {
    const hit = ctx.grids.locate(req.query.lon, req.query.lat, req.query.tolerance);
    if (!hit) return { grid: null };
    const a = await findAreaInScope(db, req.caller!, hit.code);
    // A grid outside the caller's area is reported as "not yours", not by name.
    if (!a) return { grid: null, outsideScope: true };
    const [node] = await areaNodes(db, (q) => q.where('a.city_code', '=', a.city_code).where('a.code', '=', a.code));
    return { grid: { ...node, exact: hit.exact, distanceMeters: Math.round(hit.distanceMeters * 10) / 10, ancestors: await ancestorsOf(db, a.city_code, a.path) } };
  });

  await app.register(gridImportRoutes, { ctx });
  await app.register(areaLocateRoutes, { ctx });
};
