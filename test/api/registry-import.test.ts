import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { maskIdNumber } from '../../src/kernel/privacy.ts';
import { makeIdNumber } from '../../src/kernel/validators/index.ts';
import { ImportRunner } from '../../src/modules/registry/import/runner.ts';
import { newIdNumber, registryGrids, type RegistryGrids } from './registry-fixtures.ts';
import { checked, csv, fileUpload, PEOPLE_HEADER, upload, waitJob } from './registry-import-fixtures.ts';

let t: TestApp;
let g: RegistryGrids;
let admin: string;
let grid: string;
beforeAll(async () => { t = await createTestApp(); g = await registryGrids(t); admin = await t.login('admin'); grid = await t.login('kdl.grid'); });
afterAll(async () => { await t?.close(); });

const counts = async () => {
  const n = async (table: 'person' | 'household' | 'organisation' | 'record_change' | 'entity_tag') =>
    Number((await t.tdb.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
  return { person: await n('person'), household: await n('household'), organisation: await n('organisation'), history: await n('record_change'), tags: await n('entity_tag') };
};

/** A bad check digit: the last character of a valid number changed. */
const badCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('the import template', () => {
  it('downloads as xlsx and csv with the Chinese headers, and the template itself is read without column errors', async () => {
    const x = await t.as(grid, { url: '/api/registry/imports/template?kind=households&format=xlsx' });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['住户及成员导入', '填写说明']);
    expect(wb.worksheets[0].getRow(1).values).toContain('*公民身份号码');
    expect(JSON.stringify(wb.worksheets[1].getSheetValues())).toContain('汉族');
    const c = await t.as(grid, { url: '/api/registry/imports/template?kind=people&format=csv' });
    expect(c.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    // The example row is skipped: the template as downloaded has headers only, so "no data rows" is the one problem.
    const job = await checked(t, grid, 'households', x.rawPayload, '模板.xlsx');
    expect(job.errors).toEqual([{ row: 1, column: 'file', field: 'file', value: null, message: '文件中没有数据行 / the file has no data rows' }]);
  });
});

describe('a broken file', () => {
  it('reports every bad row, field and reason exactly, and writes nothing until asked to import the valid rows', async () => {
    const good1 = newIdNumber('1'), good2 = newIdNumber('2'), dup = newIdNumber('1'), bad = badCheckDigit(newIdNumber('1'));
    const file = csv([
      PEOPLE_HEADER,
      ['王一', good1, '汉族', '13912345678', g.kdlGrid, '户籍'],
      ['王二', bad, '01', '', g.kdlGrid, ''],
      ['王三', newIdNumber('2'), '99', '', g.kdlGrid, '流动'],
      ['王四', dup, '蒙古族', '', g.kdlGrid, ''],
      ['王五', dup, '02', '', g.kdlGrid, ''],
      ['王六', good2, '03', '0472-5123456', g.kdlGrid, '留守'],
    ]);
    const before = await counts();
    const job = await checked(t, grid, 'people', file, '人员.csv');
    expect(job).toMatchObject({ status: 'checked', kind: 'people', filename: '人员.csv', total: 6, validRows: 2, invalidRows: 4, errorCount: 4 });
    expect(job.errors).toEqual([
      { row: 3, column: '公民身份号码', field: 'idNumber', value: maskIdNumber(bad), message: expect.stringContaining('校验码错误') },
      { row: 4, column: '民族', field: 'ethnicity', value: '99', message: expect.stringContaining('“99”不在ethnicity代码表中') },
      { row: 5, column: '公民身份号码', field: 'idNumber', value: maskIdNumber(dup), message: '与第 6 行的身份证号码重复 / same ID number as row 6' },
      { row: 6, column: '公民身份号码', field: 'idNumber', value: maskIdNumber(dup), message: '与第 5 行的身份证号码重复 / same ID number as row 5' },
    ]);
    expect(JSON.stringify(job)).not.toContain(bad);
    expect(await counts()).toEqual(before);

    // Without "valid rows only" nothing is imported.
    const refused = await t.as(grid, { method: 'POST', url: `/api/registry/imports/${job.id}/run`, payload: { validOnly: false } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.field).toBe('validOnly');
    expect(await counts()).toEqual(before);

    // The report lists every line, masked.
    const report = await t.as(grid, { url: `/api/registry/imports/${job.id}/report.xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().slice(3).map((r) => (r as unknown[]).slice(1, 3));
    expect(rows).toEqual([[3, '公民身份号码'], [4, '民族'], [5, '公民身份号码'], [6, '公民身份号码']]);

    // "Import the valid rows": exactly the two good ones, each with its history, and one audit record.
    const run = await t.as(grid, { method: 'POST', url: `/api/registry/imports/${job.id}/run`, payload: { validOnly: true } });
    expect(run.statusCode, run.body).toBe(202);
    const done = await waitJob(t, grid, job.id);
    expect(done).toMatchObject({ status: 'done', imported: 2, validOnly: true });
    const after = await counts();
    expect(after.person - before.person).toBe(2);
    expect(after.history - before.history).toBe(2);
    const people = await t.tdb.db.selectFrom('person').select(['id', 'id_number', 'name', 'ethnicity', 'residence_type', 'phone']).where('id_number', 'in', [good1, good2, dup]).orderBy('name').execute();
    expect(people.map((p) => [p.name, p.ethnicity, p.residence_type, p.phone])).toEqual([['王一', '01', 'registered', '13912345678'], ['王六', '03', 'left_behind', '0472-5123456']]);
    const history = (await t.as(grid, { url: `/api/registry/people/${people[0].id}/history` })).json().items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', by: { name: '网格员' } });
    expect(history[0].changes.idNumber).toEqual([null, maskIdNumber(good1)]);
    const audit = await t.tdb.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'registry.import').where('target_id', '=', String(job.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ kind: 'people', filename: '人员.csv', rows: 6, validRows: 2, skippedRows: 4, people: 2 });
    // The file is not kept once the job ended.
    expect((await t.tdb.db.selectFrom('registry_import_job').select('file').where('id', '=', job.id).executeTakeFirstOrThrow()).file).toBeNull();
  });

  it('names a missing or unknown column as a file-level problem and imports no row', async () => {
    const before = await counts();
    const missing = await checked(t, grid, 'people', csv([['姓名', '民族', '网格编码', '身高'], ['张三', '汉族', g.kdlGrid, '170']]));
    expect(missing.errors).toEqual([
      { row: 1, column: '身高', field: 'file', value: null, message: '无法识别的列“身高”，请使用模板中的列名 / unknown column "身高": use the template\'s headers' },
      { row: 1, column: '公民身份号码', field: 'idNumber', value: null, message: '缺少必填列“公民身份号码” / required column "公民身份号码" is missing' },
    ]);
    expect(missing).toMatchObject({ validRows: 0, invalidRows: 1 });
    const run = await t.as(grid, { method: 'POST', url: `/api/registry/imports/${missing.id}/run`, payload: { validOnly: true } });
    expect(run.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('refuses a row whose grid is outside a grid worker’s grid, row by row', async () => {
    const mine = newIdNumber('1');
    const job = await checked(t, grid, 'people', csv([PEOPLE_HEADER, ['甲', mine, '汉族', '', g.kdlGrid, ''], ['乙', newIdNumber('1'), '汉族', '', g.siblingGrid, ''], ['丙', newIdNumber('2'), '汉族', '', g.hlbeGrid, '']]));
    expect(job.errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message.split(' / ')[0]])).toEqual([
      [3, '网格编码', `网格 ${g.siblingGrid} 不存在或不在您的管辖范围内`],
      [4, '网格编码', `网格 ${g.hlbeGrid} 不存在或不在您的管辖范围内`],
    ]);
    // The same file is fine for the district (both 昆都仑 grids), not for the other city's grid.
    const district = await checked(t, await t.login('kdl.district'), 'people', csv([PEOPLE_HEADER, ['乙', newIdNumber('1'), '汉族', '', g.siblingGrid, '']]));
    expect(district.errors).toEqual([]);
  });

  it('refuses an ID number already registered, pointing at the record', async () => {
    const id = newIdNumber('2');
    const created = await t.as(admin, { method: 'POST', url: '/api/registry/people', payload: { name: '已登记', idNumber: id, gridCode: g.kdlGrid } });
    const job = await checked(t, grid, 'people', csv([PEOPLE_HEADER, ['再登记', id, '', '', g.kdlGrid, '']]));
    expect(job.errors).toEqual([{ row: 2, column: '公民身份号码', field: 'idNumber', value: maskIdNumber(id), message: `该身份证号码已登记（人员 ${created.json().id}） / this ID number is already registered (person ${created.json().id})` }]);
  });
});

describe('households 户 from a file', () => {
  it('imports a household with its members together, and refuses a household with one bad member whole', async () => {
    const header = ['户号', '与户主关系', '姓名', '公民身份号码', '民族', '网格编码', '住户地址', '房号', '住户标签', '标签'];
    const before = await counts();
    const job = await checked(t, grid, 'households', csv([
      header,
      ['A', '户主', '赵大', newIdNumber('1'), '汉族', g.kdlGrid, '钢铁大街 1 号', '101', '特困户', '退役军人'],
      ['A', '妻', '钱二', newIdNumber('2'), '汉族', '', '', '', '', ''],
      ['B', '02', '孙三', newIdNumber('1'), '汉族', g.kdlGrid, '钢铁大街 2 号', '', '', ''],
      ['B', '子', '李四', newIdNumber('1'), '外星族', '', '', '', '', ''],
      ['C', '妻', '周五', newIdNumber('2'), '汉族', g.kdlGrid, '钢铁大街 3 号', '', '', ''],
    ]));
    expect(job.errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message.split(' / ')[0]])).toEqual([
      [4, '户号', '同户其他成员有误（第 5 行），整户不导入'],
      [5, '民族', '代码“外星族”不在ethnicity代码表中'],
      [6, '与户主关系', '一户须有且只有一位户主（与户主关系 02），现有 0 位'],
    ]);
    expect(job).toMatchObject({ validRows: 2, invalidRows: 3 });
    expect(await counts()).toEqual(before);
    await t.as(grid, { method: 'POST', url: `/api/registry/imports/${job.id}/run`, payload: { validOnly: true } });
    expect(await waitJob(t, grid, job.id)).toMatchObject({ status: 'done', imported: 3 });
    const after = await counts();
    expect([after.person - before.person, after.household - before.household, after.history - before.history, after.tags - before.tags]).toEqual([2, 1, 3, 2]);
    const hh = await t.tdb.db.selectFrom('household').selectAll().where('address', '=', '钢铁大街 1 号').executeTakeFirstOrThrow();
    const detail = (await t.as(grid, { url: `/api/registry/households/${hh.id}` })).json();
    expect(detail).toMatchObject({ headName: '赵大', memberCount: 2, room: '101', gridCode: g.kdlGrid });
    expect(detail.tags.map((x: { code: string }) => x.code)).toEqual(['EXTREMELY_POOR']);
    expect(detail.members.find((m: { name: string }) => m.name === '钱二')).toMatchObject({ relation: '12', address: '钢铁大街 1 号', householdId: hh.id });
  });
});

describe('files', () => {
  it('reads a GB18030 CSV as Excel in China saves it', async () => {
    const id = newIdNumber('1');
    const job = await checked(t, grid, 'people', gb18030(`${PEOPLE_HEADER.join(',')}\r\n欧阳锋,${id},回族,,${g.kdlGrid},流动\r\n`));
    expect(job).toMatchObject({ status: 'checked', validRows: 1, errors: [] });
    await t.as(grid, { method: 'POST', url: `/api/registry/imports/${job.id}/run`, payload: { validOnly: false } });
    await waitJob(t, grid, job.id);
    expect(await t.tdb.db.selectFrom('person').select(['name', 'ethnicity', 'residence_type']).where('id_number', '=', id).executeTakeFirst()).toEqual({ name: '欧阳锋', ethnicity: '03', residence_type: 'floating' });
  });

  it('reads an xlsx with the ID column as text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    const id = newIdNumber('2');
    ws.addRow(PEOPLE_HEADER);
    ws.addRow(['林黛玉', id, '汉族', 13800138000, g.kdlGrid, '户籍']);
    ws.addRow(['薛宝钗', Number(newIdNumber('2').slice(0, 17)) * 10, '汉族', '', g.kdlGrid, '户籍']);
    const job = await checked(t, grid, 'people', Buffer.from(await wb.xlsx.writeBuffer()), '人员.xlsx');
    expect(job.validRows).toBe(1);
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0]).toMatchObject({ row: 3, column: '公民身份号码', message: expect.stringContaining('存成了数字') });
  });

  it('refuses a file that is not xlsx or csv (415) and one over 20 MB (413), naming the file', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const wrong = await upload(t, grid, 'people', png, 'photo.csv');
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().error.details.field).toBe('file');
    const doc = await t.as(grid, { method: 'POST', url: '/api/registry/imports?kind=people', ...fileUpload(Buffer.from('PK\x03\x04 not a workbook'), 'letter.docx') });
    expect(doc.statusCode).toBe(415);
    const big = await upload(t, grid, 'people', Buffer.alloc(21 * 1024 * 1024, 0x41), 'big.csv');
    expect(big.statusCode).toBe(413);
    expect(big.json().error.details.field).toBe('file');
    const kind = await upload(t, grid, 'cats', csv([PEOPLE_HEADER]));
    expect(kind.statusCode).toBe(400);
  });

  it('checks and imports a 10 MB file within the time limit, and a cancelled import leaves nothing', async () => {
    const rows = [[...PEOPLE_HEADER, '居住地址', '工作单位']];
    for (let i = 0; i < 62_000; i++) rows.push([`测试人员${i}`, uniqueId(i), '汉族', `139${String(10_000_000 + i).slice(-8)}`, g.kdlGrid, '户籍', `昆都仑区钢铁大街 ${i} 号 ${i % 30} 单元 ${i % 700} 室`, '包头钢铁（集团）有限责任公司第二炼钢厂']);
    const file = csv(rows);
    expect(file.length).toBeGreaterThan(10 * 1024 * 1024);
    const before = await counts();
    const t0 = Date.now();
    const job = await checked(t, grid, 'people', file, '大文件.csv');
    expect(job).toMatchObject({ status: 'checked', total: 62_000, validRows: 62_000, errorCount: 0 });
    const checkMs = Date.now() - t0;

    // Cancelled half-way: the transaction is rolled back, nothing remains.
    await t.as(grid, { method: 'POST', url: `/api/registry/imports/${job.id}/run`, payload: { validOnly: false } });
    for (let i = 0; i < 600; i++) {
      const j = (await t.as(grid, { url: `/api/registry/imports/${job.id}` })).json();
      if (j.status === 'importing' && j.processed > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const cancel = await t.as(grid, { method: 'POST', url: `/api/registry/imports/${job.id}/cancel` });
    expect(cancel.json().status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await counts()).toEqual(before);

    const again = await checked(t, grid, 'people', file, '大文件.csv');
    const t1 = Date.now();
    await t.as(grid, { method: 'POST', url: `/api/registry/imports/${again.id}/run`, payload: { validOnly: false } });
    expect(await waitJob(t, grid, again.id)).toMatchObject({ status: 'done', imported: 62_000 });
    const runMs = Date.now() - t1;
    const after = await counts();
    expect([after.person - before.person, after.history - before.history]).toEqual([62_000, 62_000]);
    console.log(`10 MB (${(file.length / 1024 / 1024).toFixed(1)} MB, 62,000 rows): checked in ${checkMs} ms, imported in ${runMs} ms`);
  }, 240_000);
});

describe('jobs', () => {
  it('are seen by their creator and by users whose area contains the creator’s, not by others', async () => {
    const job = await checked(t, grid, 'people', csv([PEOPLE_HEADER, ['某', newIdNumber('1'), '', '', g.kdlGrid, '']]));
    expect((await t.as(admin, { url: `/api/registry/imports/${job.id}` })).statusCode).toBe(200);
    expect((await t.as(await t.login('kdl.community'), { url: '/api/registry/imports' })).json().items.map((j: { id: number }) => j.id)).toContain(job.id);
    const own = await checked(t, admin, 'people', csv([PEOPLE_HEADER, ['某', newIdNumber('1'), '', '', g.kdlGrid, '']]));
    expect((await t.as(grid, { url: `/api/registry/imports/${own.id}` })).statusCode).toBe(404);
    expect((await t.as(await t.login('hlbe.admin'), { url: `/api/registry/imports/${job.id}` })).statusCode).toBe(404);
    expect((await t.as(grid, { method: 'POST', url: `/api/registry/imports/${own.id}/cancel` })).statusCode).toBe(404);
  });

  it('left running by a dead process are marked failed when a server starts', async () => {
    const job = await checked(t, grid, 'people', csv([PEOPLE_HEADER, ['某', newIdNumber('1'), '', '', g.kdlGrid, '']]));
    await t.tdb.db.updateTable('registry_import_job').set({ status: 'importing', runner: 'elsewhere:1:dead', heartbeat_at: new Date(Date.now() - 10 * 60_000) }).where('id', '=', job.id).execute();
    expect(await new ImportRunner(t.tdb.db).recover()).toBe(1);
    const after = (await t.as(grid, { url: `/api/registry/imports/${job.id}` })).json();
    expect(after.status).toBe('failed');
    expect(after.message).toContain('服务重启');
  });
});

/** The i-th of many distinct ID numbers (area 150204, not used by the other tests). */
function uniqueId(i: number): string {
  const day = new Date(Date.UTC(1940, 0, 1) + (i % 25_000) * 86_400_000).toISOString().slice(0, 10);
  return makeIdNumber('150204', day, 100 + Math.floor(i / 25_000));
}

/** GB18030 bytes of a string, from the decoder's own table (Node has no GB18030 encoder). */
function gb18030(text: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) { const ch = dec.decode(Uint8Array.from([a, b])); if (!table.has(ch)) table.set(ch, [a, b]); }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else { const bytes = table.get(ch); if (!bytes) throw new Error(`no GB18030 code for ${ch}`); out.push(...bytes); }
  }
  return Buffer.from(out);
}
