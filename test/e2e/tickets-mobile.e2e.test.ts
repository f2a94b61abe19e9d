// Browser test of the ticket screens of the phone page (/m) at 390×844: a resident files 随手拍 with
// a photo and the phone's position while the network is cut, and it is filed exactly once when the
// network returns; the centre and 住建局 take it through the API; the grid worker of the place finds it
// in 任务 and verifies it on the phone (passed, with a photo); the centre closes; the resident rates
// 满意 on the phone; someone without an account tracks it by number and phone. Screenshots go to
// .tmp/mobile-tickets/. Runs on the built web/dist (npm run build:web first).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';
import { ApiClient } from './api-client.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'shiyu-demo-2026';
const OUT = path.resolve(process.cwd(), '.tmp/mobile-tickets');
const ZHUJIAN = '住房和城乡建设局';
const PHONE = '13912345678';
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };


describe('phone page: 随手拍, 任务 and 评价', () => {
  let server: E2EServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const as: Record<string, ApiClient> = {};
  let centre: [number, number];
  let gridCode = '';
  let number = '';
  let ticketId = 0;
  let resident: Page;

  const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
  const detail = () => as.dispatcher.call('GET', `/api/tickets/${ticketId}`);

  async function phone(options: Record<string, unknown> = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ ...PHONE_VIEW, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return { context, page };
  }

  async function signIn(page: Page, username: string) {
    await page.goto(`${server.url}/m/login`);
    await page.locator('[data-test=login-username] input').fill(username);
    await page.locator('[data-test=login-password] input').fill(PASSWORD);
    await page.locator('[data-test=login-submit]').click();
  }

  /** A camera-sized picture made in the page (the phone shrinks it to JPEG). */
  async function picture(page: Page, label: string): Promise<Buffer> {
    const png = await page.evaluate((text) => {
      const c = document.createElement('canvas');
      c.width = 2000; c.height = 1500;
      const g = c.getContext('2d')!;
      g.fillStyle = '#56616e'; g.fillRect(0, 0, 2000, 1500);
      g.fillStyle = '#f5c542'; g.fillRect(900, 200, 200, 900);
      g.fillStyle = '#fff'; g.font = '160px sans-serif'; g.fillText(text, 200, 1350);
      return c.toDataURL('image/png').split(',')[1];
    }, label);
    return Buffer.from(png, 'base64');
  }

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    for (const u of ['dispatcher', 'dept.zhujian', 'kdl.grid', 'resident']) {
      as[u] = new ApiClient(server.url);
      const me = await as[u].login(u);
      if (u === 'kdl.grid') gridCode = me.scopeCode;
    }
    // The ticket is placed at the centre of kdl.grid's grid, so kdl.grid is its verifier (核查).
    const shape = await as['kdl.grid'].call('GET', `/api/areas/${gridCode}/self.geojson`);
    centre = shape.features[0].properties.center;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a resident files 随手拍 with a photo and the current position, offline first, and gets one number', async () => {
    const { context, page } = await phone({ geolocation: { longitude: centre[0], latitude: centre[1] }, permissions: ['geolocation'] });
    resident = page;
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/tickets') keys.push(r.headers()['idempotency-key'] ?? '');
    });
    await signIn(page, 'resident');
    await page.waitForURL(/\/m\/report$/);
    expect(await page.locator('[data-test=tabbar]').textContent()).toMatch(/随手拍.*我的诉求.*我的/);
    expect(await page.locator('[data-test=tab-buildings]').count()).toBe(0);
    // Residents never reach the registry screens.
    await page.goto(`${server.url}/m/buildings`);
    await page.waitForURL(/\/m\/report$/);

    await page.locator('[data-test=report-submit]').click();
    expect(await page.locator('[data-test=report-error]').textContent()).toContain('请描述问题');

    await page.locator('[data-test=photo-input]').setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: await picture(page, '路灯不亮') });
    const thumb = page.locator('[data-test=photo-thumb]');
    await thumb.waitFor();
    expect(await thumb.getAttribute('data-type')).toBe('image/jpeg');
    await page.locator('[data-test=report-locate]').click();
    await expect.poll(() => page.locator('[data-test=report-point]').textContent()).toContain(String(centre[0]).slice(0, 6));
    await page.waitForSelector('[data-test=pin-map][data-state=ready]', { timeout: 30_000 });
    await page.locator('[data-test=report-types] [data-code=complaint]').click();
    await page.locator('[data-test=report-description] textarea').fill('小区东门路灯坏了一个星期，晚上很黑，老人出行不便');
    await page.locator('[data-test=report-address] input').fill('幸福小区东门');
    await page.locator('[data-test=report-phone] input').fill(PHONE);
    await shot(page, '01-resident-report-form', true);

    // A weak network: the report waits on the phone, then goes once the network is back.
    await context.setOffline(true);
    await page.locator('[data-test=report-submit]').click();
    await page.locator('[data-test=report-waiting]').waitFor();
    expect(await page.locator('[data-test=report-waiting]').textContent()).toContain('联网后自动提交');
    await shot(page, '02-resident-report-offline');
    await context.setOffline(false);
    const shown = page.locator('[data-test=report-number]');
    await shown.waitFor({ timeout: 30_000 });
    number = (await shown.textContent())!.trim();
    expect(number).toMatch(/^\d{8}-\d{5}$/);
    await shot(page, '03-resident-report-sent');

    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    const mine = await as.resident.call('GET', '/api/tickets?mine=true');
    expect(mine.items.filter((t: { number: string }) => t.number === number)).toHaveLength(1);
    ticketId = mine.items.find((t: { number: string }) => t.number === number).id;
    const d = await detail();
    expect(d.ticket).toMatchObject({ channel: 'app', demandType: 'complaint', gridCode, address: '幸福小区东门', reporterName: '居民张女士' });
    expect(d.ticket.location.lon).toBeCloseTo(centre[0], 5);
    expect(d.attachments).toHaveLength(1);
    expect(d.attachments[0].mime).toBe('image/jpeg');
  }, 120_000);

  it('the centre registers and dispatches to 住建局, which signs and replies (API)', async () => {
    await as.dispatcher.call('POST', `/api/tickets/${ticketId}/actions`, { action: 'register' });
    await as.dispatcher.call('POST', `/api/tickets/${ticketId}/actions`, { action: 'dispatch', assignee: { kind: 'department', department: ZHUJIAN } });
    await as['dept.zhujian'].call('POST', `/api/tickets/${ticketId}/actions`, { action: 'sign' });
    await as['dept.zhujian'].call('POST', `/api/tickets/${ticketId}/actions`, { action: 'reply', result: '已更换路灯灯头，恢复照明' });
    expect((await detail()).ticket.state).toBe('handled');
  }, 30_000);

  it('the grid worker finds it in 任务 and verifies it on site with a photo', async () => {
    const { page } = await phone();
    await signIn(page, 'kdl.grid');
    await page.waitForURL(/\/m\/buildings$/);
    expect(await page.locator('[data-test=tabbar]').textContent()).toMatch(/楼栋.*任务.*待发送.*我的/);
    await page.locator('[data-test=tab-tasks]').click();
    await page.waitForURL(/\/m\/tasks$/);
    const item = page.locator(`[data-test=ticket-item][data-number="${number}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('已反馈');
    expect(await item.textContent()).toMatch(/期限|已超期/);
    expect(await item.locator('[data-test=task-to-verify]').textContent()).toBe('待核查');
    await shot(page, '04-worker-tasks');
    await item.click();
    await page.waitForURL(new RegExp(`/m/tasks/${ticketId}$`));
    await page.locator('[data-test=act-verify]').waitFor();
    expect(await page.locator('[data-test=ticket-timeline]').textContent()).toContain('已更换路灯灯头');
    await expect.poll(() => page.locator('[data-test=ticket-photo] img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(100);
    await shot(page, '05-worker-task', true);

    await page.locator('[data-test=verify-submit]').click();
    expect(await page.locator('[data-test=act-error]').textContent()).toContain('请填写核查情况');
    await page.locator('[data-test=verify-passed]').click();
    await page.locator('[data-test=verify-note] textarea').fill('现场查看，东门路灯已亮');
    await page.locator('[data-test=act-verify] [data-test=photo-input]').setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: await picture(page, '已修复') });
    await page.locator('[data-test=act-verify] [data-test=photo-thumb]').waitFor();
    await shot(page, '06-worker-verify-form', true);
    await page.locator('[data-test=verify-submit]').click();
    await expect.poll(async () => (await detail()).ticket.state, { timeout: 20_000 }).toBe('verified');
    await expect.poll(() => page.locator('[data-test=ticket-state]').textContent()).toContain('已核查');
    expect(await page.locator('[data-test=act-verify]').count()).toBe(0);
    await shot(page, '07-worker-verified', true);
    const d = await detail();
    expect(d.attachments).toHaveLength(2);
    const verify = d.timeline.find((a: { action: string }) => a.action === 'verify');
    expect(verify).toMatchObject({ to: 'verified', note: '现场查看，东门路灯已亮', by: { role: 'grid_worker' } });
  }, 120_000);

  it('the centre closes (API); the resident rates 满意 on the phone', async () => {
    await as.dispatcher.call('POST', `/api/tickets/${ticketId}/actions`, { action: 'close', note: '办结' });
    const page = resident;
    await page.locator('[data-test=report-view-mine]').click();
    await page.waitForURL(/\/m\/my-tickets$/);
    const item = page.locator(`[data-test=ticket-item][data-number="${number}"]`);
    await item.waitFor();
    await expect.poll(() => item.textContent()).toContain('待评价');
    await shot(page, '08-resident-mine');
    await item.click();
    await page.locator('[data-test=act-rate]').waitFor();
    await page.locator('[data-test=rate-option][data-code=satisfied]').click();
    await page.locator('[data-test=rate-note] input').fill('修得很快，谢谢');
    await shot(page, '09-resident-rate', true);
    await page.locator('[data-test=rate-submit]').click();
    await expect.poll(async () => (await detail()).ticket.rating, { timeout: 20_000 }).toBe('satisfied');
    await page.locator('[data-test=ticket-rating]').waitFor();
    expect(await page.locator('[data-test=ticket-rating]').textContent()).toContain('满意');
    await shot(page, '10-resident-rated', true);

    const d = await detail();
    expect(d.timeline.map((a: { action: string }) => a.action)).toEqual(['receive', 'register', 'dispatch', 'sign', 'reply', 'verify', 'close', 'rate']);
    expect(d.timeline.at(-1)).toMatchObject({ by: { role: 'resident' }, note: '修得很快，谢谢' });
  }, 120_000);

  it('someone without an account tracks it by number and phone from the login screen', async () => {
    const { page } = await phone();
    await page.goto(`${server.url}/m/login`);
    await page.locator('[data-test=login-track]').click();
    await page.waitForURL(/\/m\/track$/);
    await page.locator('[data-test=track-number] input').fill(number);
    await page.locator('[data-test=track-phone] input').fill('13900000000');
    await page.locator('[data-test=track-submit]').click();
    expect(await page.locator('[data-test=track-error]').textContent()).toContain('编号或电话不符');
    await page.locator('[data-test=track-phone] input').fill(PHONE);
    await page.locator('[data-test=track-submit]').click();
    const result = page.locator('[data-test=track-result]');
    await result.waitFor();
    expect(await result.textContent()).toContain('已结案');
    expect(await page.locator('[data-test=track-rating]').textContent()).toContain('满意');
    const steps = await page.locator('[data-test=timeline-item]').allTextContents();
    expect(steps.join('|')).toMatch(/受理.*立案.*派遣.*签收.*处置反馈.*已更换路灯灯头.*核查.*结案.*回访评价/);
    await shot(page, '11-public-track', true);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
