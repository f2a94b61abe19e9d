// Browser test of 矛盾纠纷排查: the street (kdl.street) starts a campaign for its street in the console
// — a checklist the server refuses shows at its field, the usual items edited — and sees its grids;
// the grid worker (kdl.grid) on a phone (390×844) opens the task from 任务, answers, reports a finding
// with the network cut (sent once when it returns), meets a change made meanwhile by the community
// (409, said plainly, the latest loaded) and finishes; the street sees the progress and the finding as a
// case, opens it, and exports the Excel. Screenshots in .tmp/screening/. Runs on the built web/dist.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ApiClient } from './api-client.ts';
import { signIn } from './console-session.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = process.env.SHIYU_E2E_PASSWORD ?? 'shiyu-demo-2026';
const OUT = path.resolve(process.cwd(), '.tmp/screening');
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const TITLE = '2026年春节前矛盾纠纷集中排查';
const inDays = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86_400_000));

describe('矛盾纠纷排查: campaign in the console, the checklist on the phone, the finding as a case', () => {
  let server: E2EServer;
  let browser: Browser;
  let desk: Page; // kdl.street's console
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const as: Record<string, ApiClient> = {};
  let gridCode = '';
  let campaignId = 0;
  let taskId = 0;
  let caseNumber = '';

  const settle = async (page: Page) => {
    await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
    await page.waitForTimeout(350); // dialogs and toasts finish their animation
  };
  const shot = async (page: Page, name: string, fullPage = false) => { await settle(page); await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage }); };
  const box = (page: Page, name: string) => page.locator(`:is(input, textarea)[data-test=${name}], [data-test=${name}] :is(input, textarea)`).first();
  const task = () => as['kdl.grid'].call('GET', `/api/mediation/screening/tasks/${taskId}`);

  async function newPage(options: Record<string, unknown>): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return { context, page };
  }

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    for (const u of ['kdl.street', 'kdl.grid', 'kdl.community']) {
      as[u] = new ApiClient(server.url);
      const me = await as[u].login(u);
      if (u === 'kdl.grid') gridCode = me.scopeCode;
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    desk = (await newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).page;
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('the street starts a campaign for its street: the usual items prefilled and edited, a server refusal at its field', async () => {
    await signIn(desk, server.url, 'kdl.street');
    await desk.locator('[data-test=nav-mediation]').click();
    await desk.locator('[data-test=nav-mediation-screening]').click();
    await desk.waitForURL(/\/mediation\/screening$/);
    await desk.locator('[data-test=campaigns-empty]').waitFor();
    await shot(desk, '01-console-empty');

    await desk.locator('[data-test=campaign-new]').first().click();
    const dialog = desk.locator('[data-test=campaign-dialog]');
    await dialog.waitFor();
    const items = dialog.locator('[data-test=campaign-item]');
    expect(await items.count()).toBe(6);
    expect(await items.first().locator('input').first().inputValue()).toBe('婚姻家庭矛盾');
    expect(await dialog.locator('[data-test=campaign-area]').textContent()).toContain('街道'); // my own street, preset
    // The page checks what it can: a title too short.
    await box(desk, 'campaign-title').fill('排查');
    await desk.locator('[data-test=campaign-submit]').click();
    expect(await dialog.locator('[data-test=field-title] .el-form-item__error').textContent()).toContain('至少 4 个字');

    // A period of more than a year: only the server says so, and its refusal shows at the period.
    await box(desk, 'campaign-title').fill(TITLE);
    const setDay = async (name: string, day: string) => {
      await box(desk, name).fill(day);
      await box(desk, name).press('Enter');
      await dialog.locator('.el-dialog__title').click(); // closes the calendar
    };
    await setDay('campaign-to', inDays(400));
    await desk.locator('[data-test=campaign-submit]').click();
    const periodError = dialog.locator('[data-test=field-period] .el-form-item__error');
    await periodError.waitFor();
    expect(await periodError.textContent()).toBe('排查期限不超过一年');
    await shot(desk, '02-console-form-server-error');
    await setDay('campaign-to', inDays(14));

    // More than 30 items is caught on the page, under the list.
    for (let i = 6; i < 31; i++) await dialog.locator('[data-test=item-add]').click();
    await items.nth(30).locator('[data-test=item-name]').fill('第三十一项');
    await desk.locator('[data-test=campaign-submit]').click();
    expect(await dialog.locator('[data-test=checklist-error]').textContent()).toBe('清单最多 30 项');

    // Back to the usual six; the last replaced by 高空抛物纠纷 filed as 邻里.
    await dialog.getByText('恢复常用事项').click();
    expect(await items.count()).toBe(6);
    await items.nth(5).locator('[data-test=item-remove]').click();
    await dialog.locator('[data-test=item-add]').click();
    await items.nth(5).locator('[data-test=item-name]').fill('高空抛物纠纷');
    await items.nth(5).locator('[data-test=item-category]').click();
    await desk.locator('.el-select-dropdown__item:visible', { hasText: /^邻里$/ }).first().click();
    await shot(desk, '03-console-form');
    await desk.locator('[data-test=campaign-submit]').click();
    await desk.waitForURL(/\/mediation\/screening\/\d+$/);
    campaignId = Number(desk.url().split('/').pop());
    await desk.locator('[data-test=grid-row]').first().waitFor();
    expect(await desk.locator('[data-test=campaign-title]').textContent()).toBe(TITLE);
    const c = (await as['kdl.street'].call('GET', `/api/mediation/screening/campaigns/${campaignId}`)).campaign;
    expect(c.checklist.map((i: { name: string; category: string }) => `${i.name}:${i.category}`)).toEqual([
      '婚姻家庭矛盾:family', '邻里纠纷:neighbour', '拖欠农民工工资:labour', '征地拆迁:expropriation', '物业纠纷:property_mgmt', '高空抛物纠纷:neighbour',
    ]);
    expect(c.progress.grids).toBeGreaterThan(1);
    expect(await desk.locator('[data-test=tile-grids]').textContent()).toBe(String(c.progress.grids));
    await shot(desk, '04-console-campaign-new');
  }, 120_000);

  it('the grid worker answers on the phone, reports a finding offline (sent once), meets a 409 and finishes', async () => {
    const { context, page } = await newPage(PHONE_VIEW);
    const findingKeys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/screening\/tasks\/\d+\/findings$/.test(new URL(r.url()).pathname)) findingKeys.push(r.headers()['idempotency-key'] ?? '');
    });
    await page.goto(`${server.url}/m/login`);
    await page.locator('[data-test=login-username] input').fill('kdl.grid');
    await page.locator('[data-test=login-password] input').fill(PASSWORD);
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL(/\/m\/buildings$/);
    expect(await page.locator('[data-test=tabbar]').textContent()).toMatch(/楼栋.*任务.*待发送.*我的/); // no fifth tab
    await page.locator('[data-test=tab-tasks]').click();
    await page.locator('[data-test=screening-open]').waitFor();
    expect(await page.locator('[data-test=screening-open]').textContent()).toContain('1 项待排查');
    await shot(page, '05-phone-tasks-entry');
    await page.locator('[data-test=screening-entry]').click();
    const card = page.locator('[data-test=screening-task]');
    await card.waitFor();
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain(TITLE);
    taskId = Number(await card.getAttribute('data-id'));
    await shot(page, '06-phone-task-list');
    await card.click();
    await page.waitForURL(new RegExp(`/m/screening/${taskId}$`));
    const item = (key: string) => page.locator(`[data-test=screening-item][data-key=${key}]`);
    await item('c1').waitFor();

    // 发现 needs a note; then saved online.
    await item('c1').locator('[data-test=answer-none]').click();
    await item('c2').locator('[data-test=answer-found]').click();
    await page.locator('[data-test=screening-save]').click();
    expect(await item('c2').locator('.van-field__error-message').textContent()).toContain('请写明发现的情况');
    await item('c2').locator('[data-test=answer-note] textarea').fill('3号楼两户因装修噪音多次争吵，已劝解');
    await page.locator('[data-test=screening-save]').click();
    await expect.poll(async () => (await task()).task.answered, { timeout: 20_000 }).toBe(2);
    await shot(page, '06b-phone-task-viewport'); // as the phone shows it: the bar above the tabs
    expect((await task()).task.status).toBe('in_progress');

    // The network goes; the finding waits on the phone and is filed once it is back.
    await context.setOffline(true);
    await item('c5').locator('[data-test=finding-open]').click();
    await page.waitForURL(/\/finding\?item=c5$/);
    await page.locator('[data-test=finding-form]').waitFor();
    expect(await page.locator('[data-test=finding-items] .m-chip.on').textContent()).toBe('物业纠纷');
    await page.locator('[data-test=finding-submit]').click();
    expect(await page.locator('[data-test=finding-summary] .van-field__error-message').textContent()).toContain('至少 5 个字');
    await page.locator('[data-test=finding-summary] textarea').fill('幸福小区业主与物业公司因停车费上涨发生争执，多名业主聚集');
    await page.locator('[data-test=finding-people] input').fill('12');
    await page.locator('[data-test=finding-party-0] [data-test=party-name] input').fill('王建国');
    await page.locator('[data-test=finding-party-0] [data-test=party-phone] input').fill('1394720');
    await page.locator('[data-test=finding-party-1] [data-test=party-name] input').fill('某物业服务有限公司');
    await page.locator('[data-test=finding-submit]').click();
    expect(await page.locator('[data-test=finding-party-0] [data-test=party-phone] .van-field__error-message').textContent()).toContain('电话号码格式不对');
    await page.locator('[data-test=finding-party-0] [data-test=party-phone] input').fill('13947200011');
    await page.locator('[data-test=finding-address] input').fill('幸福小区物业服务中心');
    await shot(page, '07-phone-finding-form', true);
    await page.locator('[data-test=finding-submit]').click();
    await page.waitForURL(new RegExp(`/m/screening/${taskId}$`));
    await item('c5').locator('[data-test=screening-finding-waiting]').waitFor();
    expect(await page.locator('[data-test=offline-banner]').count()).toBe(1);
    await shot(page, '08-phone-finding-offline', true);
    expect((await task()).task.findings).toBe(0);

    await context.setOffline(false);
    const filed = item('c5').locator('[data-test=screening-finding]');
    await filed.waitFor({ timeout: 30_000 });
    caseNumber = (await filed.getAttribute('data-number'))!;
    expect(caseNumber).toMatch(/^TJ\d{4}-\d{5}$/);
    const after = await task();
    expect(after.task.findings).toBe(1);
    expect(after.checklist.find((c: { key: string }) => c.key === 'c5').findings.map((f: { caseNumber: string }) => f.caseNumber)).toEqual([caseNumber]);
    expect(findingKeys.length).toBeGreaterThan(0);
    expect(new Set(findingKeys).size).toBe(1);
    const cases = await as['kdl.street'].call('GET', '/api/mediation/cases?source=screening');
    expect(cases.items.filter((c: { number: string }) => c.number === caseNumber)).toHaveLength(1);
    expect(cases.total).toBe(1);

    // Meanwhile the community answers c3 for the worker: the phone's next save meets 409.
    await as['kdl.community'].call('POST', `/api/mediation/screening/tasks/${taskId}/answers`, { answers: [{ item: 'c3', found: false, note: '社区代为排查：无拖欠' }] });
    for (const key of ['c3', 'c4', 'c6']) await item(key).locator('[data-test=answer-none]').click();
    await page.locator('[data-test=screening-finish]').click();
    await page.locator('[data-test=screening-conflict]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-test=screening-conflict]').textContent()).toContain('任务已被他人修改');
    expect((await task()).task.status).toBe('in_progress');
    await shot(page, '09-phone-conflict', true);
    await page.locator('[data-test=screening-reload]').click();
    await expect.poll(() => page.locator('[data-test=screening-conflict]').count()).toBe(0);
    // My unsent answer kept where no one else answered (the banner goes before the latest is loaded: wait for the form).
    await expect.poll(() => item('c6').getAttribute('data-found'), { timeout: 10_000 }).toBe('false');
    await page.locator('[data-test=screening-finish]').click();
    await expect.poll(async () => (await task()).task.status, { timeout: 20_000 }).toBe('done');
    await page.locator('[data-test=screening-done-note]').waitFor();
    expect(await page.locator('[data-test=screening-status]').textContent()).toBe('已完成');
    const done = await task();
    expect(done.checklist.map((c: { answer: { found: boolean } }) => c.answer.found)).toEqual([false, true, false, false, true, false]);
    expect(done.checklist[2].answer.note).toBe('社区代为排查：无拖欠');
    await shot(page, '10-phone-done', true);
    expect(await page.locator('[data-test=tab-outbox] .van-badge').count()).toBe(0); // nothing left waiting
  }, 180_000);

  it('the street sees the progress and the finding as a case, opens it, and exports the Excel', async () => {
    await desk.goto(`${server.url}/mediation/screening`);
    const progress = desk.locator('[data-test=campaign-progress]').first();
    await progress.waitFor();
    expect(await progress.getAttribute('data-done')).toBe('1');
    expect(await desk.locator('[data-test=campaign-findings]').first().textContent()).toBe('1');
    await shot(desk, '11-console-list');
    await desk.locator('[data-test=campaign-link]').first().click();
    await desk.waitForURL(new RegExp(`/mediation/screening/${campaignId}$`));
    await desk.locator('[data-test=grid-status]').getByText('已完成').click();
    const row = desk.locator(`[data-test=grid-row][data-code="${gridCode}"]`);
    // The grid is on the unfiltered first page too: wait for the filtered answer, not just the row.
    await expect.poll(() => desk.locator('[data-test=grid-row]').count(), { timeout: 10_000 }).toBe(1);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('done');
    expect(await desk.locator('[data-test=tile-done]').textContent()).toBe('1');
    expect(await desk.locator('[data-test=tile-findings]').textContent()).toBe('1');
    const link = desk.locator(`[data-test=grid-case][data-number="${caseNumber}"]`);
    await link.waitFor();
    expect(await desk.locator('[data-test=grid-answered]').textContent()).toBe('6/6');
    await shot(desk, '12-console-campaign-progress');

    const xlsx = await desk.request.get(`${server.url}/api/mediation/screening/campaigns/${campaignId}.xlsx?status=done`);
    expect(xlsx.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell(1, 1).value).toContain(`${TITLE}各网格进度表`);
    expect((ws.getRow(5).values as unknown[]).slice(1, 10)).toEqual([expect.any(String), gridCode, expect.any(String), '网格员', '已完成', 6, 6, 2, 1]);
    expect(await desk.locator('[data-test=campaign-download]').getAttribute('href')).toBe(`/api/mediation/screening/campaigns/${campaignId}.xlsx?status=done`);

    await link.click();
    await desk.waitForURL(/\/mediation\/cases\/\d+$/);
    await desk.locator('[data-test=case-number]').waitFor();
    expect(await desk.locator('[data-test=case-number]').textContent()).toContain(caseNumber);
    await shot(desk, '13-console-case-from-finding');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
