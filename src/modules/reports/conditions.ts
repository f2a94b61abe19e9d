import { sql, type RawBuilder } from 'kysely';
import type { Entity, Filter, HouseholdFilter, OrganisationFilter, PersonFilter, RentalHouseFilter } from './spec.ts';

/**
 * Filters compiled to set-based SQL for the engine: tag tests become uncorrelated
 * sub-selects (PostgreSQL hashes each once per query), ages a birth-date bound computed
 * once, household sizes (独居, 户人数) one per-household aggregate `hm` (householdMembers).
 */

export type Cond = RawBuilder<unknown>;
export interface RunContext {
  cityCode: string;
  /** ltree path of the area the report runs for. */
  areaPath: string;
  /** Reference date 统计时点, YYYY-MM-DD: ages are counted at it. */
  date: string;
}

/** The table and alias of each entity, as the engine and the listing read them. */
export const SOURCE: Record<Entity, { table: string; alias: string }> = {
  person: { table: 'person', alias: 'p' },
  household: { table: 'household', alias: 'h' },
  organisation: { table: 'organisation', alias: 'o' },
  rental_house: { table: 'rental_house', alias: 'r' },
};

/** The date `years` before `date`, with 29 February falling back to the 28th as PostgreSQL does. */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Age ≥ min ⇔ born on or before date − min years; age ≤ max ⇔ born after date − (max+1) years.
 * Someone born after the reference date has no age yet: any age bound implies min 0.
 */
function ageBounds(col: Cond, rc: RunContext, ageMin?: number, max?: number): Cond[] {
  const out: Cond[] = [];
  const min = ageMin ?? (max !== undefined ? 0 : undefined);
  if (min !== undefined) out.push(sql`${col} <= ${yearsBefore(rc.date, min)}::date`);
  if (max !== undefined) out.push(sql`${col} > ${yearsBefore(rc.date, max + 1)}::date`);
  return out;
}

const idsWithTags = (rc: RunContext, type: Entity, codes: string[]) =>
  sql`(SELECT et.entity_id FROM entity_tag et WHERE et.city_code = ${rc.cityCode} AND et.entity_type = ${type} AND et.tag_code = ANY(${codes}::text[]))`;

function tagConds(id: Cond, rc: RunContext, type: Entity, any?: string[], all?: string[]): Cond[] {
  const out: Cond[] = [];
  if (any) out.push(sql`${id} IN ${idsWithTags(rc, type, any)}`);
  for (const code of all ?? []) out.push(sql`${id} IN ${idsWithTags(rc, type, [code])}`);
  return out;
}

function sizeConds(n: Cond, min?: number, max?: number, alone?: boolean): Cond[] {
  const out: Cond[] = [];
  if (alone === true) out.push(sql`${n} = 1`);
  if (alone === false) out.push(sql`${n} <> 1`);
  if (min !== undefined) out.push(sql`${n} >= ${min}`);
  if (max !== undefined) out.push(sql`${n} <= ${max}`);
  return out;
}

const anyOf = (col: Cond, values: readonly string[] | undefined): Cond[] => (values ? [sql`${col} = ANY(${values}::text[])`] : []);
export const and = (conds: Cond[]): Cond => (conds.length ? sql`(${sql.join(conds, sql` AND `)})` : sql`true`);

/** Whether a filter tests a household's size (独居, 户人数): those read the member aggregate hm. */
export function needsSizes(entity: Entity, f: Filter | undefined): boolean {
  if (!f) return false;
  if (entity === 'person') { const p = f as PersonFilter; return p.livingAlone !== undefined || p.householdSizeMin !== undefined || p.householdSizeMax !== undefined; }
  if (entity === 'household') { const h = f as HouseholdFilter; return h.livingAlone !== undefined || h.sizeMin !== undefined || h.sizeMax !== undefined; }
  return false;
}

/** Conditions of a person filter on alias p, without those on the household size (see personSizeConds). */
export function personConds(p: PersonFilter, rc: RunContext): Cond[] {
  const a = (c: string) => sql.ref(`p.${c}`);
  return [
    // Hashed tag sub-selects first: they are the most selective and cheap.
    ...tagConds(a('id'), rc, 'person', p.tagsAny, p.tagsAll),
    ...anyOf(a('residence_type'), p.residenceType),
    ...(p.sex ? [sql`${a('sex')} = ${p.sex}`] : []),
    ...ageBounds(a('birth_date'), rc, p.ageMin, p.ageMax),
    ...anyOf(a('ethnicity'), p.ethnicity),
    ...anyOf(a('education'), p.education),
    ...anyOf(a('political_status'), p.politicalStatus),
  ];
}

/** The household-size part of a person filter, on the member count `n` of the person's household. */
export function personSizeConds(p: PersonFilter, n: Cond): Cond[] {
  return sizeConds(n, p.householdSizeMin, p.householdSizeMax, p.livingAlone);
}

/**
 * Live members per household of the area (hm: household_id, n). A member lives in the
 * household's grid (the registry enforces it), so the area's people are all the members
 * of the area's households. Extra columns pc0, pc1 … count the members matching person
 * conditions, for person measures that also test the household size.
 */
export function householdMembers(rc: RunContext, personCounts: Cond[]): Cond {
  // Members are aliased p, so person conditions (personConds) apply to them as they are.
  const counts = personCounts.map((cond, i) => sql`, count(*) FILTER (WHERE ${cond}) AS ${sql.raw(`pc${i}`)}`);
  return sql`SELECT p.household_id, count(*) AS n${sql.join(counts, sql``)}
    FROM person p WHERE ${baseWhere('person', rc)} AND p.household_id IS NOT NULL
    GROUP BY p.household_id`;
}

/** Conditions of a household filter on alias h; size tests read hm.n (joined by the caller), member tags the household's own copy. */
export function householdConds(h: HouseholdFilter, rc: RunContext): Cond[] {
  const n = sql`coalesce(hm.n, 0)`;
  return [
    sql`h.deleted_at IS NULL`,
    ...anyOf(sql.ref('h.kind'), h.kind),
    ...tagConds(sql.ref('h.id'), rc, 'household', h.tagsAny),
    ...sizeConds(n, h.sizeMin, h.sizeMax, h.livingAlone),
    ...(h.memberTagsAny ? [sql`h.member_tag_codes && ${h.memberTagsAny}::text[]`] : []),
    ...(h.memberAgeMin !== undefined
      ? [sql`h.id IN (SELECT p.household_id FROM person p WHERE ${baseWhere('person', rc)} AND p.birth_date <= ${yearsBefore(rc.date, h.memberAgeMin)}::date)`] : []),
  ];
}

export function organisationConds(o: OrganisationFilter, rc: RunContext): Cond[] {
  const a = (c: string) => sql.ref(`o.${c}`);
  return [
    ...tagConds(a('id'), rc, 'organisation', o.tagsAny),
    ...anyOf(a('kind'), o.kind),
    ...anyOf(a('status'), o.status),
    // GB/T 4754: a section letter (C) covers its finer codes (C13, C1310).
    ...(o.industry ? [sql`${a('industry')} LIKE ANY(${o.industry.map((c) => `${c}%`)}::text[])`] : []),
    ...(o.hasPartyOrg !== undefined ? [sql`${a('has_party_org')} = ${o.hasPartyOrg}`] : []),
    ...(o.employeesMin !== undefined ? [sql`coalesce(${a('employees')}, 0) >= ${o.employeesMin}`] : []),
    ...(o.employeesMax !== undefined ? [sql`coalesce(${a('employees')}, 0) <= ${o.employeesMax}`] : []),
  ];
}

export function rentalConds(r: RentalHouseFilter): Cond[] {
  const a = (c: string) => sql.ref(`r.${c}`);
  return [
    ...anyOf(a('purpose'), r.purpose),
    ...anyOf(a('status'), r.status),
    ...(r.tenantsMin !== undefined ? [sql`${a('tenants')} >= ${r.tenantsMin}`] : []),
  ];
}

/** Rows of the entity inside the report's area (live ones, except households: see householdConds). */
export function baseWhere(entity: Entity, rc: RunContext): Cond {
  const a = (c: string) => sql.ref(`${SOURCE[entity].alias}.${c}`);
  const live = entity === 'household' ? sql`` : sql` AND ${a('deleted_at')} IS NULL`;
  return sql`${a('city_code')} = ${rc.cityCode}${live} AND ${a('grid_path')} <@ ${rc.areaPath}::ltree`;
}
