import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { ROOT } from '../src/version.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { kyselyFor } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { AreaGeometry } from '../src/kernel/geo/geojson-utils.ts';
import { seedTicketCategories } from '../src/modules/events/categories/seed.ts';
import { trainClassifier } from '../src/modules/events/classifier/model.ts';
import { FileClassifierStore } from '../src/modules/events/classifier/persist.ts';
import { readLabelledTsv } from '../src/modules/events/classifier/tsv.ts';
import { titleFrom } from '../src/modules/events/tickets/text.ts';
import { seedHierarchy } from '../src/modules/org/seed.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../src/modules/users/demo.ts';
import { openBenchDatabase } from './lib/bench-database.ts';
import { benchTickets, callerText, type BenchTicket } from './lib/intake-tickets.ts';
import type { LoadOptions, LoadResult } from './lib/intake-load.ts';
import { postgresCpuSeconds, threadCpuSeconds } from './lib/proc-cpu.ts';

/**
 * intake: the whole 受理 path over loopback — validation, point → grid (落格), the category
 * suggestion, the day's number from its counter, the ticket row with its 受理 action row, the
 * Idempotency-Key and its answer (every request sends one, as the console and the phones do) — loaded
 * with autocannon against the real server (in-process, its own database), and in the same run the
 * same rows inserted straight into ticket + ticket_action with multi-row INSERTs as the baseline.
 * (a) a fixed 500 req/s for ~20 s, evenly spaced over ≤ 100 sockets (see lib/intake-load.ts for why not
 *     autocannon's overallRate) → intake-p99-ms, every answer must be 201; what the server could not take
 *     in time is reported as not sent, so the run ends on time;
 * (b) as fast as 20 connections go (autocannon) → intake-req-per-s; intake-ratio = (b) / baseline rows per second.
 * (d) for comparison, the same rows inserted straight with one committed transaction a ticket over as many
 *     connections → intake-ratio-per-ticket-commit = (b) / (d); the goal is set on intake-ratio.
 * Each phase also prints the CPU a request took in this process and in PostgreSQL (from /proc), and
 * autovacuum's runs meanwhile: on a small machine they share the CPUs, and CPU is what the figures follow.
 * The database must then hold one ticket with its 受理 row per 201 answer. BENCH_INTAKE_RATE, _RATE_S,
 * _MAX_S and _CONNECTIONS change the load.
 * Goals: intake-ratio ≥ 0.5, intake-p99-ms < 50 at 500 req/s.
 */

const CITY = '150200';
const RATE = Number(process.env.BENCH_INTAKE_RATE ?? 500);
const RATE_S = Number(process.env.BENCH_INTAKE_RATE_S ?? 20);
const MAX_S = Number(process.env.BENCH_INTAKE_MAX_S ?? 15);
const MAX_CONNECTIONS = Number(process.env.BENCH_INTAKE_CONNECTIONS ?? 20);
const BODIES = 20_000;
const BATCH = 500;
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

function runLoad(o: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The worker registers tsx itself: Node 20 does not pass the parent's loader on to workers.
    const script = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(new URL('./lib/intake-load.ts', import.meta.url).href)}); })`;
    const w = new Worker(script, { eval: true, workerData: o });
    w.once('message', (r: LoadResult) => { resolve(r); void w.terminate(); });
    w.once('error', reject);
    w.once('exit', (code) => { if (code !== 0 && code !== 1) reject(new Error(`load worker exited with ${code}`)); });
  });
}

/** The ticket row as the server writes it at 受理, for the baselines; numbers of another day, so they cannot meet the server's. */
const ticketRow = (t: BenchTicket, number: string, userId: number, now: Date) => ({
  city_code: CITY, number, channel: 'hotline' as const, demand_type: t.body.demandType,
  title: titleFrom(t.body.description), description: t.body.description, lon: t.body.location.lon, lat: t.body.location.lat, address: t.body.address,
  grid_code: t.grid.code, area_path: t.grid.path, reporter_name: t.body.reporterName, reporter_phone: t.body.reporterPhone,
  state: 'received' as const, action_count: 1, received_at: now, created_by: userId,
});
const receiveRow = (ticketId: number, userId: number, now: Date) => ({
  city_code: CITY, ticket_id: ticketId, seq: 1, action: 'receive' as const, from_state: null, to_state: 'received' as const,
  actor_id: userId, actor_name: '派遣员', actor_role: 'dispatcher', at: now, data: JSON.stringify({ channel: 'hotline' }),
});

/** The baseline: the same tickets straight in, 500 a statement with their 受理 rows, in one transaction rolled back after. */
async function insertBaseline(url: string, tickets: BenchTicket[], userId: number): Promise<number> {
  const db = kyselyFor(url, 1);
  try {
    return await db.connection().execute(async (conn) => {
      await sql`BEGIN`.execute(conn);
      const t0 = performance.now();
      const now = new Date();
      for (let i = 0; i < tickets.length; i += BATCH) {
        const batch = tickets.slice(i, i + BATCH);
        const rows = await conn.insertInto('ticket').values(batch.map((t, j) => ticketRow(t, `19990101-${String(i + j + 1).padStart(5, '0')}`, userId, now))).returning('id').execute();
        await conn.insertInto('ticket_action').values(rows.map((r) => receiveRow(r.id, userId, now))).execute();
      }
      const s = seconds(t0);
      await sql`ROLLBACK`.execute(conn);
      return s;
    });
  } finally {
    await db.destroy();
  }
}

/**
 * For comparison only: the same tickets straight in one committed transaction each (the ticket, then its
 * 受理 row), over as many connections as (b) used — a direct insert without the service's batching.
 * The rows stay: the bench's database is dropped after the run.
 */
async function insertPerTicket(url: string, tickets: BenchTicket[], userId: number, connections: number): Promise<number> {
  const db = kyselyFor(url, connections);
  try {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: connections }, async () => {
      for (let i = next++; i < tickets.length; i = next++) {
        const now = new Date();
        await db.transaction().execute(async (trx) => {
          const { id } = await trx.insertInto('ticket').values(ticketRow(tickets[i], `19990102-${String(i + 1).padStart(5, '0')}`, userId, now)).returning('id').executeTakeFirstOrThrow();
          await trx.insertInto('ticket_action').values(receiveRow(id, userId, now)).execute();
        });
      }
    }));
    return seconds(t0);
  } finally {
    await db.destroy();
  }
}

async function counts(db: ReturnType<typeof kyselyFor>) {
  const r = await sql<{ tickets: number; actions: number; classified: number; suggested: number; ungridded: number }>`SELECT
    (SELECT count(*)::int FROM ticket) AS tickets, (SELECT count(*)::int FROM ticket_action) AS actions,
    (SELECT count(*)::int FROM ticket WHERE category_code IS NOT NULL) AS classified,
    (SELECT count(*)::int FROM ticket WHERE suggested_category IS NOT NULL) AS suggested,
    (SELECT count(*)::int FROM ticket WHERE grid_code IS NULL) AS ungridded`.execute(db);
  return r.rows[0];
}

async function main() {
  const started = performance.now();
  const bench = await openBenchDatabase('shiyu_bench_intake', 'bench-intake', { poolSize: 4 });
  const dataDir = path.join(ROOT, '.tmp', 'bench-intake-data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const { db, url } = bench;
  let server: Awaited<ReturnType<typeof buildApp>> | undefined;
  const serverDb = kyselyFor(url); // the server's pool, as `serve` opens it
  try {
    await migrateToLatest(db);
    await seedHierarchy(db, [CITY]);
    await seedTicketCategories(db, [CITY]);
    await seedDemoUsers(db);

    // The classifier intake consults: trained from the labelled messages into the server's data dir.
    const labelled = await readLabelledTsv(path.join(ROOT, 'resources/messages/train.tsv.gz'));
    let t0 = performance.now();
    await new FileClassifierStore(path.join(dataDir, 'classifier')).save(CITY, trainClassifier(labelled, 'train.tsv.gz'));
    console.log(`classifier trained on ${labelled.length} messages in ${seconds(t0).toFixed(1)} s`);

    const grids = (await db.selectFrom('area').select(['code', 'path', 'geometry']).where('level', '=', 'grid').where('geometry', 'is not', null)
      .where(sql<boolean>`path <@ (SELECT path FROM area WHERE code = '150203')`).orderBy('code').execute())
      .map((g) => ({ code: g.code, path: g.path, geometry: g.geometry as unknown as AreaGeometry }));
    const tickets = benchTickets(BODIES, grids, labelled.map((r) => callerText(r.text)).filter((t) => t.length >= 10));
    const bodies = tickets.map((t) => JSON.stringify(t.body));

    server = await buildApp({ db: serverDb, config: { ...loadConfig({}), dataDir, sweepSeconds: 0 } });
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dispatcher', password: DEMO_PASSWORD }) });
    const sid = /shiyu_sid=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (login.status !== 200 || !sid) throw new Error(`login: ${login.status} ${await login.text()}`);
    const headers = { cookie: `shiyu_sid=${sid}`, 'x-requested-with': 'shiyu' };
    const dispatcher = await db.selectFrom('app_user').select('id').where('username', '=', 'dispatcher').executeTakeFirstOrThrow();
    console.log(`${grids.length} grids of 昆都仑区 150203; ${bodies.length} distinct hotline tickets; server at ${address}; load average ${load()} on ${os.cpus().length} CPUs`);

    // Warm-up (JIT, the model's first load, jieba's dictionary, the pools), not counted.
    const warm = await runLoad({ url: address, headers, bodies: bodies.slice(-500), connections: 10, seconds: 3 });
    if (warm.statuses['201'] !== warm.requests) throw new Error(`warm-up: answers ${JSON.stringify(warm.statuses)}`);

    /** CPU a request, in ms, of this process (request thread, load worker, the rest) and of PostgreSQL since `from`, and the transactions a request took. */
    // Autovacuum's runs on the tables the intakes fill land at random in a short run and cost the database CPU: counted, to read the figures by.
    const maintenance = async () => (await sql<{ n: number }>`SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)::int AS n FROM pg_stat_user_tables`.execute(db)).rows[0].n;
    // Transactions the database committed: with the write batcher's two statements a batch, how well intakes share them.
    const transactions = async () => (await sql<{ n: number }>`SELECT (xact_commit + xact_rollback)::int AS n FROM pg_stat_database WHERE datname = current_database()`.execute(db)).rows[0].n;
    const cpuFrom = async () => ({ own: process.cpuUsage(), main: threadCpuSeconds(), pg: postgresCpuSeconds(), maintenance: await maintenance(), transactions: await transactions() });
    const cpuPerRequest = async (from: Awaited<ReturnType<typeof cpuFrom>>, r: LoadResult) => {
      const requests = r.requests;
      const own = process.cpuUsage(from.own);
      const main = threadCpuSeconds();
      const pg = postgresCpuSeconds();
      const ms = (s: number) => (s * 1000 / requests).toFixed(2);
      // The request thread, the load worker, the rest (classifier thread, GC and libuv helpers).
      const split = main === undefined || from.main === undefined || r.cpuSeconds === undefined ? ''
        : ` (request thread ${ms(main - from.main)}, load worker ${ms(r.cpuSeconds)}, other threads ${ms((own.user + own.system) / 1e6 - (main - from.main) - r.cpuSeconds)})`;
      await new Promise((r) => setTimeout(r, 1000)); // the statistics reach pg_stat_user_tables within a second
      return `CPU a request: this process ${ms((own.user + own.system) / 1e6)} ms${split}, PostgreSQL ${pg === undefined || from.pg === undefined ? 'n/a' : `${((pg - from.pg) * 1000 / requests).toFixed(2)} ms`}; transactions a request ${(((await transactions()) - from.transactions) / requests).toFixed(2)}; autovacuum/autoanalyze runs ${(await maintenance()) - from.maintenance}`;
    };

    // (a) the fixed rate.
    const cpuA = await cpuFrom();
    const elu0 = performance.eventLoopUtilization();
    // A long stall in the tail: the request thread blocked (its longest delay, its longest GC pause) or not (then the database or the machine).
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    let longestGc = 0;
    const gcs = new PerformanceObserver((list) => { for (const e of list.getEntries()) longestGc = Math.max(longestGc, e.duration); });
    gcs.observe({ entryTypes: ['gc'] });
    const fixed = await runLoad({ url: address, headers, bodies, connections: 100, seconds: RATE_S, rate: RATE });
    // How busy the server's request thread was: near 100% means it, not the machine, is the limit.
    const busy = performance.eventLoopUtilization(elu0).utilization;
    delay.disable();
    gcs.disconnect();
    console.log(`(a) the request thread's longest stall ${(delay.max / 1e6).toFixed(0)} ms (p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms), longest GC pause ${longestGc.toFixed(0)} ms`);
    console.log(`(a) request thread busy ${(100 * busy).toFixed(0)}% of the time; ${RATE} req/s evenly spaced, ${Math.round(RATE * RATE_S)} requests, over ≤ 100 sockets, done in ${fixed.seconds.toFixed(1)} s (${fixed.reqPerS.toFixed(0)}/s answered): ${fixed.requests} answers ${JSON.stringify(fixed.statuses)}, ${fixed.errors} errors, ${fixed.timeouts} not sent in time (all sockets busy); latency p50 ${fixed.p50} ms, p99 ${fixed.p99} ms, max ${fixed.max} ms; load average ${load()}`);
    console.log(`    ${await cpuPerRequest(cpuA, fixed)}`);
    const bad = fixed.requests - (fixed.statuses['201'] ?? 0) + fixed.errors;
    // (b) as fast as it goes.
    const cpuB = await cpuFrom();
    const max = await runLoad({ url: address, headers, bodies: [...bodies.slice(10_000), ...bodies.slice(0, 10_000)], connections: MAX_CONNECTIONS, seconds: MAX_S });
    console.log(`(b) ${MAX_CONNECTIONS} connections for ${max.seconds.toFixed(0)} s: ${max.requests} answers ${JSON.stringify(max.statuses)}, ${max.errors} errors; latency p50 ${max.p50} ms, p99 ${max.p99} ms; load average ${load()}`);
    const created = max.statuses['201'] ?? 0;
    console.log(`    ${await cpuPerRequest(cpuB, max)}`);

    await server.close();
    server = undefined;
    const c = await counts(db);
    const expected = warm.requests + (fixed.statuses['201'] ?? 0) + created;
    console.log(`in the database: ${c.tickets} tickets (${expected} answered 201, the rest cut off by autocannon's stop), ${c.actions} action rows, ${c.classified} classified (confidence ≥ 0.6), ${c.suggested} with a suggestion, ${c.ungridded} without a grid`);
    // autocannon stops by closing its sockets: requests then in flight were taken but not answered.
    const cutOff = 10 + MAX_CONNECTIONS;
    if (c.tickets < expected || c.tickets > expected + cutOff || c.actions !== c.tickets || c.ungridded) throw new Error('the database does not hold one ticket with one 受理 row per 201 answer');

    // (c) the baseline: as many rows as (b) created, straight in.
    const n = Math.max(created, 1000);
    const baselineS = await insertBaseline(url, Array.from({ length: n }, (_, i) => tickets[i % tickets.length]), dispatcher.id);
    const baselinePerS = n / baselineS;
    console.log(`(c) baseline: ${n} tickets + 受理 rows by multi-row INSERTs (${BATCH} a statement, one transaction) in ${baselineS.toFixed(2)} s = ${baselinePerS.toFixed(0)} rows/s; load average ${load()}; bench took ${seconds(started).toFixed(0)} s`);
    // (d) for comparison: the same rows, one committed transaction a ticket.
    const perTicketS = await insertPerTicket(url, Array.from({ length: n }, (_, i) => tickets[i % tickets.length]), dispatcher.id, MAX_CONNECTIONS);
    const perTicketPerS = n / perTicketS;
    console.log(`(d) for comparison: the same ${n} tickets + 受理 rows, one committed transaction a ticket over ${MAX_CONNECTIONS} connections, in ${perTicketS.toFixed(2)} s = ${perTicketPerS.toFixed(0)} rows/s; load average ${load()}`);
    if (bad) throw new Error(`${bad} of the ${RATE} req/s answers were not 201`);
    console.log(`intake-ratio-per-ticket-commit: ${(max.reqPerS / perTicketPerS).toFixed(3)}`);
    console.log(`intake-ratio: ${(max.reqPerS / baselinePerS).toFixed(3)}`);
    console.log(`intake-req-per-s: ${max.reqPerS.toFixed(0)}`);
    console.log(`intake-p99-ms: ${fixed.p99}`);
  } finally {
    await server?.close();
    await serverDb.destroy();
    await bench.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
