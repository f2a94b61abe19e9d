import os from 'node:os';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { sql } from 'kysely';
import { openBenchDatabase } from './lib/bench-database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Caller } from '../src/kernel/auth/caller.ts';
import { makeIdNumber } from '../src/kernel/validators/index.ts';
import { seedHierarchy } from '../src/modules/org/seed.ts';
import { copyRows } from '../src/modules/registry/demo/copy-rows.ts';
import { COLUMNS } from '../src/modules/registry/import/columns.ts';
import { createJob, getJob, moveJob } from '../src/modules/registry/import/job-store.ts';
import { ImportRunner } from '../src/modules/registry/import/runner.ts';
import { seedRegistryReference } from '../src/modules/registry/vocabularies/index.ts';
import { seedDemoUsers } from '../src/modules/users/demo.ts';

/**
 * import: a generated 100k-row households file (.xlsx, one row per member, ~3 members a household)
 * imported into 昆都仑区 through the same code path as the API (upload → check → one-transaction
 * import with history rows and an audit record), and, in the same run, the same rows inserted
 * straight with COPY (no checks, no history; rolled back) as the baseline.
 * Goal: 100k rows in under a minute, i.e. import-rows-per-s ≥ 1667. Own database, cleaned up after.
 */

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const CITY = '150200';
const seconds = (t0: number) => (performance.now() - t0) / 1000;

interface Member { key: number; relation: string; name: string; idNumber: string; ethnicity: string; phone: string; grid: string; gridPath: string; address: string; room: string }

function generate(grids: { code: string; path: string }[]): Member[] {
  const out: Member[] = [];
  const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
  let key = 0;
  while (out.length < ROWS) {
    key++;
    const g = grids[key % grids.length];
    const size = Math.min(1 + (key % 4), ROWS - out.length);
    const address = `昆都仑区钢铁大街 ${key} 号`;
    for (let m = 0; m < size; m++) {
      const i = out.length;
      const day = new Date(Date.UTC(1940, 0, 1) + (i % 25_000) * 86_400_000).toISOString().slice(0, 10);
      out.push({
        key, relation: m === 0 ? '户主' : m === 1 ? '配偶' : '子', name: `${SURNAMES[i % SURNAMES.length]}测${i}`, idNumber: makeIdNumber('150203', day, 100 + Math.floor(i / 25_000)),
        ethnicity: i % 10 ? '汉族' : '蒙古族', phone: m === 0 ? `139${String(10_000_000 + i).slice(-8)}` : '', grid: g.code, gridPath: g.path, address, room: String(100 + (key % 600)),
      });
    }
  }
  return out;
}

async function xlsxOf(members: Member[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('住户及成员导入');
  const headers = ['户号', '与户主关系', '姓名', '公民身份号码', '民族', '联系电话', '网格编码', '住户地址', '房号'];
  if (!headers.every((h) => COLUMNS.households.some((c) => c.header === h))) throw new Error('bench headers out of date');
  ws.addRow(headers).commit();
  for (const m of members) {
    const head = m.relation === '户主';
    ws.addRow([String(m.key), m.relation, m.name, m.idNumber, m.ethnicity, m.phone, head ? m.grid : '', head ? m.address : '', head ? m.room : '']).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** The baseline: the same households and people straight into the tables with COPY, in a transaction rolled back after. */
async function copyBaseline(url: string, members: Member[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const t0 = performance.now();
    const keys = [...new Set(members.map((m) => m.key))];
    const hid = (await client.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('household','id')) AS id FROM generate_series(1, $1)`, [keys.length])).rows.map((r) => Number(r.id));
    const hOf = new Map(keys.map((k, i) => [k, hid[i]]));
    const heads = members.filter((m) => m.relation === '户主');
    await copyRows(client, 'household', ['city_code', 'id', 'grid_code', 'grid_path', 'room', 'address'], heads, (m) => [CITY, hOf.get(m.key)!, m.grid, m.gridPath, m.room, m.address]);
    const RELATION: Record<string, string> = { 户主: '02', 配偶: '10', 子: '20' };
    await copyRows(client, 'person', ['city_code', 'id_number', 'name', 'sex', 'birth_date', 'ethnicity', 'phone', 'residence_type', 'household_id', 'relation', 'grid_code', 'grid_path', 'address'], members,
      (m) => [CITY, m.idNumber, m.name, Number(m.idNumber[16]) % 2 ? '1' : '2', `${m.idNumber.slice(6, 10)}-${m.idNumber.slice(10, 12)}-${m.idNumber.slice(12, 14)}`, m.ethnicity === '汉族' ? '01' : '02', m.phone || null, 'registered', hOf.get(m.key)!, RELATION[m.relation], m.grid, m.gridPath, m.address]);
    const s = seconds(t0);
    await client.query('ROLLBACK');
    return s;
  } finally {
    await client.end();
  }
}

async function main() {
  const bench = await openBenchDatabase('shiyu_bench_import', 'bench-import');
  const { db, url } = bench;
  try {
    await migrateToLatest(db);
    await seedHierarchy(db, [CITY]);
    await seedRegistryReference(db, [CITY]);
    await seedDemoUsers(db);
    const grids = await db.selectFrom('area').select(['code', 'path']).where('level', '=', 'grid').where(sql<boolean>`path <@ '150200.150203'::ltree`).orderBy('code').execute();
    const user = await db.selectFrom('app_user').selectAll().where('username', '=', 'kdl.district').executeTakeFirstOrThrow();
    const caller: Caller = { id: user.id, username: user.username, displayName: user.display_name, role: user.role, cityCode: user.city_code, scopePath: user.scope_path, department: null, via: 'session' };

    const members = generate(grids);
    const file = await xlsxOf(members);
    console.log(`file: ${members.length} rows (${new Set(members.map((m) => m.key)).size} households) in ${grids.length} grids, ${(file.length / 1024 / 1024).toFixed(1)} MB xlsx`);

    const baselineS = await copyBaseline(url, members);

    const runner = new ImportRunner(db);
    const t0 = performance.now();
    const key = { cityCode: CITY, id: await createJob(db, caller, { kind: 'households', filename: 'bench.xlsx', format: 'xlsx', data: file }) };
    await runner.check(caller, key);
    const checkS = seconds(t0);
    const checked = await getJob(db, caller, key.id);
    if (checked.status !== 'checked' || checked.errorCount) throw new Error(`check: ${checked.status} ${checked.message ?? ''} ${JSON.stringify(checked.errors.slice(0, 3))}`);
    const t1 = performance.now();
    await moveJob(db, key, ['checked'], 'importing', { valid_only: false });
    await runner.run(caller, key, false);
    const runS = seconds(t1);
    const done = await getJob(db, caller, key.id);
    if (done.status !== 'done') throw new Error(`import: ${done.status} ${done.message}`);
    const [{ n }] = await db.selectFrom('person').select(sql<number>`count(*)::int`.as('n')).execute();
    if (n !== ROWS) throw new Error(`expected ${ROWS} people, found ${n}`);

    const totalS = checkS + runS;
    console.log(`check (read + every row checked): ${checkS.toFixed(1)} s; import (checked again + written with history, one transaction): ${runS.toFixed(1)} s; total ${totalS.toFixed(1)} s`);
    console.log(`baseline COPY of the same households and people (no checks, no history): ${baselineS.toFixed(1)} s; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
    console.log(`import-rows-per-s: ${Math.round(ROWS / totalS)}`);
    console.log(`import-ratio: ${((ROWS / totalS) / (ROWS / baselineS)).toFixed(3)}`);
  } finally {
    await bench.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
