// The two area routes every signed-in user may call (residents included): which grid a point of
// their city lies in (the grid a 随手拍 report there goes to), and the public outline of the city's
// districts and streets for the phone's map.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { containsPoint, distanceToGeometryMeters, type AreaGeometry } from '../../src/kernel/geo/geojson-utils.ts';
import { OUTLINE_TOLERANCE_M } from '../../src/modules/org/outline.ts';

let t: TestApp;
let resident: string;
beforeAll(async () => {
  t = await createTestApp();
  resident = await t.login('resident');
});
afterAll(async () => { await t?.close(); });

/** A grid under an area (the n-th by code) with the codes of its chain. */
async function gridUnder(code: string, n = 0) {
  const g = await t.tdb.db.selectFrom('area').select(['code', 'name', 'path', 'center']).where('level', '=', 'grid')
    .where(sql<boolean>`path <@ (SELECT path FROM area WHERE code = ${code})`).orderBy('code').offset(n).limit(1).executeTakeFirstOrThrow();
  const [city, district, street, community] = g.path.split('.');
  const names = Object.fromEntries((await t.tdb.db.selectFrom('area').select(['code', 'name']).where('code', 'in', [city, district, street, community]).execute()).map((a) => [a.code, a.name]));
  const named = (c: string) => ({ code: c, name: names[c] });
  return { grid: { code: g.code, name: g.name }, community: named(community), street: named(street), district: named(district), city: named(city), center: g.center! };
}

const locate = (cookie: string, query: string) => t.as(cookie, { url: `/api/areas/locate?${query}` });

describe('GET /api/areas/locate', () => {
  it('names the grid, community, street and district of a point in 昆都仑区 for a resident', async () => {
    const want = await gridUnder('150203', 37);
    const res = await locate(resident, `lon=${want.center[0]}&lat=${want.center[1]}`);
    expect(res.statusCode, res.body).toBe(200);
    const { center: _c, ...chain } = want;
    expect(res.json()).toEqual(chain);
    expect(res.json().district.name).toBe('昆都仑区');
    expect(res.json().city).toEqual({ code: '150200', name: '包头市' });
  });

  it('answers for any place of the resident\'s city, not only their own community (they report what they see)', async () => {
    const qs = await gridUnder('150204');
    const res = await locate(resident, `lon=${qs.center[0]}&lat=${qs.center[1]}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().district).toEqual({ code: '150204', name: '青山区' });
    expect(res.json().grid.code).toBe(qs.grid.code);
  });

  it('refuses a point of Hulunbuir for a Baotou resident, naming location (and finds it for Hulunbuir)', async () => {
    const hl = await gridUnder('150702');
    const res = await locate(resident, `lon=${hl.center[0]}&lat=${hl.center[1]}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details).toEqual({ field: 'location' });
    expect(res.json().error.message).toContain('该位置不在本市网格范围内');
    expect(res.body).not.toContain(hl.grid.name);
    const there = await locate(await t.login('hlbe.admin'), `lon=${hl.center[0]}&lat=${hl.center[1]}`);
    expect(there.statusCode).toBe(200);
    expect(there.json().grid.code).toBe(hl.grid.code);
  });

  it('refuses a point in the sea, naming location', async () => {
    const res = await locate(resident, 'lon=123.5&lat=30.2'); // East China Sea
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'not_found', details: { field: 'location' } });
  });

  it('refuses bad numbers with a 400 naming lon or lat', async () => {
    for (const [q, field] of [['lon=abc&lat=40.6', 'lon'], ['lon=181&lat=40.6', 'lon'], ['lon=-180.5&lat=40.6', 'lon'], ['lon=109.8&lat=91', 'lat'], ['lon=109.8', 'lat'], ['lat=40.6', 'lon']] as const) {
      const res = await locate(resident, q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.details.field, q).toBe(field);
    }
  });

  it('needs a sign-in', async () => {
    const res = await t.app.inject({ url: '/api/areas/locate?lon=109.8&lat=40.6' });
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /api/areas/outline.geojson', () => {
  const outline = (cookie: string, level: string, headers: Record<string, string> = {}) => t.as(cookie, { url: `/api/areas/outline.geojson?level=${level}`, headers });

  it('gives a resident the city\'s streets and districts with code and name only, no grid or community', async () => {
    for (const level of ['street', 'district'] as const) {
      const res = await outline(resident, level);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
      const fc = res.json();
      const codes = fc.features.map((f: { properties: { code: string } }) => f.properties.code).sort();
      const inDb = (await t.tdb.db.selectFrom('area').select('code').where('city_code', '=', '150200').where('level', '=', level).orderBy('code').execute()).map((a) => a.code);
      expect(codes).toEqual(inDb);
      for (const f of fc.features) {
        expect(Object.keys(f.properties).sort()).toEqual(['code', 'name']);
        expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      }
    }
    expect((await outline(resident, 'district')).json().features).toHaveLength(10);
  });

  it('keeps grid and community outlines for staff (level is district or street only)', async () => {
    for (const level of ['grid', 'community', 'city']) {
      const res = await outline(resident, level);
      expect(res.statusCode, level).toBe(400);
      expect(res.json().error.details.field).toBe('level');
    }
    expect((await t.as(resident, { url: '/api/areas/150203/children.geojson' })).statusCode).toBe(403);
  });

  it('is smaller than the stored borders, and still puts every grid in its own street', async () => {
    const res = await outline(resident, 'street');
    const rows = await t.tdb.db.selectFrom('area').select(['code', 'name', 'geometry']).where('city_code', '=', '150200').where('level', '=', 'street').orderBy('code').execute();
    const full = JSON.stringify({ type: 'FeatureCollection', features: rows.map((r) => ({ type: 'Feature', properties: { code: r.code, name: r.name }, geometry: r.geometry })) });
    const sent = Buffer.byteLength(res.body);
    console.log(`outline 包头市 streets: ${Buffer.byteLength(full)} bytes stored → ${sent} bytes sent`);
    expect(sent).toBeLessThan(Buffer.byteLength(full));
    // What the phone draws agrees with what it is told: a grid's centre lies in its street's outline
    // (unless it lies within the tolerance of the border: centres may sit on an edge).
    const stored = new Map(rows.map((r) => [r.code, r.geometry as AreaGeometry]));
    const streets = new Map<string, AreaGeometry>(res.json().features.map((f: { properties: { code: string }; geometry: AreaGeometry }) => [f.properties.code, f.geometry]));
    const grids = await t.tdb.db.selectFrom('area').select(['center', 'path']).where('city_code', '=', '150200').where('level', '=', 'grid')
      .orderBy('code').execute();
    expect(grids.length).toBeGreaterThan(3000);
    const misplaced = grids.filter((g) => {
      const street = g.path.split('.')[2];
      const [lon, lat] = g.center!;
      return containsPoint(streets.get(street)!, lon, lat) === false && distanceToGeometryMeters(lon, lat, stored.get(street)!) > OUTLINE_TOLERANCE_M + 1;
    });
    expect(misplaced).toEqual([]);
  });

  it('sends an ETag: the same one again gives 304 with no body; another city gets its own', async () => {
    const first = await outline(resident, 'street');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"150200-street-/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await outline(resident, 'street', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await outline(resident, 'street', { 'if-none-match': `W/${etag}, "other"` })).statusCode).toBe(304);
    expect((await outline(resident, 'street', { 'if-none-match': '"stale"' })).statusCode).toBe(200);
    const hl = await outline(await t.login('hlbe.admin'), 'street', { 'if-none-match': etag });
    expect(hl.statusCode).toBe(200);
    expect(hl.headers.etag).toMatch(/^"150700-street-/);
    expect(hl.json().features.every((f: { properties: { code: string } }) => f.properties.code.startsWith('1507'))).toBe(true);
  });

  it('changes its ETag when a street border changes', async () => {
    const before = (await outline(resident, 'street')).headers.etag as string;
    const street = await t.tdb.db.selectFrom('area').select(['code', 'geometry']).where('city_code', '=', '150200').where('level', '=', 'street').orderBy('code').limit(1).executeTakeFirstOrThrow();
    const g = street.geometry as AreaGeometry;
    const moved = JSON.parse(JSON.stringify(g));
    const ring = moved.type === 'Polygon' ? moved.coordinates[0] : moved.coordinates[0][0];
    ring[1] = [ring[1][0] + 0.01, ring[1][1] + 0.01]; // far beyond the tolerance
    await t.tdb.db.updateTable('area').set({ geometry: JSON.stringify(moved), updated_at: sql`now()` }).where('city_code', '=', '150200').where('code', '=', street.code).execute();
    const after = await outline(resident, 'street', { 'if-none-match': before });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
  });
});
