// What the template editor offers, mirroring src/modules/reports/spec.ts: filter fields per entity,
// summable fields, listing fields; and turning the form back into a clean spec.
import type { Entity, Filter, Measure, ReportSpec, SpecColumn } from '../../api/reports';

export const ENTITIES: Entity[] = ['person', 'household', 'organisation', 'rental_house'];

export type FilterDef =
  | { key: string; type: 'enum'; multi: boolean; values: string[]; names: string }
  | { key: string; type: 'number' | 'bool' }
  | { key: string; type: 'tags'; appliesTo: 'person' | 'household' | 'organisation' }
  | { key: string; type: 'vocab'; list: string };

const num = (key: string): FilterDef => ({ key, type: 'number' });
const many = (key: string, values: string[], names: string): FilterDef => ({ key, type: 'enum', multi: true, values, names });

export const FILTER_DEFS: Record<Entity, FilterDef[]> = {
  person: [
    many('residenceType', ['registered', 'floating', 'overseas', 'left_behind'], 'registry.residence'),
    { key: 'sex', type: 'enum', multi: false, values: ['1', '2'], names: 'registry.sex' },
    num('ageMin'), num('ageMax'),
    { key: 'tagsAny', type: 'tags', appliesTo: 'person' }, { key: 'tagsAll', type: 'tags', appliesTo: 'person' },
    { key: 'ethnicity', type: 'vocab', list: 'ethnicity' }, { key: 'education', type: 'vocab', list: 'education' },
    { key: 'politicalStatus', type: 'vocab', list: 'political_status' },
    { key: 'livingAlone', type: 'bool' }, num('householdSizeMin'), num('householdSizeMax'),
  ],
  household: [
    many('kind', ['family', 'collective'], 'registry.householdKind'), num('sizeMin'), num('sizeMax'), { key: 'livingAlone', type: 'bool' },
    { key: 'tagsAny', type: 'tags', appliesTo: 'household' }, { key: 'memberTagsAny', type: 'tags', appliesTo: 'person' }, num('memberAgeMin'),
  ],
  organisation: [
    many('kind', ['enterprise', 'social_org', 'individual_business', 'public_institution'], 'registry.orgKind'),
    many('status', ['active', 'suspended', 'closed'], 'registry.orgStatus'),
    { key: 'industry', type: 'vocab', list: 'industry' }, { key: 'hasPartyOrg', type: 'bool' },
    { key: 'tagsAny', type: 'tags', appliesTo: 'organisation' }, num('employeesMin'), num('employeesMax'),
  ],
  rental_house: [
    many('purpose', ['residence', 'business', 'mixed', 'dormitory'], 'registry.rentalPurpose'),
    many('status', ['active', 'ended'], 'registry.rentalStatus'), num('tenantsMin'),
  ],
};

export const SUM_FIELDS: Record<Entity, string[]> = { person: [], household: [], organisation: ['employees', 'registered_capital'], rental_house: ['tenants', 'area_m2'] };

export const LIST_FIELDS: Record<Entity, string[]> = {
  person: ['name', 'sex', 'age', 'birthDate', 'idNumber', 'phone', 'address', 'residenceType', 'ethnicity', 'politicalStatus', 'education', 'workplace', 'tags', 'street', 'community', 'grid'],
  household: ['address', 'headName', 'phone', 'size', 'kind', 'tags', 'street', 'community', 'grid'],
  organisation: ['name', 'kind', 'creditCode', 'industry', 'legalRep', 'phone', 'address', 'employees', 'status', 'hasPartyOrg', 'street', 'community', 'grid'],
  rental_house: ['address', 'landlordName', 'landlordPhone', 'tenants', 'purpose', 'areaM2', 'status', 'registeredOn', 'street', 'community', 'grid'],
};

/** A fresh measure of a kind, keeping the entity (and filter) when the new kind has one. */
export function measureOf(kind: Measure['kind'], old?: Measure): Measure {
  const entity = old && 'entity' in old ? old.entity : 'person';
  const filter = old && 'filter' in old ? old.filter : {};
  if (kind === 'count') return { kind, entity, filter: filter ?? {} };
  if (kind === 'sum') {
    const e = SUM_FIELDS[entity].length ? entity : 'organisation';
    return { kind, entity: e, field: SUM_FIELDS[e][0], filter: e === entity ? filter ?? {} : {} };
  }
  if (kind === 'sum_of') return { kind, columns: [] };
  return { kind, numerator: '', denominator: '', digits: 2 };
}

/** A filter without the fields left empty (the server refuses an empty list). */
export function cleanFilter(f: Filter | undefined): Filter {
  const out: Filter = {};
  for (const [k, v] of Object.entries(f ?? {})) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    out[k] = v;
  }
  return out;
}

/** The spec as the server takes it: empty filters and groups left out. */
export function cleanSpec(spec: ReportSpec): ReportSpec {
  if (spec.kind === 'list') return { ...spec, title: spec.title?.trim() || undefined, filter: cleanFilter(spec.filter) };
  const columns: SpecColumn[] = spec.columns.map((c) => {
    const m = c.measure;
    const measure: Measure = m.kind === 'count' || m.kind === 'sum' ? { ...m, filter: Object.keys(cleanFilter(m.filter)).length ? cleanFilter(m.filter) : undefined } : m;
    return { key: c.key.trim(), label: c.label.trim(), group: c.group?.trim() || undefined, measure };
  });
  return { kind: 'table', level: spec.level, title: spec.title?.trim() || undefined, columns };
}

/** A column key not used yet: c1, c2 … */
export function newKey(columns: SpecColumn[]): string {
  const used = new Set(columns.map((c) => c.key));
  let n = columns.length + 1;
  while (used.has(`c${n}`)) n++;
  return `c${n}`;
}
