import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => { t = await createTestApp(); admin = await t.login('admin'); });
afterAll(async () => { await t?.close(); });

const userCount = async () => Number((await t.tdb.db.selectFrom('app_user').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('bad input gets a 4xx naming the field, and nothing is written', () => {
  it('malformed JSON', async () => {
    const n = await userCount();
    const res = await t.as(admin, { method: 'POST', url: '/api/users', headers: { 'content-type': 'application/json' }, payload: '{"username": "abc",' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('malformed_body');
    expect(await userCount()).toBe(n);
  });

  it('wrong types and missing fields name the field', async () => {
    const wrongType = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'abc123', displayName: 5, role: 'grid_worker', scopeCode: '150203', password: 'abcdefgh12' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details.field).toBe('displayName');
    const missing = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'abc123', displayName: '某某', role: 'grid_worker', password: 'abcdefgh12' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.field).toBe('scopeCode');
    const extra = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'abc123', displayName: '某某', role: 'grid_worker', scopeCode: '150203', password: 'abcdefgh12', isAdmin: true } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.message).toMatch(/isAdmin/);
    const badRole = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'abc123', displayName: '某某', role: 'king', scopeCode: '150203', password: 'abcdefgh12' } });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.details.field).toBe('role');
  });

  it('unknown area codes and scopes at the wrong level', async () => {
    const unknown = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'abc124', displayName: '某某', role: 'district_staff', scopeCode: '150299', password: 'abcdefgh12' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.field).toBe('scopeCode');
    const level = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'abc125', displayName: '某某', role: 'grid_worker', scopeCode: '150203', password: 'abcdefgh12' } });
    expect(level.statusCode).toBe(400);
    expect(level.json().error.message).toMatch(/scopeCode/);
    const area = await t.as(admin, { url: '/api/areas/15029999' });
    expect(area.statusCode).toBe(404);
    const notCode = await t.as(admin, { url: '/api/areas/abc' });
    expect(notCode.statusCode).toBe(400);
    expect(notCode.json().error.details.field).toBe('code');
  });

  it('weak passwords, bad phone numbers and taken usernames', async () => {
    const weak = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'abc126', displayName: '某某', role: 'district_staff', scopeCode: '150203', password: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.field).toBe('password');
    const phone = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'abc127', displayName: '某某', role: 'district_staff', scopeCode: '150203', password: 'abcdefgh12', phone: '12345' } });
    expect(phone.json().error.details.field).toBe('phone');
    const taken = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'dispatcher', displayName: '某某', role: 'district_staff', scopeCode: '150203', password: 'abcdefgh12' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details.field).toBe('username');
  });

  it('oversized bodies', async () => {
    const n = await userCount();
    const res = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'big', displayName: 'x'.repeat(3 * 1024 * 1024), role: 'grid_worker', scopeCode: '150203', password: 'abcdefgh12' } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
    expect(await userCount()).toBe(n);
  });

  it('invalid GeoJSON for police grids is refused whole', async () => {
    const res = await t.as(admin, { method: 'POST', url: '/api/police-grids/import', payload: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'J1', name: '警格' }, geometry: { type: 'Polygon', coordinates: [[[109.8, 40.6], ['x', 40.6], [109.9, 40.7], [109.8, 40.6]]] } }] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.errors[0].field).toMatch(/features\[0\]\.geometry/);
    const count = await t.tdb.db.selectFrom('police_grid').selectAll().execute();
    expect(count).toHaveLength(0);
  });
});
