import ExcelJS from 'exceljs';
import type { CellFormat, ReportResult } from './result.ts';

/**
 * A run as an Excel sheet laid out like a printed department form: merged title, 填报单位 and
 * 统计时点, one- or two-level headers, borders, number formats, frozen header, bold total row,
 * and the 制表人 / 审核人 / 制表日期 footer. Personal numbers arrive already masked.
 */

const FONT = '宋体';
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const NUMBER_FORMAT: Record<CellFormat, string | undefined> = { text: '@', integer: '#,##0', decimal: '#,##0.00', percent: '0.00' };

const chineseDate = (iso: string) => { const [y, m, d] = iso.split('-').map(Number); return `${y}年${m}月${d}日`; };
/** Display width in Excel character units: a CJK character takes two. */
const widthOf = (v: unknown) => [...String(v ?? '')].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);

export interface PrintInfo { unit: string; preparedBy: string; printedOn: string }

export async function reportWorkbook(r: ReportResult, info: PrintInfo): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shiyu 市域社会治理平台';
  wb.created = new Date(r.generatedAt);
  const n = r.columns.length;
  const headerRows = r.header.length;
  const firstHeader = 3;
  const lastHeader = firstHeader + headerRows - 1;
  const ws = wb.addWorksheet(r.template.name.replace(/[[\]:*?/\\]/g, '').slice(0, 31) || 'report', {
    views: [{ state: 'frozen', xSplit: r.kind === 'table' ? 1 : 0, ySplit: lastHeader }],
    pageSetup: { paperSize: 9, orientation: n > 8 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.pageSetup.printTitlesRow = `${firstHeader}:${lastHeader}`;

  // Title and the line under it.
  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = r.title;
  title.font = { name: FONT, size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 36;
  const half = Math.max(1, Math.floor(n / 2));
  ws.mergeCells(2, 1, 2, half);
  ws.getCell(2, 1).value = `填报单位：${info.unit}`;
  if (n > half) ws.mergeCells(2, half + 1, 2, n);
  const when = ws.getCell(2, n > half ? half + 1 : 1);
  when.value = n > half ? `统计时点：${chineseDate(r.date)}` : `填报单位：${info.unit}　统计时点：${chineseDate(r.date)}`;
  ws.getCell(2, 1).alignment = { horizontal: 'left', vertical: 'middle' };
  when.alignment = { horizontal: n > half ? 'right' : 'left', vertical: 'middle' };
  ws.getRow(2).font = { name: FONT, size: 11 };
  ws.getRow(2).height = 22;

  // Header rows with their merges (a cell spanning rows or columns is merged).
  const occupied = new Set<string>();
  r.header.forEach((row, i) => {
    let col = 1;
    for (const h of row) {
      while (occupied.has(`${i},${col}`)) col++;
      const top = firstHeader + i;
      if (h.colSpan > 1 || h.rowSpan > 1) ws.mergeCells(top, col, top + h.rowSpan - 1, col + h.colSpan - 1);
      for (let dr = 0; dr < h.rowSpan; dr++) for (let dc = 0; dc < h.colSpan; dc++) occupied.add(`${i + dr},${col + dc}`);
      ws.getCell(top, col).value = h.label;
      col += h.colSpan;
    }
  });
  for (let row = firstHeader; row <= lastHeader; row++) {
    ws.getRow(row).height = 30;
    for (let col = 1; col <= n; col++) {
      const cell = ws.getCell(row, col);
      cell.font = { name: FONT, size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
  }

  // Body, then the total row in bold.
  const body = (cells: (number | string | null)[], bold: boolean) => {
    const row = ws.addRow(cells.map((v) => (v === null ? '' : v)));
    row.height = 20;
    for (let col = 1; col <= n; col++) {
      const cell = row.getCell(col);
      const format = r.columns[col - 1].format;
      cell.font = { name: FONT, size: 11, bold };
      cell.border = BORDER;
      cell.alignment = { horizontal: format === 'text' ? (col === 1 && r.kind === 'table' ? 'left' : 'center') : 'right', vertical: 'middle' };
      if (typeof cell.value === 'number') cell.numFmt = NUMBER_FORMAT[format] ?? 'General';
    }
    return row;
  };
  for (const row of r.rows) body(row.cells, false);
  if (r.total) {
    const cells = r.kind === 'list' ? [r.total.cells[0], ...Array(n - 1).fill(null)] : r.total.cells;
    const row = body(cells, true);
    if (r.kind === 'list' && n > 1) { ws.mergeCells(row.number, 1, row.number, n); row.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' }; }
  }

  // Widths from the longest text in each column (headers wrap, so they count less).
  for (let col = 1; col <= n; col++) {
    const cells = [...r.rows.map((x) => x.cells[col - 1]), r.total?.cells[col - 1]];
    const longest = Math.max(...cells.map((v) => widthOf(typeof v === 'number' ? v.toLocaleString('en-US') : v)), Math.ceil(widthOf(r.columns[col - 1].label) / 2) + 2, 6);
    ws.getColumn(col).width = Math.min(longest + 2, 60);
  }

  // Footer as signed on paper.
  const footer = ws.addRow([]);
  footer.height = 8;
  const sign = ws.addRow([]);
  const third = Math.max(1, Math.floor(n / 3));
  const parts: [number, number, string][] = n >= 3
    ? [[1, third, `制表人：${info.preparedBy}`], [third + 1, 2 * third, '审核人：'], [2 * third + 1, n, `制表日期：${chineseDate(info.printedOn)}`]]
    : [[1, n, `制表人：${info.preparedBy}　审核人：　　　　制表日期：${chineseDate(info.printedOn)}`]];
  for (const [from, to, text] of parts) {
    if (to > from) ws.mergeCells(sign.number, from, sign.number, to);
    const cell = sign.getCell(from);
    cell.value = text;
    cell.font = { name: FONT, size: 11 };
    cell.alignment = { horizontal: 'left', vertical: 'middle' };
  }
  sign.height = 24;
  if (r.kind === 'list') {
    const note = ws.addRow(['注：公民身份号码、联系电话已按个人信息保护要求脱敏。']);
    if (n > 1) ws.mergeCells(note.number, 1, note.number, n);
    note.getCell(1).font = { name: FONT, size: 9, italic: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
