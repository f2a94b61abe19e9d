// Pasted CSV text → form rows, read the way `shiyu calendar import` reads a file (src/modules/calendar/csv.ts):
// header date,kind,name (or 日期,类型,名称), Excel's dates (2027/10/1), kinds 放假/上班/调休上班.
// Rows the browser cannot read keep their text, so the server's check names them.
export interface DraftRow { date: string; kind: string; name: string }

const KIND: Record<string, string> = { holiday: 'holiday', 放假: 'holiday', 休: 'holiday', makeup: 'makeup', 上班: 'makeup', 调休上班: 'makeup', 补班: 'makeup', 班: 'makeup' };
const HEADER = /^(date|日期)$/i;

export function normaliseDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text.trim();
}

/** The rows of the text (a header line is skipped if present); blank and # lines are left out. */
export function parseCsvRows(text: string): DraftRow[] {
  const rows: DraftRow[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const c = line.split(/[,\t，]/).map((x) => x.trim().replace(/^"(.*)"$/, '$1').trim());
    if (HEADER.test(c[0] ?? '')) continue;
    rows.push({ date: normaliseDate(c[0] ?? ''), kind: KIND[(c[1] ?? '').toLowerCase()] ?? c[1] ?? '', name: c[2] ?? '' });
  }
  return rows;
}
