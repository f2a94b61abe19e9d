// The crash test of intake (受理): the real CLI server is killed with SIGKILL while several hotline
// intakes with Idempotency-Keys are in flight, then restarted; every request that got no answer is
// sent again with its key. Afterwards every ticket answered 201 is there exactly once, no key made
// two tickets, each ticket has its 受理 action row (action_count = rows), and no day's number is
// given twice — a number taken by an intake the kill cut off stays a gap, and the counter, whose
// commit does not wait for the disk, never hands it out again after the restart. Time-bound throughout: the kill comes after enough answers, every
// wait has a deadline.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { freePort, startCliServer, type CliServer } from './cli-server.ts';

const PASSWORD = 'shiyu-demo-2026';
const IN_FLIGHT = 8;
/** Answers before the kill: enough that the load is well under way. */
const ANSWERS_BEFORE_KILL = 60;
const TEXTS = ['小区门口路灯坏了一个星期，晚上很黑', '楼下烧烤摊油烟太大，窗户都不能开', '人行道上的井盖松动，踩上去晃', '小区垃圾桶满了三天没人清运', '施工工地夜间噪音扰民，影响休息'];

interface Answer { id: number; number: string }

describe('受理 survives kill -9 of the server during an intake load', () => {
  let tdb: TestDatabase;
  let server: CliServer | undefined;
  let env: Record<string, string>;
  const dataDir = path.resolve('.tmp', `intake-crash-${crypto.randomBytes(4).toString('hex')}`);

  beforeAll(async () => {
    tdb = await createTestDatabase();
    env = { DATABASE_URL: tdb.url, DATA_DIR: dataDir, SWEEP_SECONDS: '0', LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    await server?.kill();
    await tdb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every answered ticket exactly once and completes the unanswered ones on retry', async () => {
    const grids = await tdb.db.selectFrom('area').select(['code', 'center']).where('level', '=', 'grid')
      .where(sql<boolean>`path <@ (SELECT path FROM area WHERE code = '150203')`).orderBy('code').limit(40).execute();
    const run = crypto.randomBytes(4).toString('hex');
    const keyOf = (i: number) => `crash-${run}-${i}`;
    const bodyOf = (i: number) => JSON.stringify({
      channel: 'hotline', demandType: 'complaint', description: `${TEXTS[i % TEXTS.length]}（来电 ${i}）`,
      location: { lon: grids[i % grids.length].center![0], lat: grids[i % grids.length].center![1] },
      reporterName: '王先生', reporterPhone: `139${String(10_000_000 + i).slice(-8)}`,
    });

    server = await startCliServer(env, await freePort());
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dispatcher', password: PASSWORD }) });
    expect(login.status, await login.clone().text()).toBe(200);
    // The session lives in the database, so it outlasts the killed process.
    const cookie = /shiyu_sid=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const post = async (url: string, i: number) => {
      const res = await fetch(`${url}/api/tickets`, {
        method: 'POST', body: bodyOf(i), signal: AbortSignal.timeout(20_000),
        headers: { cookie, 'x-requested-with': 'shiyu', 'content-type': 'application/json', 'idempotency-key': keyOf(i) },
      });
      return { status: res.status, replay: res.headers.get('idempotent-replay') === 'true', body: await res.json() as Answer };
    };

    // The load: IN_FLIGHT intakes at all times until the kill.
    const answers = new Map<number, Answer>();
    const unanswered = new Set<number>();
    const refused: string[] = [];
    let issued = 0;
    let stopping = false;
    const first = server;
    const worker = async () => {
      while (!stopping) {
        const i = issued++;
        try {
          const r = await post(first.url, i);
          if (r.status === 201) answers.set(i, r.body);
          else refused.push(`${i}: ${r.status} ${JSON.stringify(r.body)}`);
        } catch {
          unanswered.add(i); // the connection died with the server: no answer
        }
      }
    };
    const workers = Array.from({ length: IN_FLIGHT }, worker);
    const deadline = Date.now() + 60_000;
    while (answers.size < ANSWERS_BEFORE_KILL && refused.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(refused).toEqual([]);
    expect(answers.size, 'answers before the kill').toBeGreaterThanOrEqual(ANSWERS_BEFORE_KILL);
    stopping = true;
    await first.kill();
    await Promise.all(workers);
    expect(unanswered.size, 'requests in flight at the kill').toBeGreaterThan(0);
    expect(answers.size + unanswered.size).toBe(issued);

    // Restart and send every unanswered request again with its key, until answered (bounded).
    server = await startCliServer(env, await freePort());
    const second = server;
    let replayedUnanswered = 0;
    let retries = 0;
    for (const i of unanswered) {
      const until = Date.now() + 30_000;
      for (;;) {
        retries++;
        const r = await post(second.url, i).catch(() => null);
        if (r?.status === 201) { answers.set(i, r.body); if (r.replay) replayedUnanswered++; break; }
        // 409: the key's first attempt is still being rolled back by PostgreSQL; anything else is a failure.
        if (r && r.status !== 409) throw new Error(`retry of ${i}: ${r.status} ${JSON.stringify(r.body)}`);
        if (Date.now() > until) throw new Error(`retry of ${i}: no answer within 30 s`);
        await new Promise((res) => setTimeout(res, 200));
      }
    }
    // Every answered request sent again (as a client that lost the answer would) is replayed by the
    // new process, not filed twice — the case of a commit whose answer died with the server.
    for (const i of [...answers.keys()].filter((k) => !unanswered.has(k))) {
      const r = await post(second.url, i);
      expect([r.status, r.replay, r.body.id, r.body.number]).toEqual([201, true, answers.get(i)!.id, answers.get(i)!.number]);
    }
    console.log(`${issued} intakes: ${issued - unanswered.size} answered before the kill, ${unanswered.size} in flight (${replayedUnanswered} of them had committed and were replayed, ${unanswered.size - replayedUnanswered} filed on retry)`);

    // Every answer's ticket exists once, under its number; no key made two tickets.
    expect(answers.size).toBe(issued);
    const tickets = await tdb.db.selectFrom('ticket').select(['id', 'number', 'action_count']).execute();
    expect(tickets.length).toBe(issued);
    const byId = new Map(tickets.map((t) => [Number(t.id), t]));
    for (const [i, a] of answers) expect(byId.get(Number(a.id))?.number, `ticket of request ${i}`).toBe(a.number);
    expect(new Set([...answers.values()].map((a) => a.id)).size).toBe(issued);
    const keys = await tdb.db.selectFrom('idempotency').select(['key', sql<string>`body->'response'->>'id'`.as('ticket')])
      .where('key', 'like', `crash-${run}-%`).execute();
    expect(keys.length).toBe(issued);
    expect(new Set(keys.map((k) => k.ticket)).size).toBe(issued);
    for (const k of keys) expect(Number(k.ticket), k.key).toBe(Number(answers.get(Number(k.key.split('-').pop()))!.id));

    // Each ticket has its 受理 row first and as many action rows as it counts.
    const actions = await sql<{ id: string; action_count: number; rows: number; receive: boolean }>`
      SELECT t.id, t.action_count, count(a.seq)::int AS rows, coalesce(bool_or(a.seq = 1 AND a.action = 'receive'), false) AS receive
      FROM ticket t LEFT JOIN ticket_action a ON a.city_code = t.city_code AND a.ticket_id = t.id GROUP BY t.id, t.action_count`.execute(tdb.db);
    const broken = actions.rows.filter((r) => !r.receive || r.rows !== r.action_count);
    expect(broken).toEqual([]);

    // Numbers per day: no twin; gaps only from intakes cut off by the kill (one per request in flight
    // then) and from retries (a retry takes its number before it learns its key is taken).
    const days = new Map<string, number[]>();
    for (const t of tickets) days.set(t.number.slice(0, 8), [...(days.get(t.number.slice(0, 8)) ?? []), Number(t.number.slice(9))]);
    for (const [day, seqs] of days) {
      expect(new Set(seqs).size, day).toBe(seqs.length);
      expect(Math.max(...seqs) - seqs.length, `gaps on ${day}`).toBeLessThanOrEqual(unanswered.size + retries);
    }
    const counters = await tdb.db.selectFrom('ticket_counter').select(['day', 'last']).execute();
    for (const c of counters) expect(c.last, `counter of ${c.day}`).toBeGreaterThanOrEqual(Math.max(...(days.get(c.day.replace(/-/g, '')) ?? [0])));
  }, 240_000);
});
