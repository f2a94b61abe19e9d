import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { BUILTIN_TEMPLATES } from '../../src/modules/reports/builtins.ts';
import { runReport } from '../../src/modules/reports/run.ts';
import type { ReportSpec } from '../../src/modules/reports/spec.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { insertReportFixture, REF_DATE, type ReportFixture } from './reports.fixture.ts';

let t: TestApp;
let fx: ReportFixture;
const as = async (user: string, opts: Parameters<TestApp['as']>[1]) => t.as(await t.login(user), opts);
const templateCount = async () => Number((await t.tdb.db.selectFrom('report_template').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
const simpleSpec = (extra: Record<string, unknown> = {}) => ({
  kind: 'table', level: 'street',
  columns: [
    { key: 'people', label: '实有人口', measure: { kind: 'count', entity: 'person' } },
    { key: 'vets', label: '退役军人', measure: { kind: 'count', entity: 'person', filter: { tagsAny: ['VETERAN'] } } },
    { key: 'pct', label: '占比', measure: { kind: 'ratio', numerator: 'vets', denominator: 'people' } },
  ],
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  fx = await insertReportFixture(t.tdb.db);
});
afterAll(async () => { await t?.close(); });

describe('templates', () => {
  it('lists the built-ins of my city, read-only, with code, name and department', async () => {
    const res = await as('kdl.street', { url: '/api/reports/templates' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.filter((x: any) => x.builtin)).toHaveLength(BUILTIN_TEMPLATES.length);
    for (const x of items) {
      expect(x.code).toMatch(/^[A-Z]/);
      expect(x.editable).toBe(false);
    }
    const admin = (await as('admin', { url: '/api/reports/templates' })).json().items;
    expect(admin.every((x: any) => !x.editable)).toBe(true); // built-ins are never editable
  });

  it('gets one by code or id; another city\'s template is not found', async () => {
    const byCode = await as('admin', { url: '/api/reports/templates/MZ_ELDERLY' });
    expect(byCode.statusCode).toBe(200);
    expect(byCode.json().spec.kind).toBe('table');
    expect((await as('admin', { url: `/api/reports/templates/${byCode.json().id}` })).json().code).toBe('MZ_ELDERLY');
    const hlbe = await t.tdb.db.selectFrom('report_template').select('id').where('city_code', '=', '150700').where('code', '=', 'MZ_ELDERLY').executeTakeFirstOrThrow();
    expect((await as('admin', { url: `/api/reports/templates/${hlbe.id}` })).statusCode).toBe(404);
    expect((await as('admin', { url: '/api/reports/templates/NO_SUCH' })).statusCode).toBe(404);
  });

  it('city and district staff create, change and delete their own templates; built-ins stay read-only', async () => {
    const created = await as('admin', { method: 'POST', url: '/api/reports/templates', payload: { code: 'CITY_VETERANS', name: '退役军人简表', department: '退役军人事务', spec: simpleSpec() } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'CITY_VETERANS', builtin: false, editable: true, version: 1 });
    const dist = await as('kdl.district', { method: 'POST', url: '/api/reports/templates', payload: { code: 'KDL_VETERANS', name: '昆区退役军人', department: '退役军人事务', spec: simpleSpec() } });
    expect(dist.statusCode).toBe(201);
    // A district may not change the city's template; the city may change the district's.
    expect((await as('kdl.district', { method: 'PATCH', url: '/api/reports/templates/CITY_VETERANS', payload: { name: 'x' } })).statusCode).toBe(403);
    const patched = await as('admin', { method: 'PATCH', url: '/api/reports/templates/KDL_VETERANS', payload: { name: '昆都仑区退役军人简表', version: 1 } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: '昆都仑区退役军人简表', version: 2 });
    const stale = await as('kdl.district', { method: 'PATCH', url: '/api/reports/templates/KDL_VETERANS', payload: { name: '旧', version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.field).toBe('version');
    // Street staff read but do not write.
    expect((await as('kdl.street', { method: 'POST', url: '/api/reports/templates', payload: { code: 'STREET_X', name: 'x', department: 'x', spec: simpleSpec() } })).statusCode).toBe(403);
    // Built-ins: read-only for everyone.
    expect((await as('admin', { method: 'PATCH', url: '/api/reports/templates/MZ_ELDERLY', payload: { name: '改' } })).statusCode).toBe(403);
    expect((await as('admin', { method: 'DELETE', url: '/api/reports/templates/MZ_ELDERLY' })).statusCode).toBe(403);
    const taken = await as('admin', { method: 'POST', url: '/api/reports/templates', payload: { code: 'MZ_ELDERLY', name: 'x', department: 'x', spec: simpleSpec() } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details.field).toBe('code');
    // Hulunbuir has its own templates and cannot reach Baotou's.
    expect((await as('hlbe.admin', { method: 'DELETE', url: `/api/reports/templates/${created.json().id}` })).statusCode).toBe(404);
    expect((await as('kdl.district', { method: 'DELETE', url: '/api/reports/templates/KDL_VETERANS' })).statusCode).toBe(204);
    expect((await as('admin', { url: '/api/reports/templates/KDL_VETERANS' })).statusCode).toBe(404);
    const actions = await t.tdb.db.selectFrom('audit_log').select('action').where('action', 'like', 'report.template.%').execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['report.template.create', 'report.template.create', 'report.template.delete', 'report.template.update']);
  });

  it('refuses bad specs naming the field, and writes nothing', async () => {
    const n = await templateCount();
    const col = (measure: unknown, extra: Record<string, unknown> = {}) => ({ kind: 'table', level: 'street', columns: [{ key: 'a', label: 'A', measure }, ...(extra.more as unknown[] ?? [])] });
    const cases: [unknown, string][] = [
      [{ level: 'street', columns: [] }, 'spec.kind'],
      [{ kind: 'table', level: 'province', columns: [{ key: 'a', label: 'A', measure: { kind: 'count', entity: 'person' } }] }, 'spec.level'],
      [col({ kind: 'count', entity: 'people' }), 'spec.columns.0.measure.entity'],
      [col({ kind: 'count', entity: 'person', filter: { colour: 'red' } }), 'spec.columns.0.measure.filter.colour'],
      [col({ kind: 'count', entity: 'person', filter: { ageMin: 70, ageMax: 60 } }), 'spec.columns.0.measure.filter.ageMin'],
      [col({ kind: 'count', entity: 'person', filter: { ageMin: -1 } }), 'spec.columns.0.measure.filter.ageMin'],
      [col({ kind: 'count', entity: 'person', filter: { tagsAny: ['NO_SUCH_TAG'] } }), 'spec.columns.0.measure.filter.tagsAny.0'],
      [col({ kind: 'count', entity: 'person', filter: { tagsAny: ['DISABLED', 'EXTREMELY_POOR'] } }), 'spec.columns.0.measure.filter.tagsAny.1'],
      [col({ kind: 'count', entity: 'person', filter: { ethnicity: ['01', '99'] } }), 'spec.columns.0.measure.filter.ethnicity.1'],
      [col({ kind: 'count', entity: 'organisation', filter: { industry: ['Z'] } }), 'spec.columns.0.measure.filter.industry.0'],
      [col({ kind: 'sum', entity: 'person', field: 'birth_date' }), 'spec.columns.0.measure.field'],
      [col({ kind: 'count', entity: 'person' }, { more: [{ key: 'b', label: 'B', measure: { kind: 'ratio', numerator: 'a', denominator: 'zzz' } }] }), 'spec.columns.1.measure.denominator'],
      [col({ kind: 'count', entity: 'person' }, { more: [{ key: 'a', label: 'B', measure: { kind: 'count', entity: 'household' } }] }), 'spec.columns.1.key'],
      [col({ kind: 'count', entity: 'person' }, { more: [{ key: 'b', label: 'B' }] }), 'spec.columns.1.measure'],
      [{ kind: 'table', level: 'street', columns: [
        { key: 'a', label: 'A', group: '甲', measure: { kind: 'count', entity: 'person' } },
        { key: 'b', label: 'B', measure: { kind: 'count', entity: 'person' } },
        { key: 'c', label: 'C', group: '甲', measure: { kind: 'count', entity: 'person' } }] }, 'spec.columns.2.group'],
      [{ kind: 'list', entity: 'person', filter: {}, fields: [{ field: 'salary', label: '工资' }] }, 'spec.fields.0.field'],
      [{ kind: 'list', entity: 'person', filter: { sizeMin: 1 }, fields: [{ field: 'name', label: '姓名' }] }, 'spec.filter.sizeMin'],
    ];
    for (const [spec, field] of cases) {
      const res = await as('admin', { method: 'POST', url: '/api/reports/templates', payload: { code: 'BAD_SPEC', name: '坏', department: '测试', spec } });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().error.details.field, res.body).toBe(field);
      expect(res.json().error.message).toContain(field);
    }
    const badName = await as('admin', { method: 'POST', url: '/api/reports/templates', payload: { code: 'bad code', name: '坏', department: '测试', spec: simpleSpec() } });
    expect(badName.json().error.details.field).toBe('code');
    const badPatch = await as('admin', { method: 'PATCH', url: '/api/reports/templates/CITY_VETERANS', payload: { spec: { kind: 'table', level: 'street', columns: [{ key: 'a', label: 'A', measure: { kind: 'ratio', numerator: 'a', denominator: 'a' } }] } } });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.json().error.details.field).toBe('spec.columns.0.measure.numerator');
    expect(await templateCount()).toBe(n);
  });
});

describe('running reports', () => {
  it('runs a built-in for the district by street, with the same numbers as the engine', async () => {
    const res = await as('kdl.district', { url: `/api/reports/templates/ZZ_ACTUAL_POPULATION/run?area=150203&date=${REF_DATE}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.title).toBe('昆都仑区实有人口统计表');
    expect(body.rowLevel).toBe('street');
    expect(body.header).toHaveLength(2);
    expect(body.header[0][0]).toEqual({ label: '街道（镇、苏木）', colSpan: 1, rowSpan: 2 });
    expect(body.header[0].find((h: any) => h.label === '户籍人口')).toEqual({ label: '户籍人口', colSpan: 3, rowSpan: 1 });
    expect(body.total.cells[0]).toBe('合计');
    const area = await t.tdb.db.selectFrom('area').selectAll().where('code', '=', '150203').executeTakeFirstOrThrow();
    const tpl = BUILTIN_TEMPLATES.find((x) => x.code === 'ZZ_ACTUAL_POPULATION')!;
    const naive = await runReport(t.tdb.db, { id: body.template.id, code: tpl.code, name: tpl.name, department: tpl.department, builtin: true, spec: tpl.spec }, area, REF_DATE, { naive: true });
    expect(body.rows).toEqual(naive.rows);
    expect(body.total).toEqual(naive.total);
    expect(body.total.cells[1]).toBeGreaterThan(100);
  });

  it('defaults to my own area and the next level down; a street sees its communities', async () => {
    const me = (await as('kdl.street', { url: '/api/auth/me' })).json().user;
    const res = await as('kdl.street', { url: '/api/reports/templates/MZ_ELDERLY/run' });
    expect(res.statusCode).toBe(200);
    expect(res.json().area.code).toBe(me.scopeCode);
    expect(res.json().rowLevel).toBe('community');
    expect(res.json().date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const grid = await as('kdl.grid', { url: '/api/reports/templates/MZ_ELDERLY/run' });
    expect(grid.json().rows).toHaveLength(1); // a grid lists itself
  });

  it('never runs outside the caller\'s scope', async () => {
    const me = (await as('kdl.street', { url: '/api/auth/me' })).json().user;
    const otherStreet = fx.streets.find((s) => s.code !== me.scopeCode)!.code;
    for (const area of [otherStreet, '150203', '150200', '150204', '150702']) {
      const res = await as('kdl.street', { url: `/api/reports/templates/ZZ_ACTUAL_POPULATION/run?area=${area}` });
      expect(res.statusCode, area).toBe(404);
      const x = await as('kdl.street', { url: `/api/reports/templates/ZZ_ACTUAL_POPULATION/export.xlsx?area=${area}` });
      expect(x.statusCode, area).toBe(404);
    }
    expect((await as('kdl.district', { url: '/api/reports/templates/ZZ_ACTUAL_POPULATION/run?area=150204' })).statusCode).toBe(404);
    expect((await as('hlbe.admin', { url: '/api/reports/templates/ZZ_ACTUAL_POPULATION/run?area=150203' })).statusCode).toBe(404);
    // Hulunbuir's run of its own area counts none of Baotou's people, only its own fixture person.
    const hlbe = await as('hlbe.admin', { url: `/api/reports/templates/ZZ_ACTUAL_POPULATION/run?date=${REF_DATE}` });
    expect(hlbe.json().total.cells[1]).toBe(1);
    expect((await as('mediator', { url: '/api/reports/templates/ZZ_ACTUAL_POPULATION/run' })).statusCode).toBe(403);
    expect((await as('resident', { url: '/api/reports/templates' })).statusCode).toBe(403);
    expect((await as('dept.zhujian', { url: '/api/reports/templates/ZZ_RENTAL_HOUSING/run?area=150203' })).statusCode).toBe(200);
  });

  it('bad dates, levels and areas are refused naming the field', async () => {
    for (const [q, field] of [['date=2026-02-30', 'date'], ['date=26-1-1', 'date'], ['level=province', 'level'], ['area=abc', 'area'], ['colour=red', 'colour']] as const) {
      const res = await as('admin', { url: `/api/reports/templates/MZ_ELDERLY/run?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.details.field, q).toBe(field);
    }
  });

  it('a listing shows masked ID and phone numbers only', async () => {
    const res = await as('kdl.district', { url: `/api/reports/templates/MZ_ELDERLY_ALONE_LIST/run?area=150203&date=${REF_DATE}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().rows.length).toBeGreaterThan(0);
    expect(res.body).not.toMatch(/[0-9]{17}[0-9X]/);
    expect(res.body).not.toMatch(/1[3-9][0-9]{9}/);
  });
});

describe('usage: collected once, used in N reports', () => {
  it('counts the templates reading each field and tag', async () => {
    const res = await as('dept.zhujian', { url: '/api/reports/usage' });
    expect(res.statusCode).toBe(200);
    const u = res.json();
    const all = (await as('admin', { url: '/api/reports/templates' })).json().items.length;
    expect(u.reports).toBe(all);
    expect(u.summary).toContain(String(all));
    const birth = u.fields.find((f: any) => f.field === 'person.birth_date');
    const expected = BUILTIN_TEMPLATES.filter((x) => JSON.stringify(x.spec).match(/"age(Min|Max)"|"memberAgeMin"|"field":"age"/)).length;
    expect(birth.reports).toBeGreaterThanOrEqual(expected);
    const veteran = u.tags.find((g: any) => g.code === 'VETERAN');
    expect(veteran.name).toBe('退役军人');
    expect(veteran.templates).toContain('TY_VETERANS');
    expect(veteran.templates).toContain('CITY_VETERANS'); // the custom one made above
    expect(u.entities.find((e: any) => e.entity === 'person').reports).toBeGreaterThanOrEqual(10);
  });
});

describe('Excel export', () => {
  async function workbook(res: { rawPayload: Buffer }) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb.worksheets[0];
  }

  it('lays the table out like a printed form and matches the JSON run; the export is audited', async () => {
    const url = `/api/reports/templates/ZZ_ACTUAL_POPULATION/%s?area=150203&date=${REF_DATE}`;
    const json = (await as('kdl.district', { url: url.replace('%s', 'run') })).json();
    const res = await as('kdl.district', { url: url.replace('%s', 'export.xlsx') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('昆都仑区实有人口统计表'));
    const ws = await workbook(res);
    const n = json.columns.length;
    // Title merged over every column, then 填报单位 / 统计时点.
    expect(ws.getCell(1, 1).value).toBe('昆都仑区实有人口统计表');
    expect(ws.getCell(1, n).isMerged).toBe(true);
    expect((ws.getCell(1, n) as any).master.address).toBe('A1');
    expect(ws.getCell(1, 1).font.bold).toBe(true);
    expect(String(ws.getCell(2, 1).value)).toBe('填报单位：包头市昆都仑区');
    const texts = (row: number) => Array.from({ length: n }, (_, i) => String(ws.getCell(row, i + 1).value ?? ''));
    expect(texts(2).join('')).toContain('统计时点：2026年6月30日');
    // Two-level header: 户籍人口 over 小计/男/女, 实有人口 spanning both rows.
    const regCol = json.columns.findIndex((c: any) => c.key === 'reg') + 1;
    expect(ws.getCell(3, regCol).value).toBe('户籍人口');
    expect((ws.getCell(3, regCol + 2) as any).master.address).toBe(ws.getCell(3, regCol).address);
    expect(texts(4).slice(regCol - 1, regCol + 2)).toEqual(['小计', '男', '女']);
    expect((ws.getCell(4, 2) as any).master.address).toBe('B3');
    expect(ws.getCell(3, 2).border.top?.style).toBe('thin');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    // Body and total equal the JSON; numbers are numbers with a format; the total row is bold.
    json.rows.forEach((r: any, i: number) => {
      r.cells.forEach((v: any, j: number) => expect(ws.getCell(5 + i, j + 1).value, `r${i}c${j}`).toEqual(v === null ? '' : v));
    });
    const totalRow = 5 + json.rows.length;
    expect(ws.getCell(totalRow, 1).value).toBe('合计');
    expect(ws.getCell(totalRow, 2).value).toBe(json.total.cells[1]);
    expect(ws.getCell(totalRow, 2).font.bold).toBe(true);
    expect(ws.getCell(5, 2).font.bold).toBeFalsy();
    expect(ws.getCell(totalRow, 2).numFmt).toBe('#,##0');
    expect(ws.getColumn(1).width).toBeGreaterThan(8);
    // Footer as an official signs it.
    const footer = texts(totalRow + 2).join('');
    expect(footer).toContain('制表人：昆都仑区综治中心');
    expect(footer).toContain('审核人：');
    expect(footer).toMatch(/制表日期：\d{4}年\d{1,2}月\d{1,2}日/);
    const audit = await t.tdb.db.selectFrom('audit_log').select(['action', 'detail', 'actor_name']).where('action', '=', 'report.export').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ code: 'ZZ_ACTUAL_POPULATION', area: '150203', date: REF_DATE });
  });

  it('a listing exports with masked personal data and a 序号 column', async () => {
    const res = await as('admin', { url: `/api/reports/templates/MZ_LEFT_BEHIND_CHILDREN_LIST/export.xlsx?area=150203&date=${REF_DATE}` });
    expect(res.statusCode).toBe(200);
    const ws = await workbook(res);
    expect(ws.getCell(3, 1).value).toBe('序号');
    const all: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => all.push(String(c.value))));
    expect(all.join('|')).not.toMatch(/[0-9]{17}[0-9X]/);
    expect(all.some((v) => /^[0-9]{6}\*{8}[0-9X]{4}$/.test(v))).toBe(true);
    expect(all.join('')).toContain('已按个人信息保护要求脱敏');
    expect(Number((await t.tdb.db.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).where('action', '=', 'report.export').executeTakeFirstOrThrow()).n)).toBe(2);
  });
});

// The spec type is part of the public surface: a console form posts exactly this shape.
const _typed: ReportSpec = simpleSpec() as ReportSpec;
void _typed;
