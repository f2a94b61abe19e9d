import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { verifyAuditChain } from '../../src/kernel/audit/audit.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ lockoutAttempts: 3, lockoutMinutes: 10 }); });
afterAll(async () => { await t?.close(); });

describe('login and sessions', () => {
  it('logs in with a demo account, sets an httpOnly SameSite=Strict cookie and answers /me', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'shiyu-demo-2026' } });
    expect(res.statusCode).toBe(200);
    const sid = res.cookies.find((c) => c.name === 'shiyu_sid')!;
    expect(sid.httpOnly).toBe(true);
    expect(sid.sameSite).toBe('Strict');
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `shiyu_sid=${sid.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: 'admin', role: 'city_admin', scopeCode: '150200', scopeName: '包头市' });
  });

  it('refuses a wrong password with a clear message, and an unknown user the same way', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dispatcher', password: 'nope-nope-1' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toMatch(/用户名或密码错误/);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'nope-nope-1' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('login_failed');
  });

  it('locks an account after repeated failures, even for the right password, until unlocked', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kdl.grid', password: 'wrong-pass-1' } });
      expect(r.statusCode).toBe(401);
    }
    const third = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kdl.grid', password: 'wrong-pass-1' } });
    expect(third.statusCode).toBe(423);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kdl.grid', password: 'shiyu-demo-2026' } });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toMatch(/锁定/);
    const admin = await t.login('admin');
    const list = await t.as(admin, { url: '/api/users?q=kdl.grid' });
    const id = list.json().items[0].id;
    expect(list.json().items[0].locked).toBe(true);
    const unlock = await t.as(admin, { method: 'POST', url: `/api/users/${id}/unlock` });
    expect(unlock.statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kdl.grid', password: 'shiyu-demo-2026' } });
    expect(again.statusCode).toBe(200);
  });

  it('logout ends the session; logout-all ends every session of the user', async () => {
    const a = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kdl.street', password: 'shiyu-demo-2026' } })).cookies[0].value;
    const b = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kdl.street', password: 'shiyu-demo-2026' } })).cookies[0].value;
    const out = await t.as(`shiyu_sid=${a}`, { method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: `shiyu_sid=${a}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: `shiyu_sid=${b}` } })).statusCode).toBe(200);
    const c = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kdl.street', password: 'shiyu-demo-2026' } })).cookies[0].value;
    const all = await t.as(`shiyu_sid=${c}`, { method: 'POST', url: '/api/auth/logout-all' });
    expect(all.json().sessionsEnded).toBe(2);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: `shiyu_sid=${b}` } })).statusCode).toBe(401);
  });

  it('a session ended elsewhere (another node, the CLI) stops working within 2 s; a change here at once', async () => {
    const sid = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kdl.community', password: 'shiyu-demo-2026' } })).cookies[0].value;
    const me = () => t.app.inject({ url: '/api/auth/me', headers: { cookie: `shiyu_sid=${sid}` } });
    expect((await me()).statusCode).toBe(200);
    await t.tdb.db.deleteFrom('user_session').where('user_id', '=', (await me()).json().user.id).execute();
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await me()).statusCode).toBe(401);

    const grid = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kdl.grid', password: 'shiyu-demo-2026' } })).cookies[0].value;
    const gridMe = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `shiyu_sid=${grid}` } });
    const off = await t.as(await t.login('admin'), { method: 'PATCH', url: `/api/users/${gridMe.json().user.id}`, payload: { active: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: `shiyu_sid=${grid}` } })).statusCode).toBe(401);
    await t.as(await t.login('admin'), { method: 'PATCH', url: `/api/users/${gridMe.json().user.id}`, payload: { active: true } });
  });

  it('refuses a state-changing request without the CSRF header', async () => {
    const cookie = await t.login('admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
  });

  it('API keys: created once, work as Bearer, stop working when revoked', async () => {
    const cookie = await t.login('dispatcher');
    const created = await t.as(cookie, { method: 'POST', url: '/api/api-keys', payload: { name: '12345 对接' } });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^sy_/);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${key}` } });
    expect(me.json().user.username).toBe('dispatcher');
    const listed = await t.as(cookie, { url: '/api/api-keys' });
    expect(JSON.stringify(listed.json())).not.toContain(key);
    await t.as(cookie, { method: 'DELETE', url: `/api/api-keys/${id}` });
    const after = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${key}` } });
    expect(after.statusCode).toBe(401);
    const bogus = await t.app.inject({ url: '/api/auth/me', headers: { authorization: 'Bearer sy_abcdefgh_xxxxxxxxxxxxxxxxxxxxxxxxxxxx' } });
    expect(bogus.statusCode).toBe(401);
  });

  it('records logins, failures and lock-outs in an intact audit chain', async () => {
    const rows = await t.tdb.db.selectFrom('audit_log').select('action').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['auth.login', 'auth.login_failed', 'auth.locked', 'auth.logout', 'user.unlock', 'api_key.create', 'api_key.revoke']) expect(actions).toContain(a);
    expect((await verifyAuditChain(t.tdb.db)).ok).toBe(true);
  });
});
