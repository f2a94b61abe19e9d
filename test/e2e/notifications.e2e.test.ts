// Browser test of the header's notice bell (站内通知): a ticket dispatched to 住房和城乡建设局 shows on
// dept.zhujian's bell as unread; opening the notice goes to the ticket and reads it; 全部标为已读
// empties the count. Screenshots go to .tmp/console-notices/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ApiClient } from './api-client.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve(process.cwd(), '.tmp/console-notices');

describe('站内通知 bell in the console header', () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const tickets: { id: number; number: string }[] = [];

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    // Two hotline tickets dispatched to the department; the handler has not looked yet.
    const desk = new ApiClient(server.url);
    await desk.login('dispatcher');
    const grid = new ApiClient(server.url);
    const worker = await grid.login('kdl.grid');
    for (const description of ['小区楼道墙皮大面积脱落，存在安全隐患', '老旧小区改造后单元门禁无法使用']) {
      const t = await desk.call<{ id: number; number: string }>('POST', '/api/tickets', { channel: 'hotline', demandType: 'complaint', description, gridCode: worker.scopeCode, reporterPhone: '13904720001' });
      await desk.call('POST', `/api/tickets/${t.id}/actions`, { action: 'register' });
      await desk.call('POST', `/api/tickets/${t.id}/actions`, { action: 'dispatch', assignee: { kind: 'department', department: '住房和城乡建设局' } });
      tickets.push(t);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the unread count, opens the ticket from a notice and reads them all', async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('[data-test=login-username]').fill('dept.zhujian');
    await page.locator('[data-test=login-password]').fill('shiyu-demo-2026');
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL(/\/overview/);
    const bell = page.locator('[data-test=notice-bell]');
    await expect.poll(async () => Number(await bell.getAttribute('data-unread')), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const before = Number(await bell.getAttribute('data-unread'));

    await bell.click();
    const item = page.locator('[data-test=notice-item]', { hasText: tickets[1].number });
    await item.waitFor();
    expect(await item.getAttribute('data-kind')).toBe('dispatch');
    expect(await item.textContent()).toContain('请于');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, 'bell-open.png') });

    await item.click();
    await page.waitForURL(new RegExp(`/tickets/${tickets[1].id}$`));
    await page.locator('[data-test=ticket-detail]').waitFor();
    await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBe(before - 1);

    await bell.click();
    await page.locator('[data-test=notice-read-all]').click();
    await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBe(0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, 'bell-all-read.png') });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
