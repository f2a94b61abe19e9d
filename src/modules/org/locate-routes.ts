import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { ALL_ROLES } from '../../kernel/roles.ts';
import { ancestorsOf } from './store.ts';
import { etagMatches, OutlineCache } from './outline.ts';

// For everyone signed in, residents included: where a point lies in the caller's city, and the
// public outline of its districts and streets (行政区划 are public; grid outlines stay with staff).
// Area names are public too, so a resident may learn the grid of any point of their city: it is
// the grid their 随手拍 report will go to.
const everyone = { access: { roles: ALL_ROLES } };

const Named = Type.Object({ code: Type.String(), name: Type.String() });
const MaybeNamed = Type.Union([Named, Type.Null()]);
const Located = Type.Object({ grid: Named, community: MaybeNamed, street: MaybeNamed, district: MaybeNamed, city: Named });

const outsideCity = () => new AppError(404, 'not_found', 'location: 该位置不在本市网格范围内 / the point lies in no grid of your city', { field: 'location' });

export const areaLocateRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['areas'];
  const outlines = new OutlineCache(db);

  app.get('/api/areas/locate', {
    config: everyone,
    schema: {
      tags, summary: 'The grid (and its community, street, district) at a WGS84 point of my city: the grid a report there goes to',
      querystring: Type.Object({ lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) }, { additionalProperties: false }),
      response: { 200: Located },
    },
  }, async (req) => {
    const caller = req.caller!;
    // The same lookup (and 50 m tolerance) as intake's 落格, so the phone says what the server will do.
    const hit = ctx.grids.locate(req.query.lon, req.query.lat);
    const grid = hit && await db.selectFrom('area').select(['code', 'name', 'path'])
      .where('city_code', '=', caller.cityCode).where('code', '=', hit.code).where('level', '=', 'grid').executeTakeFirst();
    if (!grid) throw outsideCity();
    const up = await ancestorsOf(db, caller.cityCode, grid.path);
    const at = (level: string) => {
      const a = up.find((x) => x.level === level);
      return a ? { code: a.code, name: a.name } : null;
    };
    const city = at('city') ?? { code: caller.cityCode, name: caller.cityCode };
    return { grid: { code: grid.code, name: grid.name }, community: at('community'), street: at('street'), district: at('district'), city };
  });

  app.get('/api/areas/outline.geojson', {
    config: everyone,
    schema: {
      tags, summary: 'My city\'s districts or streets as GeoJSON (code and name), simplified for a phone; ETag, revalidated on each use',
      querystring: Type.Object({ level: Type.Union([Type.Literal('district'), Type.Literal('street')]) }, { additionalProperties: false }),
    },
  }, async (req, reply) => {
    const o = await outlines.get(req.caller!.cityCode, req.query.level);
    // private: the answer depends on the caller's city; no-cache: the browser keeps the body and
    // asks with If-None-Match each time (a 304 of a few bytes), so a boundary change shows at once
    // and two users of one phone never see each other's city.
    reply.header('ETag', o.etag).header('Cache-Control', 'private, no-cache');
    if (etagMatches(req.headers['if-none-match'], o.etag)) return reply.code(304).send();
    return reply.type('application/geo+json; charset=utf-8').send(o.body);
  });
};
