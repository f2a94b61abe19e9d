import { codeName } from '../vocabularies/index.ts';
import type { BuildingOut } from '../building-schema.ts';
import type { HouseholdOut } from '../household-schema.ts';
import type { OrganisationOut } from '../organisation-schema.ts';
import type { PersonOut } from '../people-schema.ts';
import type { RentalOut } from '../rental-schema.ts';
import type { TagRef } from '../schema.ts';

/** The columns of each exported list: Chinese headers, values as the list shows them (ID and phone numbers arrive masked). */

export type ExportValue = string | number | null;
export interface ExportColumn<T> { header: string; width: number; value: (r: T) => ExportValue }

const name = (list: string, code: string | null | undefined) => (code == null ? null : codeName(list, code) ?? code);
const tags = (t: TagRef[]) => t.map((x) => x.name).join('、') || null;
const SEX: Record<string, string> = { '1': '男', '2': '女' };
const RENTAL_STATUS: Record<string, string> = { active: '在租', ended: '已停租' };
const yesNo = (b: boolean) => (b ? '是' : '否');

export const PEOPLE_COLUMNS: ExportColumn<PersonOut>[] = [
  { header: '人员编号', width: 10, value: (r) => r.id },
  { header: '姓名', width: 10, value: (r) => r.name },
  { header: '公民身份号码', width: 22, value: (r) => r.idNumber },
  { header: '性别', width: 6, value: (r) => SEX[r.sex] ?? r.sex },
  { header: '出生年月', width: 10, value: (r) => r.birthMonth },
  { header: '年龄', width: 6, value: (r) => r.age },
  { header: '民族', width: 10, value: (r) => name('ethnicity', r.ethnicity) },
  { header: '政治面貌', width: 12, value: (r) => name('political_status', r.politicalStatus) },
  { header: '学历', width: 12, value: (r) => name('education', r.education) },
  { header: '联系电话', width: 14, value: (r) => r.phone },
  { header: '居住类型', width: 10, value: (r) => name('residence_type', r.residenceType) },
  { header: '网格编码', width: 17, value: (r) => r.gridCode },
  { header: '住户编号', width: 10, value: (r) => r.householdId },
  { header: '与户主关系', width: 10, value: (r) => name('relation', r.relation) },
  { header: '居住地址', width: 36, value: (r) => r.address },
  { header: '工作单位', width: 20, value: (r) => r.workplace },
  { header: '国籍', width: 6, value: (r) => r.nationality },
  { header: '标签', width: 20, value: (r) => tags(r.tags) },
  { header: '备注', width: 20, value: (r) => r.notes },
];

export const HOUSEHOLD_COLUMNS: ExportColumn<HouseholdOut>[] = [
  { header: '住户编号', width: 10, value: (r) => r.id },
  { header: '网格编码', width: 17, value: (r) => r.gridCode },
  { header: '住户地址', width: 36, value: (r) => r.address },
  { header: '房号', width: 8, value: (r) => r.room },
  { header: '户别', width: 8, value: (r) => name('household_kind', r.kind) },
  { header: '户主', width: 10, value: (r) => r.headName },
  { header: '人数', width: 6, value: (r) => r.memberCount },
  { header: '住户电话', width: 14, value: (r) => r.phone },
  { header: '标签', width: 20, value: (r) => tags(r.tags) },
  { header: '备注', width: 20, value: (r) => r.notes },
];

export const ORGANISATION_COLUMNS: ExportColumn<OrganisationOut>[] = [
  { header: '组织编号', width: 10, value: (r) => r.id },
  { header: '名称', width: 30, value: (r) => r.name },
  { header: '组织类型', width: 12, value: (r) => name('organisation_kind', r.kind) },
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
  { header: '行业', width: 20, value: (r) => name('industry', r.industry) },
  { header: '法定代表人', width: 10, value: (r) => r.legalRep },
  { header: '联系电话', width: 14, value: (r) => r.phone },
  { header: '地址', width: 30, value: (r) => r.address },
  { header: '网格编码', width: 17, value: (r) => r.gridCode },
  { header: '从业人数', width: 8, value: (r) => r.employees },
  { header: '注册资本（元）', width: 14, value: (r) => r.registeredCapital },
  { header: '成立日期', width: 12, value: (r) => r.establishedOn },
  { header: '经营状态', width: 8, value: (r) => name('organisation_status', r.status) },
  { header: '建有党组织', width: 8, value: (r) => yesNo(r.hasPartyOrg) },
  { header: '标签', width: 20, value: (r) => tags(r.tags) },
];

export const RENTAL_COLUMNS: ExportColumn<RentalOut>[] = [
  { header: '房屋编号', width: 10, value: (r) => r.id },
  { header: '网格编码', width: 17, value: (r) => r.gridCode },
  { header: '房屋地址', width: 36, value: (r) => r.address },
  { header: '房号', width: 8, value: (r) => r.room },
  { header: '房东', width: 10, value: (r) => r.landlord.name },
  { header: '房东电话', width: 14, value: (r) => r.landlord.phone },
  { header: '承租人数', width: 8, value: (r) => r.tenants },
  { header: '面积（㎡）', width: 10, value: (r) => r.areaM2 },
  { header: '用途', width: 10, value: (r) => name('rental_purpose', r.purpose) },
  { header: '登记日期', width: 12, value: (r) => r.registeredOn },
  { header: '状态', width: 8, value: (r) => RENTAL_STATUS[r.status] ?? r.status },
];

export const BUILDING_COLUMNS: ExportColumn<BuildingOut>[] = [
  { header: '楼栋编号', width: 10, value: (r) => r.id },
  { header: '网格编码', width: 17, value: (r) => r.gridCode },
  { header: '楼栋名称', width: 16, value: (r) => r.name },
  { header: '地址', width: 36, value: (r) => r.address },
  { header: '层数', width: 6, value: (r) => r.floors },
  { header: '类型', width: 10, value: (r) => name('building_kind', r.kind) },
  { header: '单元数', width: 8, value: (r) => r.unitCount },
  { header: '住户数', width: 8, value: (r) => r.householdCount },
];
