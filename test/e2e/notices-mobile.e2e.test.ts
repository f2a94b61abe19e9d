// Browser test of 消息通知 on the phone (390×844): the resident's ticket is closed; the 我的 tab
// shows a dot, 我的 the unread count, the list the 办结 notice; a tap opens the ticket in 我的诉求
// and reads it; street staff read all theirs at once; a grid worker's list is empty. Screenshots go to .tmp/mobile-notices/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ApiClient } from './api-client.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve(process.cwd(), '.tmp/mobile-notices');
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

describe('消息通知 on the phone', () => {
  let server: E2EServer;
  let browser: Browser;
  const pageErrors: string[] = [];
  let ticket = { id: 0, number: '' };

  async function signedIn(username: string): Promise<Page> {
    const page = await (await browser.newContext(PHONE_VIEW)).newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/m/login`);
    await page.locator('[data-test=login-username] input').fill(username);
    await page.locator('[data-test=login-password] input').fill('shiyu-demo-2026');
    await page.locator('[data-test=login-submit]').click();
    await page.locator('[data-test=tabbar]').waitFor();
    return page;
  }

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    const as = (u: string) => { const c = new ApiClient(server.url); return c.login(u).then(() => c); };
    const [resident, dispatcher, zhujian, grid] = await Promise.all(['resident', 'dispatcher', 'dept.zhujian', 'kdl.grid'].map(as));
    const me = await grid.call<{ user: { scopeCode: string } }>('GET', '/api/auth/me');
    ticket = await resident.call('POST', '/api/tickets', { channel: 'app', demandType: 'help', description: '小区东门路灯不亮，晚上出行不便', gridCode: me.user.scopeCode });
    const act = (c: ApiClient, body: Record<string, unknown>) => c.call('POST', `/api/tickets/${ticket.id}/actions`, body);
    await act(dispatcher, { action: 'register' });
    await act(dispatcher, { action: 'dispatch', assignee: { kind: 'department', department: '住房和城乡建设局' } });
    await act(zhujian, { action: 'sign' });
    await act(zhujian, { action: 'reply', result: '已更换路灯灯头，恢复照明' });
    await act(grid, { action: 'verify', passed: true, note: '现场查看路灯已亮' });
    await act(dispatcher, { action: 'close', note: '办结' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the resident sees the 办结 notice, opens the ticket from it and it is read', async () => {
    const page = await signedIn('resident');
    await page.locator('[data-test=tab-me] .van-badge--dot').waitFor();
    await page.locator('[data-test=tab-me]').click();
    await expect.poll(async () => page.locator('[data-test=me-notices-unread]').textContent()).toBe('1');
    await page.screenshot({ path: path.join(OUT, '01-me.png') });
    await page.locator('[data-test=me-notices]').click();
    const item = page.locator('[data-test=notice-item][data-kind=close]');
    await item.waitFor();
    expect(await item.textContent()).toContain(ticket.number);
    expect(await item.textContent()).toContain('欢迎评价');
    await page.screenshot({ path: path.join(OUT, '02-notices.png') });
    await item.click();
    await page.waitForURL(new RegExp(`/m/my-tickets/${ticket.id}$`));
    await page.locator('[data-test=tab-me]').click();
    await page.locator('[data-test=me-notices]').waitFor();
    await expect.poll(async () => page.locator('[data-test=me-notices-unread]').count()).toBe(0);
    expect(await page.locator('[data-test=tab-me] .van-badge--dot').count()).toBe(0);
  }, 90_000);

  it('street staff read every notice at once (the 反馈 notice went to their centre); a grid worker has none', async () => {
    const street = await signedIn('kdl.street');
    await street.goto(`${server.url}/m/notices`);
    await street.locator('[data-test=notice-item][data-kind=reply]').waitFor();
    await street.screenshot({ path: path.join(OUT, '03-street-notices.png') });
    await street.locator('.van-nav-bar__right').click();
    await expect.poll(async () => street.locator('[data-test=notice-item] .van-tag--danger.van-tag--round').count()).toBe(0);
    const grid = await signedIn('kdl.grid');
    await grid.goto(`${server.url}/m/notices`);
    await grid.locator('[data-test=notices-empty]').waitFor();
    await grid.screenshot({ path: path.join(OUT, '04-grid-empty.png') });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
