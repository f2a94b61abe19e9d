/**
 * Clean a code typed by hand or pasted from Excel: drop spaces and hyphens, turn full-width
 * digits and letters (０-９, Ａ-Ｚ, ｘ) into ASCII and letters into upper case.
 */
export function normaliseCode(s: string, dropHyphens = true): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0); // full-width ASCII block
    else if (c === 0x3000) continue; // ideographic space
    else out += ch;
  }
  out = out.replace(dropHyphens ? /[\s-]/g : /\s/g, '');
  return out.toUpperCase();
}

/** Today's date in China (UTC+8, no daylight saving) as YYYY-MM-DD. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** True when y-m-d is a real calendar date (leap years included). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}
