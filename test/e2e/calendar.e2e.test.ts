// Browser test of the 工作日历 page: the city admin finds 2027 not entered (deadlines count weekends
// only), pastes a made-up schedule as CSV with a make-up day on a Wednesday, sees the refusal at the
// row, removes the row, saves; the months then show 休 and 班, the source and the version, and the
// deadline preview counts the new holidays. A shipped year reads as such and cannot be changed.
// Screenshots go to .tmp/calendar/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { setEnteredYears } from '../../src/kernel/calendar/index.ts';
import { MADE_UP_2027 } from '../../src/kernel/calendar/test-schedule.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve(process.cwd(), '.tmp/calendar');
const SOURCE = '测试用虚构安排（非国办通知）';

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
  await page.waitForTimeout(350); // messages and dropdowns finish their animation
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
}

describe('工作日历 in the browser: entering 2027', () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const cell = (date: string) => page.locator(`[data-test=year-months] [data-date="${date}"]`);
  const box = (name: string) => page.locator(`:is(input, textarea)[data-test=${name}], [data-test=${name}] :is(input, textarea)`).first();

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/login`);
    await page.locator('[data-test=login-username]').fill('admin');
    await page.locator('[data-test=login-password]').fill('shiyu-demo-2026');
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL(/\/overview/);
  }, 90_000);
  afterAll(async () => {
    setEnteredYears([]);
    await browser?.close();
    await server?.close();
  });

  it('shows 2027 as not entered, counted with weekends only', async () => {
    await page.locator('[data-test=nav-events]').click();
    await page.locator('[data-test=nav-calendar]').click();
    await page.waitForURL(/\/calendar/);
    const coverage = await (await page.request.get(`${server.url}/api/calendar/years`)).json();
    if (coverage.next.year === 2027) {
      // In December 2026 the page opens on the missing year; from another year it says which is missing.
      await page.waitForURL(/year=2027/);
      await page.locator('[data-test=year-prev]').click();
      await page.waitForURL(/year=2026/);
      await page.locator('[data-test=missing-next]').waitFor();
      expect(await page.locator('[data-test=missing-next]').textContent()).toContain('2027 年节假日安排尚未录入，期限只按周末计算');
    }
    await page.goto(`${server.url}/calendar?year=2027`);
    await page.locator('[data-test=year-missing]').waitFor();
    expect(await page.locator('[data-test=year-missing]').textContent()).toContain('2027 年节假日安排尚未录入，期限只按周末计算');
    expect(await cell('2027-10-01').getAttribute('data-kind')).toBe('workday');
    expect(await cell('2027-10-02').getAttribute('data-kind')).toBe('weekend');
    await shot(page, '01-2027-not-entered');
  });

  it('refuses a make-up day on a Wednesday at its row, and saves once it is removed', async () => {
    await page.locator('[data-test=enter-year]').click();
    await page.locator('[data-test=schedule-form]').waitFor();
    await box('source').fill(SOURCE);
    await page.locator('[data-test=schedule-form] .el-tabs__item', { hasText: '粘贴 CSV' }).click();
    const rows = MADE_UP_2027.map((d) => `${d.date.replace(/-0?/g, '/')},${d.kind === 'holiday' ? '放假' : '上班'},${d.name}`);
    rows.splice(13, 0, '2027/2/17,上班,春节'); // row 14: a Wednesday
    await box('csv-text').fill(['date,kind,name', ...rows].join('\n'));
    await page.locator('[data-test=csv-read]').click();
    await page.locator('[data-test=row-33]').waitFor();
    expect(await page.locator('[data-test=counts]').textContent()).toBe('放假 29 天，调休上班 5 天');
    // The draft is on the months already.
    expect(await cell('2027-10-01').getAttribute('data-kind')).toBe('holiday');
    await page.locator('[data-test=schedule-save]').click();
    await page.locator('[data-test=schedule-problems]').waitFor();
    expect(await page.locator('[data-test=schedule-problems]').textContent()).toContain('第 14 行：2027-02-17 是星期三，调休上班日应为周六或周日');
    expect(await page.locator('[data-test=row-13] [data-test=row-error]').textContent()).toContain('2027-02-17 是星期三');
    await page.locator('[data-test=row-13]').scrollIntoViewIfNeeded();
    await shot(page, '02-refused-at-row');
    const before = await (await page.request.get(`${server.url}/api/calendar/years/2027`)).json();
    expect(before.history).toEqual([]); // nothing written

    await page.locator('[data-test=row-13] .el-button--danger').click();
    await page.locator('[data-test=schedule-save]').click();
    await page.locator('[data-test=schedule-form]').waitFor({ state: 'detached' });
    // The login's 欢迎 message may still be fading out: wait for the save's own.
    await page.locator('.el-message--success', { hasText: '已保存 2027 年节假日安排（第 1 版）' }).waitFor();
    expect(await page.locator('[data-test=year-source]').textContent()).toContain(`数据来源：${SOURCE}`);
    expect(await cell('2027-10-01').getAttribute('data-kind')).toBe('holiday');
    expect(await cell('2027-10-09').getAttribute('data-kind')).toBe('makeup');
    expect(await cell('2027-10-09').textContent()).toContain('班');
    expect(await page.locator('[data-test=month-10]').textContent()).toContain('10/1–10/7 国庆节 放假 7 天');
    expect(await page.locator('[data-test=month-10]').textContent()).toContain('10/9 国庆节 调休上班');
    await page.locator('[data-test=calendar-page]').evaluate((el) => el.scrollIntoView());
    await shot(page, '03-2027-entered');
  }, 60_000);

  it('the deadline preview of the 办理时限 page counts the entered holidays', async () => {
    const policy = (await (await page.request.get(`${server.url}/api/tickets/deadline-policy`)).json()).policy;
    const res = await page.request.post(`${server.url}/api/tickets/deadline-policy/preview?receivedAt=2027-09-30T10:00:00%2B08:00`, { data: policy, headers: { 'x-requested-with': 'shiyu' } });
    const r = await res.json();
    expect(r.uncoveredYears).toEqual([]);
    expect(r.items.find((i: { demandType: string }) => i.demandType === 'consult').handleDueAt).toBe('2027-10-11T15:59:59.999Z');
  });

  it('a shipped year reads as such, without an entry button', async () => {
    await page.locator('[data-test=year-prev]').click();
    await page.waitForURL(/year=2026/);
    await expect.poll(() => page.locator('[data-test=year-source]').textContent()).toContain('随软件提供');
    expect(await page.locator('[data-test=enter-year]').count()).toBe(0);
    expect(await cell('2026-10-10').getAttribute('data-kind')).toBe('makeup');
    await shot(page, '04-2026-shipped');
  });

  it('reads in English too, with the form open', async () => {
    await page.evaluate(() => localStorage.setItem('shiyu.locale', 'en'));
    await page.goto(`${server.url}/calendar?year=2027`);
    await page.locator('[data-test=year-source]').waitFor();
    expect(await page.locator('[data-test=year-source]').textContent()).toContain('version 1');
    await page.locator('[data-test=enter-year]').click();
    await page.locator('[data-test=schedule-form]').waitFor();
    expect(await page.locator('[data-test=counts]').textContent()).toBe('29 days off, 4 make-up working days');
    await shot(page, '05-2027-english-form');
    expect(pageErrors).toEqual([]);
  });
});
