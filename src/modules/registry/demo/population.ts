// Distributions of the demo population, rough figures for a city of Inner Mongolia (2020 census:
// households of 2.4 people, 13% under 15, over 20% aged 60+). Each is a table, not a rule.
import { Weighted, type Draw } from './random.ts';

/** Household sizes 1–5 (mean ≈ 2.4). */
export const HOUSEHOLD_SIZE = new Weighted([[1, 25], [2, 33], [3, 25], [4, 10], [5, 7]] as const);
export const MEAN_HOUSEHOLD_SIZE = 2.41;

/** 民族 by city: Baotou mostly 汉族 with 蒙古族, 回族, 满族; Hulunbuir with 达斡尔族, 鄂温克族, 鄂伦春族, 俄罗斯族. */
const ETHNICITY_BY_CITY: Record<string, Weighted<string>> = {
  '150200': new Weighted([['01', 91.5], ['02', 4.5], ['03', 2.0], ['11', 1.2], ['31', 0.2], ['10', 0.2], ['08', 0.1], ['04', 0.1], ['45', 0.1], ['97', 0.1]]),
  '150700': new Weighted([['01', 79], ['02', 9.5], ['11', 4.0], ['31', 2.6], ['03', 1.2], ['45', 1.2], ['10', 0.6], ['44', 0.4], ['52', 0.2], ['38', 0.2], ['97', 0.1]]),
};
export function ethnicityTable(cityCode: string): Weighted<string> {
  return ETHNICITY_BY_CITY[cityCode] ?? ETHNICITY_BY_CITY['150200'];
}

/** 学历 GB/T 4658 by age: pupils by school age, adults by birth cohort. */
const EDU_YOUNG = new Weighted([['10', 7], ['20', 27], ['30', 22], ['40', 10], ['60', 14], ['70', 17], ['80', 3]] as const);
const EDU_MIDDLE = new Weighted([['10', 3], ['20', 14], ['30', 17], ['40', 12], ['60', 22], ['70', 27], ['80', 5]] as const);
const EDU_OLD = new Weighted([['10', 1], ['20', 5], ['30', 7], ['40', 8], ['60', 20], ['70', 33], ['80', 21], ['90', 5]] as const);
export function education(d: Draw, age: number): string | null {
  if (age < 6) return null;
  if (age < 12) return '80';
  if (age < 15) return '70';
  if (age < 18) return d.chance(0.3) ? '40' : '60';
  if (age < 22) return d.pick(['20', '30', '30', '40', '60']);
  if (age < 40) return EDU_YOUNG.draw(d);
  if (age < 60) return EDU_MIDDLE.draw(d);
  return EDU_OLD.draw(d);
}

/** 政治面貌 GB/T 4762 by age: 共青团员 among the young, 中共党员 (≈7% of adults), a few democratic parties. */
export function politicalStatus(d: Draw, age: number): string {
  if (age < 14) return '13';
  if (age <= 28 && d.chance(0.35)) return '03';
  const party = age < 25 ? 0.02 : age < 60 ? 0.08 : 0.11;
  const x = d.next();
  if (x < party) return '01';
  if (age >= 22 && age < 40 && x < party + 0.003) return '02';
  if (age >= 30 && x < party + 0.007) return d.pick(['04', '05', '06', '07', '08', '09', '10', '12']);
  return '13';
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '176', '177', '180', '181', '183', '185', '186', '187', '188', '189', '191', '198', '199'];
export function mobile(d: Draw): string {
  return d.pick(MOBILE_PREFIXES) + String(d.int(0, 99_999_999)).padStart(8, '0');
}

/** Whether a person of this age has a phone on record. */
export function hasPhone(d: Draw, age: number): boolean {
  return age >= 80 ? d.chance(0.65) : age >= 18 ? d.chance(0.97) : age >= 14 ? d.chance(0.4) : false;
}

/** Landline area codes 区号 of the cities (for organisations). */
export const AREA_PHONE_CODE: Record<string, string> = { '150200': '0472', '150700': '0470' };
