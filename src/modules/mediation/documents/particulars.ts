import type { Day } from '../../../kernel/calendar/shanghai-time.ts';

/**
 * What the printed party block says of a person beyond the record: sex and age, read from the
 * 18-digit 公民身份号码 (GB 11643: birth date in digits 7–14, the 17th odd for men), the age on the
 * signing day. Nothing when the number is missing or not a real date.
 */
export function sexAndAge(idNumber: string | null, on: Day): { sex: '男' | '女'; age: number } | null {
  if (!idNumber || !/^\d{17}[\dX]$/.test(idNumber)) return null;
  const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  const t = Date.parse(`${birth}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== birth || birth > on) return null;
  let age = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) age--;
  return { sex: Number(idNumber[16]) % 2 === 1 ? '男' : '女', age };
}

/** 2026-03-05 → 2026年3月5日 (GB/T 9704-2012 writes dates in Arabic numerals). */
export function chineseDate(day: Day): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const DIGITS = '〇一二三四五六七八九';
/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (for the numbered terms, up to 99). */
export function chineseOrdinal(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}
