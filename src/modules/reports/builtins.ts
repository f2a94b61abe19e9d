import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Column, ListSpec, Measure, PersonFilter, ReportSpec, TableSpec } from './spec.ts';

/**
 * Built-in templates 内置报表: the forms departments ask every street and community for,
 * each generated from the one registry instead of being typed again (一次采集，多方利用).
 * Seeded per city (builtin = true, read-only); a city adds its own beside them.
 */
export interface BuiltinTemplate { code: string; name: string; department: string; description: string; spec: ReportSpec }

const person = (filter?: PersonFilter): Measure => ({ kind: 'count', entity: 'person', ...(filter ? { filter } : {}) });
const c = (key: string, label: string, measure: Measure, group?: string): Column => ({ key, label, measure, ...(group ? { group } : {}) });
const ratio = (key: string, label: string, numerator: string, denominator: string, group?: string): Column => c(key, label, { kind: 'ratio', numerator, denominator }, group);
/** 小计 / 男 / 女 under one upper header. */
const bySex = (prefix: string, group: string, f: PersonFilter = {}): Column[] => [
  c(prefix, '小计', person(f), group), c(`${prefix}_m`, '男', person({ ...f, sex: '1' }), group), c(`${prefix}_f`, '女', person({ ...f, sex: '2' }), group),
];
const table = (level: TableSpec['level'], columns: Column[]): TableSpec => ({ kind: 'table', level, columns });

const ALL_PEOPLE = c('people', '实有人口', person());
/** GB/T 3304 codes 02–56: the 55 minority nationalities 少数民族. */
const MINORITIES = Array.from({ length: 55 }, (_, i) => String(i + 2).padStart(2, '0'));
const PARTY_MEMBERS = ['01', '02'];
const COLLEGE = ['10', '20', '30'];
const NON_PUBLIC = { kind: ['enterprise', 'individual_business'] as ('enterprise' | 'individual_business')[], status: ['active'] as 'active'[] };
const SPECIAL_GROUPS = ['RELEASED_PRISONER', 'COMMUNITY_CORRECTION', 'SEVERE_MENTAL_DISORDER', 'DRUG_USER', 'AIDS_RISK'];
const LIST_PLACE = [{ field: 'street', label: '街道（乡镇）' }, { field: 'community', label: '社区（村）' }, { field: 'grid', label: '网格' }];

const personList = (filter: PersonFilter, extra: ListSpec['fields'] = []): ListSpec => ({
  kind: 'list', entity: 'person', filter,
  fields: [
    { field: 'name', label: '姓名' }, { field: 'sex', label: '性别' }, { field: 'age', label: '年龄' }, { field: 'idNumber', label: '公民身份号码' },
    { field: 'phone', label: '联系电话' }, { field: 'address', label: '现住址' }, ...extra, ...LIST_PLACE,
  ],
});

export const BUILTIN_TEMPLATES: BuiltinTemplate[] = [
  {
    code: 'ZZ_ACTUAL_POPULATION', name: '实有人口统计表', department: '综治（平安办）',
    description: '户籍、流动、境外、留守人员分性别统计（GB/T 31000 实有人口）',
    spec: table('street', [
      ALL_PEOPLE,
      ...bySex('reg', '户籍人口', { residenceType: ['registered'] }),
      ...bySex('flt', '流动人口', { residenceType: ['floating'] }),
      ...bySex('ovs', '境外人员', { residenceType: ['overseas'] }),
      ...bySex('lb', '留守人员', { residenceType: ['left_behind'] }),
      c('households', '户数', { kind: 'count', entity: 'household' }),
      ratio('flt_pct', '流动人口占比', 'flt', 'people'),
    ]),
  },
  {
    code: 'ZZ_FLOATING_POPULATION', name: '流动人口统计表', department: '综治（平安办）',
    description: '流动人口的性别、年龄段、民族、政治面貌、学历构成',
    spec: table('street', [
      ALL_PEOPLE,
      c('flt', '流动人口', person({ residenceType: ['floating'] })),
      c('flt_m', '男', person({ residenceType: ['floating'], sex: '1' }), '性别'), c('flt_f', '女', person({ residenceType: ['floating'], sex: '2' }), '性别'),
      c('age_0_17', '0–17岁', person({ residenceType: ['floating'], ageMax: 17 }), '年龄'),
      c('age_18_59', '18–59岁', person({ residenceType: ['floating'], ageMin: 18, ageMax: 59 }), '年龄'),
      c('age_60', '60岁以上', person({ residenceType: ['floating'], ageMin: 60 }), '年龄'),
      c('minority', '少数民族', person({ residenceType: ['floating'], ethnicity: MINORITIES }), '其中'),
      c('party', '中共党员', person({ residenceType: ['floating'], politicalStatus: PARTY_MEMBERS }), '其中'),
      c('college', '大专及以上', person({ residenceType: ['floating'], education: COLLEGE }), '其中'),
      ratio('flt_pct', '占实有人口比例', 'flt', 'people'),
    ]),
  },
  {
    code: 'ZZ_RENTAL_HOUSING', name: '出租房屋统计表', department: '综治（平安办）',
    description: '在租出租房屋按用途统计，承租人数与出租面积（以房管人）',
    spec: table('street', [
      c('houses', '在租房屋', { kind: 'count', entity: 'rental_house', filter: { status: ['active'] } }),
      c('residence', '居住', { kind: 'count', entity: 'rental_house', filter: { status: ['active'], purpose: ['residence'] } }, '按用途'),
      c('business', '经营', { kind: 'count', entity: 'rental_house', filter: { status: ['active'], purpose: ['business'] } }, '按用途'),
      c('mixed', '居住兼经营', { kind: 'count', entity: 'rental_house', filter: { status: ['active'], purpose: ['mixed'] } }, '按用途'),
      c('dormitory', '集体宿舍', { kind: 'count', entity: 'rental_house', filter: { status: ['active'], purpose: ['dormitory'] } }, '按用途'),
      c('tenants', '承租人数', { kind: 'sum', entity: 'rental_house', field: 'tenants', filter: { status: ['active'] } }),
      c('area', '出租面积（㎡）', { kind: 'sum', entity: 'rental_house', field: 'area_m2', filter: { status: ['active'] } }),
      c('ended', '已停租', { kind: 'count', entity: 'rental_house', filter: { status: ['ended'] } }),
      c('floating', '流动人口', person({ residenceType: ['floating'] })),
    ]),
  },
  {
    code: 'MZ_ELDERLY', name: '老年人口统计表', department: '民政',
    description: '60、65、80周岁以上老年人，独居、留守、低保老人，老龄化率',
    spec: table('street', [
      ALL_PEOPLE,
      ...bySex('age_60', '60周岁以上', { ageMin: 60 }),
      c('age_65', '65周岁以上', person({ ageMin: 65 })),
      c('age_80', '80周岁以上', person({ ageMin: 80 })),
      c('alone_tag', '独居老人', person({ tagsAny: ['ELDERLY_ALONE'] }), '其中'),
      c('alone_80', '高龄独居老人', person({ tagsAny: ['ELDERLY_ALONE'], ageMin: 80 }), '其中'),
      c('left_behind', '留守老人', person({ tagsAny: ['LEFT_BEHIND_ELDERLY'] }), '其中'),
      c('low_income', '低保老人', person({ ageMin: 60, tagsAny: ['LOW_INCOME'] }), '其中'),
      ratio('aging', '老龄化率', 'age_60', 'people'),
    ]),
  },
  {
    code: 'MZ_SOCIAL_ASSISTANCE', name: '低保特困统计表', department: '民政',
    description: '城乡低保对象（人、户）及其构成，特困供养户',
    spec: table('street', [
      ALL_PEOPLE,
      c('low', '人数', person({ tagsAny: ['LOW_INCOME'] }), '低保对象'),
      c('low_old', '其中老年人', person({ tagsAny: ['LOW_INCOME'], ageMin: 60 }), '低保对象'),
      c('low_minor', '其中未成年人', person({ tagsAny: ['LOW_INCOME'], ageMax: 17 }), '低保对象'),
      c('low_disabled', '其中残疾人', person({ tagsAll: ['LOW_INCOME', 'DISABLED'] }), '低保对象'),
      c('low_households', '低保户数', { kind: 'count', entity: 'household', filter: { memberTagsAny: ['LOW_INCOME'] } }),
      c('poor_households', '特困户数', { kind: 'count', entity: 'household', filter: { tagsAny: ['EXTREMELY_POOR'] } }),
      ratio('low_pct', '低保人口占比', 'low', 'people'),
    ]),
  },
  {
    code: 'CL_DISABLED', name: '残疾人统计表', department: '残联',
    description: '持证残疾人分性别、年龄段，低保与独居残疾老人，残疾人家庭户',
    spec: table('street', [
      ALL_PEOPLE,
      ...bySex('dis', '残疾人', { tagsAny: ['DISABLED'] }),
      c('dis_0_17', '0–17岁', person({ tagsAny: ['DISABLED'], ageMax: 17 }), '年龄'),
      c('dis_18_59', '18–59岁', person({ tagsAny: ['DISABLED'], ageMin: 18, ageMax: 59 }), '年龄'),
      c('dis_60', '60岁以上', person({ tagsAny: ['DISABLED'], ageMin: 60 }), '年龄'),
      c('dis_low', '低保残疾人', person({ tagsAll: ['DISABLED', 'LOW_INCOME'] })),
      c('dis_alone', '独居残疾老人', person({ tagsAll: ['DISABLED', 'ELDERLY_ALONE'] })),
      c('dis_households', '残疾人家庭户', { kind: 'count', entity: 'household', filter: { memberTagsAny: ['DISABLED'] } }),
      ratio('dis_pct', '残疾人占比', 'dis', 'people'),
    ]),
  },
  {
    code: 'RS_WORKING_AGE', name: '就业年龄人口统计表', department: '人社',
    description: '法定劳动年龄人口（男16–59岁、女16–54岁），户籍与流动',
    spec: table('street', [
      ALL_PEOPLE,
      c('m_all', '小计', person({ sex: '1', ageMin: 16, ageMax: 59 }), '男（16–59岁）'),
      c('m_reg', '户籍', person({ sex: '1', ageMin: 16, ageMax: 59, residenceType: ['registered'] }), '男（16–59岁）'),
      c('m_flt', '流动', person({ sex: '1', ageMin: 16, ageMax: 59, residenceType: ['floating'] }), '男（16–59岁）'),
      c('f_all', '小计', person({ sex: '2', ageMin: 16, ageMax: 54 }), '女（16–54岁）'),
      c('f_reg', '户籍', person({ sex: '2', ageMin: 16, ageMax: 54, residenceType: ['registered'] }), '女（16–54岁）'),
      c('f_flt', '流动', person({ sex: '2', ageMin: 16, ageMax: 54, residenceType: ['floating'] }), '女（16–54岁）'),
      c('working', '劳动年龄人口合计', { kind: 'sum_of', columns: ['m_all', 'f_all'] }),
      ratio('working_pct', '占实有人口比例', 'working', 'people'),
    ]),
  },
  {
    code: 'WJ_OLD_AND_YOUNG', name: '“一老一小”统计表', department: '卫健',
    description: '0–6岁儿童（含0–3岁婴幼儿）与65周岁以上老年人（含80岁以上高龄）',
    spec: table('street', [
      ALL_PEOPLE,
      ...bySex('young', '0–6岁儿童', { ageMax: 6 }),
      c('young_0_3', '其中0–3岁', person({ ageMax: 3 }), '0–6岁儿童'),
      ...bySex('old', '65周岁以上老年人', { ageMin: 65 }),
      c('old_80', '其中80岁以上', person({ ageMin: 80 }), '65周岁以上老年人'),
      ratio('young_pct', '儿童占比', 'young', 'people', '占实有人口比例'),
      ratio('old_pct', '老年人占比', 'old', 'people', '占实有人口比例'),
    ]),
  },
  {
    code: 'TY_VETERANS', name: '退役军人统计表', department: '退役军人事务',
    description: '退役军人分性别，老年、党员、流动、困难（低保、残疾）退役军人，退役军人家庭',
    spec: table('street', [
      ...bySex('vet', '退役军人', { tagsAny: ['VETERAN'] }),
      c('vet_60', '60岁以上', person({ tagsAny: ['VETERAN'], ageMin: 60 }), '其中'),
      c('vet_party', '中共党员', person({ tagsAny: ['VETERAN'], politicalStatus: PARTY_MEMBERS }), '其中'),
      c('vet_floating', '流动人口', person({ tagsAny: ['VETERAN'], residenceType: ['floating'] }), '其中'),
      c('vet_low', '低保', person({ tagsAll: ['VETERAN', 'LOW_INCOME'] }), '其中'),
      c('vet_disabled', '残疾', person({ tagsAll: ['VETERAN', 'DISABLED'] }), '其中'),
      c('vet_households', '退役军人家庭户', { kind: 'count', entity: 'household', filter: { memberTagsAny: ['VETERAN'] } }),
    ]),
  },
  {
    code: 'FG_NON_PUBLIC_ECONOMY', name: '非公经济组织统计表', department: '市场监管（两新）',
    description: '存续的企业与个体工商户，从业人员，党组织覆盖，按国民经济行业门类（GB/T 4754）',
    spec: table('street', [
      c('enterprise', '企业', { kind: 'count', entity: 'organisation', filter: { kind: ['enterprise'], status: ['active'] } }),
      c('individual', '个体工商户', { kind: 'count', entity: 'organisation', filter: { kind: ['individual_business'], status: ['active'] } }),
      c('total', '合计', { kind: 'sum_of', columns: ['enterprise', 'individual'] }),
      c('employees', '从业人员', { kind: 'sum', entity: 'organisation', field: 'employees', filter: NON_PUBLIC }),
      c('party', '建立党组织', { kind: 'count', entity: 'organisation', filter: { ...NON_PUBLIC, hasPartyOrg: true } }),
      ratio('party_pct', '党组织覆盖率', 'party', 'total'),
      ...([['C', '制造业'], ['E', '建筑业'], ['F', '批发和零售业'], ['G', '交通运输'], ['H', '住宿和餐饮业'], ['I', '信息技术服务'], ['K', '房地产业'], ['L', '租赁和商务服务'], ['O', '居民服务']] as const)
        .map(([s, label]) => c(`ind_${s.toLowerCase()}`, label, { kind: 'count', entity: 'organisation', filter: { ...NON_PUBLIC, industry: [s] } }, '按行业门类')),
    ]),
  },
  {
    code: 'MZ_SOCIAL_ORGANISATIONS', name: '社会组织统计表', department: '民政',
    description: '社会组织按状态、行业，从业人员与党组织覆盖',
    spec: table('street', [
      c('orgs', '社会组织', { kind: 'count', entity: 'organisation', filter: { kind: ['social_org'] } }),
      c('active', '存续', { kind: 'count', entity: 'organisation', filter: { kind: ['social_org'], status: ['active'] } }, '按状态'),
      c('suspended', '停业', { kind: 'count', entity: 'organisation', filter: { kind: ['social_org'], status: ['suspended'] } }, '按状态'),
      c('closed', '注销', { kind: 'count', entity: 'organisation', filter: { kind: ['social_org'], status: ['closed'] } }, '按状态'),
      c('employees', '从业人员', { kind: 'sum', entity: 'organisation', field: 'employees', filter: { kind: ['social_org'], status: ['active'] } }),
      c('party', '建立党组织', { kind: 'count', entity: 'organisation', filter: { kind: ['social_org'], status: ['active'], hasPartyOrg: true } }),
      ratio('party_pct', '党组织覆盖率', 'party', 'active'),
      ...([['P', '教育'], ['Q', '卫生和社会工作'], ['R', '文化体育'], ['S', '社会服务']] as const)
        .map(([s, label]) => c(`ind_${s.toLowerCase()}`, label, { kind: 'count', entity: 'organisation', filter: { kind: ['social_org'], status: ['active'], industry: [s] } }, '按领域')),
    ]),
  },
  {
    code: 'ZZ_SPECIAL_GROUPS', name: '特殊人群统计表', department: '综治（平安办）',
    description: 'GB/T 31000 特殊人群：刑满释放、社区矫正、严重精神障碍、吸毒、艾滋病危险人员',
    spec: table('street', [
      ALL_PEOPLE,
      c('special', '特殊人群（人）', person({ tagsAny: SPECIAL_GROUPS })),
      c('released', '刑满释放人员', person({ tagsAny: ['RELEASED_PRISONER'] }), '按类别'),
      c('correction', '社区矫正对象', person({ tagsAny: ['COMMUNITY_CORRECTION'] }), '按类别'),
      c('mental', '严重精神障碍患者', person({ tagsAny: ['SEVERE_MENTAL_DISORDER'] }), '按类别'),
      c('drug', '吸毒人员', person({ tagsAny: ['DRUG_USER'] }), '按类别'),
      c('aids', '艾滋病危险人员', person({ tagsAny: ['AIDS_RISK'] }), '按类别'),
      c('special_floating', '其中流动人口', person({ tagsAny: SPECIAL_GROUPS, residenceType: ['floating'] })),
      ratio('special_pct', '占实有人口比例', 'special', 'people'),
    ]),
  },
  {
    code: 'ZZ_KEY_YOUTH', name: '重点青少年统计表', department: '综治（共青团）',
    description: 'GB/T 31000 重点青少年分性别、年龄段，及留守儿童',
    spec: table('street', [
      ...bySex('youth', '重点青少年', { tagsAny: ['KEY_YOUTH'] }),
      c('youth_6_13', '6–13岁', person({ tagsAny: ['KEY_YOUTH'], ageMin: 6, ageMax: 13 }), '年龄'),
      c('youth_14_17', '14–17岁', person({ tagsAny: ['KEY_YOUTH'], ageMin: 14, ageMax: 17 }), '年龄'),
      c('youth_18_25', '18–25岁', person({ tagsAny: ['KEY_YOUTH'], ageMin: 18, ageMax: 25 }), '年龄'),
      c('youth_floating', '其中流动人口', person({ tagsAny: ['KEY_YOUTH'], residenceType: ['floating'] })),
      c('left_behind_children', '留守儿童', person({ tagsAny: ['LEFT_BEHIND_CHILD'], ageMax: 17 })),
    ]),
  },
  {
    code: 'MZ_LEFT_BEHIND_CHILDREN_LIST', name: '留守儿童名单', department: '民政',
    description: '标注为留守儿童的未成年人名单（身份证号、电话脱敏）',
    spec: personList({ tagsAny: ['LEFT_BEHIND_CHILD'], ageMax: 17 }, [{ field: 'residenceType', label: '人口类别' }]),
  },
  {
    code: 'MZ_ELDERLY_ALONE_LIST', name: '独居老人名单', department: '民政',
    description: '独居老人名单，供走访关爱（身份证号、电话脱敏）',
    spec: personList({ tagsAny: ['ELDERLY_ALONE'] }, [{ field: 'tags', label: '人员标签' }]),
  },
];

/**
 * Puts the built-in templates into each city (all cities when none are given). Safe to run
 * again: built-ins are refreshed to this file's version; a city's own template is never touched.
 */
export async function seedBuiltinReports(db: Kysely<DB>, cityCodes?: string[]): Promise<number> {
  const cities = cityCodes ?? (await db.selectFrom('city').select('code').execute()).map((r) => r.code);
  let n = 0;
  for (const city of cities) {
    const r = await db.insertInto('report_template')
      .values(BUILTIN_TEMPLATES.map((t) => ({ city_code: city, code: t.code, name: t.name, department: t.department, description: t.description, spec: JSON.stringify(t.spec), builtin: true })))
      .onConflict((oc) => oc.columns(['city_code', 'code']).doUpdateSet({
        name: sql`excluded.name`, department: sql`excluded.department`, description: sql`excluded.description`, spec: sql`excluded.spec`,
      }).where('report_template.builtin', '=', true))
      .executeTakeFirst();
    n += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}
