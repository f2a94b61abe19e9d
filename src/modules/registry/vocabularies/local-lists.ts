// The registry's own lists (GB/T 31000-2015 categories and the schema's CHECK values), kept
// beside the national ones so forms and imports read every coded field the same way.
import type { CodeItem } from './national-lists.ts';

/** 实有人口 categories of GB/T 31000. */
export const RESIDENCE_TYPE: CodeItem[] = [
  { code: 'registered', name: '户籍人口' },
  { code: 'floating', name: '流动人口' },
  { code: 'overseas', name: '境外人员' },
  { code: 'left_behind', name: '留守人员' },
];

export const ORGANISATION_KIND: CodeItem[] = [
  { code: 'enterprise', name: '企业' },
  { code: 'individual_business', name: '个体工商户' },
  { code: 'social_org', name: '社会组织' },
  { code: 'public_institution', name: '机关事业单位' },
];

export const ORGANISATION_STATUS: CodeItem[] = [
  { code: 'active', name: '存续' },
  { code: 'suspended', name: '停业' },
  { code: 'closed', name: '注销' },
];

/** 出租房屋 用途. */
export const RENTAL_PURPOSE: CodeItem[] = [
  { code: 'residence', name: '居住' },
  { code: 'business', name: '经营' },
  { code: 'mixed', name: '居住兼经营' },
  { code: 'dormitory', name: '集体宿舍' },
];

export const HOUSEHOLD_KIND: CodeItem[] = [
  { code: 'family', name: '家庭户' },
  { code: 'collective', name: '集体户' },
];

export const BUILDING_KIND: CodeItem[] = [
  { code: 'residential', name: '住宅' },
  { code: 'commercial', name: '商业' },
  { code: 'mixed', name: '商住混合' },
  { code: 'public', name: '公共建筑' },
  { code: 'bungalow', name: '平房' },
];
