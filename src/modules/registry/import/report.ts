import ExcelJS from 'exceljs';
import type { RowError } from './problems.ts';
import type { ImportJob } from './schema.ts';

/** The validation report as a sheet: every bad row, the column, the (masked) value and the reason. */
export async function reportXlsx(job: ImportJob, errors: RowError[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shiyu 市域社会治理平台';
  const ws = wb.addWorksheet('校验报告', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = [{ width: 10 }, { width: 16 }, { width: 26 }, { width: 90 }];
  ws.mergeCells(1, 1, 1, 4);
  ws.getCell(1, 1).value = `导入校验报告：${job.filename}（共 ${job.total} 行，有误 ${job.invalidRows} 行，${errors.length} 处问题）`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  const head = ws.addRow(['行号', '列', '内容', '原因']);
  head.font = { bold: true };
  for (const e of errors) ws.addRow([e.row, e.column, e.value ?? '', e.message]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
