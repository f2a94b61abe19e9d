import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { maskIdNumber, maskPhone } from '../../kernel/privacy.ts';
import { and, baseWhere, householdConds, householdMembers, needsSizes, organisationConds, personConds, personSizeConds, rentalConds, SOURCE, type Cond, type RunContext } from './conditions.ts';
import { codeName } from '../registry/vocabularies/index.ts';
import type { Cell } from './result.ts';
import type { Entity, HouseholdFilter, ListSpec, OrganisationFilter, PersonFilter, RentalHouseFilter } from './spec.ts';

/**
 * Record listings 名单 (独居老人名单, 留守儿童名单 …): the same filters as the tables, one row per
 * record, ordered by grid then name. ID and phone numbers are masked here, before anything leaves.
 */

export const DEFAULT_LIST_LIMIT = 5000;

/** The code list naming each coded field's values (the registry's lists), per entity. */
const CODE_LISTS: Record<Entity, Record<string, string>> = {
  person: { sex: 'sex', residenceType: 'residence_type', ethnicity: 'ethnicity', politicalStatus: 'political_status', education: 'education' },
  household: { kind: 'household_kind' },
  organisation: { kind: 'organisation_kind', status: 'organisation_status', industry: 'industry' },
  rental_house: { purpose: 'rental_purpose' },
};
const RENTAL_STATUS: Record<string, string> = { active: '在租', ended: '已停租' };
const tagNames = (type: Entity, id: Cond, city: string) =>
  sql`(SELECT string_agg(t.name, '、' ORDER BY t.name) FROM entity_tag et JOIN tag t ON t.city_code = et.city_code AND t.code = et.tag_code
    WHERE et.city_code = ${city} AND et.entity_type = ${type} AND et.entity_id = ${id})`;

/** The SQL of each list field, per entity (street / community / grid names come from the area tree in memory). */
function fieldSql(entity: Entity, field: string, rc: RunContext): Cond | null {
  const c = rc.cityCode;
  const person: Record<string, Cond> = {
    name: sql`p.name`, sex: sql`p.sex`, age: sql`extract(year FROM age(${rc.date}::date, p.birth_date))::int`, birthDate: sql`p.birth_date::text`,
    idNumber: sql`p.id_number`, phone: sql`p.phone`,
    address: sql`coalesce(p.address, (SELECT hh.address FROM household hh WHERE hh.city_code = p.city_code AND hh.id = p.household_id))`,
    residenceType: sql`p.residence_type`, ethnicity: sql`p.ethnicity`, politicalStatus: sql`p.political_status`,
    education: sql`p.education`, workplace: sql`p.workplace`, tags: tagNames('person', sql`p.id`, c),
  };
  const household: Record<string, Cond> = {
    address: sql`h.address`, headName: sql`(SELECT m.name FROM person m WHERE m.city_code = h.city_code AND m.id = h.head_person_id)`, phone: sql`h.phone`,
    size: sql`(SELECT count(*) FROM person m WHERE m.city_code = h.city_code AND m.household_id = h.id AND m.deleted_at IS NULL)::int`,
    kind: sql`h.kind`, tags: tagNames('household', sql`h.id`, c),
  };
  const organisation: Record<string, Cond> = {
    name: sql`o.name`, kind: sql`o.kind`, creditCode: sql`o.credit_code`, industry: sql`o.industry`,
    legalRep: sql`o.legal_rep`, phone: sql`o.phone`, address: sql`o.address`, employees: sql`o.employees`, status: sql`o.status`, hasPartyOrg: sql`o.has_party_org`,
  };
  const rental: Record<string, Cond> = {
    address: sql`r.address`, landlordName: sql`r.landlord_name`, landlordPhone: sql`r.landlord_phone`, tenants: sql`r.tenants`, purpose: sql`r.purpose`,
    areaM2: sql`r.area_m2::float8`, status: sql`r.status`, registeredOn: sql`r.registered_on::text`,
  };
  return ({ person, household, organisation, rental_house: rental }[entity])[field] ?? null;
}

/** Names of the areas in and above the report's area by path, for the street / community / grid columns. */
async function areaNames(db: Kysely<DB>, rc: RunContext): Promise<Map<string, string>> {
  const rows = await db.selectFrom('area').select(['path', 'name']).where('city_code', '=', rc.cityCode)
    .where(sql<boolean>`(path <@ ${rc.areaPath}::ltree OR path @> ${rc.areaPath}::ltree)`).where(sql<boolean>`nlevel(path) >= 3`).execute();
  return new Map(rows.map((r) => [r.path, r.name]));
}

/** One printable cell: codes to Chinese names, personal numbers masked. */
function cellOf(entity: Entity, field: string, v: unknown): Cell {
  if (v === undefined || v === null) return null;
  const list = CODE_LISTS[entity][field];
  // Industry codes finer than a section are named by their section (C13 → 制造业).
  if (list) return codeName(list, String(v)) ?? (list === 'industry' ? codeName(list, String(v)[0]) ?? String(v) : String(v));
  switch (field) {
    case 'idNumber': return maskIdNumber(v as string);
    case 'phone': case 'landlordPhone': return maskPhone(v as string);
    case 'status': return RENTAL_STATUS[v as string] ?? String(v);
    case 'hasPartyOrg': return v ? '是' : '否';
    default: return typeof v === 'number' ? v : String(v);
  }
}

export interface ListRun { rows: { id: number; cells: Cell[] }[]; truncated: boolean }

/** The listing's filter as conditions, with the member sizes (hm) joined when it tests them. */
function listConds(spec: ListSpec, rc: RunContext): { conds: Cond[]; hm: Cond | null } {
  const f = spec.filter;
  const sizes = needsSizes(spec.entity, f);
  const conds = spec.entity === 'person'
    ? [...personConds(f as PersonFilter, rc), ...(sizes ? [sql`p.household_id IS NOT NULL`, ...personSizeConds(f as PersonFilter, sql`coalesce(hm.n, 0)`)] : [])]
    : spec.entity === 'household' ? householdConds(f as HouseholdFilter, rc)
      : spec.entity === 'organisation' ? organisationConds(f as OrganisationFilter, rc) : rentalConds(f as RentalHouseFilter);
  const on = spec.entity === 'person' ? sql`hm.household_id = p.household_id` : sql`hm.household_id = h.id`;
  return { conds, hm: sizes ? sql`LEFT JOIN (${householdMembers(rc, [])}) hm ON ${on}` : null };
}

/** Runs a listing: the matching records under the area, cut at the spec's limit. */
export async function runList(db: Kysely<DB>, spec: ListSpec, rc: RunContext): Promise<ListRun> {
  const { table, alias } = SOURCE[spec.entity];
  const a = sql.raw(alias);
  const limit = spec.limit ?? DEFAULT_LIST_LIMIT;
  const { conds, hm } = listConds(spec, rc);
  // A listing by tag (独居老人, 留守儿童 …) starts from the tag index and looks records up by key
  // (OFFSET 0 keeps it that way); others scan the area.
  const f = spec.filter as { tagsAny?: string[]; tagsAll?: string[] };
  const byTag = f.tagsAny ?? (f.tagsAll ? [f.tagsAll[0]] : undefined);
  const from = byTag
    ? sql`(SELECT DISTINCT et.entity_id FROM entity_tag et WHERE et.city_code = ${rc.cityCode} AND et.entity_type = ${spec.entity} AND et.tag_code = ANY(${byTag}::text[])) t
        CROSS JOIN LATERAL (SELECT * FROM ${sql.table(table)} x0 WHERE x0.city_code = ${rc.cityCode} AND x0.id = t.entity_id OFFSET 0) ${a}`
    : sql`${sql.table(table)} ${a}`;
  const order = spec.entity === 'household' || spec.entity === 'rental_house' ? sql`${a}.address` : sql`${a}.name`;
  const selected = spec.fields.map((f, i) => [fieldSql(spec.entity, f.field, rc), i] as const).filter(([q]) => q)
    .map(([q, i]) => sql`, ${q} AS ${sql.raw(`"f${i}"`)}`);
  const [{ rows }, names] = await Promise.all([
    sql<Record<string, unknown>>`SELECT ${a}.id, ${a}.grid_path::text AS grid_path${sql.join(selected, sql``)}
      FROM ${from} ${hm ?? sql``}
      WHERE ${baseWhere(spec.entity, rc)} AND ${and(conds)}
      ORDER BY ${a}.grid_path, ${order}, ${a}.id LIMIT ${limit + 1}`.execute(db),
    areaNames(db, rc),
  ]);
  // Street, community and grid names from the record's grid path.
  const place: Record<string, number> = { street: 3, community: 4, grid: 5 };
  const nameAt = (path: string, depth: number) => names.get(path.split('.').slice(0, depth).join('.')) ?? null;
  return {
    truncated: rows.length > limit,
    rows: rows.slice(0, limit).map((r, n) => ({
      id: Number(r.id),
      cells: [n + 1, ...spec.fields.map((f, i) => (place[f.field] ? nameAt(r.grid_path as string, place[f.field]) : cellOf(spec.entity, f.field, r[`f${i}`])))],
    })),
  };
}
