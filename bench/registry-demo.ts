// Synthetic residents: generating and loading a Kundulun-sized district (600k people, 66k
// organisations over 1,391 grids) with COPY, against a baseline measured in the same run: plain
// multi-row INSERT (1,000 rows a statement, all indexes and keys in place) of the first 50,000
// of the same people and their households, rolled back afterwards.
// Run: npx tsx bench/registry-demo.ts   (embedded PostgreSQL under .tmp/, or DATABASE_URL)
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from '../src/version.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/db/embedded.ts';
import { ensureDatabase, kyselyFor } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedHierarchy } from '../src/modules/org/seed.ts';
import { seedRegistryReference } from '../src/modules/registry/vocabularies/index.ts';
import { generateDistrict } from '../src/modules/registry/demo/generate.ts';
import { districtCodes, loadDemoGrids } from '../src/modules/registry/demo/grids.ts';
import { seedDemoPeople } from '../src/modules/registry/demo/seed-demo-people.ts';
import type { DemoData } from '../src/modules/registry/demo/types.ts';

const AREA = '150203', PEOPLE = 600_000, ORGANISATIONS = 66_000, SAMPLE = 50_000, AS_OF = '2026-11-24', SEED = 'shiyu-demo';
const freePort = () => new Promise<number>((res) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => res(p)); }); });

async function insertRows(client: pg.Client, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const values = batch.map((r, k) => `(${r.map((_, j) => `$${k * columns.length + j + 1}`).join(',')})`).join(',');
    await client.query(`INSERT INTO ${table} (${columns.join(',')}) OVERRIDING SYSTEM VALUE VALUES ${values}`, batch.flat());
  }
}

/** People per second of plain INSERTs of the first `SAMPLE` people and their households. */
async function baseline(url: string, data: DemoData): Promise<number> {
  const people = data.people.slice(0, SAMPLE);
  const households = data.households.slice(0, people[people.length - 1].householdId);
  const buildings = data.buildings.slice(0, Math.max(...households.map((h) => h.buildingId)));
  const units = data.units.filter((u) => u.buildingId <= buildings.length);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL synchronous_commit = off');
    await insertRows(client, 'building', ['city_code', 'id', 'grid_code', 'grid_path', 'name', 'address', 'floors', 'kind'], buildings.map((b) => ['150200', b.id, b.gridCode, b.gridPath, b.name, b.address, b.floors, b.kind]));
    await insertRows(client, 'unit', ['city_code', 'id', 'building_id', 'name', 'floors', 'rooms_per_floor'], units.map((u) => ['150200', u.id, u.buildingId, u.name, u.floors, u.roomsPerFloor]));
    const t = performance.now();
    await insertRows(client, 'household', ['city_code', 'id', 'grid_code', 'grid_path', 'building_id', 'unit_id', 'room', 'address', 'phone'],
      households.map((h) => ['150200', h.id, h.gridCode, h.gridPath, h.buildingId, h.unitId, h.room, h.address, h.phone]));
    await insertRows(client, 'person', ['city_code', 'id', 'id_number', 'name', 'sex', 'birth_date', 'ethnicity', 'political_status', 'education', 'phone', 'residence_type', 'household_id', 'relation', 'grid_code', 'grid_path', 'address', 'workplace'],
      people.map((p) => ['150200', p.id, p.idNumber, p.name, p.sex, p.birthDate, p.ethnicity, p.politicalStatus, p.education, p.phone, p.residenceType, p.householdId, p.relation, p.gridCode, p.gridPath, p.address, p.workplace]));
    const s = (performance.now() - t) / 1000;
    console.log(`baseline: INSERT of ${people.length.toLocaleString('en')} people and ${households.length.toLocaleString('en')} households in ${s.toFixed(1)} s`);
    return people.length / s;
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end();
  }
}

async function main() {
  let server: EmbeddedServer | undefined;
  let url: string;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: u.toString() });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS shiyu_bench_demo WITH (FORCE)');
    await admin.end();
    await ensureDatabase(u.toString(), 'shiyu_bench_demo');
    u.pathname = '/shiyu_bench_demo';
    url = u.toString();
  } else {
    const dir = path.join(ROOT, '.tmp', 'bench-registry-demo');
    fs.rmSync(dir, { recursive: true, force: true });
    server = await startEmbeddedPostgres(path.join(dir, 'pg'), await freePort());
    await ensureDatabase(server.url(), 'bench');
    url = server.url('bench');
  }
  const db = kyselyFor(url, 4);
  try {
    await migrateToLatest(db);
    await seedHierarchy(db, ['150200']);
    await seedRegistryReference(db, ['150200']);
    const area = await db.selectFrom('area').select(['path']).where('code', '=', AREA).executeTakeFirstOrThrow();
    // The same rows seedDemoPeople makes (one district: the same options give the same data).
    const grids = await loadDemoGrids(db, '150200', area.path);
    const data = generateDistrict({ grids, people: PEOPLE, organisations: ORGANISATIONS, seed: SEED, asOf: AS_OF, otherDistrictCodes: await districtCodes(db, '150200'), existingIdNumbers: [], existingCreditCodes: [] });
    const base = await baseline(url, data);

    const t = performance.now();
    const r = await seedDemoPeople({ db, url }, { area: AREA, people: PEOPLE, organisations: ORGANISATIONS, seed: SEED, asOf: AS_OF, log: (m) => console.log(m) });
    const s = (performance.now() - t) / 1000;
    if (r.people !== PEOPLE || r.organisations !== ORGANISATIONS) throw new Error(`loaded ${r.people} people and ${r.organisations} organisations`);
    const rate = r.people / s;
    console.log(`generate ${r.generateSeconds.toFixed(1)} s + load ${r.loadSeconds.toFixed(1)} s: ${r.people.toLocaleString('en')} people, ${r.households.toLocaleString('en')} households, ${r.organisations.toLocaleString('en')} organisations, ${r.rentals.toLocaleString('en')} rental houses, ${r.tags.toLocaleString('en')} tags`);
    console.log(`demo-baseline-insert-people-per-s: ${Math.round(base)}`);
    console.log(`demo-ratio-to-insert: ${(rate / base).toFixed(1)}`);
    console.log(`demo-people-per-s: ${Math.round(rate)}`);
    console.log(`demo-load-s: ${s.toFixed(1)}`);
  } finally {
    await db.destroy();
    await server?.stop();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
