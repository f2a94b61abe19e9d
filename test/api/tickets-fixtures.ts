import { sql } from 'kysely';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../helpers/app.ts';

/** Shared helpers of the ticket API tests (工单): places, intake and actions through HTTP. */

export const ZHUJIAN = '住房和城乡建设局';

export interface Places {
  /** kdl.grid's grid (inside every 昆都仑区 demo user's scope) with a point inside it. */
  kdlGrid: { code: string; path: string; center: [number, number] };
  /** A grid of 青山区 150204 (outside the 昆都仑区 users). */
  qsGrid: { code: string; path: string; center: [number, number] };
  /** A grid of 呼伦贝尔 150700. */
  hlbeGrid: { code: string; path: string; center: [number, number] };
}

async function firstGrid(t: TestApp, under: string) {
  const r = await t.tdb.db.selectFrom('area').select(['code', 'path', 'center']).where('level', '=', 'grid')
    .where(sql<boolean>`path <@ ${under}::ltree`).orderBy('code').limit(1).executeTakeFirstOrThrow();
  return { code: r.code, path: r.path, center: r.center! };
}

export async function places(t: TestApp): Promise<Places> {
  const grid = await t.tdb.db.selectFrom('app_user').select('scope_path').where('username', '=', 'kdl.grid').executeTakeFirstOrThrow();
  const kdl = await t.tdb.db.selectFrom('area').select(['code', 'path', 'center']).where(sql<boolean>`path = ${grid.scope_path}::ltree`).executeTakeFirstOrThrow();
  const qs = await t.tdb.db.selectFrom('area').select('path').where('code', '=', '150204').executeTakeFirstOrThrow();
  return { kdlGrid: { code: kdl.code, path: kdl.path, center: kdl.center! }, qsGrid: await firstGrid(t, qs.path), hlbeGrid: await firstGrid(t, '150700') };
}

export const ok = (res: LightMyRequestResponse, status = 200) => { expect(res.statusCode, res.body).toBe(status); return res.json(); };

export function ticketBody(center: [number, number], extra: Record<string, unknown> = {}) {
  return { channel: 'hotline', demandType: 'complaint', description: '小区门口路灯坏了一个星期，晚上很黑，老人出行不便', location: { lon: center[0], lat: center[1] }, reporterName: '王先生', reporterPhone: '13912345678', ...extra };
}

export async function file(t: TestApp, username: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.as(await t.login(username), { method: 'POST', url: '/api/tickets', payload: body, headers });
}

export async function act(t: TestApp, username: string, id: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.as(await t.login(username), { method: 'POST', url: `/api/tickets/${id}/actions`, payload: body, headers });
}

/** Steps by the demo users from 受理 along the main path; `upTo` is the last action to take. */
export const MAIN_PATH: [string, Record<string, unknown>][] = [
  ['dispatcher', { action: 'register' }],
  ['dispatcher', { action: 'dispatch', assignee: { kind: 'department', department: ZHUJIAN } }],
  ['dept.zhujian', { action: 'sign' }],
  ['dept.zhujian', { action: 'reply', result: '已更换路灯灯头，恢复照明' }],
  ['kdl.grid', { action: 'verify', passed: true, note: '现场查看路灯已亮' }],
  ['dispatcher', { action: 'close', note: '办结' }],
  ['resident', { action: 'rate', rating: 'satisfied' }],
];

/** A resident's ticket in kdl.grid's grid, taken `steps` steps along the main path. */
export async function residentTicket(t: TestApp, p: Places, steps: number, extra: Record<string, unknown> = {}): Promise<number> {
  const id = ok(await file(t, 'resident', { ...ticketBody(p.kdlGrid.center, { channel: 'app', reporterName: undefined, ...extra }) }), 201).id as number;
  for (const [who, body] of MAIN_PATH.slice(0, steps)) ok(await act(t, who, id, body));
  return id;
}

export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export function multipart(filename: string, contentType: string, data: Buffer) {
  const boundary = `----shiyu${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const counts = async (t: TestApp) => ({
  tickets: (await t.tdb.db.selectFrom('ticket').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  actions: (await t.tdb.db.selectFrom('ticket_action').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  photos: (await t.tdb.db.selectFrom('ticket_attachment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
});

/** For the scope matrix: per demo user a ticket they see and may act on once, a photo on it, a notice to them; and tickets elsewhere. */
export interface TicketMatrixFixture {
  /** `word`: a word only that ticket's description has, for the text search. */
  own: Record<string, { id: number; number: string; word: string; action: Record<string, unknown>; photo: number; notice: number }>;
  /** A ticket in 青山区 (outside the 昆都仑区 users) and one in 呼伦贝尔, with a photo each. */
  qs: { id: number; number: string; word: string; photo: number };
  hlbe: { id: number; number: string; word: string; photo: number };
  /** The dispatcher's 昆都仑 ticket, Baotou's "other city" ticket for 呼伦贝尔. */
  kdl: { id: number; number: string; word: string; photo: number };
  /** A notice to a 青山区 user (not mine for anyone else). */
  qsNotice: number;
  phone: string;
}

export async function ticketMatrixFixture(t: TestApp, users: Record<string, { userId: number; cityCode: string }>, qsUserId: number): Promise<TicketMatrixFixture> {
  const p = await places(t);
  const community = p.kdlGrid.path.split('.')[3];
  const photo = async (who: string, id: number) => {
    const m = multipart('photo.png', 'image/png', PNG_1X1);
    return ok(await t.as(await t.login(who), { method: 'POST', url: `/api/tickets/${id}/attachments`, payload: m.payload, headers: m.headers }), 201).id as number;
  };
  // Each ticket's description carries a word of its own, so a text search finds exactly it (numbers repeat across cities).
  const filed = async (who: string, center: [number, number], steps: [string, Record<string, unknown>][] = [], word = `矩阵${who}`) => {
    const tk = ok(await file(t, who, ticketBody(center, { description: `矩阵工单 ${word}` })), 201);
    for (const [by, body] of steps) ok(await act(t, by, tk.id, body));
    return { id: tk.id as number, number: tk.number as string, word };
  };
  const residents = async (steps: number, word: string) => {
    const id = await residentTicket(t, p, steps, { description: `矩阵工单 ${word}` });
    return { id, number: (await t.tdb.db.selectFrom('ticket').select('number').where('id', '=', id).executeTakeFirstOrThrow()).number, word };
  };
  const register: [string, Record<string, unknown>] = ['dispatcher', { action: 'register' }];
  const toCommunity: [string, Record<string, unknown>] = ['kdl.street', { action: 'dispatch', assignee: { kind: 'area', code: community } }];
  const supervise = { action: 'supervise', level: 'yellow' };
  const setups: Record<string, [() => Promise<{ id: number; number: string; word: string }>, Record<string, unknown>, string]> = {
    admin: [() => filed('dispatcher', p.kdlGrid.center, [register], '矩阵甲'), supervise, 'admin'],
    dispatcher: [() => filed('dispatcher', p.kdlGrid.center, [register], '矩阵乙'), supervise, 'dispatcher'],
    'kdl.street': [() => filed('dispatcher', p.kdlGrid.center, [register], '矩阵丙'), supervise, 'kdl.street'],
    'kdl.district': [() => filed('dispatcher', p.kdlGrid.center, [register, toCommunity, ['kdl.community', { action: 'escalate', note: '需区级协调' }]], '矩阵丁'), supervise, 'kdl.district'],
    'kdl.community': [() => filed('dispatcher', p.kdlGrid.center, [register, toCommunity], '矩阵戊'), { action: 'sign' }, 'kdl.community'],
    'kdl.grid': [() => residents(4, '矩阵己'), { action: 'verify', passed: true, note: '现场已修复' }, 'kdl.grid'],
    'dept.zhujian': [() => residents(2, '矩阵庚'), { action: 'sign' }, 'dept.zhujian'],
    resident: [() => residents(6, '矩阵辛'), { action: 'rate', rating: 'basic' }, 'resident'],
    mediator: [() => filed('dispatcher', p.kdlGrid.center, [], '矩阵壬'), { action: 'register' }, 'dispatcher'],
    police: [() => filed('dispatcher', p.kdlGrid.center, [], '矩阵子'), { action: 'register' }, 'dispatcher'],
    'hlbe.admin': [() => filed('hlbe.admin', p.hlbeGrid.center, [['hlbe.admin', { action: 'register' }]], '矩阵癸'), supervise, 'hlbe.admin'],
  };
  const own: TicketMatrixFixture['own'] = {};
  for (const [username, [make, action, photographer]] of Object.entries(setups)) {
    const tk = await make();
    const n = await t.tdb.db.insertInto('notification').values({ city_code: users[username].cityCode, user_id: users[username].userId, kind: 'test', message: '矩阵通知' }).returning('id').executeTakeFirstOrThrow();
    own[username] = { ...tk, action, photo: await photo(photographer, tk.id), notice: n.id };
  }
  const qs = await filed('dispatcher', p.qsGrid.center, [], '矩阵青山');
  const hlbe = await filed('hlbe.admin', p.hlbeGrid.center, [], '矩阵海拉尔');
  const kdl = await filed('dispatcher', p.kdlGrid.center, [], '矩阵昆区');
  const qsNotice = (await t.tdb.db.insertInto('notification').values({ city_code: '150200', user_id: qsUserId, kind: 'test', message: '青山通知' }).returning('id').executeTakeFirstOrThrow()).id;
  return {
    own, qsNotice, phone: '13912345678',
    qs: { ...qs, photo: await photo('dispatcher', qs.id) }, hlbe: { ...hlbe, photo: await photo('hlbe.admin', hlbe.id) }, kdl: { ...kdl, photo: await photo('dispatcher', kdl.id) },
  };
}
