import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { trainClassifier } from '../../src/modules/events/classifier/model.ts';
import { FileClassifierStore } from '../../src/modules/events/classifier/persist.ts';
import { syntheticRows } from '../../src/modules/events/classifier/synthetic-rows.ts';
import { counts, file, ok, places, ticketBody, type Places } from './tickets-fixtures.ts';

let t: TestApp;
let p: Places;
beforeAll(async () => { t = await createTestApp(); p = await places(t); });
afterAll(async () => { await t?.close(); });

describe('受理 intake from every channel', () => {
  it('hotline, 110 transfer, WeChat and leader referrals by the dispatcher; patrol by the grid worker; app by the resident', async () => {
    const at = ticketBody(p.kdlGrid.center);
    const cases: [string, string, string][] = [
      ['dispatcher', 'hotline', 'received'], ['dispatcher', 'police_transfer', 'received'], ['kdl.community', 'wechat', 'received'],
      ['dispatcher', 'leader', 'registered'], ['kdl.grid', 'patrol', 'registered'], ['kdl.street', 'patrol', 'received'],
    ];
    for (const [who, channel, state] of cases) {
      const out = ok(await file(t, who, { ...at, channel }), 201);
      expect(out, `${who} ${channel}`).toMatchObject({ channel, state, gridCode: p.kdlGrid.code, reporterName: '王先生', reporterPhone: '139****5678' });
      const detail = ok(await t.as(await t.login('dispatcher'), { url: `/api/tickets/${out.id}` }));
      expect(detail.timeline.map((a: { action: string }) => a.action)).toEqual(state === 'registered' ? ['receive', 'register'] : ['receive']);
      expect(detail.timeline[0]).toMatchObject({ from: null, to: 'received', data: { channel } });
      // The answer is built before the write: it is the ticket as stored.
      expect(detail.ticket, `${who} ${channel}`).toEqual(out);
    }
    const mine = ok(await file(t, 'resident', { channel: 'app', demandType: 'help', description: '楼道堆放杂物，存在消防隐患', gridCode: p.kdlGrid.code, reporterPhone: '0472-5123456' }), 201);
    expect(mine).toMatchObject({ channel: 'app', state: 'received', reporterName: '居民张女士', reporterPhone: '047****3456', title: '楼道堆放杂物，存在消防隐患' });
    const row = await t.tdb.db.selectFrom('ticket').selectAll().where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ reporter_user_id: (await t.tdb.db.selectFrom('app_user').select('id').where('username', '=', 'resident').executeTakeFirstOrThrow()).id, reporter_phone: '0472-5123456', lon: null });
  });

  it('a resident who gives no phone files with her account’s phone, so she can track the ticket by it', async () => {
    const out = ok(await file(t, 'resident', { channel: 'app', demandType: 'help', description: '单元门口路灯不亮', gridCode: p.kdlGrid.code }), 201);
    expect(out.reporterPhone).toBe('138****0001');
    const tracked = ok(await t.app.inject({ method: 'GET', url: `/api/tickets/by-number/${out.number}?phone=13847200001` }));
    expect(tracked.number).toBe(out.number);
  });

  it('derives a title from the first 30 characters; an area code is a place; a category is checked against the active tree', async () => {
    const long = '这是一段很长的诉求内容，反映的是小区内的停车位被长期占用，物业不管不问，居民多次反映没有结果，希望尽快处理';
    const out = ok(await file(t, 'dispatcher', { channel: 'hotline', demandType: 'consult', description: long, areaCode: '150203', categoryCode: 'T01' }), 201);
    expect(out.title).toBe(`${[...long].slice(0, 30).join('')}…`);
    expect(out).toMatchObject({ areaPath: '150200.150203', gridCode: null, categoryCode: 'T01', location: null });
    expect(out.categoryName).toBeTruthy();
    expect(out.number).toMatch(/^\d{8}-\d{5}$/);
  });

  it('numbers count per city and day: 50 parallel intakes get 50 distinct numbers', async () => {
    const cookie = await t.login('dispatcher');
    const res = await Promise.all(Array.from({ length: 50 }, (_, i) => t.as(cookie, { method: 'POST', url: '/api/tickets', payload: ticketBody(p.kdlGrid.center, { description: `并发受理 ${i}` }) })));
    expect(res.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const numbers = res.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(50);
    const seqs = numbers.map((n) => Number(n.slice(9))).sort((a, b) => a - b);
    expect(seqs[49] - seqs[0]).toBe(49); // no gaps: the counter is serialised, not random
    // The other city counts on its own.
    const hl = ok(await file(t, 'hlbe.admin', ticketBody(p.hlbeGrid.center)), 201);
    expect(hl.number.slice(9)).toBe('00001');
  });

  it('a refused intake takes no number: the next one follows without a gap', async () => {
    const before = ok(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center)), 201);
    for (const bad of [{ categoryCode: 'T99' }, { location: { lon: 100.0, lat: 30.0 } }, { description: '<b>x</b>' }]) {
      expect((await file(t, 'dispatcher', ticketBody(p.kdlGrid.center, bad))).statusCode).toBe(400);
    }
    const after = ok(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center)), 201);
    expect(Number(after.number.slice(9))).toBe(Number(before.number.slice(9)) + 1);
    const counter = await t.tdb.db.selectFrom('ticket_counter').select('last').where('city_code', '=', '150200').where('day', '=', `${after.number.slice(0, 4)}-${after.number.slice(4, 6)}-${after.number.slice(6, 8)}`).executeTakeFirstOrThrow();
    expect(counter.last).toBe(Number(after.number.slice(9)));
  });
});

describe('bad input: 4xx naming the field, nothing written', () => {
  const cases: [string, string, Record<string, unknown>, number, string][] = [
    ['no place', 'dispatcher', { location: undefined }, 400, 'location'],
    ['a point outside every grid', 'dispatcher', { location: { lon: 100.0, lat: 30.0 } }, 400, 'location'],
    ['a point in the other city', 'dispatcher', { location: 'HLBE' }, 400, 'location'],
    ['HTML in the description', 'dispatcher', { description: '路灯坏了<script>alert(1)</script>' }, 400, 'description'],
    ['a tag in the title', 'dispatcher', { title: '<b>急</b>' }, 400, 'title'],
    ['an unknown category', 'dispatcher', { categoryCode: 'T99' }, 400, 'categoryCode'],
    ['an extra field', 'dispatcher', { priority: 'high' }, 400, 'priority'],
    ['a bad phone', 'dispatcher', { reporterPhone: '12345' }, 400, 'reporterPhone'],
    ['an unknown channel', 'dispatcher', { channel: 'fax' }, 400, 'channel'],
    ['a number as the description', 'dispatcher', { description: 5 }, 400, 'description'],
    ['a resident on the hotline channel', 'resident', { channel: 'hotline', reporterName: undefined }, 400, 'channel'],
    ['a resident filing in another name', 'resident', { channel: 'app' }, 400, 'reporterName'],
    ['a grid worker outside their grid', 'kdl.grid', { location: undefined, gridCode: 'X' }, 400, 'gridCode'],
  ];
  for (const [label, who, change, status, field] of cases) {
    it(label, async () => {
      const before = await counts(t);
      const body: Record<string, unknown> = { ...ticketBody(p.kdlGrid.center), ...change };
      if (body.gridCode === 'X') body.gridCode = p.qsGrid.code;
      if (body.location === 'HLBE') body.location = { lon: p.hlbeGrid.center[0], lat: p.hlbeGrid.center[1] };
      const res = await file(t, who, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.details.field).toBe(field);
      expect(await counts(t)).toEqual(before);
    });
  }

  it('a grid worker cannot place a point in another area; the 12345 desk takes any place of the city', async () => {
    const out = await file(t, 'kdl.grid', ticketBody(p.qsGrid.center, { channel: 'patrol' }));
    expect(out.statusCode).toBe(400);
    expect(out.json().error.details.field).toBe('location');
    ok(await file(t, 'dispatcher', ticketBody(p.qsGrid.center)), 201);
    ok(await file(t, 'resident', ticketBody(p.qsGrid.center, { channel: 'app', reporterName: undefined })), 201);
  });

  it('a lone < that is not a tag is ordinary text', async () => {
    const out = ok(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center, { description: '室温<16度，暖气不热 a<b' })), 201);
    expect(out.description).toBe('室温<16度，暖气不热 a<b');
  });

  it('a replayed Idempotency-Key returns the same ticket and writes nothing twice', async () => {
    const headers = { 'idempotency-key': 'ticket-intake-0001' };
    const body = ticketBody(p.kdlGrid.center, { description: '幂等测试：井盖缺失' });
    const first = ok(await file(t, 'dispatcher', body, headers), 201);
    const before = await counts(t);
    const again = await file(t, 'dispatcher', body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.json()).toEqual(first);
    expect(await counts(t)).toEqual(before);
    const other = await file(t, 'dispatcher', { ...body, description: '另一件事' }, headers);
    expect(other.statusCode).toBe(422);
    expect(await counts(t)).toEqual(before);
  });
});

describe('分类建议: the classifier suggests; applied only at confidence ≥ 0.6', () => {
  let c: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiyu-classifier-'));
    const model = trainClassifier(syntheticRows(60, 7), 'synthetic');
    await new FileClassifierStore(path.join(dir, 'classifier')).save('150200', model);
    c = await createTestApp({ dataDir: dir });
  });
  afterAll(async () => { await c?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

  it('a clear text gets the first-level category by name, stored and applied', async () => {
    const cookie = await c.login('dispatcher');
    const center = (await places(c)).kdlGrid.center;
    const res = ok(await c.as(cookie, { method: 'POST', url: '/api/tickets', payload: ticketBody(center, { description: '小区 物业 垃圾 路灯 下水道 违章 建筑' }) }), 201);
    const cat = await c.tdb.db.selectFrom('ticket_category').select('code').where('city_code', '=', '150200').where('level', '=', 1).where('name', '=', '城乡建设').executeTakeFirstOrThrow();
    expect(res.suggestedCategory).toBe(cat.code);
    expect(res.suggestionConfidence).toBeGreaterThanOrEqual(0.6);
    expect(res.categoryCode).toBe(cat.code);
    // The answer is built before the write (kernel/write-batcher.ts): it must be the ticket as stored, to the last digit.
    expect(ok(await c.as(cookie, { url: `/api/tickets/${res.id}` })).ticket).toEqual(res);
    // Given a category, the caller's wins; the suggestion is still kept for the dispatcher.
    const given = ok(await c.as(cookie, { method: 'POST', url: '/api/tickets', payload: ticketBody(center, { description: '小区 物业 垃圾 路灯', categoryCode: 'S01' }) }), 201);
    expect(given).toMatchObject({ categoryCode: 'S01', suggestedCategory: cat.code });
    // A text the model barely knows: stored (if any) but left to the dispatcher.
    const text = '学校 工资 物业';
    const vague = ok(await c.as(cookie, { method: 'POST', url: '/api/tickets', payload: ticketBody(center, { title: '问题', description: text }) }), 201);
    expect(vague.suggestionConfidence).toBeLessThan(0.6);
    expect(vague.suggestedCategory).not.toBeNull();
    expect(vague.categoryCode).toBeNull();
  });

  it('without a model intake works and suggests nothing', async () => {
    const out = ok(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center, { description: '小区 物业 垃圾 路灯' })), 201);
    expect(out).toMatchObject({ suggestedCategory: null, suggestionConfidence: null, categoryCode: null });
  });
});
