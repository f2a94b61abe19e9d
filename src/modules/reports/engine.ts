import { sql, type Kysely } from 'kysely';
import type { Area, AreaLevel, DB } from '../../db/types.ts';
import {
  and, baseWhere, householdConds, householdMembers, needsSizes, organisationConds, personConds, personSizeConds, rentalConds,
  type Cond, type RunContext,
} from './conditions.ts';
import { cubeGroups, personCube } from './person-cube.ts';
import { completeRow, type Cell } from './result.ts';
import { baseColumns, type BaseMeasure, type HouseholdFilter, type OrganisationFilter, type PersonFilter, type RentalHouseFilter, type RowLevel, type TableSpec } from './spec.ts';

/**
 * The report engine. A batch of table templates (one, or every form a department prints
 * for the month) compiles into one statement per entity, so each registry table is read
 * once for all of them: people fold into a cube first (person-cube.ts); households,
 * organisations and rental houses are aggregated directly, every column a conditional
 * aggregate (count(*) FILTER (WHERE …)) grouped by grid, then rolled up to the row level
 * with the total (GROUP BY ROLLUP). The same measure in several templates is computed
 * once. The statements run side by side on the pool.
 */

export const DEPTH: Record<AreaLevel, number> = { city: 1, district: 2, street: 3, community: 4, grid: 5 };
const LEVEL_AT = Object.fromEntries(Object.entries(DEPTH).map(([l, d]) => [d, l])) as Record<number, AreaLevel>;

/** The rows' level for a run: the template's level when it lies below the area, else the next one down (a grid lists itself). */
export function rowLevelFor(area: Pick<Area, 'level'>, wanted: RowLevel): AreaLevel {
  const d = Math.max(DEPTH[wanted], Math.min(DEPTH[area.level] + 1, DEPTH.grid));
  return LEVEL_AT[d];
}

export interface RowArea { code: string; name: string; path: string }

/** The areas the rows stand for, in code order. */
export async function rowAreas(db: Kysely<DB>, area: Pick<Area, 'city_code' | 'path'>, level: AreaLevel): Promise<RowArea[]> {
  return db.selectFrom('area').select(['code', 'name', 'path'])
    .where('city_code', '=', area.city_code).where(sql<boolean>`path <@ ${area.path}::ltree`).where(sql<boolean>`nlevel(path) = ${DEPTH[level]}`)
    .orderBy('code').execute();
}

export interface TableRun { rows: { code: string; name: string; cells: Cell[] }[]; total: Cell[] }

/** A measure's identity: the same count asked by two templates is computed once. */
function measureId(m: BaseMeasure): string {
  const canon = (v: unknown): unknown => (Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort().map(([k, x]) => [k, canon(x)])) : v);
  return JSON.stringify(canon(m));
}

/** hashCube: the statement folds rows into a cube the planner takes for as many groups as rows; hashing it is always right. */
interface Statement { sql: Cond; slots: string[]; hashCube?: boolean }

const c = (i: number) => sql.raw(`"c${i}"`);

/** Grid-level aggregates rolled up to the row level, plus the total row (rk NULL). */
function rolledUp(aggs: Cond[], from: Cond, groupKey: Cond, depth: number, ctes: Cond[] = []): Cond {
  const sums = aggs.map((_, i) => sql`sum(${c(i)})::float8 AS ${c(i)}`);
  const rk = sql`subpath(g.k, 0, least(nlevel(g.k), ${sql.lit(depth)}))::text`;
  return sql`WITH ${sql.join([...ctes, sql`g AS (SELECT ${groupKey} AS k, ${sql.join(aggs.map((a, i) => sql`${a} AS ${c(i)}`))} ${from} GROUP BY ${groupKey})`])}
    SELECT ${rk} AS rk, ${sql.join(sums)} FROM g GROUP BY ROLLUP (${rk})`;
}

const count = (conds: Cond[]) => (conds.length ? sql`count(*) FILTER (WHERE ${and(conds)})` : sql`count(*)`);
const total = (expr: Cond, conds: Cond[]) => sql`coalesce(sum(${expr})${conds.length ? sql` FILTER (WHERE ${and(conds)})` : sql``}, 0)`;

/** Compiles the base measures of a batch into one statement per entity. */
export function compileBatch(measures: Map<string, BaseMeasure>, rc: RunContext, level: AreaLevel): Statement[] {
  const depth = DEPTH[level];
  const out: Statement[] = [];
  const of = (pred: (m: BaseMeasure) => boolean) => [...measures].filter(([, m]) => pred(m));

  const people = of((m) => m.entity === 'person' && !needsSizes('person', m.filter));
  const filters = people.map(([, m]) => (m.filter ?? {}) as PersonFilter);
  for (const group of cubeGroups(filters, rc)) {
    out.push({ hashCube: true, slots: group.map((i) => people[i][0]), sql: personCube(group.map((i) => filters[i]), rc, depth) });
  }

  // Households, and people counted through their household (独居, household size).
  const households = of((m) => m.entity === 'household');
  const sized = of((m) => m.entity === 'person' && needsSizes('person', m.filter));
  if (households.length || sized.length) {
    const hAggs = households.map(([, m]) => {
      const conds = householdConds((m.filter ?? {}) as HouseholdFilter, rc);
      return m.kind === 'count' ? count(conds) : total(sql.ref(`h.${m.field}`), conds);
    });
    // A person measure with a size test counts the household's matching members (pc_i) where its size fits.
    const pAggs = sized.map(([, m], i) => total(sql.raw(`hm.pc${i}`), personSizeConds(m.filter as PersonFilter, sql`coalesce(hm.n, 0)`)));
    const sizes = sized.length > 0 || households.some(([, m]) => needsSizes('household', m.filter));
    // Member aggregates MATERIALIZED: built once, not once per parallel worker.
    const ctes = sizes ? [sql`hm AS MATERIALIZED (${householdMembers(rc, sized.map(([, m]) => and(personConds(m.filter as PersonFilter, rc))))})`] : [];
    const join = sizes ? sql` LEFT JOIN hm ON hm.household_id = h.id` : sql``;
    out.push({
      slots: [...households, ...sized].map(([id]) => id),
      sql: rolledUp([...hAggs, ...pAggs], sql`FROM household h${join} WHERE ${baseWhere('household', rc)}`, sql`h.grid_path`, depth, ctes),
    });
  }

  const orgs = of((m) => m.entity === 'organisation');
  if (orgs.length) {
    const aggs = orgs.map(([, m]) => { const conds = organisationConds((m.filter ?? {}) as OrganisationFilter, rc); return m.kind === 'count' ? count(conds) : total(sql.ref(`o.${m.field}`), conds); });
    out.push({ slots: orgs.map(([id]) => id), sql: rolledUp(aggs, sql`FROM organisation o WHERE ${baseWhere('organisation', rc)}`, sql`o.grid_path`, depth) });
  }

  const rentals = of((m) => m.entity === 'rental_house');
  if (rentals.length) {
    const aggs = rentals.map(([, m]) => { const conds = rentalConds((m.filter ?? {}) as RentalHouseFilter); return m.kind === 'count' ? count(conds) : total(sql.ref(`r.${m.field}`), conds); });
    out.push({ slots: rentals.map(([id]) => id), sql: rolledUp(aggs, sql`FROM rental_house r WHERE ${baseWhere('rental_house', rc)}`, sql`r.grid_path`, depth) });
  }
  return out;
}

/**
 * Runs one statement with memory for its hash tables (a district's households fit without
 * spilling). A cube's hash table is small (tens of thousands of cells) but the planner sizes
 * it by its estimate, a cell per person; given the memory and told not to sort, it hashes.
 */
async function execute(db: Kysely<DB>, stmt: Statement): Promise<Record<string, unknown>[]> {
  return db.transaction().execute(async (trx) => {
    await sql.raw(`SET LOCAL work_mem = '${stmt.hashCube ? '128MB' : '64MB'}'`).execute(trx);
    if (stmt.hashCube) await sql`SET LOCAL enable_sort = off`.execute(trx);
    return (await stmt.sql.execute(trx)).rows as Record<string, unknown>[];
  });
}

/** Runs a batch of table templates for one area, row level and date. */
export async function runTables(db: Kysely<DB>, specs: TableSpec[], rc: RunContext, level: AreaLevel): Promise<TableRun[]> {
  const measures = new Map<string, BaseMeasure>();
  const slotOf = specs.map((s) => new Map(baseColumns(s).map((col) => { const id = measureId(col.measure); measures.set(id, col.measure); return [col.key, id]; })));
  const statements = compileBatch(measures, rc, level);
  const [areas, ...results] = await Promise.all([
    rowAreas(db, { city_code: rc.cityCode, path: rc.areaPath }, level),
    ...statements.map((s) => execute(db, s)),
  ]);
  // value[rowKey or '' for the total][measure id]
  const value = new Map<string, Map<string, number>>();
  statements.forEach((s, i) => {
    for (const row of results[i]) {
      const key = (row.rk as string | null) ?? '';
      if (!value.has(key)) value.set(key, new Map());
      s.slots.forEach((id, j) => value.get(key)!.set(id, Number(row[`c${j}`] ?? 0)));
    }
  });
  const cells = (spec: TableSpec, slots: Map<string, string>, key: string) =>
    completeRow(spec, new Map([...slots].map(([col, id]) => [col, value.get(key)?.get(id) ?? 0])));
  return specs.map((spec, i) => ({
    rows: areas.map((a) => ({ code: a.code, name: a.name, cells: cells(spec, slotOf[i], a.path) })),
    total: cells(spec, slotOf[i], ''),
  }));
}

/** Runs one table template. */
export async function runTable(db: Kysely<DB>, spec: TableSpec, rc: RunContext, level: AreaLevel): Promise<TableRun> {
  return (await runTables(db, [spec], rc, level))[0];
}
