// The columns of the import templates (导入模板), one list per kind of file. Headers are the
// Chinese names clerks know from paper forms; `field` is the API's name of the value, so a problem
// found by the API's own checks (which name API fields) is reported under the right column.

export type ImportKind = 'people' | 'households' | 'organisations';
export const IMPORT_KINDS: readonly ImportKind[] = ['people', 'households', 'organisations'];
export const KIND_NAMES: Record<ImportKind, string> = { people: '人员', households: '住户及成员', organisations: '组织' };

/** How a cell is read: text as is, a code of a list (code or Chinese name), tags, numbers, a date, 是/否. */
export type CellKind = 'text' | 'code' | 'tags' | 'integer' | 'number' | 'date' | 'boolean' | 'key';

export interface Column {
  header: string;
  aliases?: readonly string[];
  cell: CellKind;
  /** The code list (VOCABULARIES key) of a code column. */
  list?: string;
  /** The API field of the person / organisation / household member the value fills. */
  field?: string;
  /** The API field of the household (households file: on the head's row; people file: new households from 户号). */
  householdField?: string;
  required?: boolean;
  /** Masked in reports (ID and phone numbers). */
  personal?: boolean;
  note: string;
  example: string;
}

const person: Column[] = [
  { header: '姓名', cell: 'text', field: 'name', required: true, note: '1–50 个字', example: '张建国' },
  { header: '公民身份号码', aliases: ['身份证号码', '身份证号'], cell: 'text', field: 'idNumber', required: true, personal: true, note: '18 位，末位校验码；请把此列设为“文本”格式', example: '150203199001011236' },
  { header: '性别', cell: 'code', list: 'sex', field: 'sex', note: '男/女 或 1/2；不填则取自身份证号码', example: '男' },
  { header: '民族', cell: 'code', list: 'ethnicity', field: 'ethnicity', note: 'GB/T 3304：填名称（汉族）或代码（01）', example: '汉族' },
  { header: '政治面貌', cell: 'code', list: 'political_status', field: 'politicalStatus', note: 'GB/T 4762：名称或代码', example: '群众' },
  { header: '学历', aliases: ['文化程度'], cell: 'code', list: 'education', field: 'education', note: 'GB/T 4658：名称或代码', example: '大学本科' },
  { header: '联系电话', aliases: ['手机号码', '电话'], cell: 'text', field: 'phone', personal: true, note: '手机 11 位，或区号-号码', example: '13912345678' },
  { header: '居住类型', aliases: ['人口类型'], cell: 'code', list: 'residence_type', field: 'residenceType', note: '户籍/流动/境外/留守，不填为户籍', example: '户籍' },
  { header: '工作单位', cell: 'text', field: 'workplace', note: '', example: '包钢集团' },
  { header: '国籍', cell: 'text', field: 'nationality', note: 'ISO 3166 三字母代码，不填为 CHN', example: 'CHN' },
];

const personTail: Column[] = [
  { header: '标签', aliases: ['人员标签'], cell: 'tags', field: 'tags', note: '标签代码或名称，多个用顿号或逗号分隔', example: '' },
  { header: '备注', cell: 'text', field: 'notes', note: '', example: '' },
];

export const COLUMNS: Record<ImportKind, readonly Column[]> = {
  // One row per person; 户号 groups rows into a new household (address and grid from the 户主 row), 住户编号 joins a registered one.
  people: [
    ...person,
    { header: '网格编码', cell: 'text', field: 'gridCode', householdField: 'gridCode', note: '所在网格的编码；加入已登记住户时可不填', example: '150203001001001' },
    { header: '居住地址', aliases: ['现住址', '地址'], cell: 'text', field: 'address', householdField: 'address', note: '新建住户时为户主行的住址', example: '昆都仑区钢铁大街 12 号 3-501' },
    { header: '户号', cell: 'key', note: '本文件内的住户编号：同一户号的人员组成一户新住户（须有一位户主）', example: '' },
    { header: '住户编号', cell: 'integer', field: 'householdId', note: '加入系统中已登记的住户（住户 ID）', example: '' },
    { header: '与户主关系', cell: 'code', list: 'relation', field: 'relation', note: 'GB/T 4761：户主/配偶/子…；填写户号或住户编号时必填', example: '' },
    ...personTail,
  ],
  // One row per member, grouped by 户号; the head's row (与户主关系 户主/02) carries the household's place.
  households: [
    { header: '户号', cell: 'key', required: true, note: '本文件内的住户编号：同一户号的各行为同一户的成员', example: '1' },
    { header: '与户主关系', cell: 'code', list: 'relation', field: 'relation', required: true, note: 'GB/T 4761：户主/配偶/子…；每户一位户主', example: '户主' },
    ...person,
    { header: '网格编码', cell: 'text', householdField: 'gridCode', note: '户主行必填；成员行可不填', example: '150203001001001' },
    { header: '住户地址', cell: 'text', householdField: 'address', note: '户主行必填', example: '昆都仑区钢铁大街 12 号 3-501' },
    { header: '楼栋', cell: 'text', householdField: 'building', note: '楼栋名称或编号（须在该网格内）', example: '' },
    { header: '单元', cell: 'text', householdField: 'unit', note: '单元名称或编号（须在该楼栋内）', example: '' },
    { header: '房号', cell: 'text', householdField: 'room', note: '', example: '501' },
    { header: '户别', cell: 'code', list: 'household_kind', householdField: 'kind', note: '家庭户/集体户，不填为家庭户', example: '家庭户' },
    { header: '住户电话', cell: 'text', householdField: 'phone', personal: true, note: '', example: '' },
    { header: '住户标签', cell: 'tags', householdField: 'tags', note: '住户标签代码或名称', example: '' },
    ...personTail,
  ],
  organisations: [
    { header: '名称', aliases: ['组织名称', '单位名称'], cell: 'text', field: 'name', required: true, note: '1–100 个字', example: '包头市示例商贸有限公司' },
    { header: '组织类型', cell: 'code', list: 'organisation_kind', field: 'kind', required: true, note: '企业/个体工商户/社会组织/机关事业单位', example: '企业' },
    { header: '统一社会信用代码', aliases: ['信用代码'], cell: 'text', field: 'creditCode', note: '18 位，企业必填', example: '91150203MA0N000000' },
    { header: '行业', cell: 'code', list: 'industry', field: 'industry', note: 'GB/T 4754 门类：名称或字母', example: '批发和零售业' },
    { header: '法定代表人', aliases: ['负责人'], cell: 'text', field: 'legalRep', note: '', example: '李明' },
    { header: '联系电话', cell: 'text', field: 'phone', personal: true, note: '', example: '0472-5123456' },
    { header: '地址', cell: 'text', field: 'address', note: '', example: '昆都仑区阿尔丁大街 8 号' },
    { header: '网格编码', cell: 'text', field: 'gridCode', required: true, note: '所在网格的编码', example: '150203001001001' },
    { header: '从业人数', cell: 'integer', field: 'employees', note: '', example: '25' },
    { header: '注册资本', aliases: ['注册资本（元）'], cell: 'number', field: 'registeredCapital', note: '单位：元', example: '1000000' },
    { header: '成立日期', cell: 'date', field: 'establishedOn', note: 'YYYY-MM-DD', example: '2018-05-20' },
    { header: '经营状态', cell: 'code', list: 'organisation_status', field: 'status', note: '存续/停业/注销，不填为存续', example: '存续' },
    { header: '是否建有党组织', aliases: ['建有党组织'], cell: 'boolean', field: 'hasPartyOrg', note: '是/否', example: '否' },
    { header: '标签', cell: 'tags', field: 'tags', note: '组织标签代码或名称', example: '' },
    { header: '备注', cell: 'text', field: 'notes', note: '', example: '' },
  ],
};

/** A header as typed: without *, spaces, full-width forms or a note in brackets (“注册资本（元）” → “注册资本”). */
export function normaliseHeader(h: string): string {
  return h.replace(/[\s*＊\u3000]/g, '').replace(/[（(][^）)]*[）)]/g, '');
}

/** The column a header names, by its header or an alias. */
export function columnByHeader(kind: ImportKind): Map<string, Column> {
  const out = new Map<string, Column>();
  for (const c of COLUMNS[kind]) for (const h of [c.header, ...(c.aliases ?? [])]) out.set(normaliseHeader(h), c);
  return out;
}

/** The column that shows an API field (member or person level first, household level as fallback). */
export function columnOfField(kind: ImportKind, field: string, level: 'record' | 'household'): Column | undefined {
  const cols = COLUMNS[kind];
  return level === 'household'
    ? cols.find((c) => c.householdField === field) ?? cols.find((c) => c.field === field)
    : cols.find((c) => c.field === field) ?? cols.find((c) => c.householdField === field);
}
