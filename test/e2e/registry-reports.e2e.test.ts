// Browser test of the registry 基层一表通 and report pages: a few households, people, an organisation
// and a rental house are registered through the API; then the city admin, in the browser, runs the
// built-in 实有人口统计表 for 昆都仑区, checks its numbers against the API, downloads the Excel and
// reads it back, opens the people list (masked numbers), reveals an ID with a reason (audited),
// opens a person's history, and meets a template error at the field the server names.
// Screenshots of every page go to .tmp/console-registry/.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { newCreditCode, newIdNumber } from '../api/registry-fixtures.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'shiyu-demo-2026';
const KDL = '150203'; // 昆都仑区
const OUT = path.resolve(process.cwd(), '.tmp/console-registry');
const REPORT = 'ZZ_ACTUAL_POPULATION';

interface Area { code: string; name: string; level: string; childCount: number }
type Cell = number | string | null;

async function shot(page: Page, name: string): Promise<void> {
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
  await page.waitForTimeout(300); // let drawers and dialogs finish their animation
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

describe('registry and reports in the browser', () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let api: APIRequestContext; // the browser's own session: same cookie as the pages
  const pageErrors: string[] = [];
  const people: { id: number; name: string; idNumber: string }[] = [];
  let streets: Area[] = [];

  const call = async <T>(method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> => {
    const res = await api.fetch(`${server.url}${url}`, { method, data, headers: { 'x-requested-with': 'shiyu' } });
    if (!res.ok()) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const children = async (code: string) => (await call<{ items: Area[] }>('GET', `/api/areas/${code}/children`)).items;
  async function firstGrid(code: string): Promise<string> {
    let here = code;
    for (;;) {
      const kids = (await children(here)).filter((a) => a.childCount > 0 || a.level === 'grid');
      if (kids[0].level === 'grid') return kids[0].code;
      here = kids[0].code;
    }
  }

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    api = context.request;

    await page.goto(`${server.url}/login`);
    await page.locator('[data-test=login-username]').fill('admin');
    await page.locator('[data-test=login-password]').fill(PASSWORD);
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL(/\/overview/);
    // Before anything is registered: the empty state.
    await page.goto(`${server.url}/registry/households`);
    await page.locator('[data-test=table-households] .el-empty').waitFor();
    await shot(page, '00-households-empty');

    // Registry records in two streets of 昆都仑区, through the API as the city admin.
    streets = (await children(KDL)).filter((s) => s.childCount > 0).slice(0, 2);
    const grids = [await firstGrid(streets[0].code), await firstGrid(streets[1].code)];
    const household = async (grid: string, n: number, head: string, address: string) => {
      const members = Array.from({ length: n }, (_, i) => ({
        name: i === 0 ? head : `${head.slice(0, 1)}${['秀英', '明轩', '子涵'][i - 1]}`, idNumber: newIdNumber(i % 2 ? '2' : '1'),
        relation: i === 0 ? '02' : '20', ethnicity: '01', phone: `1390472${String(1000 + people.length).slice(-4)}`,
      }));
      const h = await call<{ id: number; members: { id: number; name: string }[] }>('POST', `/api/registry/households`, { gridCode: grid, address, members });
      h.members.forEach((m, i) => people.push({ id: m.id, name: m.name, idNumber: members[i].idNumber }));
      return h;
    };
    const h1 = await household(grids[0], 3, '李建国', '昆都仑区钢铁大街 12 号 3 单元 501');
    await household(grids[0], 2, '王淑芬', '昆都仑区钢铁大街 12 号 3 单元 502');
    await household(grids[1], 1, '张德明', '昆都仑区阿尔丁大街 8 号 1 单元 101');
    const floating = await call<{ id: number; name: string }>('POST', `/api/registry/people`, { name: '赵流动', idNumber: newIdNumber('1'), gridCode: grids[1], residenceType: 'floating', phone: '13700001111', address: '昆都仑区阿尔丁大街 8 号' });
    people.push({ id: floating.id, name: floating.name, idNumber: '' });
    await call('POST', `/api/registry/people/${people[0].id}/tags`, { code: 'VETERAN' });
    await call('POST', `/api/registry/people/${people[0].id}/move`, { toType: 'left_behind', reason: '子女外出务工', on: '2026-03-01' });
    await call('POST', `/api/registry/organisations`, { kind: 'enterprise', name: '包头市鹿城钢构有限公司', creditCode: newCreditCode('91', KDL), gridCode: grids[0], industry: 'C', employees: 42, legalRep: '刘志强', phone: '0472-5123456' });
    await call('POST', `/api/registry/rental-houses`, { householdId: h1.id, landlordPersonId: people[0].id, tenants: 2, purpose: 'residence' });
    await call('POST', `/api/registry/buildings`, { gridCode: grids[0], name: '钢铁大街12号楼', floors: 6, units: [{ name: '1单元', floors: 6 }, { name: '2单元', floors: 6 }] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`runs ${REPORT} for 昆都仑区 with the API's numbers and downloads the Excel`, async () => {
    await page.locator('[data-test=nav-reports]').click();
    await page.locator(`[data-test=run-${REPORT}]`).waitFor();
    await page.locator('[data-test=usage-summary]').waitFor();
    await shot(page, '01-reports');

    await page.locator(`[data-test=run-${REPORT}]`).click();
    await page.locator('[data-test=report-table]').waitFor(); // the caller's own area first (the city)
    // Choose 昆都仑区 in the area tree: open the select, expand the city, click the district.
    await page.locator('[data-test=report-run] [data-test=area-select]').click();
    await page.locator('.el-tree-node__content', { hasText: '包头市' }).locator('.el-tree-node__expand-icon').click();
    await page.locator('.el-tree-node__content', { hasText: '昆都仑区' }).first().click();
    await page.locator('[data-test=report-go]').click();
    await expect.poll(() => page.locator('[data-test=report-title]').textContent()).toContain('昆都仑区');

    const date = (await page.locator('[data-test=report-date] input').inputValue()).trim();
    const want = await call<{ title: string; rows: { code: string | null; cells: Cell[] }[]; total: { cells: Cell[] } }>('GET', `/api/reports/templates/${REPORT}/run?area=${KDL}&date=${date}`);
    expect(await page.locator('[data-test=report-title]').textContent()).toBe(want.title);
    const shown = (sel: string) => page.locator(sel).allTextContents();
    const total = await shown('[data-test=report-total] td');
    expect(total[0]).toBe('合计');
    expect(total[1]).toBe(String(want.total.cells[1])); // 实有人口
    expect(want.total.cells[1]).toBe(people.length);
    expect(await page.locator('[data-test=report-table] tbody tr').count()).toBe(want.rows.length);
    for (const r of want.rows.filter((x) => typeof x.cells[1] === 'number' && (x.cells[1] as number) > 0)) {
      const cells = await shown(`[data-test=report-table] tbody tr[data-code="${r.code}"] td`);
      // The page prints numbers as a form does (1,234; 12.50): read them back as numbers.
      expect(cells.map((c) => (/^[\d,.]+$/.test(c.trim()) ? Number(c.replace(/,/g, '')) : c.trim()))).toEqual(r.cells.map((c) => (c === null ? '–' : c)));
    }
    await shot(page, '02-report-run');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=report-download]').click()]);
    const file = path.join(OUT, 'report.xlsx');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toBe(want.title);
    const totalRow = ws.getRows(1, ws.rowCount)!.find((row) => row.getCell(1).value === '合计')!;
    expect(totalRow, 'a 合计 row in the workbook').toBeTruthy();
    expect(totalRow.getCell(2).value).toBe(people.length);
  }, 120_000);

  it('lists people with masked numbers and reveals one ID with a reason, audited', async () => {
    await page.locator('[data-test=nav-registry]').click();
    await page.locator('[data-test=nav-people]').click();
    await page.locator('[data-test=table-people] .el-table__row').first().waitFor();
    await page.locator('[data-test=usage-note]').waitFor();
    const masked = await page.locator('[data-test=table-people] [data-test=masked]').allTextContents();
    expect(masked.length).toBeGreaterThan(0);
    for (const m of masked.filter((x) => x.trim())) expect(m).toMatch(/\*{4}/);
    for (const cell of await page.locator('[data-test=table-people] td').allTextContents()) expect(cell).not.toMatch(/\d{17}[\dX]/);
    await shot(page, '03-people');

    // Export with the list's filters: the file the browser downloads has the same people, numbers masked.
    await page.locator('[data-test=filter-enum]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '流动' }).click();
    await page.locator('[data-test=list-search-btn]').click();
    await expect.poll(() => page.locator('[data-test=table-people] .el-table__row').count()).toBe(1);
    const [exported] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export-xlsx]').click()]);
    const xlsx = path.join(OUT, 'people-export.xlsx');
    await exported.saveAs(xlsx);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const text = book.worksheets.map((w) => w.getSheetValues().flat().map((v) => String(v ?? '')).join('|')).join('\n');
    expect(text).toContain('赵流动');
    expect(text).not.toContain('李建国');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    await page.mouse.move(600, 600); // away from the export button's tooltip
    await page.getByRole('button', { name: '重置' }).click();
    await expect.poll(() => page.locator('[data-test=table-people] .el-table__row').count()).toBe(people.length);

    // A full ID number finds the one person exactly (through the search route), shown masked.
    await page.locator('[data-test=list-search]').fill(people[1].idNumber);
    await page.locator('[data-test=list-search-btn]').click();
    await expect.poll(() => page.locator('[data-test=table-people] .el-table__row').count()).toBe(1);
    expect(await page.locator('[data-test=table-people] .el-table__row').textContent()).toContain(people[1].name);
    await shot(page, '03-people-by-id');
    await page.mouse.move(600, 600);
    await page.getByRole('button', { name: '重置' }).click();
    await expect.poll(() => page.locator('[data-test=table-people] .el-table__row').count()).toBe(people.length);

    const who = people[0];
    const row = page.locator('[data-test=table-people] .el-table__row', { hasText: who.name }).first();
    await row.locator('[data-test=reveal]').first().click();
    const dialog = page.locator('[data-test=reveal-dialog]');
    await dialog.locator('[data-test=reveal-submit]').click(); // no reason: refused at the field
    await expect.poll(() => dialog.locator('.el-form-item__error').count()).toBe(1);
    await dialog.locator('[data-test=reveal-reason]').fill('核实身份办理低保申请');
    await shot(page, '04-reveal-reason');
    await dialog.locator('[data-test=reveal-submit]').click();
    await expect.poll(() => dialog.locator('[data-test=revealed-value]').textContent()).toBe(who.idNumber);
    await shot(page, '05-revealed');
    await dialog.locator('[data-test=reveal-close]').click();
    await dialog.waitFor({ state: 'hidden' });

    const audit = await call<{ items: { action: string; targetId: string | null; detail: { reason?: string; field?: string } }[] }>('GET', `/api/audit?action=person.reveal`);
    const rec = audit.items.find((a) => a.targetId === String(who.id));
    expect(rec, 'an audit record of the reveal').toBeTruthy();
    expect(rec!.detail).toMatchObject({ field: 'idNumber', reason: '核实身份办理低保申请' });
  }, 60_000);

  it('opens a person with household, moves, tags and history', async () => {
    const who = people[0];
    await page.locator('[data-test=table-people] .el-table__row', { hasText: who.name }).first().locator('[data-test=open-record]').click();
    const drawer = page.locator('[data-test=record-drawer]');
    await drawer.locator('[data-test=person-info]').waitFor();
    expect(await drawer.locator('[data-test=person-tags]').textContent()).toContain('退役军人');
    expect(await drawer.locator('[data-test=moves]').textContent()).toContain('子女外出务工');
    await shot(page, '06-person');
    await drawer.getByRole('tab', { name: /变更记录/ }).click();
    await drawer.locator('[data-test=history] .el-timeline-item').first().waitFor();
    const history = await drawer.locator('[data-test=history]').textContent();
    expect(history).toContain('居住类别变动');
    expect(history).not.toMatch(/\d{17}[\dX]/);
    await shot(page, '07-person-history');
    await drawer.getByRole('tab', { name: /基本信息/ }).click();
    await drawer.locator('[data-test=person-info] .el-descriptions').getByRole('button', { name: /钢铁大街/ }).click();
    await drawer.locator('[data-test=household-info]').waitFor();
    expect(await drawer.locator('[data-test=members] .el-table__row').count()).toBe(3);
    await shot(page, '08-household-from-person');
    await page.keyboard.press('Escape');
  }, 60_000);

  it('shows every registry list, tags and import', async () => {
    for (const [nav, name] of [['households', '09-households'], ['buildings', '10-buildings'], ['rental-houses', '11-rental-houses'], ['organisations', '12-organisations']] as const) {
      await page.locator(`[data-test=nav-${nav}]`).click();
      await page.locator(`[data-test=table-${nav}] .el-table__row`).first().waitFor();
      await shot(page, name);
    }
    await page.locator('[data-test=table-buildings]').waitFor({ state: 'detached' }).catch(() => {});
    await page.locator('[data-test=nav-buildings]').click();
    await page.locator('[data-test=table-buildings] [data-test=open-record]').first().click();
    await page.locator('[data-test=record-drawer] [data-test=unit]').first().waitFor();
    await shot(page, '13-building');
    await page.keyboard.press('Escape');

    await page.locator('[data-test=nav-tags]').click();
    await page.locator('[data-test=tags-table] .el-table__row').first().waitFor();
    expect(await page.locator('[data-test=tags-table]').textContent()).toContain('退役军人');
    await shot(page, '14-tags');
    await page.locator('[data-test=tag-create]').click();
    await shot(page, '15-tag-dialog');
    await page.keyboard.press('Escape');

    await page.locator('[data-test=nav-import]').click();
    await page.locator('[data-test=import-page]').waitFor();
    await shot(page, '16-import');
  }, 60_000);

  it('imports people: template, upload, validation report, import the valid rows', async () => {
    await page.locator('[data-test=nav-import]').click();
    const [template] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=template-xlsx]').click()]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);

    const grid = await firstGrid(streets[0].code);
    const csv = ['姓名,公民身份号码,性别,网格编码,居住地址', `孙志远,${newIdNumber('1')},男,${grid},昆都仑区钢铁大街 20 号`, `钱有误,150203199001011230,男,${grid},昆都仑区钢铁大街 21 号`].join('\r\n');
    await page.locator('[data-test=import-page] .el-upload input[type=file]').setInputFiles({ name: '人员.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const job = page.locator('[data-test=import-job]');
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 20_000 }).toBe('checked');
    const errors = await page.locator('[data-test=import-errors] .el-table__row').allTextContents();
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain('公民身份号码');
    expect(await page.locator('[data-test=import-errors]').textContent()).not.toContain('150203199001011230'); // masked in the report
    await shot(page, '16-import-checked');
    await page.locator('[data-test=import-run-valid]').click();
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    expect(await job.textContent()).toContain('已导入 1 行');
    await shot(page, '16-import-done');
    const found = await call<{ items: { name: string }[] }>('GET', '/api/registry/people?q=孙志远');
    expect(found.items.map((p) => p.name)).toEqual(['孙志远']);
  }, 60_000);

  it('names the bad field of a template at that field', async () => {
    await page.goto(`${server.url}/reports/new`);
    await page.locator('[data-test=template-code]').fill('MZ_TEST_AGES');
    await page.locator('[data-test=template-name]').fill('测试年龄段统计表');
    await page.locator('[data-test=template-department]').fill('民政');
    const col = page.locator('[data-test=column-0]');
    await col.locator('[data-test=column-label]').fill('老年人');
    for (const [key, value] of [['ageMin', '80'], ['ageMax', '60']]) {
      await col.locator('[data-test=filter-add]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: key === 'ageMin' ? '年龄 ≥' : '年龄 ≤' }).click();
      await col.locator(`[data-test=filter-${key}] input`).fill(value);
      await col.locator(`[data-test=filter-${key}] input`).blur();
    }
    await page.locator('[data-test=template-save]').click();
    const err = page.locator('[data-test=template-error]');
    await err.waitFor();
    expect(await err.getAttribute('data-field')).toBe('spec.columns.0.measure.filter.ageMin');
    expect(await col.locator('[data-test=filter-ageMin] .el-form-item__error').textContent()).toBe('年龄 ≥ 不能大于 年龄 ≤');
    await shot(page, '17-template-error');

    await col.locator('[data-test=filter-ageMin] input').fill('60');
    await col.locator('[data-test=filter-ageMax] input').fill('200');
    await col.locator('[data-test=filter-ageMax] input').blur(); // the field clamps to 150
    await col.locator('[data-test=filter-ageMin] input').fill('60');
    await col.locator('[data-test=filter-ageMin] input').blur();
    await page.locator('[data-test=template-save]').click();
    await page.waitForURL(/\/reports\/\d+$/);
    await page.locator('[data-test=report-table]').waitFor();
    await shot(page, '18-custom-report');

    // Built-in templates copied into the editor: a table with grouped, filtered columns, and a listing.
    const templates = (await call<{ items: { id: number; code: string }[] }>('GET', '/api/reports/templates')).items;
    for (const [code, name] of [['MZ_ELDERLY', '19-editor-copy-table'], ['MZ_ELDERLY_ALONE_LIST', '19-editor-copy-list']]) {
      await page.goto(`${server.url}/reports/new?from=${templates.find((x) => x.code === code)!.id}`);
      await expect.poll(() => page.locator('[data-test=template-name]').inputValue()).toContain('副本');
      await shot(page, name);
    }
  }, 60_000);

  it('reads in English too', async () => {
    await page.evaluate(() => localStorage.setItem('shiyu.locale', 'en'));
    await page.goto(`${server.url}/registry/people`);
    await page.locator('[data-test=table-people] .el-table__row').first().waitFor();
    expect(await page.locator('.sy-page-title').textContent()).toBe('People (实有人口)');
    expect(await page.locator('[data-test=usage-note]').textContent()).toMatch(/Collected once, used in \d+ reports/);
    await shot(page, '19-people-en');
    await page.goto(`${server.url}/reports`);
    await page.locator(`[data-test=run-${REPORT}]`).waitFor();
    await shot(page, '20-reports-en');
    await page.evaluate(() => localStorage.setItem('shiyu.locale', 'zh-CN'));
  }, 60_000);

  it('shows a grid worker only what the role may use', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const worker = await context.newPage();
    worker.on('pageerror', (e) => pageErrors.push(e.message));
    await worker.goto(`${server.url}/login`);
    await worker.locator('[data-test=login-username]').fill('kdl.grid');
    await worker.locator('[data-test=login-password]').fill(PASSWORD);
    await worker.locator('[data-test=login-submit]').click();
    await worker.waitForURL(/\/overview/);
    await worker.locator('[data-test=nav-registry]').click();
    for (const nav of ['people', 'households', 'tags', 'import', 'reports']) expect(await worker.locator(`[data-test=nav-${nav}]`).count(), nav).toBe(1);
    for (const nav of ['users', 'audit']) expect(await worker.locator(`[data-test=nav-${nav}]`).count(), nav).toBe(0);
    await worker.locator('[data-test=nav-people]').click();
    await worker.locator('[data-test=table-people] .el-table__row').first().waitFor();
    expect(await worker.locator('[data-test=table-people] [data-test=masked]').count()).toBeGreaterThan(0);
    expect(await worker.locator('[data-test=reveal]').count()).toBe(0); // 网格员 may not see clear numbers
    await shot(worker, '21-people-grid-worker');
    await worker.locator('[data-test=nav-tags]').click();
    await worker.locator('[data-test=tags-table] .el-table__row').first().waitFor();
    expect(await worker.locator('[data-test=tag-create]').count()).toBe(0);
    await worker.locator('[data-test=nav-reports]').click();
    await worker.locator(`[data-test=run-${REPORT}]`).waitFor();
    expect(await worker.locator('[data-test=report-create]').count()).toBe(0);
    await context.close();
  }, 60_000);

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
