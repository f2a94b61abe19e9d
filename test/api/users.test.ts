import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('user management within one’s scope', () => {
  it('a district lists only users inside the district; the city sees all of its city but not the other city', async () => {
    const district = (await t.as(await t.login('kdl.district'), { url: '/api/users?pageSize=200' })).json();
    const names = district.items.map((u: { username: string }) => u.username);
    expect(names).toContain('kdl.grid');
    expect(names).not.toContain('admin');
    expect(names).not.toContain('hlbe.admin');
    const city = (await t.as(await t.login('admin'), { url: '/api/users?pageSize=200' })).json();
    expect(city.items.map((u: { username: string }) => u.username)).not.toContain('hlbe.admin');
    expect(city.total).toBe(city.items.length);
  });

  it('creates a grid worker with a masked phone and an audit record', async () => {
    const community = await t.login('kdl.community');
    const me = (await t.as(community, { url: '/api/auth/me' })).json().user;
    const grid = (await t.as(community, { url: `/api/areas/${me.scopeCode}/children` })).json().items[0];
    const res = await t.as(community, { method: 'POST', url: '/api/users', payload: { username: 'wang.wu', displayName: '王五', role: 'grid_worker', scopeCode: grid.code, password: 'grid-worker-2026', phone: '13812345678' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ username: 'wang.wu', role: 'grid_worker', scopeCode: grid.code, phone: '138****5678' });
    expect(res.body).not.toContain('13812345678');
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wang.wu', password: 'grid-worker-2026' } });
    expect(login.statusCode).toBe(200);
    const audit = await t.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').execute();
    expect(audit.some((a) => (a.detail as { username?: string }).username === 'wang.wu')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('13812345678');
  });

  it('no one hands out a role above their own, nor edits a higher rank', async () => {
    const community = await t.login('kdl.community');
    const me = (await t.as(community, { url: '/api/auth/me' })).json().user;
    const res = await t.as(community, { method: 'POST', url: '/api/users', payload: { username: 'boss.x', displayName: '某某', role: 'street_staff', scopeCode: me.scopeCode, password: 'abcdefgh12' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/role/);
    const street = (await t.as(await t.login('admin'), { url: '/api/users?q=kdl.street' })).json().items[0];
    const edit = await t.as(community, { method: 'PATCH', url: `/api/users/${street.id}`, payload: { displayName: 'x' } });
    expect(edit.statusCode).toBe(404); // not inside a community's scope at all
  });

  it('deactivating a user ends their sessions; they cannot log in', async () => {
    const grid = await t.login('kdl.grid');
    const admin = await t.login('admin');
    const id = (await t.as(admin, { url: '/api/users?q=kdl.grid' })).json().items[0].id;
    const res = await t.as(admin, { method: 'PATCH', url: `/api/users/${id}`, payload: { active: false } });
    expect(res.json().active).toBe(false);
    expect((await t.as(grid, { url: '/api/auth/me' })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kdl.grid', password: 'shiyu-demo-2026' } });
    expect(login.statusCode).toBe(401);
    await t.as(admin, { method: 'PATCH', url: `/api/users/${id}`, payload: { active: true } });
  });

  it('an admin cannot demote or deactivate themself', async () => {
    const admin = await t.login('admin');
    const me = (await t.as(admin, { url: '/api/auth/me' })).json().user;
    const res = await t.as(admin, { method: 'PATCH', url: `/api/users/${me.id}`, payload: { active: false } });
    expect(res.statusCode).toBe(403);
  });
});
