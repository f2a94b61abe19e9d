import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, counts, file, multipart, ok, places, PNG_1X1, residentTicket, ticketBody, type Places } from './tickets-fixtures.ts';

let t: TestApp;
let p: Places;
let ticket: number; // the resident's ticket in kdl.grid's grid, dispatched to 住建局
beforeAll(async () => {
  t = await createTestApp();
  p = await places(t);
  // A grid worker of the neighbouring grid in the same community.
  const sibling = await t.tdb.db.selectFrom('area').select('code').where('level', '=', 'grid')
    .where(sql<boolean>`subpath(path, 0, 4) = subpath(${p.kdlGrid.path}::ltree, 0, 4)`).where('code', '!=', p.kdlGrid.code).orderBy('code').limit(1).executeTakeFirstOrThrow();
  ok(await t.as(await t.login('admin'), { method: 'POST', url: '/api/users', payload: { username: 'kdl.grid2', displayName: '邻网格网格员', role: 'grid_worker', scopeCode: sibling.code, password: 'neighbour-2026' } }), 201);
  ticket = await residentTicket(t, p, 2);
});
afterAll(async () => { await t?.close(); });

const get = async (who: string, url: string, password?: string) => t.as(await t.login(who, password), { url });
type Items = { items: { id: number }[] };
const ids = (res: { json(): Items } | Items) => ('items' in res ? res : res.json()).items.map((i) => i.id);

describe('who sees and acts on a ticket', () => {
  it('a grid worker of another grid neither sees nor acts; the other city sees nothing', async () => {
    expect((await get('kdl.grid2', `/api/tickets/${ticket}`, 'neighbour-2026')).statusCode).toBe(404);
    expect(ids(await get('kdl.grid2', '/api/tickets', 'neighbour-2026'))).not.toContain(ticket);
    const acted = await t.as(await t.login('kdl.grid2', 'neighbour-2026'), { method: 'POST', url: `/api/tickets/${ticket}/actions`, payload: { action: 'supervise', level: 'yellow' } });
    expect(acted.statusCode).toBe(404);
    expect((await get('hlbe.admin', `/api/tickets/${ticket}`)).statusCode).toBe(404);
    expect(ok(await get('hlbe.admin', '/api/tickets')).total).toBe(0);
    expect((await act(t, 'hlbe.admin', ticket, { action: 'supervise', level: 'yellow' })).statusCode).toBe(404);
  });

  it('each role sees what its area or assignment gives it, and its relation to the ticket', async () => {
    const rel = async (who: string) => ok(await get(who, `/api/tickets/${ticket}`)).relations.sort();
    expect(await rel('dispatcher')).toEqual(['centre']);
    expect(await rel('kdl.street')).toEqual(['centre']);
    expect(await rel('kdl.district')).toEqual([]);
    expect(await rel('kdl.grid')).toEqual(['verifier']);
    expect(await rel('kdl.community')).toEqual(['verifier']);
    expect(await rel('dept.zhujian')).toEqual(['handler']);
    expect(await rel('resident')).toEqual(['reporter']);
    // A department sees what it is assigned, not the whole city; a resident only their own.
    const other = ok(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center)), 201).id;
    expect(ids(await get('dept.zhujian', '/api/tickets'))).toEqual([ticket]);
    expect(ids(await get('resident', '/api/tickets'))).toEqual([ticket]);
    expect(ids(await get('kdl.grid', '/api/tickets'))).toEqual(expect.arrayContaining([ticket, other]));
    expect((await get('resident', `/api/tickets/${other}`)).statusCode).toBe(404);
    // The mediator sees the area but has no part in the workflow.
    expect((await get('mediator', `/api/tickets/${ticket}`)).statusCode).toBe(200);
    expect((await t.as(await t.login('mediator'), { method: 'POST', url: `/api/tickets/${ticket}/actions`, payload: { action: 'sign' } })).statusCode).toBe(403);
  });

  it('list filters: state, channel, area, department, overdue, text; caller history by phone for the desk only', async () => {
    const desk = await t.login('dispatcher');
    const list = async (q: string) => ok(await t.as(desk, { url: `/api/tickets?${q}` }));
    expect(ids(await list('state=dispatched'))).toContain(ticket);
    expect(ids(await list('state=received,registered'))).not.toContain(ticket);
    expect(ids(await list('channel=app'))).toContain(ticket);
    expect(ids(await list(`area=${p.kdlGrid.code}`))).toContain(ticket);
    expect(ids(await list('area=150204'))).not.toContain(ticket);
    expect(ids(await list(`department=${encodeURIComponent('住房和城乡建设局')}`))).toEqual([ticket]);
    expect(ids(await list('overdue=false'))).toContain(ticket);
    expect(ids(await list('overdue=true'))).not.toContain(ticket);
    await t.tdb.db.updateTable('ticket').set({ sign_due_at: new Date(Date.now() - 3600_000) }).where('id', '=', ticket).execute();
    const overdue = await list('overdue=true');
    expect(ids(overdue)).toEqual([ticket]);
    expect(overdue.items[0].overdue).toBe(true);
    expect(ids(await list(`q=${encodeURIComponent('路灯')}`))).toContain(ticket);
    expect(ids(await list('q=%25'))).toEqual([]);
    const byPhone = await list(`reporterPhone=${encodeURIComponent('+86 139 1234 5678')}`);
    expect(byPhone.total).toBeGreaterThan(0);
    expect(byPhone.items.every((i: { reporterPhone: string }) => i.reporterPhone === '139****5678')).toBe(true);
    const refused = await get('kdl.grid', '/api/tickets?reporterPhone=13912345678');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details.field).toBe('reporterPhone');
    expect((await t.as(desk, { url: '/api/tickets?state=flying' })).json().error.details.field).toBe('state');
  });
});

describe('进度查询 by number and phone (public)', () => {
  it('the right phone shows the steps and the answer, nothing of staff; a wrong one looks like no ticket', async () => {
    const id = await residentTicket(t, p, 4);
    const number = ok(await get('resident', `/api/tickets/${id}`)).ticket.number;
    const res = await t.app.inject({ url: `/api/tickets/by-number/${number}?phone=13912345678` });
    const view = ok(res);
    expect(view).toMatchObject({ number, state: 'handled', stateName: '已反馈' });
    expect(view.steps.map((s: { action: string }) => s.action)).toEqual(['receive', 'register', 'dispatch', 'sign', 'reply']);
    expect(view.steps[4].result).toBe('已更换路灯灯头，恢复照明');
    expect(res.body).not.toContain('市住建局办理人');
    expect(res.body).not.toContain('1391234');
    expect((await t.app.inject({ url: `/api/tickets/by-number/${number}?phone=13900000000` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/tickets/by-number/20990101-00001?phone=13912345678` })).statusCode).toBe(404);
    const bad = await t.app.inject({ url: `/api/tickets/by-number/${number}?phone=abc` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('phone');
  });
});

describe('现场照片 photos', () => {
  const upload = async (who: string, data: Buffer, type = 'image/png', name = 'photo.png', id = ticket) => {
    const m = multipart(name, type, data);
    return t.as(await t.login(who), { method: 'POST', url: `/api/tickets/${id}/attachments`, payload: m.payload, headers: m.headers });
  };

  it('the reporter and the unit add images; the detail lists them; those who see the ticket read them', async () => {
    const a = ok(await upload('resident', PNG_1X1, 'image/png', '现场.png'), 201);
    expect(a).toMatchObject({ filename: '现场.png', mime: 'image/png', size: PNG_1X1.length });
    ok(await upload('dept.zhujian', PNG_1X1), 201);
    const detail = ok(await get('dispatcher', `/api/tickets/${ticket}`));
    expect(detail.attachments.map((x: { id: number }) => x.id)).toContain(a.id);
    const img = await get('kdl.grid', `/api/tickets/attachments/${a.id}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(PNG_1X1)).toBe(true);
    expect((await get('hlbe.admin', `/api/tickets/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await get('kdl.grid2', `/api/tickets/attachments/${a.id}`, 'neighbour-2026')).statusCode).toBe(404);
  });

  it('a non-image, an 11 MB file, or someone with no part in the ticket: refused, nothing stored', async () => {
    const before = await counts(t);
    const text = await upload('resident', Buffer.from('not an image at all, just text'), 'image/png', 'fake.png');
    expect(text.statusCode).toBe(415);
    expect(text.json().error.details.field).toBe('file');
    const big = Buffer.alloc(11 * 1024 * 1024, 0);
    PNG_1X1.copy(big);
    const large = await upload('resident', big);
    expect(large.statusCode).toBe(413);
    expect(large.json().error.details.field).toBe('file');
    const district = await upload('kdl.district', PNG_1X1);
    expect(district.statusCode).toBe(403);
    expect(await counts(t)).toEqual(before);
  });
});
