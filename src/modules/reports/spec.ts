import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { invalidField } from '../../kernel/errors.ts';

/**
 * A report template (报表模板) declared as data: rows × columns over the registry.
 * - kind 'table': one row per area at a level below the requested area (街道, 社区, 网格 …)
 *   plus a total row 合计; each column is a measure (count, sum, sum of columns, ratio).
 * - kind 'list': a record listing 名单 (e.g. 独居老人名单), personal data masked.
 * Validation dispatches on the discriminators (kind, entity) itself, so an error names the
 * exact field (spec.columns.3.measure.filter.ageMin), not "does not match any of the union".
 */

const strict = { additionalProperties: false } as const;
const codeList = (pattern: string, description: string) => Type.Array(Type.String({ pattern }), { minItems: 1, maxItems: 80, uniqueItems: true, description });
const TagCodes = codeList('^[A-Z][A-Z0-9_]{1,39}$', 'tag codes 标签');
const VocabCodes = (d: string) => codeList('^[0-9A-Za-z]{1,10}$', d);
const Age = Type.Integer({ minimum: 0, maximum: 150 });
const Count = Type.Integer({ minimum: 0, maximum: 1000000 });

export const ENTITIES = ['person', 'household', 'organisation', 'rental_house'] as const;
export type Entity = (typeof ENTITIES)[number];
export const RESIDENCE_TYPES = ['registered', 'floating', 'overseas', 'left_behind'] as const;
export const ORG_KINDS = ['enterprise', 'social_org', 'individual_business', 'public_institution'] as const;
export const ORG_STATUSES = ['active', 'suspended', 'closed'] as const;
export const RENTAL_PURPOSES = ['residence', 'business', 'mixed', 'dormitory'] as const;
export const RENTAL_STATUSES = ['active', 'ended'] as const;
export const HOUSEHOLD_KINDS = ['family', 'collective'] as const;
const oneOf = (xs: readonly string[], description: string) => Type.Array(Type.Union(xs.map((x) => Type.Literal(x))), { minItems: 1, uniqueItems: true, description });

/** Ages are whole years at the report's reference date 统计时点 (both bounds inclusive). */
export const PersonFilter = Type.Object({
  residenceType: Type.Optional(oneOf(RESIDENCE_TYPES, '户籍 registered / 流动 floating / 境外 overseas / 留守 left_behind')),
  sex: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('2')], { description: 'GB/T 2261.1: 1 男, 2 女' })),
  ageMin: Type.Optional(Age),
  ageMax: Type.Optional(Age),
  tagsAny: Type.Optional(TagCodes),
  tagsAll: Type.Optional(TagCodes),
  ethnicity: Type.Optional(VocabCodes('GB/T 3304 民族')),
  education: Type.Optional(VocabCodes('GB/T 4658 学历')),
  politicalStatus: Type.Optional(VocabCodes('GB/T 4762 政治面貌')),
  /** 独居: the person's household has exactly one live member. */
  livingAlone: Type.Optional(Type.Boolean()),
  householdSizeMin: Type.Optional(Count),
  householdSizeMax: Type.Optional(Count),
}, strict);

export const HouseholdFilter = Type.Object({
  kind: Type.Optional(oneOf(HOUSEHOLD_KINDS, '家庭户 family / 集体户 collective')),
  sizeMin: Type.Optional(Count),
  sizeMax: Type.Optional(Count),
  livingAlone: Type.Optional(Type.Boolean({ description: '单人户: exactly one live member' })),
  tagsAny: Type.Optional(TagCodes),
  memberTagsAny: Type.Optional(TagCodes),
  memberAgeMin: Type.Optional(Age),
}, strict);

export const OrganisationFilter = Type.Object({
  kind: Type.Optional(oneOf(ORG_KINDS, '企业 / 社会组织 / 个体工商户 / 事业单位')),
  status: Type.Optional(oneOf(ORG_STATUSES, 'status')),
  industry: Type.Optional(codeList('^[A-T]([0-9]{2,4})?$', 'GB/T 4754 门类 A–T, or a finer code under one (prefix match)')),
  hasPartyOrg: Type.Optional(Type.Boolean({ description: '建立党组织' })),
  tagsAny: Type.Optional(TagCodes),
  employeesMin: Type.Optional(Count),
  employeesMax: Type.Optional(Count),
}, strict);

export const RentalHouseFilter = Type.Object({
  purpose: Type.Optional(oneOf(RENTAL_PURPOSES, '居住 / 经营 / 居住兼经营 / 集体宿舍')),
  status: Type.Optional(oneOf(RENTAL_STATUSES, 'status')),
  tenantsMin: Type.Optional(Count),
}, strict);

export type PersonFilter = Static<typeof PersonFilter>;
export type HouseholdFilter = Static<typeof HouseholdFilter>;
export type OrganisationFilter = Static<typeof OrganisationFilter>;
export type RentalHouseFilter = Static<typeof RentalHouseFilter>;
export type Filter = PersonFilter | HouseholdFilter | OrganisationFilter | RentalHouseFilter;

export const FILTERS: Record<Entity, TSchema> = { person: PersonFilter, household: HouseholdFilter, organisation: OrganisationFilter, rental_house: RentalHouseFilter };

/** Summable fields per entity (从业人员, 承租人数 …). */
export const SUM_FIELDS: Record<Entity, readonly string[]> = {
  person: [], household: [],
  organisation: ['employees', 'registered_capital'],
  rental_house: ['tenants', 'area_m2'],
};

const ColumnKey = Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$', description: 'column key' });
const Lit = <T extends string>(s: T) => Type.Literal(s);

const CountMeasure = Type.Object({ kind: Lit('count'), entity: Type.Union(ENTITIES.map(Lit)), filter: Type.Optional(Type.Object({}, { additionalProperties: true })) }, strict);
const SumMeasure = Type.Object({ kind: Lit('sum'), entity: Type.Union(ENTITIES.map(Lit)), field: Type.String(), filter: Type.Optional(Type.Object({}, { additionalProperties: true })) }, strict);
const SumOfMeasure = Type.Object({ kind: Lit('sum_of'), columns: Type.Array(ColumnKey, { minItems: 1, maxItems: 60, uniqueItems: true }) }, strict);
const RatioMeasure = Type.Object({ kind: Lit('ratio'), numerator: ColumnKey, denominator: ColumnKey, digits: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 })) }, strict);
const MEASURES: Record<string, TSchema> = { count: CountMeasure, sum: SumMeasure, sum_of: SumOfMeasure, ratio: RatioMeasure };

export type CountMeasure = { kind: 'count'; entity: Entity; filter?: Filter };
export type SumMeasure = { kind: 'sum'; entity: Entity; field: string; filter?: Filter };
export type SumOfMeasure = Static<typeof SumOfMeasure>;
export type RatioMeasure = Static<typeof RatioMeasure>;
export type Measure = CountMeasure | SumMeasure | SumOfMeasure | RatioMeasure;
/** A measure read from the registry (as opposed to one computed from other columns). */
export type BaseMeasure = CountMeasure | SumMeasure;

const Column = Type.Object({
  key: ColumnKey,
  label: Type.String({ minLength: 1, maxLength: 40 }),
  /** Upper header 表头 shared by adjacent columns (户籍 → 男 / 女). */
  group: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  measure: Type.Object({ kind: Type.Union(Object.keys(MEASURES).map(Lit)) }, { additionalProperties: true }),
}, strict);
export type Column = { key: string; label: string; group?: string; measure: Measure };

export const ROW_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type RowLevel = (typeof ROW_LEVELS)[number];

const TableSpec = Type.Object({
  kind: Lit('table'),
  /** Row level 统计口径: the level the rows are at; a run for an area at or below it uses the next level down. */
  level: Type.Union(ROW_LEVELS.map(Lit)),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  columns: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 60 }),
}, strict);
export type TableSpec = { kind: 'table'; level: RowLevel; title?: string; columns: Column[] };

/** Fields a listing may show, per entity; personal ones are masked by the engine. */
export const LIST_FIELDS: Record<Entity, readonly string[]> = {
  person: ['name', 'sex', 'age', 'birthDate', 'idNumber', 'phone', 'address', 'residenceType', 'ethnicity', 'politicalStatus', 'education', 'workplace', 'tags', 'street', 'community', 'grid'],
  household: ['address', 'headName', 'phone', 'size', 'kind', 'tags', 'street', 'community', 'grid'],
  organisation: ['name', 'kind', 'creditCode', 'industry', 'legalRep', 'phone', 'address', 'employees', 'status', 'hasPartyOrg', 'street', 'community', 'grid'],
  rental_house: ['address', 'landlordName', 'landlordPhone', 'tenants', 'purpose', 'areaM2', 'status', 'registeredOn', 'street', 'community', 'grid'],
};
const ListField = Type.Object({ field: Type.String({ minLength: 1, maxLength: 40 }), label: Type.String({ minLength: 1, maxLength: 40 }) }, strict);
export type ListField = Static<typeof ListField>;

const ListSpec = Type.Object({
  kind: Lit('list'),
  entity: Type.Union(ENTITIES.map(Lit)),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  filter: Type.Object({}, { additionalProperties: true }),
  fields: Type.Array(ListField, { minItems: 1, maxItems: 30 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20000 })),
}, strict);
export type ListSpec = { kind: 'list'; entity: Entity; title?: string; filter: Filter; fields: ListField[]; limit?: number };

export type ReportSpec = TableSpec | ListSpec;

/** Checks `value` against `schema`; throws invalidField naming the first bad field under `at`. */
function check(schema: TSchema, value: unknown, at: string): void {
  const err = Value.Errors(schema, value).First();
  if (!err) return;
  const sub = err.path.replace(/^\//, '').replace(/\//g, '.');
  // A choice among fixed values names the values.
  const choices = (err.schema as { anyOf?: { const?: unknown }[] }).anyOf?.map((x) => x.const).filter((x) => x !== undefined);
  const message = choices?.length ? `应为 ${choices.join('、')} 之一 / must be one of ${choices.join(', ')}` : `${describe(err.message)} / ${err.message}`;
  throw invalidField([at, sub].filter(Boolean).join('.'), message);
}

function describe(message: string): string {
  if (/Unexpected property/i.test(message)) return '不允许的字段';
  if (/Expected required property/i.test(message)) return '缺少必填字段';
  if (/union|literal/i.test(message)) return '取值不在允许范围内';
  return '格式不正确';
}

function fail(field: string, zh: string, en: string): never {
  throw invalidField(field, `${zh} / ${en}`);
}

/**
 * Parses and strictly validates a template spec. Tag codes are checked against the
 * city's tags by the caller (they live in the database); everything else is checked here.
 */
export function parseSpec(spec: unknown, at = 'spec'): ReportSpec {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) fail(at, '报表定义应为对象', 'must be an object');
  const kind = (spec as { kind?: unknown }).kind;
  if (kind === 'table') return parseTable(spec, at);
  if (kind === 'list') return parseList(spec, at);
  fail(`${at}.kind`, '报表类型应为 table（汇总表）或 list（名单）', 'must be "table" or "list"');
}

function parseTable(spec: object, at: string): TableSpec {
  check(TableSpec, spec, at);
  const s = spec as TableSpec;
  const keys = new Map<string, number>();
  s.columns.forEach((c, i) => {
    const f = `${at}.columns.${i}`;
    check(Column, c, f);
    if (keys.has(c.key)) fail(`${f}.key`, `列键 ${c.key} 重复`, `duplicate column key ${c.key}`);
    keys.set(c.key, i);
    parseMeasure(c.measure, `${f}.measure`);
  });
  // Derived columns refer to columns read from the registry (no chains, so no cycles).
  s.columns.forEach((c, i) => {
    const m = c.measure;
    const f = `${at}.columns.${i}.measure`;
    const base = (key: string, field: string, allowSumOf: boolean) => {
      const j = keys.get(key);
      if (j === undefined) fail(field, `引用的列 ${key} 不存在`, `no column with key ${key}`);
      const k = s.columns[j].measure.kind;
      if (k === 'ratio' || (k === 'sum_of' && !allowSumOf)) fail(field, `不能引用计算列 ${key}`, `cannot refer to the derived column ${key}`);
    };
    if (m.kind === 'sum_of') m.columns.forEach((k, n) => base(k, `${f}.columns.${n}`, false));
    if (m.kind === 'ratio') { base(m.numerator, `${f}.numerator`, true); base(m.denominator, `${f}.denominator`, true); }
  });
  // Grouped columns share one upper header cell, so a group must be one run of columns.
  const seen = new Set<string>();
  s.columns.forEach((c, i) => {
    const prev = s.columns[i - 1]?.group;
    if (c.group && c.group !== prev) {
      if (seen.has(c.group)) fail(`${at}.columns.${i}.group`, `分组“${c.group}”的列应相邻`, `columns of group "${c.group}" must be adjacent`);
      seen.add(c.group);
    }
  });
  return s;
}

function parseMeasure(m: { kind: string }, at: string): void {
  check(MEASURES[m.kind], m, at);
  if (m.kind === 'count' || m.kind === 'sum') {
    const b = m as BaseMeasure;
    if (m.kind === 'sum' && !SUM_FIELDS[b.entity].includes((b as SumMeasure).field)) {
      fail(`${at}.field`, `${b.entity} 可求和的字段为 ${SUM_FIELDS[b.entity].join('、') || '（无）'}`, `summable fields of ${b.entity}: ${SUM_FIELDS[b.entity].join(', ') || 'none'}`);
    }
    if (b.filter) parseFilter(b.entity, b.filter, `${at}.filter`);
  }
}

export function parseFilter(entity: Entity, filter: unknown, at: string): void {
  check(FILTERS[entity], filter, at);
  const f = filter as Record<string, number | undefined>;
  for (const [lo, hi] of [['ageMin', 'ageMax'], ['householdSizeMin', 'householdSizeMax'], ['sizeMin', 'sizeMax'], ['employeesMin', 'employeesMax']]) {
    if (f[lo] !== undefined && f[hi] !== undefined && f[lo]! > f[hi]!) fail(`${at}.${lo}`, `${lo} 不能大于 ${hi}`, `${lo} must not exceed ${hi}`);
  }
}

function parseList(spec: object, at: string): ListSpec {
  check(ListSpec, spec, at);
  const s = spec as ListSpec;
  parseFilter(s.entity, s.filter, `${at}.filter`);
  const seen = new Set<string>();
  s.fields.forEach((f, i) => {
    if (!LIST_FIELDS[s.entity].includes(f.field)) fail(`${at}.fields.${i}.field`, `名单字段应为 ${LIST_FIELDS[s.entity].join('、')} 之一`, `one of ${LIST_FIELDS[s.entity].join(', ')}`);
    if (seen.has(f.field)) fail(`${at}.fields.${i}.field`, `字段 ${f.field} 重复`, `duplicate field ${f.field}`);
    seen.add(f.field);
  });
  return s;
}

/** Every tag code a spec refers to, with where it is used and what it must apply to. */
export function tagRefs(spec: ReportSpec, at = 'spec'): { code: string; field: string; appliesTo: Entity }[] {
  const out: { code: string; field: string; appliesTo: Entity }[] = [];
  const scan = (entity: Entity, f: Filter | undefined, field: string) => {
    if (!f) return;
    const r = f as Record<string, string[] | undefined>;
    for (const key of ['tagsAny', 'tagsAll', 'memberTagsAny']) {
      r[key]?.forEach((code, i) => out.push({ code, field: `${field}.${key}.${i}`, appliesTo: key === 'memberTagsAny' ? 'person' : entity }));
    }
  };
  if (spec.kind === 'list') scan(spec.entity, spec.filter, `${at}.filter`);
  else spec.columns.forEach((c, i) => { if (c.measure.kind === 'count' || c.measure.kind === 'sum') scan(c.measure.entity, c.measure.filter, `${at}.columns.${i}.measure.filter`); });
  return out;
}

/** The base (registry-read) columns of a table spec. */
export function baseColumns(spec: TableSpec): (Column & { measure: BaseMeasure })[] {
  return spec.columns.filter((c): c is Column & { measure: BaseMeasure } => c.measure.kind === 'count' || c.measure.kind === 'sum');
}
