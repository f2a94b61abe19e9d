import { VOCABULARIES, type CodeItem } from '../vocabularies/index.ts';
import type { Column } from './columns.ts';
import type { Cell } from './read-file.ts';

/** Turning what a clerk typed into the values the API takes: codes from names, numbers, dates, 是/否. */

const lookups = new Map<string, Map<string, string>>();
/** A list's codes by code, by name and by the name without its usual ending (汉族 → 汉, 户籍人口 → 户籍). */
function lookupOf(list: string): Map<string, string> {
  let m = lookups.get(list);
  if (!m) {
    m = new Map();
    const items: CodeItem[] = (VOCABULARIES as Record<string, CodeItem[]>)[list] ?? [];
    for (const c of items) {
      m.set(c.code.toUpperCase(), c.code);
      m.set(c.name, c.code);
      const short = c.name.replace(/(族|人口|人员)$/, '');
      if (short && !m.has(short)) m.set(short, c.code);
    }
    lookups.set(list, m);
  }
  return m;
}

/** The code for a code or a name of `list`; a number Excel stripped of its leading zero (1 → 01) too. Undefined when none fits. */
export function codeFor(list: string, text: string): string | undefined {
  const m = lookupOf(list);
  const t = text.trim();
  return m.get(t.toUpperCase()) ?? (/^[0-9]$/.test(t) ? m.get(t.padStart(2, '0')) : undefined);
}

/** The names of a short list, for messages (“应为 户籍/流动/境外/留守 之一”). */
export function namesOf(list: string): string {
  return ((VOCABULARIES as Record<string, CodeItem[]>)[list] ?? []).map((c) => c.name.replace(/(人口|人员)$/, '')).join('/');
}

/** Text of a cell: trimmed, numbers without exponent or thousands separators, dates as YYYY-MM-DD. */
export function textOf(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number') return Number.isInteger(c) ? BigInt(Math.round(c)).toString() : String(c);
  return String(c).trim();
}

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };
const bad = (message: string): Parsed => ({ ok: false, message });

const SEPARATORS = /[、,，;；\s]+/;
const YES = new Set(['是', '有', 'Y', 'YES', 'TRUE', '1', '√']);
const NO = new Set(['否', '无', 'N', 'NO', 'FALSE', '0', '×']);

/** The value of one cell for its column; a problem names what was expected. Blank cells are left out (undefined). */
export function parseCell(col: Column, c: Cell, tagLookup: (text: string) => string): Parsed {
  const text = textOf(c);
  if (text === '') return { ok: true, value: undefined };
  switch (col.cell) {
    case 'text':
      // A long number stored by Excel as a number has lost its last digits (an ID number becomes 1.50203199001011E+17).
      if (col.field === 'idNumber' && typeof c === 'number') {
        return bad('身份证号码被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”后重新填写 / Excel stored the ID number as a number and lost its last digits: format the column as text and type it again');
      }
      return { ok: true, value: text };
    case 'key':
      return { ok: true, value: text };
    case 'code': {
      const code = codeFor(col.list!, text);
      if (code !== undefined) return { ok: true, value: code };
      // National lists go on to the API's own code check (it names the list); the short local lists are named here.
      if (['ethnicity', 'political_status', 'education', 'relation', 'industry'].includes(col.list!)) return { ok: true, value: text };
      return bad(`“${text}”不是可选值，应为 ${namesOf(col.list!)} 之一 / not one of ${namesOf(col.list!)}`);
    }
    case 'tags':
      return { ok: true, value: [...new Set(text.split(SEPARATORS).filter(Boolean).map(tagLookup))] };
    case 'integer': {
      const n = Number(text.replace(/,/g, ''));
      return Number.isInteger(n) ? { ok: true, value: n } : bad(`“${text}”不是整数 / not a whole number`);
    }
    case 'number': {
      const n = Number(text.replace(/[,，]/g, ''));
      return Number.isFinite(n) ? { ok: true, value: n } : bad(`“${text}”不是数字 / not a number`);
    }
    case 'date': {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
      if (!m) return bad(`“${text}”不是日期，请写成 YYYY-MM-DD / not a date: write YYYY-MM-DD`);
      const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
      const d = new Date(`${iso}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? { ok: true, value: iso } : bad(`${iso} 不是有效日期 / not a real date`);
    }
    case 'boolean': {
      const t = text.toUpperCase();
      if (YES.has(t)) return { ok: true, value: true };
      if (NO.has(t)) return { ok: true, value: false };
      return bad(`“${text}”应填 是 或 否 / write 是 (yes) or 否 (no)`);
    }
  }
}
