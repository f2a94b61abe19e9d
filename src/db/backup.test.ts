import { MIGRATION_NAMES } from './migrate.ts';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { sql } from 'kysely';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ensureDatabase, kyselyFor, type Database } from './database.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.ts';
import { migrateToLatest } from './migrate.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { appendAudit, verifyAuditChain } from '../kernel/audit/audit.ts';

// Its own throwaway PostgreSQL: embedded, or the server of DATABASE_URL when set (CI's PostgreSQL 15).
const runId = `${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
const tmpDir = path.resolve(import.meta.dirname, '../../.tmp', `backup-test-${runId}`);
let server: EmbeddedServer | undefined;
let adminUrl = '';
const opened: Database[] = [];
const dbNames: string[] = [];

function freePort(): Promise<number> {
  const candidate = 55000 + Math.floor(Math.random() * 5000);
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => {
      const any = net.createServer();
      any.listen(0, '127.0.0.1', () => {
        const port = (any.address() as net.AddressInfo).port;
        any.close(() => resolve(port));
      });
    });
    srv.listen(candidate, '127.0.0.1', () => srv.close(() => resolve(candidate)));
  });
}

function urlOf(name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** A new, migrated database (names start with shiyu_t so the repo's global teardown also drops them). */
async function freshDatabase(label: string, migrate = true): Promise<Database> {
  const name = `shiyu_t_backup_${label}_${runId}`;
  await ensureDatabase(adminUrl, name);
  dbNames.push(name);
  const url = urlOf(name);
  const db = kyselyFor(url, 3);
  const d: Database = { db, url, embedded: false, close: () => db.destroy() };
  opened.push(d);
  if (migrate) await migrateToLatest(db);
  return d;
}

/** Every data table as sorted row texts (kysely_migration compared by names only: its timestamps differ per database). */
async function snapshot(d: Database): Promise<Record<string, string[]>> {
  const tables = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class
    WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND relname NOT LIKE 'kysely_migration%'
    ORDER BY relname`.execute(d.db);
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ r: string }>`SELECT t::text AS r FROM ${sql.table(name)} t ORDER BY 1`.execute(d.db);
    out[name] = r.rows.map((x) => x.r);
  }
  const m = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(d.db);
  out.__migrations = m.rows.map((x) => x.name);
  return out;
}

const logs: string[] = [];
const log = (m: string) => logs.push(m);

// --- helpers that take a backup file apart and put it back together (to fake damage) ---
function readLines(file: string): string[] {
  const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  return text.split('\n').filter((l, i, all) => !(i === all.length - 1 && l === ''));
}
function writeLines(file: string, lines: string[]): void {
  fs.writeFileSync(file, zlib.gzipSync(Buffer.from(lines.map((l) => `${l}\n`).join(''))));
}
/** Recomputes the trailer (counts and sha256) so that only the deliberate change remains. */
function resign(lines: string[]): string[] {
  const body = lines.slice(0, -1);
  const header = JSON.parse(body[0]);
  const counts = new Map<string, number>();
  let table = '';
  for (const l of body.slice(1)) {
    if (l.startsWith('[')) counts.set(table, (counts.get(table) ?? 0) + 1);
    else {
      table = JSON.parse(l).table;
      counts.set(table, 0);
    }
  }
  const tables = header.tables.map((t: { name: string }) => ({ name: t.name, rows: counts.get(t.name) ?? 0 }));
  const sha256 = crypto.createHash('sha256').update(body.map((l) => `${l}\n`).join('')).digest('hex');
  const trailer = { end: 'shiyu-backup', tables, rows: tables.reduce((s: number, t: { rows: number }) => s + t.rows, 0), sha256 };
  return [...body, JSON.stringify(trailer)];
}

const square = (x: number, y: number, s: number) => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]],
});

async function fill(d: Database): Promise<void> {
  const db = d.db;
  await db.insertInto('city').values([
    { code: '150200', name: '包头市', province_code: '150000' },
    { code: '150700', name: '呼伦贝尔市', province_code: '150000' },
  ]).execute();
  // Children inserted in an order where (by name) a child sorts before its parent.
  await db.insertInto('area').values([
    { city_code: '150200', code: '150200', parent_code: null, level: 'city', name: '包头市', path: '150200', households: 0, geometry: JSON.stringify(square(109.5, 40.4, 1)), center: JSON.stringify([110, 40.9]), source: 'official' },
    { city_code: '150200', code: '150203', parent_code: '150200', level: 'district', name: '昆都仑区', path: '150200.150203', households: 10, geometry: JSON.stringify(square(109.7, 40.6, 0.1)), center: null, source: 'official', updated_at: '2024-02-29 23:59:59.123456+08' },
    { city_code: '150200', code: '150203010', parent_code: '150203', level: 'street', name: "O'Brien \"街道\"\n\t\\ ✓ 𠀀", path: '150200.150203.150203010', households: 3, geometry: null, center: null, source: 'generated' },
    { city_code: '150200', code: '150203010011', parent_code: '150203010', level: 'community', name: '社区', path: '150200.150203.150203010.150203010011', households: 7, geometry: JSON.stringify({ type: 'MultiPolygon', coordinates: [[[[1.5, 2.25], [3, 4], [5, 6.000001], [1.5, 2.25]]]] }), center: JSON.stringify([1e-7, 123456.789]), source: 'imported' },
    { city_code: '150700', code: '150700', parent_code: null, level: 'city', name: '呼伦贝尔市', path: '150700', households: 0, geometry: null, center: null, source: 'official' },
  ]).execute();
  const b = await db.insertInto('building').values({ city_code: '150200', grid_code: '150203010011', name: '1号楼', address: null, location: JSON.stringify([109.8, 40.65]), floors: 18 }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('unit').values([{ city_code: '150200', building_id: b.id, name: '1单元' }, { city_code: '150200', building_id: b.id, name: '2单元' }]).execute();
  await db.insertInto('department').values({ city_code: '150200', name: '市指挥中心', phone: '12345' }).execute(); // app_user.department refers to it
  const users = await db.insertInto('app_user').values([
    { city_code: '150200', username: 'admin.bt', display_name: '管理员', role: 'city_admin', scope_path: '150200', password_hash: '$argon2id$v=19$m=19456,t=2,p=1$abc$def', phone: null, department: '市指挥中心' },
    { city_code: '150200', username: 'grid_1', display_name: '网格员 一', role: 'grid_worker', scope_path: '150200.150203.150203010.150203010011', password_hash: 'x', locked_until: new Date('2030-01-01T00:00:00.5Z'), active: false },
  ]).returning(['id', 'display_name']).execute();
  await db.insertInto('user_session').values({ id: 'a'.repeat(64), user_id: users[0].id, expires_at: new Date('2031-05-06T07:08:09.010Z'), ip: '10.0.0.1', user_agent: 'vitest' }).execute();
  await db.insertInto('idempotency').values({ key: 'k1', user_id: users[0].id, route: 'POST /x', status: 201, body: JSON.stringify({ b: [1, 2, { c: null }], a: '文' }) }).execute();
  const actor = { id: users[0].id, displayName: users[0].display_name, cityCode: '150200' };
  await appendAudit(db, actor, { action: 'user.create', targetType: 'user', targetId: users[1].id, detail: { username: 'grid_1', nested: { z: 1, a: [true, null] } } });
  await appendAudit(db, actor, { action: 'area.update', targetType: 'area', targetId: '150203', detail: { name: '昆都仑区' }, ip: '10.0.0.1' });
  await appendAudit(db, null, { action: 'system.start', cityCode: null });
  // An id gap, as after a rolled-back insert: sequences must continue after max(id), not after the count.
  await sql`SELECT nextval(pg_get_serial_sequence('app_user', 'id'))`.execute(db);
  await db.insertInto('app_user').values({ city_code: '150700', username: 'admin.hlbe', display_name: '管理员 呼伦贝尔', role: 'city_admin', scope_path: '150700', password_hash: 'y' }).execute();
}

let source: Database;
let target: Database;
let file: string;

beforeAll(async () => {
  fs.mkdirSync(tmpDir, { recursive: true });
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = '/postgres';
    adminUrl = u.toString();
  } else {
    server = await startEmbeddedPostgres(path.join(tmpDir, 'pg'), await freePort());
    adminUrl = server.url();
  }
  source = await freshDatabase('src');
  target = await freshDatabase('dst');
  await fill(source);
  file = path.join(tmpDir, 'shiyu.jsonl.gz');
}, 180_000);

afterAll(async () => {
  for (const d of opened) await d.close().catch(() => {});
  if (adminUrl) for (const n of dbNames) await adminQuery(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`).catch(() => {});
  if (server) await server.stop();
  fs.rmSync(tmpDir, { recursive: true, force: true });
}, 60_000);

describe('backup and restore', () => {
  it('backs up every table into a gzip\'d JSON-lines file with header and trailer', async () => {
    const r = await backupDatabase(source, file, log);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const lines = readLines(file);
    const header = JSON.parse(lines[0]);
    const trailer = JSON.parse(lines.at(-1)!);
    expect(header).toMatchObject({ format: 'shiyu-backup', version: 1, migrations: MIGRATION_NAMES });
    const names = header.tables.map((t: { name: string }) => t.name);
    expect(names).not.toContain('kysely_migration_lock');
    for (const t of ['city', 'area', 'building', 'unit', 'police_grid', 'app_user', 'user_session', 'api_key', 'audit_log', 'idempotency', 'kysely_migration']) expect(names).toContain(t);
    // parents before children
    expect(names.indexOf('city')).toBeLessThan(names.indexOf('area'));
    expect(names.indexOf('area')).toBeLessThan(names.indexOf('building'));
    expect(names.indexOf('building')).toBeLessThan(names.indexOf('unit'));
    expect(names.indexOf('app_user')).toBeLessThan(names.indexOf('user_session'));
    expect(header.tables.find((t: { name: string }) => t.name === 'area').columns).toContainEqual({ name: 'path', type: 'ltree' });
    expect(trailer.end).toBe('shiyu-backup');
    expect(trailer.tables.find((t: { name: string }) => t.name === 'area').rows).toBe(5);
    expect(trailer.tables.find((t: { name: string }) => t.name === 'audit_log').rows).toBe(3);
    expect(r).toEqual({ tables: names.length, rows: trailer.rows });
    expect(logs.some((m) => /area 5 rows/.test(m))).toBe(true);
  });

  it('restores into an empty migrated database: every table equal, audit chain intact', async () => {
    const r = await restoreDatabase(target, file, { replace: false, log });
    // kysely_migration is not restored but recreated by migrating the target
    expect(r.tables).toBe(JSON.parse(readLines(file)[0]).tables.length - 1);
    expect(await snapshot(target)).toEqual(await snapshot(source));
    const chain = await verifyAuditChain(target.db);
    expect(chain).toMatchObject({ ok: true, checked: 3 });
    // the append-only trigger is back on
    await expect(sql`DELETE FROM audit_log`.execute(target.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(target.db)).rejects.toThrow(/append-only/);
    // and the foreign keys are back (self-reference of area included)
    await expect(target.db.insertInto('area').values({ city_code: '150200', code: '150299', parent_code: '150298', level: 'district', name: 'x', path: '150200.150299', households: 0, geometry: null, center: null, source: 'official' }).execute()).rejects.toThrow(/foreign key/);
  });

  it('continues identity sequences after the highest restored id', async () => {
    const maxUser = await target.db.selectFrom('app_user').select(sql<number>`max(id)`.as('m')).executeTakeFirstOrThrow();
    const u = await target.db.insertInto('app_user').values({ city_code: '150200', username: 'new.one', display_name: 'n', role: 'resident', scope_path: '150200', password_hash: 'z' }).returning('id').executeTakeFirstOrThrow();
    expect(Number(maxUser.m)).toBe(4); // 1, 2, (3 skipped), 4
    expect(u.id).toBe(5);
    await appendAudit(target.db, null, { action: 'after.restore' });
    const last = await target.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(Number(last.id)).toBe(4);
    expect((await verifyAuditChain(target.db)).ok).toBe(true);
    const b = await target.db.insertInto('building').values({ city_code: '150200', grid_code: '150203010011', name: '2号楼', address: null, location: null, floors: null }).returning('id').executeTakeFirstOrThrow();
    expect(Number(b.id)).toBe(2);
  });

  it('refuses a non-empty target without replace, and leaves it unchanged', async () => {
    const before = await snapshot(target);
    await expect(restoreDatabase(target, file, { replace: false, log })).rejects.toThrow(/already has data.*--replace/);
    expect(await snapshot(target)).toEqual(before);
  });

  it('refuses a cut-off or altered file before touching the target', async () => {
    const before = await snapshot(target);
    const bytes = fs.readFileSync(file);

    const truncated = path.join(tmpDir, 'truncated.jsonl.gz');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect(restoreDatabase(target, truncated, { replace: true, log })).rejects.toThrow(/damaged or incomplete/);

    const lines = readLines(file);
    const noTrailer = path.join(tmpDir, 'no-trailer.jsonl.gz');
    writeLines(noTrailer, lines.slice(0, -1));
    await expect(restoreDatabase(target, noTrailer, { replace: true, log })).rejects.toThrow(/no end marker/);

    const altered = path.join(tmpDir, 'altered.jsonl.gz');
    writeLines(altered, lines.map((l) => l.replace('昆都仑区', '昆都仑X')));
    await expect(restoreDatabase(target, altered, { replace: true, log })).rejects.toThrow(/checksum/);

    const missingRow = path.join(tmpDir, 'missing-row.jsonl.gz');
    const i = lines.findIndex((l) => l.includes('1单元'));
    writeLines(missingRow, [...lines.slice(0, i), ...lines.slice(i + 1)]);
    await expect(restoreDatabase(target, missingRow, { replace: true, log })).rejects.toThrow(/unit has 1 rows, the end marker says 2/);

    const garbage = path.join(tmpDir, 'garbage.gz');
    fs.writeFileSync(garbage, 'not a backup at all');
    await expect(restoreDatabase(target, garbage, { replace: true, log })).rejects.toThrow(/not a gzip'd Shiyu backup/);

    await expect(restoreDatabase(target, path.join(tmpDir, 'nope.gz'), { replace: true, log })).rejects.toThrow(/cannot be read/);

    const future = path.join(tmpDir, 'future.jsonl.gz');
    const h = JSON.parse(lines[0]);
    h.migrations.push('9999_from_the_future');
    writeLines(future, resign([JSON.stringify(h), ...lines.slice(1)]));
    await expect(restoreDatabase(target, future, { replace: true, log })).rejects.toThrow(/newer version of Shiyu.*9999_from_the_future/);

    expect(await snapshot(target)).toEqual(before);
    expect((await verifyAuditChain(target.db)).ok).toBe(true);
  });

  it('rolls back completely when the data fails late (a dangling foreign key), triggers included', async () => {
    const before = await snapshot(target);
    const lines = readLines(file);
    // A well-formed, correctly signed file whose area row points to a parent that does not exist.
    const bad = path.join(tmpDir, 'dangling.jsonl.gz');
    writeLines(bad, resign(lines.map((l) => (l.startsWith('[') && l.includes('"150203010"') && l.includes('"150203"') ? l.replace('"150203",', '"150209",') : l))));
    await expect(restoreDatabase(target, bad, { replace: true, log })).rejects.toThrow(/restore failed, the database was left unchanged: .*foreign key/);
    expect(await snapshot(target)).toEqual(before);
    await expect(sql`DELETE FROM audit_log`.execute(target.db)).rejects.toThrow(/append-only/);
    const trig = await sql<{ tgenabled: string }>`SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_log_no_change'`.execute(target.db);
    expect(trig.rows[0].tgenabled).toBe('O');
  });

  it('replace empties the target and restores the backup', async () => {
    expect((await snapshot(target)).app_user.length).toBe(4); // source's 3 + the one added above
    const r = await restoreDatabase(target, file, { replace: true, log });
    // kysely_migration is not restored but recreated by migrating the target
    expect(r.tables).toBe(JSON.parse(readLines(file)[0]).tables.length - 1);
    expect(await snapshot(target)).toEqual(await snapshot(source));
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true, checked: 3 });
    const u = await target.db.insertInto('app_user').values({ city_code: '150200', username: 'again', display_name: 'a', role: 'resident', scope_path: '150200', password_hash: 'z' }).returning('id').executeTakeFirstOrThrow();
    expect(u.id).toBe(5);
    expect(logs.some((m) => /emptied/.test(m))).toBe(true);
  });

  it('restores into a database that was never migrated', async () => {
    const blank = await freshDatabase('blank', false);
    await restoreDatabase(blank, file, { replace: false, log });
    expect(await snapshot(blank)).toEqual(await snapshot(source));
  });

  it('streams a larger table in batches and round-trips every text form', async () => {
    const big = await freshDatabase('big');
    await big.db.insertInto('city').values({ code: '150200', name: '包头市', province_code: '150000' }).execute();
    await big.db.insertInto('area').values({ city_code: '150200', code: '150200', parent_code: null, level: 'city', name: '包头市', path: '150200', households: 0, geometry: null, center: null, source: 'official' }).execute();
    // 6000 grids with geometries, chained: each the child of the previous (a 6000-deep self-reference).
    await sql`INSERT INTO area (city_code, code, parent_code, level, name, path, households, geometry, source, updated_at)
      SELECT '150200', (150200000000 + g)::text, CASE WHEN g = 1 THEN '150200' ELSE (150200000000 + g - 1)::text END, 'grid',
             'grid ' || g, text2ltree('150200.g' || g), g % 100,
             jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(jsonb_build_array(g * 0.001, 40.1), jsonb_build_array(110.000001, g / 7.0), jsonb_build_array(g * 0.001, 40.1)))),
             'generated', '2025-01-01 00:00:00+00'::timestamptz + g * interval '1.000001 second'
      FROM generate_series(1, 6000) g`.execute(big.db);
    const bigFile = path.join(tmpDir, 'big.jsonl.gz');
    const b = await backupDatabase(big, bigFile, log);
    expect(b.rows).toBeGreaterThanOrEqual(6002);
    const copy = await freshDatabase('bigcopy');
    const r = await restoreDatabase(copy, bigFile, { replace: false, log });
    expect(r.rows).toBe(6002);
    expect(await snapshot(copy)).toEqual(await snapshot(big));
  }, 120_000);

  it('never leaves a file that looks complete when the backup fails', async () => {
    const blocked = path.join(tmpDir, 'blocked');
    fs.writeFileSync(blocked, 'a file, not a directory');
    const out = path.join(blocked, 'x.jsonl.gz');
    await expect(backupDatabase(source, out, log)).rejects.toThrow(/backup failed/);
    expect(fs.existsSync(out)).toBe(false);

    // A failure in the middle of writing (here: the log callback throws once the first table is out).
    const midway = path.join(tmpDir, 'midway.jsonl.gz');
    const p = backupDatabase(source, midway, (m) => {
      if (/backup: area/.test(m)) throw new Error('disk on fire');
    });
    await expect(p).rejects.toThrow(/backup failed, no backup was written: disk on fire/);
    expect(fs.existsSync(midway)).toBe(false);
    expect(fs.existsSync(`${midway}.partial`)).toBe(false);
  });
});
