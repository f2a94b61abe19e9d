import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { maskIdNumber } from '../../src/kernel/privacy.ts';
import { MAX_EXPORT_ROWS, refuseTooMany } from '../../src/modules/registry/export/service.ts';
import { CLEAR_ID, householdBody, newCreditCode, newIdNumber, registryGrids, type RegistryGrids } from './registry-fixtures.ts';

let t: TestApp;
let g: RegistryGrids;
let admin: string;
let grid: string;
let mine: string; // a clear ID number in the grid worker's grid
let theirs: string; // one in 青山区
beforeAll(async () => {
  t = await createTestApp();
  g = await registryGrids(t);
  admin = await t.login('admin');
  grid = await t.login('kdl.grid');
  const h = householdBody(g.kdlGrid);
  mine = h.members[0].idNumber;
  expect((await t.as(admin, { method: 'POST', url: '/api/registry/households', payload: h })).statusCode).toBe(201);
  theirs = newIdNumber('2');
  expect((await t.as(admin, { method: 'POST', url: '/api/registry/people', payload: { name: '青山人', idNumber: theirs, gridCode: g.qsGrid, phone: '13700001111' } })).statusCode).toBe(201);
  await t.as(admin, { method: 'POST', url: '/api/registry/organisations', payload: { kind: 'enterprise', name: '导出测试公司', creditCode: newCreditCode(), gridCode: g.kdlGrid, phone: '13600002222' } });
});
afterAll(async () => { await t?.close(); });

/** Every cell's text of an xlsx, joined: what a search of the file would find. */
async function xlsxText(body: Buffer): Promise<{ text: string; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows = (wb.worksheets[0].getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
  return { text: JSON.stringify(rows), rows };
}

describe('export of registry lists', () => {
  it('streams the people list as xlsx: title row, Chinese headers, ID and phone masked, one audit record', async () => {
    const res = await t.as(admin, { url: `/api/registry/people/export?grid=${g.kdlGrid}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { text, rows } = await xlsxText(res.rawPayload);
    expect(String(rows[0][0])).toMatch(/^人员信息导出.*导出时间/);
    expect(rows[1].slice(0, 4)).toEqual(['人员编号', '姓名', '公民身份号码', '性别']);
    expect(text).not.toContain(mine);
    expect(text).not.toMatch(CLEAR_ID);
    expect(text).toContain(maskIdNumber(mine)!);
    expect(text).toContain('138****8000');
    expect(text).not.toContain('13800138000');
    expect(text).toContain('汉族');
    const total = Number(res.headers['x-total-count']);
    expect(rows.length - 2).toBe(total);
    const audit = await t.tdb.db.selectFrom('audit_log').select(['action', 'target_type', 'detail']).where('action', '=', 'registry.export').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ target_type: 'people', detail: { format: 'xlsx', rows: total, filters: { grid: g.kdlGrid } } });
  });

  it('exports only what the caller’s list shows: same scope and filters', async () => {
    const all = (await t.as(admin, { url: '/api/registry/people/export?format=csv' })).rawPayload.toString('utf8');
    expect(all).toContain(maskIdNumber(theirs)!);
    const worker = await t.as(grid, { url: '/api/registry/people/export?format=csv' });
    const text = worker.rawPayload.toString('utf8');
    expect(text).toContain(maskIdNumber(mine)!);
    expect(text).not.toContain(maskIdNumber(theirs)!);
    const list = (await t.as(grid, { url: '/api/registry/people?pageSize=200' })).json();
    expect(Number(worker.headers['x-total-count'])).toBe(list.total);
    expect((await t.as(grid, { url: `/api/registry/people/export?grid=${g.qsGrid}` })).statusCode).toBe(404);
    expect((await t.as(await t.login('hlbe.admin'), { url: `/api/registry/people/export?grid=${g.kdlGrid}` })).statusCode).toBe(404);
    const filtered = (await t.as(admin, { url: `/api/registry/people/export?format=csv&q=${encodeURIComponent('青山人')}` })).rawPayload.toString('utf8');
    expect(filtered.trim().split('\r\n')).toHaveLength(2);
  });

  it('writes CSV in UTF-8 with a BOM so Excel reads the Chinese', async () => {
    const res = await t.as(admin, { url: `/api/registry/organisations/export?format=csv&grid=${g.kdlGrid}` });
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.rawPayload.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['组织编号', '名称', '组织类型']);
    expect(lines.some((l) => l.includes('导出测试公司') && l.includes('136****2222') && l.includes('企业'))).toBe(true);
  });

  it('exports every list kind', async () => {
    for (const k of ['households', 'rental-houses', 'buildings']) {
      const res = await t.as(admin, { url: `/api/registry/${k}/export?grid=${g.kdlGrid}` });
      expect(res.statusCode, `${k} ${res.body.slice(0, 200)}`).toBe(200);
      const { text } = await xlsxText(res.rawPayload);
      expect(text).not.toMatch(CLEAR_ID);
    }
    expect((await t.as(admin, { url: '/api/registry/people/export?format=pdf' })).statusCode).toBe(400);
  });

  it('refuses more than the row limit with a 400 naming it', () => {
    expect(() => refuseTooMany(MAX_EXPORT_ROWS)).not.toThrow();
    try {
      refuseTooMany(MAX_EXPORT_ROWS + 1);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ status: 400, code: 'too_many_rows', details: { limit: 200_000, total: 200_001 } });
      expect((err as Error).message).toContain('200000');
    }
  });
});
