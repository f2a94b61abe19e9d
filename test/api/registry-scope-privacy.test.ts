import { Writable } from 'node:stream';
import pino from 'pino';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { CLEAR_ID, householdBody, personBody, registryGrids, type RegistryGrids } from './registry-fixtures.ts';

let t: TestApp;
let g: RegistryGrids;
let mine: { id: number; idNumber: string; householdId: number }; // in the grid worker's grid
let sibling: { id: number; householdId: number }; // same community, another grid
let qingshan: { id: number; householdId: number }; // 青山区
let hlbe: { id: number; householdId: number }; // the other city

beforeAll(async () => {
  t = await createTestApp();
  g = await registryGrids(t);
  const admin = await t.login('admin');
  const mk = async (cookie: string, gridCode: string) => {
    const body = householdBody(gridCode);
    const h = (await t.as(cookie, { method: 'POST', url: '/api/registry/households', payload: body })).json();
    return { id: h.headPersonId as number, idNumber: body.members[0].idNumber, householdId: h.id as number };
  };
  mine = await mk(await t.login('kdl.grid'), g.kdlGrid);
  sibling = await mk(admin, g.siblingGrid);
  qingshan = await mk(admin, g.qsGrid);
  hlbe = await mk(await t.login('hlbe.admin'), g.hlbeGrid);
});
afterAll(async () => { await t?.close(); });

const ids = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((x) => x.id);

describe('scope: each user sees and changes only their area', () => {
  it('a grid worker cannot read or change another grid’s people, nor another city’s', async () => {
    const grid = await t.login('kdl.grid');
    for (const other of [sibling, qingshan, hlbe]) {
      const read = await t.as(grid, { url: `/api/registry/people/${other.id}` });
      expect(read.statusCode).toBe(404);
      expect(read.json().error.message).toContain('不存在或不在您的管辖范围内');
      expect((await t.as(grid, { method: 'PATCH', url: `/api/registry/people/${other.id}`, payload: { version: 1, name: '改名' } })).statusCode).toBe(404);
      expect((await t.as(grid, { method: 'POST', url: `/api/registry/people/${other.id}/move`, payload: { toType: 'floating', reason: '测试越权' } })).statusCode).toBe(404);
      expect((await t.as(grid, { method: 'POST', url: `/api/registry/people/${other.id}/tags`, payload: { code: 'VETERAN' } })).statusCode).toBe(404);
      expect((await t.as(grid, { method: 'DELETE', url: `/api/registry/people/${other.id}/tags/VETERAN` })).statusCode).toBe(404);
      expect((await t.as(grid, { url: `/api/registry/people/${other.id}/history` })).statusCode).toBe(404);
      expect((await t.as(grid, { url: `/api/registry/households/${other.householdId}` })).statusCode).toBe(404);
      expect((await t.as(grid, { method: 'PATCH', url: `/api/registry/households/${other.householdId}`, payload: { version: 1, room: '1' } })).statusCode).toBe(404);
      // Nor by naming it in a body.
      const join = await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid, { gridCode: undefined, householdId: other.householdId, relation: '20' }) });
      expect(join.statusCode).toBe(400);
      expect(join.json().error.details.field).toBe('householdId');
    }
    const list = await t.as(grid, { url: '/api/registry/people?pageSize=200' });
    expect(ids(list)).toContain(mine.id);
    expect(ids(list)).not.toContain(sibling.id);
    expect((await t.as(grid, { url: `/api/registry/people?grid=${g.siblingGrid}` })).statusCode).toBe(404);
    const nothing = (await t.tdb.db.selectFrom('person').select('name').where('id', 'in', [sibling.id, qingshan.id, hlbe.id]).execute()).map((p) => p.name);
    expect(nothing).not.toContain('改名');
  });

  it('a street sees its communities’ grids, not another district; a city sees its city only', async () => {
    const street = await t.login('kdl.street');
    const list = ids(await t.as(street, { url: '/api/registry/people?pageSize=200' }));
    expect(list).toEqual(expect.arrayContaining([mine.id, sibling.id]));
    expect(list).not.toContain(qingshan.id);
    expect(list).not.toContain(hlbe.id);
    const community = (await t.tdb.db.selectFrom('area').select('parent_code').where('code', '=', g.kdlGrid).executeTakeFirstOrThrow()).parent_code!;
    expect(ids(await t.as(street, { url: `/api/registry/people?grid=${community}&pageSize=200` }))).toEqual(expect.arrayContaining([mine.id, sibling.id]));
    expect((await t.as(street, { url: `/api/registry/people/${qingshan.id}` })).statusCode).toBe(404);
    const admin = ids(await t.as(await t.login('admin'), { url: '/api/registry/people?pageSize=200' }));
    expect(admin).toEqual(expect.arrayContaining([mine.id, sibling.id, qingshan.id]));
    expect(admin).not.toContain(hlbe.id);
    const hl = ids(await t.as(await t.login('hlbe.admin'), { url: '/api/registry/people?pageSize=200' }));
    expect(hl).toEqual([hlbe.id, ...hl.filter((x: number) => x !== hlbe.id)]);
    expect(hl).not.toContain(mine.id);
    const search = (await t.as(await t.login('hlbe.admin'), { url: `/api/registry/search?q=${mine.idNumber}` })).json();
    expect(search.people).toEqual([]);
  });

  it('the command centre reads but does not edit; other roles do not reach the registry', async () => {
    const dispatcher = await t.login('dispatcher');
    expect((await t.as(dispatcher, { url: `/api/registry/people/${mine.id}` })).statusCode).toBe(200);
    expect((await t.as(dispatcher, { method: 'PATCH', url: `/api/registry/people/${mine.id}`, payload: { version: 1, name: 'x' } })).statusCode).toBe(403);
    for (const u of ['resident', 'mediator', 'dept.zhujian']) {
      expect((await t.as(await t.login(u), { url: `/api/registry/people/${mine.id}` })).statusCode).toBe(403);
    }
  });
});

describe('privacy: ID and phone numbers masked everywhere unless revealed with a reason', () => {
  it('no response carries a clear ID number', async () => {
    const admin = await t.login('admin');
    const urls = [
      '/api/registry/people?pageSize=200', `/api/registry/people/${mine.id}`, `/api/registry/people/${mine.id}/history`,
      '/api/registry/households?pageSize=200', `/api/registry/households/${mine.householdId}`, `/api/registry/households/${mine.householdId}/history`,
      `/api/registry/search?q=${mine.idNumber}`, `/api/registry/search?q=${encodeURIComponent('李大山')}`, '/api/registry/search?q=13800138000',
    ];
    for (const url of urls) {
      const res = await t.as(admin, { url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(CLEAR_ID);
      expect(res.body, url).not.toContain('13800138000');
    }
    const search = (await t.as(admin, { url: `/api/registry/search?q=${mine.idNumber}` })).json();
    expect(search.people.map((p: { id: number }) => p.id)).toEqual([mine.id]);
  });

  it('a reveal returns the clear value to a permitted role and is audited with its reason', async () => {
    const community = await t.login('kdl.community');
    const audits = () => t.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', 'person.reveal').orderBy('id').execute();
    const before = (await audits()).length;
    const res = await t.as(community, { method: 'POST', url: `/api/registry/people/${mine.id}/reveal`, payload: { field: 'idNumber', reason: '办理低保需核对身份' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: mine.id, field: 'idNumber', value: mine.idNumber });
    const phone = await t.as(community, { method: 'POST', url: `/api/registry/people/${mine.id}/reveal`, payload: { field: 'phone', reason: '联系户主上门核查' } });
    expect(phone.json().value).toBe('13800138000');
    const rows = await audits();
    expect(rows).toHaveLength(before + 2);
    expect(rows.at(-2)).toMatchObject({ actor_name: '社区工作人员', target_type: 'person', target_id: String(mine.id), detail: { field: 'idNumber', reason: '办理低保需核对身份' } });
    expect(rows.at(-1)!.detail).toMatchObject({ field: 'phone', reason: '联系户主上门核查' });
    expect(JSON.stringify(rows)).not.toContain(mine.idNumber);

    const short = await t.as(community, { method: 'POST', url: `/api/registry/people/${mine.id}/reveal`, payload: { field: 'idNumber', reason: '看看' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.field).toBe('reason');
    const blank = await t.as(community, { method: 'POST', url: `/api/registry/people/${mine.id}/reveal`, payload: { field: 'idNumber', reason: '      ' } });
    expect(blank.json().error.details.field).toBe('reason');
    const noReason = await t.as(community, { method: 'POST', url: `/api/registry/people/${mine.id}/reveal`, payload: { field: 'idNumber' } });
    expect(noReason.json().error.details.field).toBe('reason');
    for (const u of ['kdl.grid', 'dispatcher']) {
      const denied = await t.as(await t.login(u), { method: 'POST', url: `/api/registry/people/${mine.id}/reveal`, payload: { field: 'idNumber', reason: '我想看看号码' } });
      expect(denied.statusCode, u).toBe(403);
      expect(denied.body).not.toMatch(CLEAR_ID);
    }
    const outside = await t.as(community, { method: 'POST', url: `/api/registry/people/${qingshan.id}/reveal`, payload: { field: 'idNumber', reason: '越权查看测试' } });
    expect(outside.statusCode).toBe(404);
    expect(await audits()).toHaveLength(before + 2);
  });

  it('nothing personal reaches the server log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
    const app = await buildApp({ db: t.tdb.db, config: t.config, logger });
    await app.ready();
    try {
      const cookie = await t.login('kdl.community');
      const call = (opts: InjectOptions) => app.inject({ ...opts, headers: { cookie, 'x-requested-with': 'shiyu' } });
      const body = personBody(g.kdlGrid, { phone: '13511112222' });
      expect((await call({ method: 'POST', url: '/api/registry/people', payload: body })).statusCode).toBe(201);
      await call({ url: `/api/registry/search?q=${body.idNumber}` });
      await call({ url: '/api/registry/search?q=13511112222' });
      await call({ url: `/api/registry/people?q=${encodeURIComponent(body.name)}` });
      await call({ method: 'POST', url: '/api/registry/people', payload: { ...body, idNumber: body.idNumber } }); // duplicate
      await call({ method: 'POST', url: `/api/registry/people/${mine.id}/reveal`, payload: { field: 'idNumber', reason: '核对身份信息' } });
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(0);
      expect(log).not.toContain(body.idNumber);
      expect(log).not.toContain(mine.idNumber);
      expect(log).not.toContain('13511112222');
      expect(log).not.toContain(encodeURIComponent(body.name));
    } finally {
      await app.close();
    }
  });
});
