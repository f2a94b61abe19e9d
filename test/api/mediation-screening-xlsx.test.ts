import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../src/kernel/calendar/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demo, get, ok, parties, post, today, type Demo } from './mediation-fixtures.ts';

/** 排查进度表 (GET /api/mediation/screening/campaigns/:id.xlsx): the per-grid progress as an Excel form. */

let t: TestApp;
let d: Demo;
let campaignId: number;
let taskId: number;
let caseNumber: string;
let streetGrids: number;
let communityGrids: number;
const inDays = (n: number) => dayOf(new Date(Date.now() + n * 86_400_000));

beforeAll(async () => {
  t = await createTestApp();
  d = await demo(t);
  const db = t.tdb.db;
  const gridsUnder = async (who: string) => Number((await db.selectFrom('area').select(sql<number>`count(*)`.as('n')).where('level', '=', 'grid')
    .where(sql<boolean>`path <@ (SELECT scope_path FROM app_user WHERE username = ${who})`).executeTakeFirstOrThrow()).n);
  streetGrids = await gridsUnder('kdl.street');
  communityGrids = await gridsUnder('kdl.community');
  const c = ok(await post(t, 'kdl.street', '/api/mediation/screening/campaigns', {
    title: '春节前矛盾纠纷集中排查', periodFrom: today(), periodTo: inDays(20), areaCodes: [d.street.path.split('.').pop()!],
    checklist: [{ name: '婚姻家庭矛盾', category: 'family' }, { name: '邻里纠纷', category: 'neighbour' }],
  }), 201);
  campaignId = c.id;
  taskId = ok(await get(t, 'kdl.grid', `/api/mediation/screening/tasks?campaignId=${campaignId}`)).items[0].id;
  const filed = ok(await post(t, 'kdl.grid', `/api/mediation/screening/tasks/${taskId}/findings`, { item: 'c2', summary: '楼上楼下因漏水多次争吵', parties: parties() }), 201);
  caseNumber = filed.finding.caseNumber;
  ok(await post(t, 'kdl.grid', `/api/mediation/screening/tasks/${taskId}/answers`, { answers: [{ item: 'c1', found: false }], done: true }));
});
afterAll(async () => { await t?.close(); });

const xlsx = async (who: string, query = '') => {
  const res = await get(t, who, `/api/mediation/screening/campaigns/${campaignId}.xlsx${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { ws: wb.worksheets[0], res };
};
const row = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
/** The body rows: from under the two header rows to the 合计 row. */
function bodyRows(ws: ExcelJS.Worksheet) {
  const out: unknown[][] = [];
  for (let n = 5; n <= ws.rowCount; n++) {
    const r = row(ws, n);
    if (String(r[0]).startsWith('合计')) return { rows: out, total: r };
    out.push(r);
  }
  throw new Error('no 合计 row');
}

describe('排查进度表 (Excel of a campaign’s per-grid progress)', () => {
  it('a street gets every grid of its campaign: title, headers, grid worker, status, counts, case numbers, 合计; audited', async () => {
    const { ws, res } = await xlsx('kdl.street');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('春节前矛盾纠纷集中排查'));
    expect(ws.getCell(1, 1).value).toMatch(/^春节前矛盾纠纷集中排查各网格进度表（\d{4}年\d+月\d+日至\d{4}年\d+月\d+日）$/);
    expect(String(ws.getCell(2, 1).value)).toMatch(/^填报单位：包头市昆都仑区/);
    const header = [...row(ws, 3), ...row(ws, 4)].map(String);
    for (const h of ['网格', '网格编码', '所属社区（村）', '网格员', '排查状态', '排查清单', '事项数', '已排查', '发现矛盾', '上报案件', '件数', '案件编号', '完成时间', '填报人']) expect(header).toContain(h);
    const { rows, total } = bodyRows(ws);
    expect(rows).toHaveLength(streetGrids);
    const mine = rows.find((r) => r[1] === d.kdlGrid)!;
    expect(mine.slice(3, 10)).toEqual(['网格员', '已完成', 2, 2, 1, 1, caseNumber]);
    expect(String(mine[10])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(mine[11]).toBe('网格员');
    const other = rows.find((r) => r[1] !== d.kdlGrid)!;
    expect(other.slice(4, 9)).toEqual(['未开始', 2, 0, 0, 0]);
    expect(total).toEqual([`合计（${streetGrids} 个网格）`, '', '', '', '已完成 1', 2 * streetGrids, 2, 1, 1, '', '', '']);
    const audit = await t.tdb.db.selectFrom('audit_log').select(['target_id', 'detail']).where('action', '=', 'mediation.campaign.export').execute();
    expect(audit).toEqual([{ target_id: String(campaignId), detail: { grids: streetGrids, status: null, area: null } }]);
  });

  it('the grids are those of the caller’s area, and the page’s filters apply', async () => {
    expect(bodyRows((await xlsx('kdl.community')).ws).rows).toHaveLength(communityGrids);
    expect(bodyRows((await xlsx('kdl.grid')).ws).rows.map((r) => r[1])).toEqual([d.kdlGrid]);
    const done = bodyRows((await xlsx('kdl.street', '?status=done')).ws);
    expect(done.rows.map((r) => r[1])).toEqual([d.kdlGrid]);
    expect(bodyRows((await xlsx('kdl.street', '?status=pending')).ws).rows).toHaveLength(streetGrids - 1);
  });

  it('refuses bad filters naming them, and is 404 for another city, 403 for roles without screening', async () => {
    for (const [q, field] of [['?status=finished', 'status'], ['?area=abc', 'area'], ['?page=2', 'page']] as const) {
      const res = await get(t, 'kdl.street', `/api/mediation/screening/campaigns/${campaignId}.xlsx${q}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.field ?? res.json().error.message).toContain(field);
    }
    expect((await get(t, 'hlbe.admin', `/api/mediation/screening/campaigns/${campaignId}.xlsx`)).statusCode).toBe(404);
    expect((await get(t, 'kdl.street', '/api/mediation/screening/campaigns/999999.xlsx')).statusCode).toBe(404);
    for (const who of ['mediator', 'resident', 'dept.zhujian']) expect((await get(t, who, `/api/mediation/screening/campaigns/${campaignId}.xlsx`)).statusCode, who).toBe(403);
    // The JSON detail beside it still answers (the .xlsx suffix does not shadow /campaigns/:id).
    expect(ok(await get(t, 'kdl.street', `/api/mediation/screening/campaigns/${campaignId}`)).campaign.id).toBe(campaignId);
  });
});
