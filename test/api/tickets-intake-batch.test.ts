import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WriteBatcher } from '../../src/kernel/write-batcher.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { counts, file, places, ticketBody, type Places } from './tickets-fixtures.ts';

let t: TestApp;
let p: Places;
beforeAll(async () => { t = await createTestApp(); p = await places(t); });
afterAll(async () => { await t?.close(); });

describe('受理 under load: intakes that queue are written together', () => {
  it('60 intakes at once, twins among them: one ticket per key, every number once, twins answered alike', async () => {
    const before = await counts(t);
    const sends = Array.from({ length: 50 }, (_, i) => ({ key: `batch-key-${String(i).padStart(4, '0')}`, body: ticketBody(p.kdlGrid.center, { description: `并发受理 第${i}件：路灯不亮` }) }));
    // Ten twins: the same key and body sent at the same moment (a phone retrying), and one key reused for another request.
    const twins = sends.slice(0, 10).map((s) => ({ ...s }));
    const misuse = { key: sends[10].key, body: ticketBody(p.kdlGrid.center, { description: '同一幂等键的另一件事' }) };
    const all = [...sends, ...twins, misuse];
    const answers = await Promise.all(all.map((s) => file(t, 'dispatcher', s.body, { 'idempotency-key': s.key })));

    const after = await counts(t);
    expect(after.tickets - before.tickets).toBe(50);
    expect(after.actions - before.actions).toBe(50);
    // The misused key: whichever came first was written (they arrive together, so either may); the other is refused, not written.
    const misused = [answers[10], answers[60]].map((a) => a.statusCode).sort();
    expect(misused).toEqual([201, 422]);
    const winner = answers[10].statusCode === 201 ? 10 : 60;
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((_, i) => i !== 10 && i !== 60).every((s) => s === 201), JSON.stringify(statuses)).toBe(true);
    for (let i = 0; i < 10; i++) expect(answers[50 + i].json()).toEqual(answers[i].json());
    const numbers = Array.from({ length: 50 }, (_, i) => answers[i === 10 ? winner : i].json().number as string);
    expect(new Set(numbers).size).toBe(50);
    const rows = await t.tdb.db.selectFrom('ticket').select(['number', 'description']).where('number', 'in', numbers).execute();
    expect(rows).toHaveLength(50);
    const first = answers[winner].json();
    expect(rows.find((r) => r.number === first.number)?.description).toBe(first.description);
  });

  it('a bad intake among good ones fails alone, and a refused one takes no number', async () => {
    const lastBefore = await sql<{ last: number }>`SELECT coalesce(max(last), 0)::int AS last FROM ticket_counter WHERE city_code = '150200'`.execute(t.tdb.db);
    const good = Array.from({ length: 8 }, (_, i) => file(t, 'dispatcher', ticketBody(p.kdlGrid.center, { description: `好的第${i}件` })));
    const bad = file(t, 'dispatcher', ticketBody(p.kdlGrid.center, { categoryCode: 'no-such-category', description: '分类不存在' }));
    const [b, ...g] = await Promise.all([bad, ...good]);
    expect(b.statusCode).toBe(400);
    expect(b.json().error.details.field).toBe('categoryCode');
    expect(g.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const lastAfter = await sql<{ last: number }>`SELECT max(last)::int AS last FROM ticket_counter WHERE city_code = '150200'`.execute(t.tdb.db);
    expect(lastAfter.rows[0].last - lastBefore.rows[0].last).toBe(8);
  });
});

describe('受理 retried by a phone', () => {
  it('a key already answered is answered from the store, and takes no number', async () => {
    const body = ticketBody(p.kdlGrid.center, { description: '重发的受理：路灯不亮' });
    const first = await file(t, 'dispatcher', body, { 'idempotency-key': 'retry-key-000001' });
    const again = await file(t, 'dispatcher', body, { 'idempotency-key': 'retry-key-000001' });
    const next = await file(t, 'dispatcher', ticketBody(p.kdlGrid.center, { description: '下一件' }));
    expect([first.statusCode, again.statusCode, next.statusCode]).toEqual([201, 201, 201]);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const seq = (n: string) => Number(n.split('-')[1]);
    expect(seq(next.json().number)).toBe(seq(first.json().number) + 1);
  });
});

describe('WriteBatcher', () => {
  beforeAll(async () => {
    await sql`CREATE TABLE batch_probe (n integer PRIMARY KEY CHECK (n >= 0))`.execute(t.tdb.db);
  });
  /**
   * A writer of numbers into batch_probe: each item takes its own number (so what was taken must line up
   * with the items), each answer is its number; the write keeps to `go`; a batch with a number ≥ 1000 takes 0.4 s.
   */
  const probeWriter = (writes: number[][] = [], takes: number[][] = []) => ({
    take: (items: number[]) => {
      takes.push(items);
      return sql`SELECT ord, to_jsonb((${items}::int[])[ord]) AS taken FROM pending`;
    },
    answer: (items: number[], taken: unknown[]) => {
      expect(taken).toEqual(items);
      return items;
    },
    ctes: (items: number[]) => {
      writes.push(items);
      const slow = items.some((n) => n >= 1000) ? 0.4 : 0;
      return sql`p AS (INSERT INTO batch_probe (n) SELECT n FROM unnest(${items}::int[]) WITH ORDINALITY AS u(n, ord)
        WHERE ord IN (SELECT ord FROM go) AND (SELECT true FROM pg_sleep(${slow})))`;
    },
  });
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('while a batch is being written the queue waits for it and goes as one; a stalled write does not hold it up past overlapAfterMs', async () => {
    const writes: number[][] = [];
    const patient = new WriteBatcher<number, number>(t.tdb.db, probeWriter(writes), { overlapAfterMs: 5000 });
    const slow = patient.submit(1000);
    await pause(50);
    const later = [patient.submit(101), patient.submit(102)];
    await Promise.all([slow, ...later]);
    expect(writes).toEqual([[1000], [101, 102]]);

    const hasty = new WriteBatcher<number, number>(t.tdb.db, probeWriter(writes), { overlapAfterMs: 50 });
    const order: number[] = [];
    const stalled = hasty.submit(1001).then(() => order.push(1001));
    await pause(10);
    await Promise.all([stalled, hasty.submit(103).then(() => order.push(103))]);
    expect(order).toEqual([103, 1001]);
  });

  it('writes what queued in the same turn as one batch, and retries a failed batch item by item', async () => {
    const writes: number[][] = [];
    const batcher = new WriteBatcher<number, number>(t.tdb.db, probeWriter(writes), { maxBatch: 64, maxInFlight: 1 });
    const outcomes = await Promise.allSettled([1, 2, -3, 4, 5].map((n) => batcher.submit(n)));
    expect(writes[0]).toEqual([1, 2, -3, 4, 5]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<{ written: number }>).value.written)).toEqual([1, 2, 4, 5]);
    expect((outcomes[2] as PromiseRejectedResult).reason.message).toMatch(/batch_probe_n_check/);
    const stored = await sql<{ n: number }>`SELECT n FROM batch_probe WHERE n < 100 ORDER BY n`.execute(t.tdb.db);
    expect(stored.rows.map((r) => r.n)).toEqual([1, 2, 4, 5]);
  });

  it('with a key, the record and its stored answer commit together; a taken key writes nothing', async () => {
    const userId = (await t.tdb.db.selectFrom('app_user').select('id').where('username', '=', 'dispatcher').executeTakeFirstOrThrow()).id;
    const batcher = new WriteBatcher<number, number>(t.tdb.db, probeWriter());
    const claim = (key: string) => ({ userId, key, route: 'POST /probe', status: 201, fingerprint: 'fp' });
    await expect(batcher.submit(-1, claim('probe-key-0001'))).rejects.toThrow(/batch_probe_n_check/);
    expect(await t.tdb.db.selectFrom('idempotency').select('key').where('key', '=', 'probe-key-0001').executeTakeFirst()).toBeUndefined();
    expect(await batcher.submit(10, claim('probe-key-0002'))).toEqual({ written: 10 });
    const row = await t.tdb.db.selectFrom('idempotency').select('body').where('key', '=', 'probe-key-0002').executeTakeFirstOrThrow();
    expect(row.body).toEqual({ fingerprint: 'fp', response: 10 });
    // A retry is answered from the store before it is written.
    expect(await batcher.submit(11, claim('probe-key-0002'))).toMatchObject({ stored: { status: 201, body: { fingerprint: 'fp', response: 10 } } });
    // Two batches racing for one key: the claim lets one write, the other writes nothing.
    const [x, y] = await Promise.all([batcher.submit(20, claim('probe-key-0003')), new WriteBatcher<number, number>(t.tdb.db, probeWriter()).submit(21, claim('probe-key-0003'))]);
    expect([x, y].filter((o) => 'written' in o)).toHaveLength(1);
    const kept = await sql<{ n: number }>`SELECT n FROM batch_probe WHERE n IN (20, 21)`.execute(t.tdb.db);
    expect(kept.rows).toHaveLength(1);
    expect([x, y].find((o) => 'written' in o)).toEqual({ written: kept.rows[0].n });

    // A batch that fails after a retry in it was answered from the store: the others are retried one by
    // one, keeping what they took; the answered retry is not looked up again.
    const takes: number[][] = [];
    const again = new WriteBatcher<number, number>(t.tdb.db, probeWriter([], takes), { maxInFlight: 1 });
    const outcomes = await Promise.allSettled([again.submit(12, claim('probe-key-0002')), again.submit(-5, claim('probe-key-0004')), again.submit(30, claim('probe-key-0005'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[0] as PromiseFulfilledResult<unknown>).value).toMatchObject({ stored: { body: { response: 10 } } });
    expect((outcomes[2] as PromiseFulfilledResult<unknown>).value).toEqual({ written: 30 });
    expect(takes).toEqual([[12, -5, 30]]);
  });
});
