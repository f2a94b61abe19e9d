// A year's schedule as a CSV file (`shiyu calendar import`): a header `date,kind,name` (or 日期,类型,名称)
// and one line a day, e.g. `2027-10-01,holiday,国庆节`. Dates as Excel in China saves them
// (2027/10/1, 2027年10月1日) and the Chinese kinds (放假, 上班/调休上班/补班) are read too.
import type { ScheduleProblem } from '../../kernel/calendar/index.ts';

export interface CsvSchedule {
  days: Array<{ date: string; kind: string; name: string }>;
  /** The file's line number of each day, to say "第 N 行" for days[i]. */
  lines: number[];
  problems: ScheduleProblem[];
}

const HEADERS = [['date', 'kind', 'name'], ['日期', '类型', '名称']];
const KIND_ALIASES: Record<string, string> = { holiday: 'holiday', 放假: 'holiday', 休: 'holiday', makeup: 'makeup', 上班: 'makeup', 调休上班: 'makeup', 补班: 'makeup', 班: 'makeup' };

/** '2027/1/1', '2027-1-1', '2027.1.1', '2027年1月1日' → '2027-01-01'; anything else unchanged (the checks name it). */
export function normaliseDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text.trim();
}

const cells = (line: string) => line.split(/[,\t，]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());

export function parseScheduleCsv(text: string): CsvSchedule {
  const out: CsvSchedule = { days: [], lines: [], problems: [] };
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((line, i) => ({ n: i + 1, line })).filter((r) => r.line.trim() !== '' && !r.line.trim().startsWith('#'));
  if (!rows.length) return { ...out, problems: [{ field: 'file', message: '文件是空的 / the file is empty' }] };
  const header = cells(rows[0].line).map((c) => c.toLowerCase());
  if (!HEADERS.some((h) => h.every((c, i) => header[i] === c) && header.length === 3)) {
    out.problems.push({ field: `line ${rows[0].n}`, message: `第 ${rows[0].n} 行应为表头 date,kind,name（或 日期,类型,名称）/ line ${rows[0].n} must be the header date,kind,name` });
    return out;
  }
  for (const { n, line } of rows.slice(1)) {
    const c = cells(line);
    if (c.length !== 3) {
      out.problems.push({ field: `line ${n}`, message: `第 ${n} 行应有 3 列（日期,类型,名称），实有 ${c.length} 列 / line ${n} must have 3 columns (date,kind,name), has ${c.length}` });
      continue;
    }
    out.days.push({ date: normaliseDate(c[0]), kind: KIND_ALIASES[c[1].toLowerCase()] ?? c[1], name: c[2] });
    out.lines.push(n);
  }
  return out;
}

/** "days[3].date: …" → "第 5 行 line 5 (date): …" for a file's reader. */
export function onFileLines(problem: ScheduleProblem, lines: number[]): string {
  const m = /^days\[(\d+)\](?:\.(\w+))?$/.exec(problem.field);
  const where = m ? `第 ${lines[Number(m[1])]} 行 line ${lines[Number(m[1])]}${m[2] ? ` (${m[2]})` : ''}` : problem.field;
  // Messages refer to other rows as 第 N 行 (1-based days): turn them into file lines too.
  const message = problem.message.replace(/第 (\d+) 行/g, (_s, k: string) => `第 ${lines[Number(k) - 1] ?? k} 行`).replace(/\brow (\d+)/g, (_s, k: string) => `line ${lines[Number(k) - 1] ?? k}`);
  return `${where}: ${message}`;
}
