import { sql, type Kysely } from 'kysely';
import type { AreaLevel, DB } from '../../db/types.ts';
import type { Cond, RunContext } from './conditions.ts';
import { rowAreas, type TableRun } from './engine.ts';
import { completeRow } from './result.ts';
import { baseColumns, type BaseMeasure, type Entity, type Filter, type HouseholdFilter, type ListSpec, type OrganisationFilter, type PersonFilter, type RentalHouseFilter, type TableSpec } from './spec.ts';

/**
 * The naive reference: one query per cell, each filter written the plain way
 * (age() for ages, correlated EXISTS for tags, a correlated count for household size).
 * Written independently of the engine so the tests can check the engine's numbers and
 * the benchmark has a baseline; never used to serve requests.
 */

const TABLE: Record<Entity, string> = { person: 'person', household: 'household', organisation: 'organisation', rental_house: 'rental_house' };
const and = (cs: Cond[]) => (cs.length ? sql.join(cs, sql` AND `) : sql`true`);
const ageAt = (rc: RunContext) => sql`extract(year FROM age(${rc.date}::date, x.birth_date))`;
const hasTag = (type: Entity, code: string, id: Cond = sql`x.id`) =>
  sql`EXISTS (SELECT 1 FROM entity_tag t WHERE t.city_code = x.city_code AND t.entity_type = ${type} AND t.entity_id = ${id} AND t.tag_code = ${code})`;
const anyTag = (type: Entity, codes: string[]) => sql`(${sql.join(codes.map((c) => hasTag(type, c)), sql` OR `)})`;
const inList = (column: string, values: readonly string[]) => sql`(${sql.join(values.map((v) => sql`${sql.ref(`x.${column}`)} = ${v}`), sql` OR `)})`;

function naiveConds(entity: Entity, f: Filter | undefined, rc: RunContext): Cond[] {
  if (!f) return [];
  const out: Cond[] = [];
  const members = (hh: Cond) => sql`(SELECT count(*) FROM person m WHERE m.city_code = x.city_code AND m.household_id = ${hh} AND m.deleted_at IS NULL)`;
  const size = (n: Cond, min?: number, max?: number, alone?: boolean) => {
    if (alone !== undefined) out.push(alone ? sql`${n} = 1` : sql`NOT (${n} = 1)`);
    if (min !== undefined) out.push(sql`${n} >= ${min}`);
    if (max !== undefined) out.push(sql`${n} <= ${max}`);
  };
  if (entity === 'person') {
    const p = f as PersonFilter;
    if (p.residenceType) out.push(inList('residence_type', p.residenceType));
    if (p.sex) out.push(sql`x.sex = ${p.sex}`);
    // Born by the reference date: age() calls someone born after it "0 years" old.
    if (p.ageMin !== undefined || p.ageMax !== undefined) out.push(sql`x.birth_date <= ${rc.date}::date`);
    if (p.ageMin !== undefined) out.push(sql`${ageAt(rc)} >= ${p.ageMin}`);
    if (p.ageMax !== undefined) out.push(sql`${ageAt(rc)} <= ${p.ageMax}`);
    if (p.tagsAny) out.push(anyTag('person', p.tagsAny));
    for (const c of p.tagsAll ?? []) out.push(hasTag('person', c));
    if (p.ethnicity) out.push(inList('ethnicity', p.ethnicity));
    if (p.education) out.push(inList('education', p.education));
    if (p.politicalStatus) out.push(inList('political_status', p.politicalStatus));
    if (p.livingAlone !== undefined || p.householdSizeMin !== undefined || p.householdSizeMax !== undefined) {
      out.push(sql`x.household_id IS NOT NULL`);
      size(members(sql`x.household_id`), p.householdSizeMin, p.householdSizeMax, p.livingAlone);
    }
  } else if (entity === 'household') {
    const h = f as HouseholdFilter;
    if (h.kind) out.push(inList('kind', h.kind));
    size(members(sql`x.id`), h.sizeMin, h.sizeMax, h.livingAlone);
    if (h.tagsAny) out.push(anyTag('household', h.tagsAny));
    if (h.memberTagsAny) {
      out.push(sql`EXISTS (SELECT 1 FROM person m WHERE m.city_code = x.city_code AND m.household_id = x.id AND m.deleted_at IS NULL
        AND EXISTS (SELECT 1 FROM entity_tag t WHERE t.city_code = m.city_code AND t.entity_type = 'person' AND t.entity_id = m.id AND t.tag_code IN (${sql.join(h.memberTagsAny)})))`);
    }
    if (h.memberAgeMin !== undefined) {
      out.push(sql`EXISTS (SELECT 1 FROM person m WHERE m.city_code = x.city_code AND m.household_id = x.id AND m.deleted_at IS NULL
        AND m.birth_date <= ${rc.date}::date AND extract(year FROM age(${rc.date}::date, m.birth_date)) >= ${h.memberAgeMin})`);
    }
  } else if (entity === 'organisation') {
    const o = f as OrganisationFilter;
    if (o.kind) out.push(inList('kind', o.kind));
    if (o.status) out.push(inList('status', o.status));
    if (o.industry) out.push(sql`(${sql.join(o.industry.map((c) => sql`starts_with(x.industry, ${c})`), sql` OR `)})`);
    if (o.hasPartyOrg !== undefined) out.push(sql`x.has_party_org = ${o.hasPartyOrg}`);
    if (o.tagsAny) out.push(anyTag('organisation', o.tagsAny));
    if (o.employeesMin !== undefined) out.push(sql`coalesce(x.employees, 0) >= ${o.employeesMin}`);
    if (o.employeesMax !== undefined) out.push(sql`coalesce(x.employees, 0) <= ${o.employeesMax}`);
  } else {
    const r = f as RentalHouseFilter;
    if (r.purpose) out.push(inList('purpose', r.purpose));
    if (r.status) out.push(inList('status', r.status));
    if (r.tenantsMin !== undefined) out.push(sql`x.tenants >= ${r.tenantsMin}`);
  }
  return out;
}

const where = (entity: Entity, f: Filter | undefined, rc: RunContext, path: string) =>
  and([sql`x.city_code = ${rc.cityCode}`, sql`x.deleted_at IS NULL`, sql`x.grid_path <@ ${path}::ltree`, ...naiveConds(entity, f, rc)]);

/** One cell: a count or a sum over the records under `path`. */
export async function naiveCell(db: Kysely<DB>, m: BaseMeasure, rc: RunContext, path: string): Promise<number> {
  const what = m.kind === 'count' ? sql`count(*)` : sql`coalesce(sum(${sql.ref(`x.${m.field}`)}), 0)`;
  const { rows } = await sql<{ v: string | number }>`SELECT ${what} AS v FROM ${sql.table(TABLE[m.entity])} x WHERE ${where(m.entity, m.filter, rc, path)}`.execute(db);
  return Number(rows[0].v);
}

/** A table template the naive way: every cell of every row and of the total row is its own query. */
export async function naiveTable(db: Kysely<DB>, spec: TableSpec, rc: RunContext, level: AreaLevel): Promise<TableRun> {
  const cols = baseColumns(spec);
  const cellsFor = async (path: string) => {
    const base = new Map<string, number>();
    for (const c of cols) base.set(c.key, await naiveCell(db, c.measure, rc, path));
    return completeRow(spec, base);
  };
  const areas = await rowAreas(db, { city_code: rc.cityCode, path: rc.areaPath }, level);
  const rows = [];
  for (const a of areas) rows.push({ code: a.code, name: a.name, cells: await cellsFor(a.path) });
  return { rows, total: await cellsFor(rc.areaPath) };
}

/** The ids a listing shows, the naive way (order not guaranteed). */
export async function naiveListIds(db: Kysely<DB>, spec: ListSpec, rc: RunContext): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`SELECT x.id FROM ${sql.table(TABLE[spec.entity])} x WHERE ${where(spec.entity, spec.filter, rc, rc.areaPath)}`.execute(db);
  return rows.map((r) => Number(r.id));
}
