import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import type { DB } from '../../src/db/types.ts';
import * as m0010 from '../../src/db/migrations/0010_departments.ts';
import { COMMON_DEPARTMENTS, seedDepartments } from '../../src/modules/events/departments/seed.ts';
import { createTestDatabase } from '../helpers/db.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, file, ok, places, ticketBody, ZHUJIAN, type Places } from './tickets-fixtures.ts';

// 职能部门名录: the register, its admin routes, and every place that names a department (dispatch,
// routing rules, user accounts) checked against it; the foreign keys keep the names consistent.

let t: TestApp;
let p: Places;
beforeAll(async () => { t = await createTestApp(); p = await places(t); });
afterAll(async () => { await t?.close(); });

type Dept = { id: number; name: string; shortName: string | null; kind: string; phone: string | null; active: boolean; sort: number; openTickets: number; activeRules: number; handlers: number };
const as = async (who: string, opts: Parameters<TestApp['as']>[1]) => t.as(await t.login(who), opts);
const list = async (who = 'dispatcher', query = ''): Promise<Dept[]> => ok(await as(who, { url: `/api/departments${query}` })).items;
const byName = async (name: string, who = 'admin') => (await list(who)).find((d) => d.name === name);
const create = (body: Record<string, unknown>, who = 'admin') => as(who, { method: 'POST', url: '/api/departments', payload: body });
const patch = (id: number, body: Record<string, unknown>, who = 'admin') => as(who, { method: 'PATCH', url: `/api/departments/${id}`, payload: body });
const refused = (res: LightMyRequestResponse, status: number, field: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.details.field, res.body).toBe(field);
  return res.json().error as { message: string; details: Record<string, unknown> };
};
const count = async (table: 'department' | 'audit_log' | 'ticket_action' | 'notification' | 'routing_rule' | 'app_user') =>
  Number((await t.tdb.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
/** A ticket of 昆都仑区 filed and registered by the 12345 desk, ready to dispatch. */
const registeredTicket = async (): Promise<number> => {
  const id = ok(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center)), 201).id as number;
  ok(await act(t, 'dispatcher', id, { action: 'register' }));
  return id;
};
const dispatchTo = (id: number, department: string) => act(t, 'dispatcher', id, { action: 'dispatch', assignee: { kind: 'department', department } });

describe('the register', () => {
  it('every city starts with the common list; every official reads their own city’s, residents none', async () => {
    const baotou = await list('dispatcher');
    expect(baotou.map((d) => d.name)).toEqual(expect.arrayContaining(COMMON_DEPARTMENTS.map((d) => d.name)));
    expect(baotou.find((d) => d.name === ZHUJIAN)).toMatchObject({ shortName: '住建局', kind: 'government', active: true, handlers: 1 });
    expect(baotou.find((d) => d.name === '供电公司')).toMatchObject({ kind: 'utility' });
    expect((await list('kdl.grid')).length).toBe(baotou.length); // a grid worker reads it too (user forms, ticket pages)
    const hulunbuir = await list('hlbe.admin');
    expect(hulunbuir.map((d) => d.name)).toContain(ZHUJIAN);
    expect(hulunbuir.find((d) => d.name === ZHUJIAN)!.handlers).toBe(0);
    expect(hulunbuir.map((d) => d.id).filter((id) => baotou.some((b) => b.id === id))).toEqual([]);
    expect((await as('resident', { url: '/api/departments' })).statusCode).toBe(403);
  });

  it('the seed runs again without undoing a rename or adding twins', async () => {
    const heat = (await byName('供热公司'))!;
    ok(await patch(heat.id, { name: '热力公司' }));
    expect(await seedDepartments(t.tdb.db, ['150200', '150700'])).toBe(0);
    const names = (await list('admin')).map((d) => d.name);
    expect(names).toContain('热力公司');
    expect(names).not.toContain('供热公司');
    ok(await patch(heat.id, { name: '供热公司' }));
  });

  it('adds a department, audited; the name is trimmed and unique in the city, not across cities', async () => {
    const audits = await count('audit_log');
    const made = ok(await create({ name: '  人民防空办公室 ', shortName: '人防办', kind: 'government', phone: '0472-5123456', sort: 500 }), 201) as Dept;
    expect(made).toMatchObject({ name: '人民防空办公室', shortName: '人防办', kind: 'government', phone: '0472-5123456', active: true, sort: 500, openTickets: 0, activeRules: 0, handlers: 0 });
    expect(await count('audit_log')).toBe(audits + 1);
    const audit = await t.tdb.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'department.create', target_type: 'department', target_id: String(made.id), city_code: '150200' });
    expect((await list('dispatcher', '?active=true')).map((d) => d.name)).toContain('人民防空办公室');
    // The other city may have the same name: the register is per city.
    ok(await create({ name: '人民防空办公室' }, 'hlbe.admin'), 201);
    // Without an order it goes last.
    const last = ok(await create({ name: '地震局' }), 201) as Dept;
    expect(last.sort).toBe(Math.max(...(await list('admin')).filter((d) => d.id !== last.id).map((d) => d.sort)) + 10);
  });

  it('refuses bad input naming the field, writing nothing; only the city admin writes', async () => {
    const [rows, audits] = [await count('department'), await count('audit_log')];
    refused(await create({ name: '人民防空办公室' }), 409, 'name');
    refused(await create({ name: ` ${ZHUJIAN}` }), 409, 'name');
    refused(await create({ name: '局' }), 400, 'name');
    refused(await create({ name: '   ' }), 400, 'name');
    refused(await create({ name: 'x'.repeat(41) }), 400, 'name');
    refused(await create({ name: '气象局', phone: '打电话' }), 400, 'phone');
    refused(await create({ name: '气象局', kind: 'ministry' }), 400, 'kind');
    refused(await create({ name: '气象局', shortName: '气'.repeat(21) }), 400, 'shortName');
    expect(await count('department')).toBe(rows);
    expect(await count('audit_log')).toBe(audits);
    expect((await create({ name: '气象局' }, 'dispatcher')).statusCode).toBe(403);
    expect((await create({ name: '气象局' }, 'kdl.district')).statusCode).toBe(403);
    expect(await count('department')).toBe(rows);
    const made = (await byName('人民防空办公室'))!;
    refused(await patch(made.id, { name: ZHUJIAN }), 409, 'name');
    expect((await patch(made.id, {})).statusCode).toBe(400); // nothing to change
    expect((await patch(made.id, { phone: '12345' }, 'dispatcher')).statusCode).toBe(403);
    expect((await byName('人民防空办公室'))!.phone).toBe('0472-5123456');
  });

  it('edits kind, phone, short name and order, audited with before and after; an unchanged value writes nothing', async () => {
    const made = (await byName('人民防空办公室'))!;
    const after = ok(await patch(made.id, { kind: 'other', phone: '95598', shortName: null, sort: 5 })) as Dept;
    expect(after).toMatchObject({ kind: 'other', phone: '95598', shortName: null, sort: 5 });
    const audit = await t.tdb.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'department.update', target_id: String(made.id) });
    expect(audit.detail).toMatchObject({ name: '人民防空办公室', before: { kind: 'government', phone: '0472-5123456', short_name: '人防办', sort: 500 }, after: { kind: 'other', phone: '95598', short_name: null, sort: 5 } });
    const audits = await count('audit_log');
    ok(await patch(made.id, { phone: '95598' }));
    expect(await count('audit_log')).toBe(audits);
  });

  it('another city’s department is not found, and is not offered', async () => {
    const hl = (await byName('人民防空办公室', 'hlbe.admin'))!;
    expect((await patch(hl.id, { phone: '12345' })).statusCode).toBe(404);
    expect((await list('dispatcher')).some((d) => d.id === hl.id)).toBe(false);
  });
});

describe('dispatch 派遣 names a department of the register', () => {
  it('an unknown name is refused at assignee.department in Chinese and English, nothing written', async () => {
    const id = await registeredTicket();
    const [actions, notices, ticket] = [await count('ticket_action'), await count('notification'), await t.tdb.db.selectFrom('ticket').selectAll().where('id', '=', id).executeTakeFirstOrThrow()];
    const err = refused(await dispatchTo(id, '住建局'), 400, 'assignee.department');
    expect(err.message).toContain('承办部门“住建局”不在本市部门名录中');
    expect(err.message).toContain('not in the city\'s department register');
    expect(err.message.split(' / ')[1]).not.toMatch(/[\u4e00-\u9fff]/); // so the console can show the English half alone
    // Another city's department is as unknown here.
    ok(await create({ name: '根河林业局' }, 'hlbe.admin'), 201);
    refused(await dispatchTo(id, '根河林业局'), 400, 'assignee.department');
    expect(await count('ticket_action')).toBe(actions);
    expect(await count('notification')).toBe(notices);
    expect(await t.tdb.db.selectFrom('ticket').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(ticket);
    // The name as registered, spaces trimmed, goes through.
    expect(ok(await dispatchTo(id, ` ${ZHUJIAN} `)).ticket).toMatchObject({ state: 'dispatched', assignee: { kind: 'department', department: ZHUJIAN } });
  });

  it('counts open tickets per department; a switched-off department is refused', async () => {
    const before = (await byName('应急管理局'))!.openTickets;
    const id = await registeredTicket();
    ok(await dispatchTo(id, '应急管理局'));
    expect((await byName('应急管理局', 'dispatcher'))!.openTickets).toBe(before + 1);
    const quiet = (await byName('教育局'))!;
    ok(await patch(quiet.id, { active: false }));
    expect((await list('dispatcher', '?active=true')).map((d) => d.name)).not.toContain('教育局');
    const other = await registeredTicket();
    const err = refused(await dispatchTo(other, '教育局'), 400, 'assignee.department');
    expect(err.message).toContain('已停用');
    ok(await patch(quiet.id, { active: true }));
    ok(await dispatchTo(other, '教育局'));
  });
});

describe('switching off', () => {
  it('is refused while tickets are open or rules active, naming the counts; allowed once they are gone', async () => {
    const dept = ok(await create({ name: '城市园林绿化局' }), 201) as Dept;
    const rule = ok(await as('admin', { method: 'POST', url: '/api/tickets/routing-rules', payload: { category: 'S01', area: '150203', department: '城市园林绿化局' } }), 201);
    const id = await registeredTicket();
    ok(await dispatchTo(id, '城市园林绿化局'));
    const audits = await count('audit_log');
    const both = refused(await patch(dept.id, { active: false, phone: '12345' }), 409, 'active');
    expect(both.details).toMatchObject({ openTickets: 1, activeRules: 1 });
    expect(both.message).toContain('尚有 1 件在办工单、1 条启用的派单规则');
    expect(both.message).toContain('1 open ticket(s) and 1 active routing rule(s)');
    expect((await byName('城市园林绿化局'))).toMatchObject({ active: true, phone: null });
    expect(await count('audit_log')).toBe(audits);

    ok(await as('admin', { method: 'PATCH', url: `/api/tickets/routing-rules/${rule.id}`, payload: { active: false } }));
    expect(refused(await patch(dept.id, { active: false }), 409, 'active').details).toMatchObject({ openTickets: 1, activeRules: 0 });
    // A handler of the department returns the ticket (职能不符); the centre upholds it: nothing open remains.
    ok(await as('admin', { method: 'POST', url: '/api/users', payload: { username: 'yuanlin.li', displayName: '园林局李工', role: 'dept_handler', scopeCode: '150200', department: '城市园林绿化局', password: 'shiyu-demo-2026' } }), 201);
    ok(await act(t, 'yuanlin.li', id, { action: 'return', reason: 'not_our_function', note: '属于物业管理范围' }));
    ok(await act(t, 'dispatcher', id, { action: 'rule_return', approve: true, note: '退单理由成立' }));
    expect(ok(await patch(dept.id, { active: false }))).toMatchObject({ active: false, openTickets: 0, activeRules: 0, handlers: 1 });
    // The rule cannot come back on for a switched-off department, nor can a new one name it.
    refused(await as('admin', { method: 'PATCH', url: `/api/tickets/routing-rules/${rule.id}`, payload: { active: true } }), 400, 'active');
    const rules = await count('routing_rule');
    refused(await as('admin', { method: 'POST', url: '/api/tickets/routing-rules', payload: { category: 'S02', area: '150203', department: '城市园林绿化局' } }), 400, 'department');
    refused(await as('admin', { method: 'POST', url: '/api/tickets/routing-rules', payload: { category: 'S02', area: '150203', department: '园林局' } }), 400, 'department');
    expect(await count('routing_rule')).toBe(rules);
    // Its handler still signs in and still sees the ticket it handled.
    expect(ok(await as('yuanlin.li', { url: `/api/tickets/${id}` })).ticket.id).toBe(id);
  });
});

describe('user accounts name a department of the register', () => {
  const userBody = (extra: Record<string, unknown>) => ({ username: `u${Math.random().toString(36).slice(2, 8)}`, displayName: '部门办理人', role: 'dept_handler', scopeCode: '150200', password: 'handler-pass-2026', ...extra });

  it('a department handler must have one, known and switched on; the name is trimmed', async () => {
    const users = await count('app_user');
    refused(await as('admin', { method: 'POST', url: '/api/users', payload: userBody({}) }), 400, 'department');
    refused(await as('admin', { method: 'POST', url: '/api/users', payload: userBody({ department: '  ' }) }), 400, 'department');
    const unknown = refused(await as('admin', { method: 'POST', url: '/api/users', payload: userBody({ department: '住建局' }) }), 400, 'department');
    expect(unknown.message).toContain('所属部门“住建局”不在本市部门名录中');
    refused(await as('admin', { method: 'POST', url: '/api/users', payload: userBody({ department: '城市园林绿化局' }) }), 400, 'department'); // switched off above
    refused(await as('admin', { method: 'POST', url: '/api/users', payload: userBody({ department: '根河林业局' }) }), 400, 'department'); // 呼伦贝尔's
    expect(await count('app_user')).toBe(users);
    const made = ok(await as('admin', { method: 'POST', url: '/api/users', payload: userBody({ department: ` ${ZHUJIAN}` }) }), 201);
    expect(made.department).toBe(ZHUJIAN);
    // Other roles may have none.
    ok(await as('admin', { method: 'POST', url: '/api/users', payload: userBody({ role: 'dispatcher' }) }), 201);

    refused(await as('admin', { method: 'PATCH', url: `/api/users/${made.id}`, payload: { department: null } }), 400, 'department');
    refused(await as('admin', { method: 'PATCH', url: `/api/users/${made.id}`, payload: { department: '住建局' } }), 400, 'department');
    expect(ok(await as('admin', { method: 'PATCH', url: `/api/users/${made.id}`, payload: { department: '城市管理综合执法局' } })).department).toBe('城市管理综合执法局');
    const disp = (await t.tdb.db.selectFrom('app_user').select('id').where('username', '=', 'dispatcher').executeTakeFirstOrThrow()).id;
    refused(await as('admin', { method: 'PATCH', url: `/api/users/${disp}`, payload: { role: 'dept_handler', scopeCode: '150200' } }), 400, 'department');
  });

  it('an account keeps a department switched off after it was given (editing other fields still works)', async () => {
    const yuanlin = (await t.tdb.db.selectFrom('app_user').select('id').where('username', '=', 'yuanlin.li').executeTakeFirstOrThrow()).id;
    expect(ok(await as('admin', { method: 'PATCH', url: `/api/users/${yuanlin}`, payload: { displayName: '园林局李工（退休）' } })).department).toBe('城市园林绿化局');
  });
});

describe('the foreign keys', () => {
  it('refuse an unknown name or another city’s name in every table that carries one', async () => {
    const db = t.tdb.db;
    const fk = { code: '23503' };
    await expect(db.updateTable('app_user').set({ department: '不存在局' }).where('username', '=', 'dept.zhujian').execute()).rejects.toMatchObject(fk);
    await expect(db.updateTable('app_user').set({ department: '根河林业局' }).where('username', '=', 'dept.zhujian').execute()).rejects.toMatchObject(fk);
    await expect(db.updateTable('ticket').set({ assignee_department: '不存在局' }).where('city_code', '=', '150200').where('assignee_department', '=', ZHUJIAN).execute()).rejects.toMatchObject(fk);
    await expect(db.updateTable('routing_rule').set({ department: '不存在局' }).where('city_code', '=', '150200').where('department', 'is not', null).execute()).rejects.toMatchObject(fk);
    await expect(db.insertInto('notification').values({ city_code: '150200', department: '不存在局', kind: 'dispatch', message: 'x' }).execute()).rejects.toMatchObject(fk);
    // Nothing is deleted while anything names it.
    await expect(db.deleteFrom('department').where('city_code', '=', '150200').where('name', '=', ZHUJIAN).execute()).rejects.toMatchObject(fk);
  });

  it('a rename follows to tickets, accounts, rules and notices; the handler goes on working', async () => {
    const id = await registeredTicket();
    ok(await dispatchTo(id, ZHUJIAN));
    const rule = ok(await as('admin', { method: 'POST', url: '/api/tickets/routing-rules', payload: { category: 'S03', area: '150203', department: ZHUJIAN } }), 201);
    const dept = (await byName(ZHUJIAN))!;
    const RENAMED = '住房和城乡建设局（人民防空办公室）';
    const renamed = ok(await patch(dept.id, { name: RENAMED })) as Dept;
    expect(renamed).toMatchObject({ id: dept.id, name: RENAMED, openTickets: dept.openTickets, activeRules: dept.activeRules, handlers: dept.handlers });
    const audit = await t.tdb.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ before: { name: ZHUJIAN }, after: { name: RENAMED } });

    const db = t.tdb.db;
    expect(await db.selectFrom('ticket').select('id').where('city_code', '=', '150200').where('assignee_department', '=', ZHUJIAN).execute()).toEqual([]);
    expect(await db.selectFrom('notification').select('id').where('city_code', '=', '150200').where('department', '=', ZHUJIAN).execute()).toEqual([]);
    expect(ok(await as('dispatcher', { url: `/api/tickets/${id}` })).ticket.assignee).toMatchObject({ kind: 'department', department: RENAMED });
    expect((await as('dept.zhujian', { url: '/api/auth/me' })).json().user.department).toBe(RENAMED);
    expect(ok(await as('admin', { url: '/api/tickets/routing-rules' })).items.find((r: { id: number }) => r.id === rule.id).assignee.department).toBe(RENAMED);
    // The handler sees and acts on the ticket, and gets its notices, under the new name.
    expect(ok(await as('dept.zhujian', { url: '/api/tickets?pageSize=200' })).items.map((x: { id: number }) => x.id)).toContain(id);
    expect(ok(await as('dept.zhujian', { url: '/api/notifications' })).items.some((n: { ticketId: number }) => n.ticketId === id)).toBe(true);
    ok(await act(t, 'dept.zhujian', id, { action: 'sign' }));
    // The Hulunbuir department of the old name is untouched.
    expect((await byName(ZHUJIAN, 'hlbe.admin'))).toBeTruthy();
    // The old name is free and unknown now; renaming back restores it everywhere.
    refused(await dispatchTo(await registeredTicket(), ZHUJIAN), 400, 'assignee.department');
    ok(await patch(dept.id, { name: ZHUJIAN }));
    expect((await as('dept.zhujian', { url: '/api/auth/me' })).json().user.department).toBe(ZHUJIAN);
  });
});

describe('concurrent changes', () => {
  /** Resolves once a backend of this database waits on a row lock (the HTTP call has reached it). */
  async function someoneWaitsOnALock() {
    for (let i = 0; i < 100; i++) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(t.tdb.db);
      if (rows[0].n > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no one waited on a lock');
  }

  it('a switch-off waits for a dispatch in flight and then counts its ticket', async () => {
    const dept = ok(await create({ name: '人民防空指挥部' }), 201) as Dept;
    const id = await registeredTicket();
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    // The dispatch's own check, held open: the department is FOR SHARE until this transaction commits.
    const dispatch = t.tdb.db.transaction().execute(async (trx) => {
      const { requireActiveDepartment, ASSIGNEE_DEPARTMENT } = await import('../../src/modules/events/departments/service.ts');
      await requireActiveDepartment(trx, '150200', '人民防空指挥部', 'assignee.department', ASSIGNEE_DEPARTMENT);
      await held;
      await trx.updateTable('ticket').set({ state: 'dispatched', assignee_kind: 'department', assignee_department: '人民防空指挥部' }).where('id', '=', id).execute();
    });
    await new Promise((r) => setTimeout(r, 50));
    const switchOff = patch(dept.id, { active: false });
    await someoneWaitsOnALock();
    release();
    await dispatch;
    expect(refused(await switchOff, 409, 'active').details).toMatchObject({ openTickets: 1 });
  });

  it('a rename while a ticket action holds the ticket does not deadlock with it', async () => {
    const id = await registeredTicket();
    ok(await dispatchTo(id, '应急管理局'));
    const dept = (await byName('应急管理局'))!;
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const ticketLocked = new Promise<void>((r) => { locked = r; });
    // A ticket action: its ticket locked first, then a notice to the department (a foreign-key check on it).
    const action = t.tdb.db.transaction().execute(async (trx) => {
      await trx.selectFrom('ticket').select('id').where('id', '=', id).forUpdate().execute();
      locked();
      await held;
      await trx.insertInto('notification').values({ city_code: '150200', department: '应急管理局', ticket_id: id, kind: 'supervise', message: '督办' }).execute();
    });
    await ticketLocked;
    const rename = patch(dept.id, { name: '应急管理局（地震局）' });
    await someoneWaitsOnALock();
    release();
    await action;
    expect(ok(await rename).name).toBe('应急管理局（地震局）');
    expect(await t.tdb.db.selectFrom('notification').select('department').where('ticket_id', '=', id).where('kind', '=', 'supervise').executeTakeFirstOrThrow()).toEqual({ department: '应急管理局（地震局）' });
    ok(await patch(dept.id, { name: '应急管理局' }));
  });
});

describe('migration 0010 over data written before the register', () => {
  /** The schema as 0009 left it, with free-text names as the old API stored them. */
  async function before0010(db: Kysely<DB>) {
    await m0010.down(db as Kysely<unknown>);
    await db.updateTable('app_user').set({ department: ' 市指挥中心 ' }).where('username', '=', 'dispatcher').execute();
    await db.updateTable('app_user').set({ department: '' }).where('username', '=', 'kdl.street').execute();
    await db.insertInto('notification').values({ city_code: '150700', department: '扎兰屯供水公司', kind: 'dispatch', message: '旧通知' }).execute();
  }

  it('registers every name in use per city, trimmed, and adds the keys', async () => {
    const tdb = await createTestDatabase();
    try {
      const db = tdb.db;
      await before0010(db);
      await db.transaction().execute((trx) => m0010.up(trx as unknown as Kysely<unknown>));
      const rows = await db.selectFrom('department').select(['city_code', 'name', 'kind']).orderBy('city_code').orderBy('name').execute();
      expect(rows).toHaveLength(3);
      expect(rows).toEqual(expect.arrayContaining([
        { city_code: '150200', name: ZHUJIAN, kind: 'government' },
        { city_code: '150200', name: '市指挥中心', kind: 'government' },
        { city_code: '150700', name: '扎兰屯供水公司', kind: 'utility' },
      ]));
      expect((await db.selectFrom('app_user').select('department').where('username', '=', 'kdl.street').executeTakeFirstOrThrow()).department).toBeNull();
      await expect(db.updateTable('app_user').set({ department: '不存在局' }).where('username', '=', 'kdl.street').execute()).rejects.toMatchObject({ code: '23503' });
      // The seed then adopts the same-named row as its built-in one and adds the rest.
      expect(await seedDepartments(db, ['150200'])).toBe(COMMON_DEPARTMENTS.length - 1);
      expect(await db.selectFrom('department').select(['builtin_key', 'short_name']).where('city_code', '=', '150200').where('name', '=', ZHUJIAN).executeTakeFirstOrThrow()).toEqual({ builtin_key: 'zhujian', short_name: '住建局' });
    } finally {
      await tdb.drop();
    }
  });

  it('stops, changing nothing, when a name in use does not fit 2–40 characters', async () => {
    const tdb = await createTestDatabase();
    try {
      const db = tdb.db;
      await before0010(db);
      await db.updateTable('app_user').set({ department: '局' }).where('username', '=', 'mediator').execute();
      await expect(db.transaction().execute((trx) => m0010.up(trx as unknown as Kysely<unknown>))).rejects.toThrow(/150200 "局"/);
      expect((await sql<{ t: string | null }>`SELECT to_regclass('department')::text AS t`.execute(db)).rows[0].t).toBeNull();
      expect((await db.selectFrom('app_user').select('department').where('username', '=', 'dispatcher').executeTakeFirstOrThrow()).department).toBe(' 市指挥中心 ');
    } finally {
      await tdb.drop();
    }
  });
});
