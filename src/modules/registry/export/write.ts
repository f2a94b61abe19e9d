import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportColumn, ExportValue } from './columns.ts';

/** Writing an export as it is read, so 200,000 rows never sit in memory as one workbook. */

export type ExportFormat = 'xlsx' | 'csv';
export type Batches<T> = AsyncIterable<T[]>;

/** A streamed workbook: title row (what, where, when), bold frozen headers, then the rows. */
export function xlsxStream<T>(title: string, columns: ExportColumn<T>[], batches: Batches<T>): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Shiyu 市域社会治理平台';
  const ws = wb.addWorksheet('导出', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  void (async () => {
    const t = ws.addRow([title]);
    t.font = { bold: true, size: 13 };
    t.commit();
    const h = ws.addRow(columns.map((c) => c.header));
    h.font = { bold: true };
    h.commit();
    for await (const batch of batches) for (const r of batch) ws.addRow(columns.map((c) => c.value(r))).commit();
    ws.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err as Error));
  return out;
}

const csvCell = (v: ExportValue) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV in UTF-8 with a BOM, so Excel opens the Chinese headers correctly. */
export function csvStream<T>(columns: ExportColumn<T>[], batches: Batches<T>): Readable {
  return Readable.from((async function* () {
    yield `\uFEFF${columns.map((c) => csvCell(c.header)).join(',')}\r\n`;
    for await (const batch of batches) yield batch.map((r) => `${columns.map((c) => csvCell(c.value(r))).join(',')}\r\n`).join('');
  })());
}
