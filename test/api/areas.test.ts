import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('the area tree', () => {
  it('shows Baotou with its real districts and generated grids', async () => {
    const admin = await t.login('admin');
    const city = (await t.as(admin, { url: '/api/areas/150200' })).json();
    expect(city).toMatchObject({ code: '150200', name: '包头市', level: 'city' });
    expect(city.counts.district).toBe(10);
    expect(city.counts.street).toBeGreaterThan(80);
    expect(city.counts.community).toBeGreaterThan(800);
    const kdl = (await t.as(admin, { url: '/api/areas/150203' })).json();
    expect(kdl.name).toBe('昆都仑区');
    expect(kdl.counts.grid).toBeGreaterThan(1200);
    expect(kdl.counts.grid).toBeLessThan(1600);
    expect(kdl.ancestors).toEqual([{ code: '150200', name: '包头市', level: 'city' }]);
    const children = (await t.as(admin, { url: '/api/areas/150203/children' })).json().items;
    expect(children.every((c: { level: string }) => c.level === 'street')).toBe(true);
    expect(children.reduce((s: number, c: { gridCount: number }) => s + c.gridCount, 0)).toBe(kdl.counts.grid);
  });

  it('serves children as GeoJSON polygons for the map', async () => {
    const admin = await t.login('admin');
    const fc = (await t.as(admin, { url: '/api/areas/150200/children.geojson' })).json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThanOrEqual(9);
    expect(['Polygon', 'MultiPolygon']).toContain(fc.features[0].geometry.type);
    expect(fc.features[0].properties).toHaveProperty('gridCount');
  });

  it('a street worker sees only their street', async () => {
    const street = await t.login('kdl.street');
    const roots = (await t.as(street, { url: '/api/areas/roots' })).json().items;
    expect(roots).toHaveLength(1);
    expect(roots[0].level).toBe('street');
    const other = await t.as(street, { url: '/api/areas/150204' });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toMatch(/不在您的管辖范围内/);
    const found = (await t.as(street, { url: '/api/areas/search?q=青山' })).json().items;
    expect(found).toHaveLength(0);
  });

  it('locates a point in its grid, near a border within tolerance, and outside every grid', async () => {
    const admin = await t.login('admin');
    const grid = await t.tdb.db.selectFrom('area').select(['code', 'center']).where('level', '=', 'grid').where('city_code', '=', '150200').orderBy('code').limit(1).executeTakeFirstOrThrow();
    const [lon, lat] = grid.center!;
    const hit = (await t.as(admin, { url: `/api/geo/locate?lon=${lon}&lat=${lat}` })).json();
    expect(hit.grid.code).toBe(grid.code);
    expect(hit.grid.exact).toBe(true);
    expect(hit.grid.ancestors.map((a: { level: string }) => a.level)).toEqual(['city', 'district', 'street', 'community']);
    const sea = (await t.as(admin, { url: '/api/geo/locate?lon=121.5&lat=31.2' })).json(); // Shanghai
    expect(sea.grid).toBeNull();
    const bad = await t.as(admin, { url: '/api/geo/locate?lon=200&lat=40' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/lon/);
  });

  it('exports the grids of a community and re-imports them; refuses invalid geometry naming the feature', async () => {
    const community = await t.login('kdl.community');
    const me = (await t.as(community, { url: '/api/auth/me' })).json().user;
    const fc = (await t.as(community, { url: `/api/areas/${me.scopeCode}/grids.geojson` })).json();
    expect(fc.features.length).toBeGreaterThan(0);
    const ok = await t.as(community, { method: 'POST', url: `/api/areas/${me.scopeCode}/grids/import`, payload: fc });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ created: 0, updated: fc.features.length, removed: 0 });
    const before = await t.tdb.db.selectFrom('area').select(['code', 'geometry']).where('parent_code', '=', me.scopeCode).orderBy('code').execute();

    // A bow-tie (self-intersecting) ring in the second feature.
    const broken = structuredClone(fc);
    const [[x0, y0]] = broken.features[0].geometry.type === 'Polygon' ? broken.features[0].geometry.coordinates[0] : broken.features[0].geometry.coordinates[0][0];
    const d = 0.0005;
    broken.features[Math.min(1, broken.features.length - 1)].geometry = { type: 'Polygon', coordinates: [[[x0, y0], [x0 + d, y0 + d], [x0 + d, y0], [x0, y0 + d], [x0, y0]]] };
    const res = await t.as(community, { method: 'POST', url: `/api/areas/${me.scopeCode}/grids/import`, payload: broken });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_geojson');
    expect(res.json().error.details.errors[0].field).toMatch(/^features\[\d+\]\.geometry/);

    // A grid far outside the community.
    const outside = structuredClone(fc);
    outside.features[0].geometry = { type: 'Polygon', coordinates: [[[121.4, 31.2], [121.41, 31.2], [121.41, 31.21], [121.4, 31.2]]] };
    const res2 = await t.as(community, { method: 'POST', url: `/api/areas/${me.scopeCode}/grids/import`, payload: outside });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.details.errors.some((e: { field: string }) => e.field === 'features[0].geometry')).toBe(true);

    // Two features on top of each other.
    if (fc.features.length >= 2) {
      const overlap = structuredClone(fc);
      overlap.features[1].geometry = overlap.features[0].geometry;
      const res3 = await t.as(community, { method: 'POST', url: `/api/areas/${me.scopeCode}/grids/import`, payload: overlap });
      expect(res3.statusCode).toBe(400);
      expect(res3.json().error.message).toMatch(/overlap|重叠/i);
    }

    const notFc = await t.as(community, { method: 'POST', url: `/api/areas/${me.scopeCode}/grids/import`, payload: { type: 'Feature' } });
    expect(notFc.statusCode).toBe(400);
    const after = await t.tdb.db.selectFrom('area').select(['code', 'geometry']).where('parent_code', '=', me.scopeCode).orderBy('code').execute();
    expect(after).toEqual(before); // nothing written by the refused imports
  });
});
