import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { addWorkdays } from '../../src/kernel/calendar/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, file, MAIN_PATH, ok, places, residentTicket, ticketBody, ZHUJIAN, type Places } from './tickets-fixtures.ts';

let t: TestApp;
let p: Places;
beforeAll(async () => { t = await createTestApp(); p = await places(t); });
afterAll(async () => { await t?.close(); });

describe('the main path through the API by the demo users', () => {
  it('受理 → 立案 → 派遣 住建局 → 签收 → 反馈 → 核查 → 结案 → 评价, with the whole timeline', async () => {
    const created = ok(await file(t, 'resident', ticketBody(p.kdlGrid.center, { channel: 'app', reporterName: undefined, title: '路灯不亮' })), 201);
    expect(created).toMatchObject({ state: 'received', stateName: '受理', gridCode: p.kdlGrid.code, areaPath: p.kdlGrid.path, reporterName: '居民张女士', reporterPhone: '139****5678', title: '路灯不亮' });
    expect(created.number).toMatch(/^\d{8}-\d{5}$/);
    const id = created.id as number;
    const expected = ['registered', 'dispatched', 'accepted', 'handled', 'verified', 'closed', 'closed'];
    for (const [i, [who, body]] of MAIN_PATH.entries()) {
      const out = ok(await act(t, who, id, body));
      expect(out.ticket.state, `${who} ${body.action}`).toBe(expected[i]);
      expect(out.action).toMatchObject({ seq: i + 2, action: body.action, to: expected[i] });
    }
    const detail = ok(await t.as(await t.login('dispatcher'), { url: `/api/tickets/${id}` }));
    expect(detail.ticket).toMatchObject({ state: 'closed', rating: 'satisfied', assignee: { kind: 'department', department: ZHUJIAN }, reporterPhone: '139****5678' });
    expect(detail.ticket.closedAt).not.toBeNull();
    expect(detail.timeline.map((a: { action: string }) => a.action)).toEqual(['receive', 'register', 'dispatch', 'sign', 'reply', 'verify', 'close', 'rate']);
    expect(detail.timeline.map((a: { by: { name: string } }) => a.by.name)).toEqual(['居民张女士', '市指挥中心调度员', '市指挥中心调度员', '市住建局办理人', '市住建局办理人', '网格员', '市指挥中心调度员', '居民张女士']);
    expect(detail.timeline[4].data).toEqual({ result: '已更换路灯灯头，恢复照明' });
    expect(detail.timeline[5]).toMatchObject({ from: 'handled', to: 'verified', note: '现场查看路灯已亮', data: { passed: true } });
    expect(detail.relations).toEqual(['centre']);
    // The database agrees: one row per step, version counted.
    const row = await t.tdb.db.selectFrom('ticket').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action_count: 8, version: 8, state: 'closed', reporter_phone: '13912345678' });
  });
});

const detailOf = async (id: number, who = 'dispatcher') => ok(await t.as(await t.login(who), { url: `/api/tickets/${id}` }));
const refused = async (res: Awaited<ReturnType<typeof act>>, status: number, field: string, code?: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.details.field).toBe(field);
  if (code) expect(res.json().error.code).toBe(code);
};

describe('side paths: 退单, 延期, 上报, 重办, 合并, 督办', () => {
  it('退单 upheld goes back to the centre; dispatched again without a unit, routing gives the place’s community (属地), whose staff sign', async () => {
    const id = await residentTicket(t, p, 2);
    await refused(await act(t, 'dept.zhujian', id, { action: 'return', reason: 'not_our_function' }), 400, 'note');
    expect(ok(await act(t, 'dept.zhujian', id, { action: 'return', reason: 'not_our_function', note: '属于社区物业管理范围' })).ticket).toMatchObject({ state: 'returned', returnedFrom: 'dispatched' });
    await refused(await act(t, 'dept.zhujian', id, { action: 'rule_return', approve: true, note: '自己裁定' }), 403, 'action', 'forbidden');
    expect(ok(await act(t, 'dispatcher', id, { action: 'rule_return', approve: true, note: '退单理由成立' })).ticket).toMatchObject({ state: 'registered', assignee: null });
    const routed = ok(await act(t, 'dispatcher', id, { action: 'dispatch' }));
    const community = p.kdlGrid.path.split('.').slice(0, 4).join('.');
    expect(routed.ticket).toMatchObject({ state: 'dispatched', assignee: { kind: 'area', path: community } });
    expect(routed.action.data).toMatchObject({ routed: true, ruleId: null, assignee: { kind: 'area', path: community } });
    await refused(await act(t, 'dept.zhujian', id, { action: 'sign' }), 403, 'action');
    expect(ok(await act(t, 'kdl.community', id, { action: 'sign' })).ticket.state).toBe('accepted');
  });

  it('退单 refused sends the ticket back to the step it left; a routing rule names the department', async () => {
    const cat = 'T01';
    const rule = await t.tdb.db.insertInto('routing_rule').values({ city_code: '150200', category_code: cat, area_path: '150200', assignee_kind: 'department', department: ZHUJIAN }).returning('id').executeTakeFirstOrThrow();
    const id = await residentTicket(t, p, 1, { categoryCode: cat });
    const routed = ok(await act(t, 'dispatcher', id, { action: 'dispatch' }));
    expect(routed.action.data).toMatchObject({ routed: true, ruleId: rule.id, assignee: { kind: 'department', department: ZHUJIAN } });
    ok(await act(t, 'dept.zhujian', id, { action: 'sign' }));
    ok(await act(t, 'dept.zhujian', id, { action: 'return', reason: 'other', note: '需要其他部门配合' }));
    expect(ok(await act(t, 'dispatcher', id, { action: 'rule_return', approve: false, note: '仍由住建局办理' })).ticket).toMatchObject({ state: 'accepted', assignee: { department: ZHUJIAN } });
  });

  it('延期: asked by the unit, granted by the centre, moves the deadline by working days', async () => {
    const id = await residentTicket(t, p, 3);
    const before = (await detailOf(id)).ticket.dueAt as string;
    ok(await act(t, 'dept.zhujian', id, { action: 'request_extension', days: 5, reason: '需协调产权单位' }));
    await refused(await act(t, 'dept.zhujian', id, { action: 'request_extension', days: 2, reason: '再延' }), 409, 'days', 'extension_pending');
    const granted = ok(await act(t, 'dispatcher', id, { action: 'rule_extension', approve: true }));
    expect(granted.ticket.extension).toBeNull();
    expect(granted.ticket.dueAt).toBe(addWorkdays(new Date(before), 5).at.toISOString());
    await refused(await act(t, 'dept.zhujian', id, { action: 'request_extension', days: 31, reason: '太久' }), 400, 'days');
  });

  it('上报: the street hands up to the district; the street is no longer the centre, the district dispatches', async () => {
    const id = await residentTicket(t, p, 1);
    ok(await act(t, 'kdl.street', id, { action: 'dispatch', assignee: { kind: 'area', code: p.kdlGrid.path.split('.')[3] } }));
    await refused(await act(t, 'kdl.district', id, { action: 'dispatch' }), 409, 'action', 'illegal_transition');
    const up = ok(await act(t, 'kdl.community', id, { action: 'escalate', note: '社区无法协调，需区级处理' }));
    expect(up.ticket).toMatchObject({ state: 'registered', centreLevel: 'district', assignee: null });
    await refused(await act(t, 'kdl.street', id, { action: 'dispatch' }), 403, 'action', 'forbidden');
    expect(ok(await act(t, 'kdl.district', id, { action: 'dispatch', assignee: { kind: 'department', department: ZHUJIAN } })).ticket.state).toBe('dispatched');
  });

  it('重办 only after 不满意: back to the same unit with a fresh round', async () => {
    const id = await residentTicket(t, p, 6);
    await refused(await act(t, 'dispatcher', id, { action: 'reopen', reason: '群众认为未解决' }), 409, 'reason', 'not_dissatisfied');
    await refused(await act(t, 'kdl.grid', id, { action: 'rate', rating: 'dissatisfied' }), 403, 'action');
    ok(await act(t, 'resident', id, { action: 'rate', rating: 'dissatisfied', note: '路灯又坏了' }));
    const again = ok(await act(t, 'dispatcher', id, { action: 'reopen', reason: '群众不满意，路灯仍不亮' }));
    expect(again.ticket).toMatchObject({ state: 'dispatched', rating: null, reopened: 1, closedAt: null, assignee: { department: ZHUJIAN } });
    expect(ok(await act(t, 'dept.zhujian', id, { action: 'sign' })).ticket.state).toBe('accepted');
  });

  it('合并 into a live ticket of the same city only', async () => {
    const a = await residentTicket(t, p, 0);
    const b = await residentTicket(t, p, 0);
    await refused(await act(t, 'dispatcher', a, { action: 'merge', into: a }), 400, 'into');
    await refused(await act(t, 'dispatcher', a, { action: 'merge', into: 999999 }), 400, 'into');
    const hl = ok(await file(t, 'hlbe.admin', ticketBody(p.hlbeGrid.center)), 201).id;
    await refused(await act(t, 'dispatcher', a, { action: 'merge', into: hl }), 400, 'into');
    expect(ok(await act(t, 'dispatcher', a, { action: 'merge', into: b, note: '同一路灯' })).ticket).toMatchObject({ state: 'merged', mergedInto: b });
    const c = await residentTicket(t, p, 0);
    await refused(await act(t, 'dispatcher', c, { action: 'merge', into: a }), 400, 'into');
    await refused(await act(t, 'dispatcher', a, { action: 'register' }), 409, 'action', 'ticket_final');
  });

  it('督办: yellow then red, never down; the unit is told', async () => {
    const id = await residentTicket(t, p, 2);
    await refused(await act(t, 'dept.zhujian', id, { action: 'supervise', level: 'yellow' }), 403, 'action');
    expect(ok(await act(t, 'dispatcher', id, { action: 'supervise', level: 'yellow', note: '请加快' })).ticket.supervision).toBe('yellow');
    await refused(await act(t, 'dispatcher', id, { action: 'supervise', level: 'yellow' }), 409, 'level', 'supervision_not_raised');
    expect(ok(await act(t, 'dispatcher', id, { action: 'supervise', level: 'red' })).ticket.supervision).toBe('red');
    const notices = ok(await t.as(await t.login('dept.zhujian'), { url: '/api/notifications' }));
    expect(notices.items.filter((n: { ticketId: number; kind: string }) => n.ticketId === id).map((n: { kind: string }) => n.kind)).toEqual(['supervise', 'supervise', 'dispatch']);
    const list = ok(await t.as(await t.login('dispatcher'), { url: '/api/tickets?supervision=red' }));
    expect(list.items.map((i: { id: number }) => i.id)).toContain(id);
  });
});

describe('action requests: checked, refused clearly, replay-safe', () => {
  it('an unknown action, a missing or extra field, a wrong state: 4xx naming the field, nothing written', async () => {
    const id = await residentTicket(t, p, 0);
    const rows = async () => (await t.tdb.db.selectFrom('ticket_action').select('seq').where('ticket_id', '=', id).execute()).length;
    await refused(await act(t, 'dispatcher', id, { action: 'fly' }), 400, 'action');
    await refused(await act(t, 'dispatcher', id, { action: 'cancel', reason: 'invalid' }), 400, 'note');
    await refused(await act(t, 'dispatcher', id, { action: 'register', colour: 'red' }), 400, 'colour');
    await refused(await act(t, 'dispatcher', id, { action: 'sign' }), 409, 'action', 'illegal_transition');
    await refused(await act(t, 'dispatcher', id, { action: 'dispatch', assignee: { kind: 'area', code: '150702' } }), 400, 'assignee');
    expect(await rows()).toBe(1);
    expect((await t.as(await t.login('dispatcher'), { method: 'POST', url: '/api/tickets/999999/actions', payload: { action: 'register' } })).statusCode).toBe(404);
  });

  it('a replayed Idempotency-Key answers the first time’s result and writes one action row', async () => {
    const id = await residentTicket(t, p, 0);
    const headers = { 'idempotency-key': 'act-register-0001' };
    const first = await act(t, 'dispatcher', id, { action: 'register' }, headers);
    const again = await act(t, 'dispatcher', id, { action: 'register' }, headers);
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.body).toBe(first.body);
    expect((await t.tdb.db.selectFrom('ticket_action').select('seq').where('ticket_id', '=', id).execute()).length).toBe(2);
  });

  it('the action table refuses UPDATE and DELETE', async () => {
    await expect(sql`UPDATE ticket_action SET note = 'changed'`.execute(t.tdb.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM ticket_action`.execute(t.tdb.db)).rejects.toThrow(/append-only/);
  });
});

describe('站内通知 notifications', () => {
  it('派遣 tells the department, 反馈 the centre’s area, 结案 the resident; read marks once and only mine', async () => {
    const id = await residentTicket(t, p, 4);
    const street = await t.login('kdl.street');
    const streetNotices = ok(await t.as(street, { url: '/api/notifications?unread=true' }));
    const reply = streetNotices.items.find((n: { ticketId: number; kind: string }) => n.ticketId === id && n.kind === 'reply');
    expect(reply.message).toContain('已反馈');
    ok(await act(t, 'kdl.grid', id, { action: 'verify', passed: true, note: '已修复' }));
    ok(await act(t, 'dispatcher', id, { action: 'close' }));
    const resident = await t.login('resident');
    const mine = ok(await t.as(resident, { url: '/api/notifications' }));
    const closed = mine.items.find((n: { ticketId: number; kind: string }) => n.ticketId === id && n.kind === 'close');
    expect(closed).toMatchObject({ readAt: null });
    expect(mine.unread).toBeGreaterThan(0);
    const read = ok(await t.as(resident, { method: 'POST', url: `/api/notifications/${closed.id}/read` }));
    expect(read.readAt).toBeTruthy();
    expect((await t.as(resident, { method: 'POST', url: `/api/notifications/${reply.id}/read` })).statusCode).toBe(404);
    expect((await t.as(await t.login('hlbe.admin'), { method: 'POST', url: `/api/notifications/${closed.id}/read` })).statusCode).toBe(404);
    const zhujian = ok(await t.as(await t.login('dept.zhujian'), { url: '/api/notifications' }));
    expect(zhujian.items.some((n: { ticketId: number; kind: string }) => n.ticketId === id && n.kind === 'dispatch')).toBe(true);
    expect(zhujian.items.some((n: { kind: string }) => n.kind === 'close')).toBe(false);
  });

  it('全部已读 reads every unread notice of mine and none of anyone else’s', async () => {
    const id = await residentTicket(t, p, 4);
    const street = await t.login('kdl.street');
    const zhujian = await t.login('dept.zhujian');
    const before = ok(await t.as(zhujian, { url: '/api/notifications' }));
    expect(before.unread).toBeGreaterThan(0);
    const streetUnread = ok(await t.as(street, { url: '/api/notifications' })).unread;
    const all = ok(await t.as(zhujian, { method: 'POST', url: '/api/notifications/read-all' }));
    expect(all.read).toBe(before.unread);
    const after = ok(await t.as(zhujian, { url: '/api/notifications?unread=true' }));
    expect([after.unread, after.items.length]).toEqual([0, 0]);
    expect(ok(await t.as(zhujian, { url: '/api/notifications' })).items.find((n: { ticketId: number }) => n.ticketId === id).readAt).toBeTruthy();
    expect(ok(await t.as(street, { url: '/api/notifications' })).unread).toBe(streetUnread);
    expect(ok(await t.as(zhujian, { method: 'POST', url: '/api/notifications/read-all' })).read).toBe(0);
  });
});
