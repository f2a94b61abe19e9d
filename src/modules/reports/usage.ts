import type { Entity, Filter, ReportSpec } from './spec.ts';

/**
 * "Collected once, used in N reports" (一次采集，多方利用): which registry fields and tags each
 * template reads, so a grid worker sees why one careful entry matters to many departments.
 */

export const ENTITY_LABEL: Record<Entity, string> = { person: '人员', household: '户', organisation: '组织（企业、社会组织）', rental_house: '出租房屋' };

export const FIELD_LABEL: Record<string, string> = {
  'person.grid_path': '人员所属网格', 'person.residence_type': '人口类别（户籍/流动/境外/留守）', 'person.sex': '性别', 'person.birth_date': '出生日期（年龄）',
  'person.ethnicity': '民族', 'person.education': '学历', 'person.political_status': '政治面貌', 'person.household_id': '所属户（家庭人口数）',
  'person.name': '姓名', 'person.id_number': '公民身份号码', 'person.phone': '联系电话', 'person.address': '现住址', 'person.workplace': '工作单位',
  'household.grid_path': '户所属网格', 'household.kind': '户类型', 'household.address': '户地址', 'household.head_person_id': '户主', 'household.phone': '户联系电话',
  'organisation.grid_path': '组织所属网格', 'organisation.kind': '组织类型', 'organisation.status': '经营状态', 'organisation.industry': '行业门类（GB/T 4754）',
  'organisation.has_party_org': '是否建立党组织', 'organisation.employees': '从业人员数', 'organisation.registered_capital': '注册资本', 'organisation.name': '组织名称',
  'organisation.credit_code': '统一社会信用代码', 'organisation.legal_rep': '法定代表人', 'organisation.phone': '组织联系电话', 'organisation.address': '组织地址',
  'rental_house.grid_path': '出租房屋所属网格', 'rental_house.purpose': '出租用途', 'rental_house.status': '出租状态', 'rental_house.tenants': '承租人数',
  'rental_house.area_m2': '出租面积', 'rental_house.address': '出租房屋地址', 'rental_house.landlord_name': '房主姓名', 'rental_house.landlord_phone': '房主电话',
  'rental_house.registered_on': '登记日期',
};

const FILTER_FIELDS: Record<string, string[]> = {
  residenceType: ['residence_type'], sex: ['sex'], ageMin: ['birth_date'], ageMax: ['birth_date'], ethnicity: ['ethnicity'], education: ['education'],
  politicalStatus: ['political_status'], livingAlone: ['person.household_id'], householdSizeMin: ['person.household_id'], householdSizeMax: ['person.household_id'],
  kind: ['kind'], sizeMin: ['person.household_id'], sizeMax: ['person.household_id'], memberTagsAny: ['person.household_id'], memberAgeMin: ['person.household_id', 'person.birth_date'],
  status: ['status'], industry: ['industry'], hasPartyOrg: ['has_party_org'], employeesMin: ['employees'], employeesMax: ['employees'], purpose: ['purpose'], tenantsMin: ['tenants'],
};

const LIST_FIELD_COLUMNS: Record<string, string> = {
  age: 'birth_date', birthDate: 'birth_date', idNumber: 'id_number', residenceType: 'residence_type', politicalStatus: 'political_status',
  headName: 'head_person_id', size: 'person.household_id', creditCode: 'credit_code', legalRep: 'legal_rep', hasPartyOrg: 'has_party_org',
  landlordName: 'landlord_name', landlordPhone: 'landlord_phone', areaM2: 'area_m2', registeredOn: 'registered_on', street: 'grid_path', community: 'grid_path', grid: 'grid_path',
};

export interface Uses { entities: Set<Entity>; fields: Set<string>; tags: Set<string> }

/** The registry fields, entities and tags one spec reads. */
export function usesOf(spec: ReportSpec): Uses {
  const u: Uses = { entities: new Set(), fields: new Set(), tags: new Set() };
  const field = (entity: Entity, f: string) => u.fields.add(f.includes('.') ? f : `${entity}.${f}`);
  const filter = (entity: Entity, f: Filter | undefined) => {
    u.entities.add(entity);
    field(entity, 'grid_path');
    for (const [k, v] of Object.entries(f ?? {})) {
      if (k === 'tagsAny' || k === 'tagsAll' || k === 'memberTagsAny') (v as string[]).forEach((t) => u.tags.add(t));
      for (const col of FILTER_FIELDS[k] ?? []) field(entity, col);
    }
  };
  if (spec.kind === 'list') {
    filter(spec.entity, spec.filter);
    for (const f of spec.fields) if (f.field !== 'tags') field(spec.entity, LIST_FIELD_COLUMNS[f.field] ?? f.field);
  } else {
    for (const c of spec.columns) {
      const m = c.measure;
      if (m.kind !== 'count' && m.kind !== 'sum') continue;
      filter(m.entity, m.filter);
      if (m.kind === 'sum') field(m.entity, m.field);
    }
  }
  return u;
}

export interface UsageTemplate { code: string; spec: ReportSpec }

/** Counts, over a city's templates, how many use each entity, field and tag. */
export function usage(templates: UsageTemplate[], tagNames: Map<string, string>) {
  const entities = new Map<Entity, Set<string>>();
  const fields = new Map<string, Set<string>>();
  const tags = new Map<string, Set<string>>();
  const add = <K>(m: Map<K, Set<string>>, k: K, code: string) => { if (!m.has(k)) m.set(k, new Set()); m.get(k)!.add(code); };
  let reports = 0;
  for (const t of templates) {
    const u = usesOf(t.spec);
    if (u.entities.size) reports++;
    u.entities.forEach((e) => add(entities, e, t.code));
    u.fields.forEach((f) => add(fields, f, t.code));
    u.tags.forEach((g) => add(tags, g, t.code));
  }
  const byUse = <T extends { reports: number }>(a: T, b: T) => b.reports - a.reports;
  const fieldList = [...fields].map(([field, codes]) => ({ field, label: FIELD_LABEL[field] ?? field, reports: codes.size, templates: [...codes].sort() })).sort((a, b) => byUse(a, b) || a.field.localeCompare(b.field));
  const tagList = [...tags].map(([code, codes]) => ({ code, name: tagNames.get(code) ?? code, reports: codes.size, templates: [...codes].sort() })).sort((a, b) => byUse(a, b) || a.code.localeCompare(b.code));
  const top = fieldList.find((f) => !f.field.endsWith('.grid_path'));
  return {
    reports,
    summary: `一次采集，多方利用：网格员登记一次的基础数据，在本市 ${reports} 张报表中复用${top ? `；其中“${top.label}”一项用于 ${top.reports} 张报表` : ''}。 / Collected once, used in ${reports} reports.`,
    entities: [...entities].map(([entity, codes]) => ({ entity, label: ENTITY_LABEL[entity], reports: codes.size })).sort(byUse),
    fields: fieldList,
    tags: tagList,
  };
}
