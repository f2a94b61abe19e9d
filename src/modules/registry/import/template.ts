import ExcelJS from 'exceljs';
import { makeCreditCode, makeIdNumber } from '../../../kernel/validators/index.ts';
import { VOCABULARIES, type CodeItem } from '../vocabularies/index.ts';
import { COLUMNS, KIND_NAMES, type Column, type ImportKind } from './columns.ts';

/**
 * The downloadable template (导入模板): the headers (* marks a required column), one example row
 * (its first cell starts with 示例, so it is skipped if left in), and a sheet explaining each
 * column with the code lists its values come from.
 */

function exampleOf(c: Column): string {
  if (c.field === 'idNumber') return makeIdNumber('150203', '1985-06-15', 123);
  if (c.field === 'creditCode') return makeCreditCode('91', '150203', 'MA0N0001');
  return c.example;
}

function exampleRow(kind: ImportKind): string[] {
  return COLUMNS[kind].map((c, i) => (i === 0 ? `示例${exampleOf(c) ? `：${exampleOf(c)}` : ''}` : exampleOf(c)));
}

const headerOf = (c: Column) => (c.required ? `*${c.header}` : c.header);

export async function templateXlsx(kind: ImportKind): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shiyu 市域社会治理平台';
  const cols = COLUMNS[kind];
  const ws = wb.addWorksheet(`${KIND_NAMES[kind]}导入`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(cols.map(headerOf));
  ws.addRow(exampleRow(kind));
  cols.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(12, Math.min(40, c.header.length * 2 + 4));
    col.numFmt = '@'; // text: ID numbers and codes keep every digit and leading zero
    const head = ws.getCell(1, i + 1);
    head.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    if (c.note) head.note = c.note;
  });
  ws.getRow(2).font = { italic: true, color: { argb: 'FF808080' } };

  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 18 }, { width: 8 }, { width: 70 }];
  help.addRow(['列名', '必填', '说明']).font = { bold: true };
  for (const c of cols) help.addRow([c.header, c.required ? '是' : '', c.note]);
  help.addRow([]);
  help.addRow(['第 2 行是示例（以“示例”开头），导入时自动跳过，可以删除。每个文件最多 20 MB、200,000 行。']);
  help.addRow(['代码列可填名称或代码，例如民族填“汉族”或“01”。身份证号码列请保持“文本”格式。']);
  const lists = [...new Set(cols.filter((c) => c.list).map((c) => c.list!))];
  for (const list of lists) {
    help.addRow([]);
    const name = cols.find((c) => c.list === list)!.header;
    help.addRow([`${name} 代码表`]).font = { bold: true };
    for (const item of (VOCABULARIES as Record<string, CodeItem[]>)[list]) help.addRow([item.code, '', item.name]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The CSV template in UTF-8 with a BOM, so Excel opens the Chinese headers correctly. */
export function templateCsv(kind: ImportKind): Buffer {
  const lines = [COLUMNS[kind].map(headerOf), exampleRow(kind)].map((r) => r.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
