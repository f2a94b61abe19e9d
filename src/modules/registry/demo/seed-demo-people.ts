// Synthetic residents for demos and benchmarks (演示数据): fills the grids under an area with
// people, households, buildings, organisations and rental houses, one transaction per district.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { todayInChina } from '../../../kernel/validators/normalise.ts';
import { generateDistrict } from './generate.ts';
import { districtCodes, findDemoArea, loadDemoGrids } from './grids.ts';
import { loadDistrict } from './load.ts';
import { MEAN_HOUSEHOLD_SIZE } from './population.ts';
import { shares } from './random.ts';
import type { DemoGrid } from './types.ts';

export interface DemoPeopleOptions {
  /** Area code (district, street, community or grid) whose grids are filled. */
  area: string;
  /** People in all; default: the hierarchy's households × scale × 2.41. */
  people?: number;
  /** Factor on the hierarchy's household counts when `people` is not given (default 1). */
  scale?: number;
  /** Organisations in all; default 11 per 100 people (Kundulun: 66k for 600k). */
  organisations?: number;
  seed?: string;
  /** Reference date for ages, YYYY-MM-DD; default today in China. */
  asOf?: string;
  /** 'auto' rebuilds indexes when a load adds at least 50,000 people and more than the table holds. */
  indexes?: 'auto' | 'rebuild' | 'keep';
  log?: (m: string) => void;
}

export interface DemoPeopleResult {
  area: string;
  /** True when the area already had people and nothing was added. */
  skipped: boolean;
  people: number;
  households: number;
  buildings: number;
  organisations: number;
  rentals: number;
  tags: number;
  generateSeconds: number;
  loadSeconds: number;
}

/**
 * Fills the grids under `opts.area` with generated residents. Where the area (or, for a city, a
 * district) already has people it is left as it is, so this is safe to call on every start. `target.url` is used for COPY on a connection
 * of its own; `target.db` for reading the area tree.
 */
export async function seedDemoPeople(target: { db: Kysely<DB>; url: string }, opts: DemoPeopleOptions): Promise<DemoPeopleResult> {
  const log = opts.log ?? (() => {});
  const { db } = target;
  const area = await findDemoArea(db, opts.area);
  if (!area) throw new Error(`no area with code ${opts.area}; load the hierarchy first (shiyu seed)`);
  const result: DemoPeopleResult = { area: area.code, skipped: false, people: 0, households: 0, buildings: 0, organisations: 0, rentals: 0, tags: 0, generateSeconds: 0, loadSeconds: 0 };
  const grids = await loadDemoGrids(db, area.cityCode, area.path);
  if (!grids.length) throw new Error(`area ${area.code} ${area.name} has no grids`);
  const households = grids.reduce((s, g) => s + g.households, 0);
  const people = opts.people ?? Math.round(households * (opts.scale ?? 1) * MEAN_HOUSEHOLD_SIZE);
  const organisations = opts.organisations ?? Math.round(people * 0.11);
  if (!Number.isInteger(people) || people < 0) throw new Error(`people must be a whole number ≥ 0, got ${people}`);
  if (!Number.isInteger(organisations) || organisations < 0) throw new Error(`organisations must be a whole number ≥ 0, got ${organisations}`);
  const seed = opts.seed ?? 'shiyu-demo';
  const asOf = opts.asOf ?? todayInChina();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) throw new Error(`asOf must be a date YYYY-MM-DD, got ${asOf}`);

  const byDistrict = new Map<string, DemoGrid[]>();
  for (const g of grids) byDistrict.set(g.districtCode, [...(byDistrict.get(g.districtCode) ?? []), g]);
  const districts = [...byDistrict.values()];
  const weights = districts.map((gs) => gs.reduce((s, g) => s + g.households, 0));
  const peopleShares = shares(weights, people), orgShares = shares(weights, organisations);
  const others = await districtCodes(db, area.cityCode);
  // ID numbers and credit codes are unique per city: the generator avoids those already there.
  const existingIds = (await db.selectFrom('person').select('id_number').where('city_code', '=', area.cityCode).execute()).map((r) => r.id_number);
  const existingCodes = (await db.selectFrom('organisation').select('credit_code').where('city_code', '=', area.cityCode).where('credit_code', 'is not', null).execute()).map((r) => r.credit_code!);
  log(`${area.name} ${area.code}: ${people.toLocaleString('en')} people and ${organisations.toLocaleString('en')} organisations over ${grids.length} grids`);

  let loaded = 0;
  for (let i = 0; i < districts.length; i++) {
    const gs = districts[i];
    // Each district is one transaction: one already filled (by an earlier run) is left as it is.
    const scope = area.level === 'city' ? gs[0].path.split('.').slice(0, 2).join('.') : area.path;
    const has = await db.selectFrom('person').select('id').where('city_code', '=', area.cityCode).where(sql<boolean>`grid_path <@ ${scope}::ltree`).limit(1).executeTakeFirst();
    if (has) {
      log(`${gs[0].districtName} ${scope.split('.').pop()} already has people: left as it is`);
      continue;
    }
    loaded++;
    const t0 = performance.now();
    const data = generateDistrict({
      grids: gs, people: peopleShares[i], organisations: orgShares[i], seed, asOf,
      otherDistrictCodes: others, existingIdNumbers: existingIds, existingCreditCodes: existingCodes,
    });
    const t1 = performance.now();
    log(`${gs[0].districtName} ${gs[0].districtCode}: generated ${data.people.length.toLocaleString('en')} people, ${data.households.length.toLocaleString('en')} households, ${data.organisations.length.toLocaleString('en')} organisations in ${((t1 - t0) / 1000).toFixed(1)} s`);
    const rebuild = opts.indexes === 'rebuild' || (opts.indexes !== 'keep' && data.people.length >= 50_000 && (await countUpTo(db, data.people.length)) < data.people.length);
    await loadDistrict(target.url, data, { cityCode: area.cityCode, districtCode: gs[0].districtCode, rebuildIndexes: rebuild, log });
    const t2 = performance.now();
    log(`${gs[0].districtName} ${gs[0].districtCode}: loaded in ${((t2 - t1) / 1000).toFixed(1)} s${rebuild ? ' (indexes rebuilt)' : ''}`);
    for (const p of data.people) existingIds.push(p.idNumber);
    for (const o of data.organisations) existingCodes.push(o.creditCode);
    result.people += data.people.length;
    result.households += data.households.length;
    result.buildings += data.buildings.length;
    result.organisations += data.organisations.length;
    result.rentals += data.rentals.length;
    result.tags += data.tags.length;
    result.generateSeconds += (t1 - t0) / 1000;
    result.loadSeconds += (t2 - t1) / 1000;
  }
  return { ...result, skipped: loaded === 0 };
}

/** Rows of `person`, counted no further than `limit` (cheap on a big table). */
async function countUpTo(db: Kysely<DB>, limit: number): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM person LIMIT ${limit}) t`.execute(db);
  return r.rows[0].n;
}
