// 公民身份号码 citizen ID number, GB 11643-1999: 6-digit address code (GB/T 2260), birth date
// YYYYMMDD, 3-digit sequence (odd = male, even = female), ISO 7064 MOD 11-2 check character.
import { isCalendarDate, normaliseCode, todayInChina } from './normalise.ts';

/** Province-level codes of GB/T 2260 (first two digits); 81/82/83 are the 港澳台 residence permits. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdCheck =
  | { ok: true; id: string; areaCode: string; birthDate: string; sex: '1' | '2' }
  | { ok: false; reason: string };

/** The check character (0–9 or X) of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new Error('idCheckDigit needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

const fail = (reason: string): IdCheck => ({ ok: false, reason });

/** Checks an ID number; lower-case x, spaces and full-width characters are accepted and normalised. */
export function checkIdNumber(input: string, today = todayInChina()): IdCheck {
  if (typeof input !== 'string' || !input.trim()) return fail('身份证号码为空 / ID number is empty');
  const id = normaliseCode(input);
  if (id.length === 15 && /^[0-9]{15}$/.test(id)) {
    return fail('15位旧身份证号码，请填写18位号码 / 15-digit first-generation number: give the 18-digit one');
  }
  if (id.length !== 18) return fail(`身份证号码应为18位，实为${id.length}位 / ID number must have 18 characters, got ${id.length}`);
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return fail('身份证号码只能是17位数字加数字或X / ID number must be 17 digits and a digit or X');
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return fail(`地址码的省级代码${id.slice(0, 2)}不存在 / no province with code ${id.slice(0, 2)} in the address code`);
  const y = Number(id.slice(6, 10)), m = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
  if (!isCalendarDate(y, m, d)) return fail(`出生日期${id.slice(6, 14)}不是有效日期 / birth date ${id.slice(6, 14)} is not a real date`);
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < 1900) return fail(`出生日期${birthDate}早于1900年 / birth date ${birthDate} is before 1900`);
  if (birthDate > today) return fail(`出生日期${birthDate}晚于今天 / birth date ${birthDate} is in the future`);
  const expected = idCheckDigit(id.slice(0, 17));
  if (id[17] !== expected) return fail(`校验码错误（第18位应为${expected}），请核对号码 / wrong check character (the 18th should be ${expected}): check the number`);
  return { ok: true, id, areaCode: id.slice(0, 6), birthDate, sex: (id.charCodeAt(16) - 48) % 2 === 1 ? '1' : '2' };
}

/** Builds a valid ID number: birthDate YYYY-MM-DD, seq 0–999 (its parity gives the sex). */
export function makeIdNumber(areaCode: string, birthDate: string, seq: number): string {
  if (!/^[0-9]{6}$/.test(areaCode)) throw new Error(`area code must have 6 digits: ${areaCode}`);
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(birthDate)) throw new Error(`birth date must be YYYY-MM-DD: ${birthDate}`);
  if (!Number.isInteger(seq) || seq < 0 || seq > 999) throw new Error(`sequence must be 0–999: ${seq}`);
  const first17 = areaCode + birthDate.replace(/-/g, '') + String(seq).padStart(3, '0');
  return first17 + idCheckDigit(first17);
}

export interface FieldProblem { field: string; message: string }

/**
 * Compares an ID number with the birth date and sex recorded beside it; each problem names the
 * record's field, so a form can mark it. An invalid number is one problem on `id_number`.
 */
export function idMatchesRecord(id: string, record: { birthDate?: string | null; sex?: string | null }): FieldProblem[] {
  const r = checkIdNumber(id);
  if (!r.ok) return [{ field: 'id_number', message: r.reason }];
  const problems: FieldProblem[] = [];
  if (record.birthDate && record.birthDate !== r.birthDate) {
    problems.push({ field: 'birth_date', message: `出生日期${record.birthDate}与身份证号码中的${r.birthDate}不符 / birth date ${record.birthDate} differs from ${r.birthDate} in the ID number` });
  }
  if (record.sex && record.sex !== r.sex) {
    const zh = r.sex === '1' ? '男' : '女', en = r.sex === '1' ? 'male' : 'female';
    problems.push({ field: 'sex', message: `性别与身份证号码不符（号码为${zh}）/ sex differs from the ID number (which says ${en})` });
  }
  return problems;
}
