import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { haversineM } from '../../src/modules/events/duplicates/similarity.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, file, ok, places, ticketBody, type Places } from './tickets-fixtures.ts';

/** 合并 suggestions: near and far, same and other category, recent and old, live and cancelled. */

let t: TestApp;
let p: Places;
let C1 = '';
let C2 = '';
const LAMP = '小区门口路灯坏了一个星期，晚上很黑，老人出行不便';
const ids: Record<string, number> = {};
/** A point `m` metres north of the grid's centre (1° of latitude ≈ 111 195 m). */
const north = (m: number): [number, number] => [p.kdlGrid.center[0], p.kdlGrid.center[1] + m / 111_195];
const filed = async (name: string, extra: Record<string, unknown>, at?: [number, number] | null) => {
  const body = ticketBody(at ?? p.kdlGrid.center, { categoryCode: C1, gridCode: p.kdlGrid.code, ...extra });
  if (at === null) delete (body as Record<string, unknown>).location;
  // A fresh session each time: the clock may have been moved (cached sessions would have expired or not begun).
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dispatcher', password: 'shiyu-demo-2026' } });
  const cookie = `shiyu_sid=${login.cookies.find((c) => c.name === 'shiyu_sid')!.value}`;
  ids[name] = ok(await t.as(cookie, { method: 'POST', url: '/api/tickets', payload: body }), 201).id;
};

beforeAll(async () => {
  t = await createTestApp();
  p = await places(t);
  [C1, C2] = (await t.tdb.db.selectFrom('ticket_category').select('code').where('city_code', '=', '150200').where('level', '=', 1).orderBy('code').limit(2).execute()).map((c) => c.code);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(Date.now() - 10 * 86_400_000));
  await filed('old', { description: LAMP }, north(20)); // 10 days before: out of the window
  vi.setSystemTime(new Date(Date.now() + 7 * 86_400_000));
  await filed('threeDays', { description: LAMP }, north(40)); // 3 days before
  vi.useRealTimers();
  await filed('source', { description: LAMP });
  await filed('near', { description: '小区门口的路灯坏了好几天，晚上很黑' }, north(100));
  await filed('nearOtherWords', { description: '楼道里堆放杂物，存在消防隐患' }, north(50));
  await filed('far', { description: LAMP }, north(1000)); // same grid code, but its point is 1 km away
  await filed('otherCategory', { description: LAMP, categoryCode: C2 }, north(30));
  await filed('noPoint', { description: '路灯不亮' }, null); // same grid, no point
  await filed('cancelled', { description: LAMP }, north(10));
  ok(await act(t, 'dispatcher', ids.cancelled, { action: 'cancel', reason: 'duplicate', note: '重复来电' }));
  ids.qs = ok(await file(t, 'dispatcher', ticketBody(p.qsGrid.center, { categoryCode: C1, description: LAMP })), 201).id;
});
afterAll(async () => { vi.useRealTimers(); await t?.close(); });

const suggest = async (who: string, id = ids.source) => t.as(await t.login(who), { url: `/api/tickets/${id}/duplicates` });

describe('duplicate suggestions (合并建议)', () => {
  it('finds live tickets of the category within 300 m (or the same grid without a point) and 7 days, best first', async () => {
    const out = ok(await suggest('dispatcher'));
    const names = out.items.map((c: { ticket: { id: number } }) => Object.keys(ids).find((k) => ids[k] === c.ticket.id));
    // Same words 40 m away 3 days before beats like words 100 m away today; words count most, then place.
    expect(names).toEqual(['threeDays', 'near', 'nearOtherWords', 'noPoint']);
    const byName = Object.fromEntries(out.items.map((c: { ticket: { id: number } }, i: number) => [names[i], c]));
    expect(byName.near.distanceM).toBe(100);
    expect(byName.noPoint).toMatchObject({ distanceM: null, sameGrid: true });
    expect(byName.threeDays.hoursApart).toBeCloseTo(-72, 0);
    expect(byName.near.textSimilarity).toBeGreaterThan(byName.nearOtherWords.textSimilarity);
    expect(byName.nearOtherWords.textSimilarity).toBeLessThan(0.1);
    expect(byName.threeDays.textSimilarity).toBe(1);
    // The score is the documented blend of place, time and words.
    for (const c of out.items) {
      const place = c.distanceM === null ? 0.5 : 1 - c.distanceM / 300;
      const time = 1 - Math.abs(c.hoursApart) / 168;
      expect(c.score).toBeCloseTo(0.35 * place + 0.2 * time + 0.45 * c.textSimilarity, 2);
    }
    expect(out.items[0].ticket.reporterPhone).toBe('139****5678');
  });

  it('the distance in SQL and in TypeScript agree (haversine)', () => {
    expect(Math.round(haversineM({ lon: 110, lat: 40 }, { lon: 110, lat: 40 + 300 / 111_195 }))).toBe(300);
  });

  it('a suggestion can be merged with the merge action, and then is no longer suggested', async () => {
    ok(await act(t, 'dispatcher', ids.near, { action: 'merge', into: ids.source }));
    const out = ok(await suggest('dispatcher'));
    expect(out.items.map((c: { ticket: { id: number } }) => c.ticket.id)).not.toContain(ids.near);
  });

  it('only what the caller may see; a ticket outside the area is not found; grid workers and residents are refused', async () => {
    expect(ok(await suggest('kdl.street')).items.length).toBeGreaterThan(0);
    expect((await suggest('kdl.street', ids.qs)).statusCode).toBe(404);
    expect((await suggest('hlbe.admin')).statusCode).toBe(404);
    expect((await suggest('kdl.grid')).statusCode).toBe(403);
    expect((await suggest('resident')).statusCode).toBe(403);
    expect(ok(await suggest('dispatcher', ids.qs)).items).toEqual([]);
  });
});
