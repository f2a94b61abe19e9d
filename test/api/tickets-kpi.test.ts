import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { ok, places, ticketBody, ZHUJIAN, type Places } from './tickets-fixtures.ts';

/**
 * 工单考核指标 from tickets built through the API with known outcomes, on a fake clock (Date only):
 * every figure below is counted by hand from the story in `beforeAll`.
 */

let t: TestApp;
let p: Places;
const T0 = new Date('2026-03-02T09:00:00+08:00'); // a Monday
const LATER = new Date('2026-04-01T10:00:00+08:00'); // past any 13-working-day deadline from T0
const APRIL = new Date('2026-04-06T10:00:00+08:00'); // 35 days after T0: not a repeat of March
const cats: string[] = [];
let community = '';

// Sessions expire by the (fake) clock, so log in again whenever it moved.
const sessions = new Map<string, string>();
async function as(username: string, opts: InjectOptions) {
  const k = `${username}@${Date.now()}`;
  if (!sessions.has(k)) {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'shiyu-demo-2026' } });
    sessions.set(k, `shiyu_sid=${res.cookies.find((c) => c.name === 'shiyu_sid')!.value}`);
  }
  return t.as(sessions.get(k)!, opts);
}
const file = async (cat: string, phone: string, grid = p.kdlGrid) => ok(await as('dispatcher', { method: 'POST', url: '/api/tickets', payload: ticketBody(grid.center, { categoryCode: cat, reporterPhone: phone }) }), 201).id as number;
const steps = async (id: number, list: [string, Record<string, unknown>][]) => { for (const [who, body] of list) ok(await as(who, { method: 'POST', url: `/api/tickets/${id}/actions`, payload: body })); };
const REG: [string, Record<string, unknown>] = ['dispatcher', { action: 'register' }];
const TO_ZHUJIAN: [string, Record<string, unknown>] = ['dispatcher', { action: 'dispatch', assignee: { kind: 'department', department: ZHUJIAN } }];
const finish = (handler: string, rating: string): [string, Record<string, unknown>][] => [
  [handler, { action: 'reply', result: '已处理完毕' }], ['kdl.grid', { action: 'verify', passed: true, note: '现场核实' }],
  ['dispatcher', { action: 'close' }], ['dispatcher', { action: 'rate', rating }],
];
const kpis = async (who: string, query: string) => ok(await as(who, { url: `/api/tickets/kpis?${query}` }));
const ratio = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator ? Math.round((numerator / denominator) * 10000) / 10000 : null });

beforeAll(async () => {
  t = await createTestApp();
  p = await places(t);
  community = p.kdlGrid.path.split('.')[3];
  cats.push(...(await t.tdb.db.selectFrom('ticket_category').select('code').where('city_code', '=', '150200').where('level', '=', 1)
    .where('active', '=', true).orderBy('code').limit(5).execute()).map((c) => c.code));
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  const [C1, C2, C3, C4, C5] = cats;
  // A: 住建局, on time, 满意. B: 住建局, replied late (below), 不满意. C: returned by 住建局, then the community, on time, 基本满意.
  const A = await file(C1, '13900000001');
  await steps(A, [REG, TO_ZHUJIAN, ['dept.zhujian', { action: 'sign' }], ...finish('dept.zhujian', 'satisfied')]);
  const B = await file(C2, '13900000002');
  await steps(B, [REG, TO_ZHUJIAN, ['dept.zhujian', { action: 'sign' }]]);
  const C = await file(C3, '13900000003');
  await steps(C, [REG, TO_ZHUJIAN, ['dept.zhujian', { action: 'return', reason: 'not_our_function', note: '属社区管理' }],
    ['dispatcher', { action: 'rule_return', approve: true, note: '理由成立' }], ['dispatcher', { action: 'dispatch', assignee: { kind: 'area', code: community } }],
    ['kdl.community', { action: 'sign' }], ...finish('kdl.community', 'basic')]);
  // D: open at 住建局. E: the caller of A again (repeat by phone). F: cancelled, not counted. H: same grid and category as E (repeat by place).
  await steps(await file(C4, '13900000004'), [REG, TO_ZHUJIAN, ['dept.zhujian', { action: 'sign' }]]);
  await file(C5, '13900000001');
  await steps(await file(C2, '13900000006'), [['dispatcher', { action: 'cancel', reason: 'invalid', note: '无效来电' }]]);
  await file(C5, '13900000007');
  // Q: in 青山区, outside 昆都仑区 staff.
  await file(C1, '13900000008', p.qsGrid);
  vi.setSystemTime(LATER);
  await steps(B, finish('dept.zhujian', 'dissatisfied'));
  vi.setSystemTime(APRIL);
  await file(C2, '13900000009'); // R: April, not a repeat of B (35 days)
  vi.useRealTimers();
});
afterAll(async () => { vi.useRealTimers(); await t?.close(); });

const PERIOD = 'from=2026-03-01&to=2026-04-30';

describe('ticket KPIs (工单考核指标) by hand-counted numbers', () => {
  it('by month over the city: counts and every rate with numerator and denominator', async () => {
    const k = await kpis('dispatcher', `groupBy=month&${PERIOD}`);
    expect(k.area).toMatchObject({ code: '150200', name: '包头市' });
    expect(k.rows.map((r: { key: string; name: string; received: number }) => [r.key, r.name, r.received])).toEqual([['2026-03', '2026年3月', 7], ['2026-04', '2026年4月', 1]]);
    expect(k.total).toMatchObject({ received: 8, dispatched: 4, returned: 1, closed: 3, onTime: 2, rated: 3, satisfied: 1, basic: 1, dissatisfied: 1, repeat: 2 });
    expect(k.total.rates).toEqual({ closed: ratio(3, 8), onTime: ratio(2, 3), visited: ratio(3, 3), satisfied: ratio(2, 3), returned: ratio(1, 4), repeat: ratio(2, 8) });
    expect(k.total.rates.onTime.rate).toBe(0.6667);
    expect(k.rows[0]).toMatchObject({ received: 7, closed: 3, onTime: 2, repeat: 2 });
    const q = await kpis('dispatcher', 'groupBy=quarter&from=2026-03-01&to=2026-04-30');
    expect(q.rows.map((r: { name: string; received: number }) => [r.name, r.received])).toEqual([['2026年第一季度', 7], ['2026年第二季度', 1]]);
  });

  it('the period cuts by arrival day (Shanghai): March alone', async () => {
    const k = await kpis('dispatcher', 'groupBy=month&from=2026-03-01&to=2026-03-31');
    expect(k.total).toMatchObject({ received: 7, closed: 3, repeat: 2 });
    expect((await kpis('dispatcher', 'groupBy=month&from=2026-03-03&to=2026-03-31')).total.received).toBe(0);
  });

  it('by area (districts), by category and by unit', async () => {
    const area = await kpis('dispatcher', `groupBy=area&level=district&${PERIOD}`);
    expect(area.rows.map((r: { key: string; name: string; received: number }) => [r.name, r.received])).toEqual([['昆都仑区', 7], ['青山区', 1]]);
    const [C1, C2, C3, C4, C5] = cats;
    const cat = await kpis('dispatcher', `groupBy=category&${PERIOD}`);
    const byKey = Object.fromEntries(cat.rows.map((r: { key: string }) => [r.key, r]));
    expect(byKey[C1]).toMatchObject({ received: 2, closed: 1, onTime: 1, satisfied: 1 });
    expect(byKey[C2]).toMatchObject({ received: 2, closed: 1, onTime: 0, dissatisfied: 1, repeat: 0 });
    expect(byKey[C3]).toMatchObject({ received: 1, returned: 1, basic: 1 });
    expect(byKey[C4]).toMatchObject({ received: 1, closed: 0 });
    expect(byKey[C5]).toMatchObject({ received: 2, repeat: 2, rates: { repeat: ratio(2, 2) } });
    const unit = await kpis('dispatcher', `groupBy=department&${PERIOD}`);
    const byName = Object.fromEntries(unit.rows.map((r: { name: string }) => [r.name, r]));
    // 住建局 handled A, B, D to the end and returned C: 4 dispatched to it, 1 returned by it.
    expect(byName[ZHUJIAN]).toMatchObject({ received: 3, closed: 2, onTime: 1, dispatched: 4, returned: 1, rates: { returned: ratio(1, 4), onTime: ratio(1, 2) } });
    const communityRow = unit.rows.find((r: { key: string }) => r.key.startsWith('area:'));
    expect(communityRow).toMatchObject({ received: 1, closed: 1, onTime: 1, dispatched: 1, returned: 0 });
    expect(communityRow.name).toMatch(/^属地：/);
    expect(byName['未派遣']).toMatchObject({ received: 4, dispatched: 0 });
    expect(unit.total).toMatchObject({ received: 8, dispatched: 4, returned: 1 });
  });

  it('a street sees only its own; an area outside is not found; the other city sees none of it', async () => {
    const street = await kpis('kdl.street', `groupBy=community&${PERIOD}`.replace('groupBy=community', 'groupBy=area'));
    expect(street.total).toMatchObject({ received: 7, closed: 3, repeat: 2 });
    expect(street.rows.reduce((n: number, r: { received: number }) => n + r.received, 0)).toBe(7);
    expect((await as('kdl.street', { url: `/api/tickets/kpis?area=150204&${PERIOD}` })).statusCode).toBe(404);
    const qs = await kpis('dispatcher', `area=150204&${PERIOD}`);
    expect(qs.total).toMatchObject({ received: 1, closed: 0 });
    expect((await kpis('hlbe.admin', PERIOD)).total.received).toBe(0);
    expect((await as('dept.zhujian', { url: `/api/tickets/kpis?${PERIOD}` })).statusCode).toBe(403);
  });

  it('bad input names the field', async () => {
    const field = async (q: string) => { const r = await as('dispatcher', { url: `/api/tickets/kpis?${q}` }); expect(r.statusCode, r.body).toBe(400); return r.json().error.details.field; };
    expect(await field('from=2026-02-30')).toBe('from');
    expect(await field('from=2026-04-01&to=2026-03-01')).toBe('from');
    expect(await field('groupBy=street')).toBe('groupBy');
    expect(await field(`area=${community}&level=district`)).toBe('level');
  });

  it('the Excel form: merged title with area and period, Chinese headers, the same numbers', async () => {
    const res = await as('dispatcher', { url: `/api/tickets/kpis.xlsx?groupBy=area&level=district&${PERIOD}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell(1, 1).value).toBe('包头市工单办理考核指标（2026年3月1日至2026年4月30日）');
    expect(ws.getCell(1, 1).isMerged).toBe(true);
    expect(String(ws.getCell(2, 1).value)).toContain('填报单位：包头市');
    const header = [...ws.getRow(3).values as unknown[], ...ws.getRow(4).values as unknown[]].map(String);
    for (const h of ['区域', '受理件数', '办结', '办结率（%）', '按时办结率（%）', '回访率（%）', '满意率（%）', '退单率（%）', '重复诉求率（%）']) expect(header).toContain(h);
    const rows = [5, 6, 7].map((n) => (ws.getRow(n).values as unknown[]).slice(1));
    expect(rows[0].slice(0, 4)).toEqual(['昆都仑区', 7, 3, 42.86]);
    expect(rows[1].slice(0, 3)).toEqual(['青山区', 1, 0]);
    expect(rows[2]).toEqual(['合计', 8, 3, 37.5, 2, 66.67, 3, 100, 1, 1, 1, 66.67, 4, 1, 25, 2, 25]);
    const audit = await t.tdb.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'ticket.kpi.export').execute();
    expect(audit).toHaveLength(1);
  });
});
