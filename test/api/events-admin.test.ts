import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DEFAULT_DEADLINE_POLICY } from '../../src/kernel/calendar/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, file, ok, places, ticketBody, ZHUJIAN, type Places } from './tickets-fixtures.ts';

let t: TestApp;
let p: Places;
beforeAll(async () => { t = await createTestApp(); p = await places(t); });
afterAll(async () => { await t?.close(); });

const as = async (who: string, opts: Parameters<TestApp['as']>[1]) => t.as(await t.login(who), opts);
const auditCount = async () => Number((await t.tdb.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const lastAudit = () => t.tdb.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
const refused = (res: LightMyRequestResponse, status: number, field: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.details.field, res.body).toBe(field);
};
/** The call is refused naming `field`, and nothing at all was written (no row, no audit record). */
async function refusedWritingNothing(table: 'ticket_category' | 'routing_rule' | 'deadline_policy', call: () => Promise<LightMyRequestResponse>, status: number, field: string) {
  const count = async () => Number((await t.tdb.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const [rows, audits] = [await count(), await auditCount()];
  refused(await call(), status, field);
  expect(await count()).toBe(rows);
  expect(await auditCount()).toBe(audits);
}
type Node = { code: string; name: string; builtin: boolean; active: boolean; openTickets: number; openTicketsTotal: number; children: Node[] };
const find = (nodes: Node[], code: string): Node | undefined => {
  for (const n of nodes) { if (n.code === code) return n; const c = find(n.children, code); if (c) return c; }
  return undefined;
};

describe('事项分类 categories', () => {
  it('the tree has the built-in roots with open tickets counted in the reader’s area, subtree included', async () => {
    const cat = (await t.tdb.db.selectFrom('ticket_category').select(['code', 'parent_code']).where('city_code', '=', '150200').where('level', '=', 3).orderBy('sort').limit(1).executeTakeFirstOrThrow());
    const id = ok(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center, { categoryCode: cat.code })), 201).id;
    ok(await act(t, 'dispatcher', id, { action: 'register' }));
    ok(await file(t, 'dispatcher', ticketBody(p.qsGrid.center, { categoryCode: cat.code })), 201); // 青山区: outside kdl.district
    const tree = ok(await as('dispatcher', { url: '/api/tickets/categories' })).items as Node[];
    expect(tree.map((n) => n.code)).toEqual(expect.arrayContaining(['T01', 'S01', 'S06']));
    expect(find(tree, cat.code)!.openTickets).toBe(1); // the received one is not open yet (受理, not 立案)
    expect(find(tree, cat.code.split('.')[0])!.openTicketsTotal).toBe(1);
    const district = ok(await as('kdl.district', { url: '/api/tickets/categories' })).items as Node[];
    expect(find(district, cat.code)!.openTickets).toBe(1);
    expect((await as('kdl.street', { url: '/api/tickets/categories' })).statusCode).toBe(403);
  });

  it('adds a custom category under a parent, numbered C01, C02; refuses a 4th level, an unknown parent, a sibling’s name', async () => {
    const a = ok(await as('admin', { method: 'POST', url: '/api/tickets/categories', payload: { parentCode: 'S01', name: '共享单车乱停放', handleWorkdays: 2 } }), 201);
    expect(a).toMatchObject({ code: 'S01.C01', parentCode: 'S01', level: 2, source: 'custom', builtin: false, active: true, handleWorkdays: 2, urgentHours: null });
    expect(await lastAudit()).toMatchObject({ action: 'ticket_category.create', target_id: 'S01.C01' });
    const b = ok(await as('admin', { method: 'POST', url: '/api/tickets/categories', payload: { parentCode: 'S01', name: '占道经营' } }), 201);
    expect(b.code).toBe('S01.C02');
    expect(ok(await as('admin', { method: 'POST', url: '/api/tickets/categories', payload: { name: '供暖专项' } }), 201).code).toBe('C01');
    const deep = ok(await as('admin', { method: 'POST', url: '/api/tickets/categories', payload: { parentCode: 'S01.C01', name: '电动自行车' } }), 201);
    const post = (payload: object) => () => as('admin', { method: 'POST', url: '/api/tickets/categories', payload });
    await refusedWritingNothing('ticket_category', post({ parentCode: deep.code, name: '太深' }), 400, 'parentCode');
    await refusedWritingNothing('ticket_category', post({ parentCode: 'S99', name: '无上级' }), 400, 'parentCode');
    await refusedWritingNothing('ticket_category', post({ parentCode: 'S01', name: '占道经营' }), 409, 'name');
    await refusedWritingNothing('ticket_category', post({ parentCode: 'S01', name: '   ' }), 400, 'name');
    await refusedWritingNothing('ticket_category', post({ parentCode: 'S01', name: '超时', handleWorkdays: 61 }), 400, 'handleWorkdays');
    expect((await as('dispatcher', { method: 'POST', url: '/api/tickets/categories', payload: { name: '调度员' } })).statusCode).toBe(403);
    // The other city has none of these.
    expect((await as('hlbe.admin', { method: 'PATCH', url: '/api/tickets/categories/S01.C01', payload: { active: false } })).statusCode).toBe(404);
  });

  it('built-in categories get time limits and are switched off with their subtree, but are not renamed', async () => {
    const patch = (code: string, payload: object) => as('admin', { method: 'PATCH', url: `/api/tickets/categories/${code}`, payload });
    expect(ok(await patch('S02', { handleWorkdays: 5, urgentHours: 12 }))).toMatchObject({ code: 'S02', builtin: true, handleWorkdays: 5, urgentHours: 12 });
    expect(await lastAudit()).toMatchObject({ action: 'ticket_category.update', target_id: 'S02' });
    await refusedWritingNothing('ticket_category', () => patch('S02', { name: '改名' }), 409, 'name');
    await refusedWritingNothing('ticket_category', () => patch('S02', { urgentHours: 0 }), 400, 'urgentHours');
    await refusedWritingNothing('ticket_category', () => patch('S02', {}), 400, 'body');
    const before = await t.tdb.db.selectFrom('ticket_category').select('name').where('city_code', '=', '150200').where('code', '=', 'S02').executeTakeFirstOrThrow();
    expect(before.name).toBe('宣传广告');
    ok(await as('admin', { method: 'POST', url: '/api/tickets/categories', payload: { parentCode: 'S03', name: '夜间施工' } }), 201);
    expect(ok(await patch('S03', { active: false })).active).toBe(false);
    const child = await t.tdb.db.selectFrom('ticket_category').select('active').where('city_code', '=', '150200').where('code', '=', 'S03.C01').executeTakeFirstOrThrow();
    expect(child.active).toBe(false);
    await refusedWritingNothing('ticket_category', () => patch('S03.C01', { active: true }), 400, 'active');
    ok(await patch('S03', { active: true }));
    expect(ok(await patch('S03.C01', { active: true, name: '夜间施工噪音' }))).toMatchObject({ active: true, name: '夜间施工噪音' });
    // A category's own limit reaches the deadline of a ticket dispatched in it.
    const id = ok(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center, { categoryCode: 'S02', demandType: 'complaint' })), 201).id;
    ok(await act(t, 'dispatcher', id, { action: 'register' }));
    const d = ok(await act(t, 'dispatcher', id, { action: 'dispatch', assignee: { kind: 'department', department: ZHUJIAN } }));
    const row = await t.tdb.db.selectFrom('ticket_action').select('at').where('ticket_id', '=', id).where('action', '=', 'dispatch').executeTakeFirstOrThrow();
    const { addWorkdays } = await import('../../src/kernel/calendar/index.ts');
    expect(d.ticket.dueAt).toBe(addWorkdays(row.at, 5).at.toISOString());
  });
});

describe('派单规则 routing rules and the route preview', () => {
  it('a rule routes a category at an area; the preview shows the unit and the rule, else 属地', async () => {
    const kdl = '150203';
    const none = ok(await as('dispatcher', { url: `/api/tickets/route-preview?category=S04&area=${p.kdlGrid.code}` }));
    expect(none).toMatchObject({ territorial: true, rule: null, assignee: { kind: 'area' } });
    expect(p.kdlGrid.path.startsWith(none.assignee.path)).toBe(true);
    const rule = ok(await as('admin', { method: 'POST', url: '/api/tickets/routing-rules', payload: { category: 'S04', area: kdl, department: ` ${ZHUJIAN} `, note: '突发事件归口住建' } }), 201);
    expect(rule).toMatchObject({ category: 'S04', categoryName: '突发事件', area: kdl, areaName: '昆都仑区', assignee: { kind: 'department', department: ZHUJIAN, name: ZHUJIAN }, active: true });
    expect(await lastAudit()).toMatchObject({ action: 'routing_rule.create', target_id: String(rule.id) });
    const street = p.kdlGrid.path.split('.')[2];
    const areaRule = ok(await as('admin', { method: 'POST', url: '/api/tickets/routing-rules', payload: { category: 'S04', area: street, assigneeArea: street } }), 201);
    expect(areaRule.assignee).toMatchObject({ kind: 'area', area: street });
    // The deeper area wins at the grid; the district rule elsewhere in 昆都仑区.
    const at = ok(await as('kdl.district', { url: `/api/tickets/route-preview?category=S04&area=${p.kdlGrid.code}` }));
    expect(at).toMatchObject({ territorial: false, rule: { id: areaRule.id }, assignee: { kind: 'area', area: street } });
    expect(ok(await as('dispatcher', { url: `/api/tickets/route-preview?category=S04&area=${kdl}` }))).toMatchObject({ rule: { id: rule.id }, assignee: { kind: 'department', department: ZHUJIAN } });
    expect(ok(await as('dispatcher', { url: '/api/tickets/routing-rules?category=S04' })).items.map((r: { id: number }) => r.id)).toEqual([rule.id, areaRule.id]);
    // Switched off, the rule no longer decides; switched on again, it does.
    expect(ok(await as('admin', { method: 'PATCH', url: `/api/tickets/routing-rules/${areaRule.id}`, payload: { active: false, note: '暂停' } }))).toMatchObject({ active: false, note: '暂停' });
    expect(ok(await as('dispatcher', { url: `/api/tickets/route-preview?category=S04&area=${p.kdlGrid.code}` })).rule.id).toBe(rule.id);
    // A twin of an active rule is refused; so is switching on a rule whose twin is active.
    const twin = ok(await as('admin', { method: 'POST', url: '/api/tickets/routing-rules', payload: { category: 'S04', area: street, department: '应急管理局' } }), 201);
    await refusedWritingNothing('routing_rule', () => as('admin', { method: 'POST', url: '/api/tickets/routing-rules', payload: { category: 'S04', area: street, department: '城市管理综合执法局' } }), 409, 'area');
    const audits = await auditCount();
    refused(await as('admin', { method: 'PATCH', url: `/api/tickets/routing-rules/${areaRule.id}`, payload: { active: true } }), 409, 'active');
    expect(await auditCount()).toBe(audits);
    expect(ok(await as('admin', { method: 'DELETE', url: `/api/tickets/routing-rules/${twin.id}` }))).toEqual({ deleted: twin.id });
    expect(await lastAudit()).toMatchObject({ action: 'routing_rule.delete', target_id: String(twin.id) });
    expect((await as('admin', { method: 'DELETE', url: `/api/tickets/routing-rules/${twin.id}` })).statusCode).toBe(404);
    // Another city's admin neither sees nor changes it.
    expect(ok(await as('hlbe.admin', { url: '/api/tickets/routing-rules' })).items).toEqual([]);
    expect((await as('hlbe.admin', { method: 'PATCH', url: `/api/tickets/routing-rules/${rule.id}`, payload: { active: false } })).statusCode).toBe(404);
    expect((await as('hlbe.admin', { method: 'DELETE', url: `/api/tickets/routing-rules/${rule.id}` })).statusCode).toBe(404);
  });

  it('refuses bad rules naming the field, writing nothing', async () => {
    const post = (payload: object) => () => as('admin', { method: 'POST', url: '/api/tickets/routing-rules', payload });
    await refusedWritingNothing('routing_rule', post({ category: 'S99', area: '150203', department: ZHUJIAN }), 400, 'category');
    await refusedWritingNothing('routing_rule', post({ category: 'S05', area: '150702', department: ZHUJIAN }), 400, 'area'); // 呼伦贝尔: another city
    await refusedWritingNothing('routing_rule', post({ category: 'S05', area: '150203', department: '   ' }), 400, 'department');
    await refusedWritingNothing('routing_rule', post({ category: 'S05', area: '150203' }), 400, 'department');
    await refusedWritingNothing('routing_rule', post({ category: 'S05', area: '150203', assigneeArea: '150203999999' }), 400, 'assigneeArea');
    await refusedWritingNothing('routing_rule', post({ category: 'S05', area: '150203', assigneeArea: 'street' }), 400, 'assigneeArea');
    await refusedWritingNothing('routing_rule', post({ category: 'S05', area: '150203', department: ZHUJIAN, assigneeArea: '150203' }), 400, 'assigneeArea');
    refused(await as('dispatcher', { url: '/api/tickets/route-preview?category=S05&area=150702' }), 400, 'area');
    refused(await as('dispatcher', { url: '/api/tickets/route-preview?category=X1&area=150203' }), 400, 'category');
    refused(await as('dispatcher', { url: '/api/tickets/route-preview?category=S05' }), 400, 'area');
  });
});

describe('办理时限 deadline policy', () => {
  it('reads the default, replaces it validated by the calendar, audited; a bad field is named and nothing written', async () => {
    const def = ok(await as('kdl.district', { url: '/api/tickets/deadline-policy' }));
    expect(def).toMatchObject({ isDefault: true, updatedAt: null, policy: { ...DEFAULT_DEADLINE_POLICY, redAfterWorkdays: 2 } });
    const put = (payload: object) => () => as('admin', { method: 'PUT', url: '/api/tickets/deadline-policy', payload });
    const base = { ...DEFAULT_DEADLINE_POLICY, handleWorkdays: { ...DEFAULT_DEADLINE_POLICY.handleWorkdays } };
    await refusedWritingNothing('deadline_policy', put({ ...base, signWorkdays: -1 }), 400, 'signWorkdays');
    await refusedWritingNothing('deadline_policy', put({ ...base, handleWorkdays: { ...base.handleWorkdays, 投诉: 1.5 } }), 400, 'handleWorkdays.投诉');
    await refusedWritingNothing('deadline_policy', put({ ...base, urgent: { signHours: 30, handleHours: 24, mode: 'natural' } }), 400, 'urgent.signHours');
    await refusedWritingNothing('deadline_policy', put({ ...base, workingHours: [{ from: '13:00', to: '09:00' }] }), 400, 'workingHours[0].to');
    await refusedWritingNothing('deadline_policy', put({ ...base, redAfterWorkdays: 'two' }), 400, 'redAfterWorkdays');
    await refusedWritingNothing('deadline_policy', put({ ...base, colour: 'red' }), 400, 'colour');
    await refusedWritingNothing('deadline_policy', put([]), 400, 'policy');
    expect((await as('dispatcher', { method: 'PUT', url: '/api/tickets/deadline-policy', payload: base })).statusCode).toBe(403);
    const saved = ok(await put({ ...base, signWorkdays: 2, redAfterWorkdays: 3 })());
    expect(saved).toMatchObject({ isDefault: false, policy: { signWorkdays: 2, redAfterWorkdays: 3 } });
    expect(await lastAudit()).toMatchObject({ action: 'deadline_policy.update', target_id: '150200' });
    expect(ok(await as('dispatcher', { url: '/api/tickets/deadline-policy' }))).toMatchObject({ isDefault: false, policy: { signWorkdays: 2, redAfterWorkdays: 3 } });
    expect(ok(await as('hlbe.admin', { url: '/api/tickets/deadline-policy' })).isDefault).toBe(true);
  });
});

describe('办理时限 preview: received → due under the form’s values', () => {
  const base = { ...DEFAULT_DEADLINE_POLICY, handleWorkdays: { ...DEFAULT_DEADLINE_POLICY.handleWorkdays } };
  const preview = (who: string, payload: unknown, at = '2026-09-30T10:00:00%2B08:00') => as(who, { method: 'POST', url: `/api/tickets/deadline-policy/preview?receivedAt=${at}`, payload: payload as object });

  it('counts working days over 国庆 and its make-up Saturday, the 红牌 line and urgent hours; writes nothing', async () => {
    const [rows, audits] = [Number((await t.tdb.db.selectFrom('deadline_policy').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n), await auditCount()];
    const r = ok(await preview('dispatcher', { ...base, redAfterWorkdays: 2 }));
    const consult = r.items.find((i: { demandType: string }) => i.demandType === 'consult');
    // Received Wed 30 Sep; 1–7 Oct are holidays: day 1 is Thu 8 Oct, day 3 the make-up Saturday 10 Oct.
    expect(consult).toEqual({ demandType: 'consult', demandName: '咨询', handleWorkdays: 3, signDueAt: '2026-10-08T15:59:59.999Z', handleDueAt: '2026-10-10T15:59:59.999Z', redFrom: '2026-10-13T16:00:00.000Z' });
    expect(r.items.map((i: { demandName: string }) => i.demandName)).toEqual(['咨询', '投诉', '求助', '建议', '举报', '其他']);
    expect(r.urgent).toEqual({ signDueAt: '2026-09-30T03:00:00.000Z', handleDueAt: '2026-10-01T02:00:00.000Z', signHours: 1, handleHours: 24, mode: 'natural' });
    expect(r.uncoveredYears).toEqual([]);
    // The form's own values count: 咨询 in 1 working day, red the next working day after it.
    const quick = ok(await preview('admin', { ...base, handleWorkdays: { ...base.handleWorkdays, 咨询: 1 }, redAfterWorkdays: 0 }));
    expect(quick.items[0]).toMatchObject({ handleWorkdays: 1, handleDueAt: '2026-10-08T15:59:59.999Z', redFrom: '2026-10-08T16:00:00.000Z' });
    expect(Number((await t.tdb.db.selectFrom('deadline_policy').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)).toBe(rows);
    expect(await auditCount()).toBe(audits);
  });

  it('says when the dates run past the official holiday list', async () => {
    const r = ok(await preview('admin', base, '2026-12-24T09:00:00%2B08:00'));
    expect(r.items.find((i: { demandType: string }) => i.demandType === 'complaint').handleDueAt.slice(0, 4)).toBe('2027');
    expect(r.uncoveredYears).toEqual([2027]);
  });

  it('names the bad field as PUT does, and a bad receivedAt', async () => {
    refused(await preview('admin', { ...base, handleWorkdays: { ...base.handleWorkdays, 投诉: -1 } }), 400, 'handleWorkdays.投诉');
    refused(await preview('admin', { ...base, urgent: { signHours: 30, handleHours: 24, mode: 'natural' } }), 400, 'urgent.signHours');
    refused(await preview('admin', base, 'yesterday'), 400, 'receivedAt');
    expect((await preview('kdl.street', base)).statusCode).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents the configuration routes, the category tree included', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/tickets/categories', '/api/tickets/categories/{code}', '/api/tickets/routing-rules', '/api/tickets/routing-rules/{id}', '/api/tickets/route-preview', '/api/tickets/deadline-policy', '/api/tickets/deadline-policy/preview']) expect(paths).toContain(p);
  });
});
