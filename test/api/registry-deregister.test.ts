import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { householdBody, newIdNumber, personBody, registryGrids, type RegistryGrids } from './registry-fixtures.ts';

let t: TestApp;
let g: RegistryGrids;
let grid: string; // the grid worker's cookie
beforeAll(async () => { t = await createTestApp(); g = await registryGrids(t); grid = await t.login('kdl.grid'); });
afterAll(async () => { await t?.close(); });

const post = (url: string, payload: Record<string, unknown>) => t.as(grid, { method: 'POST', url, payload });
const liveCount = async (table: 'person' | 'household') => Number((await t.tdb.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('deleted_at', 'is', null).executeTakeFirstOrThrow()).n);

describe('注销 deregistration', () => {
  it('takes a person out of lists and search, keeps the history with reason and date, and frees the ID number', async () => {
    const idNumber = newIdNumber('1');
    const p = (await post('/api/registry/people', personBody(g.kdlGrid, { name: '注销测试', idNumber }))).json();
    const res = await post(`/api/registry/people/${p.id}/deregister`, { reason: 'death', on: '2026-11-01', note: '家属告知', version: p.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: p.id, reason: 'death', on: '2026-11-01' });
    expect((await t.as(grid, { url: `/api/registry/people/${p.id}` })).statusCode).toBe(404);
    expect((await t.as(grid, { url: `/api/registry/search?q=${idNumber}` })).json().people).toEqual([]);
    const history = (await t.as(grid, { url: `/api/registry/people/${p.id}/history` })).json().items;
    expect(history[0].action).toBe('deregister');
    expect(history[0].changes.deregistered[1]).toEqual({ reason: 'death', on: '2026-11-01', note: '家属告知' });
    expect(history[0].by.name).toBe('网格员');
    // Someone with the same ID moving back is registered anew.
    expect((await post('/api/registry/people', personBody(g.kdlGrid, { idNumber }))).statusCode).toBe(201);
    // Twice is not found (it is gone).
    expect((await post(`/api/registry/people/${p.id}/deregister`, { reason: 'death' })).statusCode).toBe(404);
  });

  it('refuses a head of household with members, then empties and deregisters the household', async () => {
    const h = (await post('/api/registry/households', householdBody(g.kdlGrid))).json();
    const [head, member] = [h.members.find((m: { relation: string }) => m.relation === '02'), h.members.find((m: { relation: string }) => m.relation !== '02')];
    const before = await liveCount('person');
    const refused = await post(`/api/registry/people/${head.id}/deregister`, { reason: 'moved_out' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.field).toBe('id');
    expect(refused.json().error.message).toContain('户主');
    expect(await liveCount('person')).toBe(before);
    const notEmpty = await post(`/api/registry/households/${h.id}/deregister`, { reason: 'moved_out' });
    expect(notEmpty.statusCode).toBe(409);
    expect(notEmpty.json().error.message).toContain('2 名');
    expect((await post(`/api/registry/people/${member.id}/deregister`, { reason: 'moved_out' })).statusCode).toBe(200);
    const left = (await t.as(grid, { url: `/api/registry/households/${h.id}/history` })).json().items[0];
    expect(left.action).toBe('member_deregister');
    expect(left.changes.memberDeregistered[1]).toMatchObject({ personId: member.id, name: member.name, reason: 'moved_out' });
    expect((await post(`/api/registry/people/${head.id}/deregister`, { reason: 'moved_out' })).statusCode).toBe(200);
    const hh = (await t.as(grid, { url: `/api/registry/households/${h.id}` })).json();
    expect(hh.headPersonId).toBeNull();
    expect((await post(`/api/registry/households/${h.id}/deregister`, { reason: 'demolished', version: hh.version })).statusCode).toBe(200);
    expect((await t.as(grid, { url: `/api/registry/households/${h.id}` })).statusCode).toBe(404);
    expect((await t.as(grid, { url: `/api/registry/households/${h.id}/history` })).json().items[0].action).toBe('deregister');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const p = (await post('/api/registry/people', personBody(g.kdlGrid))).json();
    const cases: [Record<string, unknown>, string, number][] = [
      [{ reason: 'vanished' }, 'reason', 400],
      [{}, 'reason', 400],
      [{ reason: 'death', on: '2999-01-01' }, 'on', 400],
      [{ reason: 'death', on: '2026-13-01' }, 'on', 400],
      [{ reason: 'death', extra: 1 }, 'extra', 400],
      [{ reason: 'death', version: p.version + 1 }, 'version', 409],
    ];
    for (const [payload, field, status] of cases) {
      const res = await post(`/api/registry/people/${p.id}/deregister`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error.details.field, JSON.stringify(payload)).toBe(field);
    }
    expect((await t.as(grid, { url: `/api/registry/people/${p.id}` })).statusCode).toBe(200);
    expect((await t.as(grid, { url: `/api/registry/people/${p.id}/history` })).json().items.map((i: { action: string }) => i.action)).toEqual(['create']);
  });
});
