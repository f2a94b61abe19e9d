import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../../kernel/errors.ts';

/** Reading an uploaded sheet: .xlsx (streamed) or .csv in UTF-8 (with or without BOM) or GB18030/GBK as Excel in China saves it. */

export type FileFormat = 'xlsx' | 'csv';
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;

/** A cell as read: text, or a number / date / boolean as Excel stored it. */
export type Cell = string | number | boolean | Date | null;
export interface SheetRow { number: number; cells: Cell[] }
export interface Sheet { header: string[]; rows: SheetRow[] }

export const unsupportedImportFile = () => new AppError(415, 'unsupported_media_type',
  'file: 只能导入 Excel（.xlsx）或 CSV 文件 / only .xlsx or .csv files can be imported', { field: 'file' });
export const importFileTooLarge = () => new AppError(413, 'file_too_large',
  `file: 文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，请分成几个文件导入 / the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it`, { field: 'file', maxBytes: MAX_IMPORT_BYTES });

/**
 * The format by the file's content (an .xlsx is a zip); a CSV is text without NUL bytes. The name
 * only decides between a zip that is not a workbook (refused) and text that is not a CSV (refused).
 */
export function formatOf(data: Buffer, filename: string): FileFormat | null {
  const ext = filename.toLowerCase().split('.').pop();
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) return ext === 'xlsx' ? 'xlsx' : null;
  if (ext !== 'csv' && ext !== 'txt') return null;
  return data.subarray(0, 65536).includes(0) ? null : 'csv';
}

/** CSV text: UTF-8 when the bytes are valid UTF-8 (BOM dropped), else GB18030 (a superset of GBK and GB2312). */
export function decodeCsv(data: Buffer): string {
  const body = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

/** The text of an exceljs cell value (rich text, hyperlinks and formula results included). */
function cellOf(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellOf(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

function toSheet(rows: SheetRow[]): Sheet {
  const first = rows.findIndex((r) => r.cells.some((c) => !isBlank(c)));
  if (first < 0) return { header: [], rows: [] };
  const header = rows[first].cells.map((c) => (c === null ? '' : String(c).trim()));
  return { header, rows: rows.slice(first + 1).filter((r) => r.cells.some((c) => !isBlank(c))) };
}

function rowOf(number: number, values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): SheetRow {
  const arr = Array.isArray(values) ? values : [];
  const cells: Cell[] = [];
  for (let i = 1; i < arr.length; i++) cells.push(cellOf(arr[i]));
  return { number, cells };
}

const unreadable = (why: string) => new AppError(400, 'invalid_file', `file: 无法读取文件：${why} / the file cannot be read`, { field: 'file' });

/** The first worksheet of the file: header row and data rows (blank rows left out), row numbers as Excel shows them. */
export async function readSheet(data: Buffer, format: FileFormat): Promise<Sheet> {
  const rows: SheetRow[] = [];
  if (format === 'csv') {
    const wb = new ExcelJS.Workbook();
    // map keeps every value as typed: an ID number must not become a float.
    const ws = await wb.csv.read(Readable.from([decodeCsv(data)]), { map: (v: string) => v, parserOptions: { ignoreEmpty: false } } as never)
      .catch((err: Error) => { throw unreadable(err.message); });
    ws.eachRow({ includeEmpty: false }, (row, n) => { rows.push(rowOf(n, row.values)); });
    return toSheet(rows);
  }
  // Not exceljs's streaming reader: it decodes each zip chunk on its own and garbles a Chinese character
  // cut at a chunk boundary (汉族 → ���族); load() decodes each sheet whole.
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw unreadable((err as Error).message);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw unreadable('no worksheet');
  ws.eachRow({ includeEmpty: false }, (row, n) => { rows.push(rowOf(n, row.values)); });
  return toSheet(rows);
}
