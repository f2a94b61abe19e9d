// Browser test of the event loop's console pages (事件处置): the 12345 dispatcher files a hotline call at
// the 受理台 (a repeat caller shows the 重复来电 badge), registers it and dispatches it to
// 住房和城乡建设局; dept.zhujian signs in the inbox, asks for more time (approved by the dispatcher),
// meets a server refusal at the field it names, replies with a photo; the grid worker of the place
// verifies on site; the dispatcher closes, and the timeline shows every step.
// Screenshots go to .tmp/console-tickets/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { pageCall, signIn } from './console-session.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve(process.cwd(), '.tmp/console-tickets');
const PHONE = '13904721234';
// A 1×1 PNG: the smallest real image the attachment route accepts.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function shot(page: Page, name: string): Promise<void> {
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
  await page.waitForTimeout(350); // dialogs and drawers finish their animation
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

describe('事件处置 in the browser: intake → dispatch → sign → reply → verify → close', () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let grid: { code: string; name: string };
  let ticketId = 0;
  let number = '';

  const call = <T>(method: 'GET' | 'POST', url: string, data?: unknown) => pageCall<T>(page, server.url, method, url, data);
  const signInAs = (username: string) => signIn(page, server.url, username);
  /** Opens an action's dialog on the ticket page, fills it, submits and waits for the new state. */
  async function act(action: string, fill: () => Promise<void>, state: string, name?: string): Promise<void> {
    await page.locator(`[data-test=act-${action}]`).click();
    const dialog = page.locator(`[data-test=action-dialog][data-action=${action}]`);
    await dialog.waitFor();
    await fill();
    if (name) await shot(page, name);
    await dialog.locator('[data-test=action-submit]').click();
    await page.locator(`[data-test=ticket-detail][data-state=${state}]`).waitFor();
  }
  /** The text box of a field: Element Plus puts data-test on the input itself, wrappers keep it outside. */
  const box = (name: string, within: Page | ReturnType<Page['locator']> = page) =>
    within.locator(`:is(input, textarea)[data-test=${name}], [data-test=${name}] :is(input, textarea)`).first();
  const timelineActions = () => page.locator('[data-test=timeline-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // The grid of the demo grid worker (kdl.grid): the place of the call, so they verify on site.
    await signInAs('kdl.grid');
    const me = await call<{ user: { scopeCode: string; scopeName: string } }>('GET', '/api/auth/me');
    grid = { code: me.user.scopeCode, name: me.user.scopeName };
    // The caller rang before: an earlier ticket from the same number.
    await signInAs('dispatcher');
    await call('POST', '/api/tickets', { channel: 'hotline', demandType: 'consult', description: '咨询小区供暖开始时间', gridCode: grid.code, reporterName: '王先生', reporterPhone: PHONE });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('files a hotline call at the desk, with the caller history and the repeat badge', async () => {
    await page.locator('[data-test=nav-events]').click();
    await page.locator('[data-test=nav-intake]').click();
    await page.locator('[data-test=intake]').waitFor();
    await shot(page, '01-intake-empty');

    // Saving without a place is refused at the place field, before any request.
    await box('intake-description').fill('小区3号楼2单元楼道墙皮大面积脱落，砸到过路老人，请尽快处理。');
    await page.locator('[data-test=intake-save]').click();
    await expect.poll(() => page.locator('[data-test=field-place] .el-form-item__error').textContent()).toContain('请选择');

    await box('intake-phone').fill(PHONE);
    await page.locator('[data-test=repeat-badge]').waitFor();
    expect(await page.locator('[data-test=repeat-badge]').textContent()).toContain('重复来电 1 次');
    expect(await page.locator('[data-test=history-item]').count()).toBe(1);
    await box('intake-name').fill('王先生');
    await page.locator('[data-test=place-search]').click();
    await page.keyboard.type(grid.name);
    await page.locator(`[data-test=place-option-${grid.code}]`).click();
    await box('intake-address').fill('钢铁大街 12 号 3 号楼 2 单元');
    await shot(page, '02-intake-filled');
    await page.locator('[data-test=intake-save]').click();
    const result = page.locator('[data-test=intake-result]');
    await result.waitFor();
    number = (await result.getAttribute('data-number'))!;
    ticketId = Number(await result.getAttribute('data-id'));
    expect(number).toMatch(/^\d{8}-\d{5}$/);
    expect(await result.textContent()).toContain(grid.name);
    // The history now counts this call too.
    await expect.poll(() => page.locator('[data-test=repeat-badge]').textContent()).toContain('重复来电 2 次');
    await shot(page, '03-intake-saved');
  }, 60_000);

  it('registers and dispatches it to 住房和城乡建设局 from the ticket page', async () => {
    await page.locator('[data-test=intake-open]').click();
    await page.locator('[data-test=ticket-detail][data-state=received]').waitFor();
    expect(await page.locator('[data-test=reporter-phone]').textContent()).toMatch(/\*{4}/);
    await page.locator('[data-test=ticket-map] [data-test=area-map][data-state=ready]').waitFor({ timeout: 30_000 });
    await shot(page, '04-ticket-received');

    await act('register', async () => {}, 'registered');
    await act('dispatch', async () => {
      await page.locator('[data-test=assignee-department]').click();
      await box('department-input').fill('住房和城乡建设局');
      await page.locator('[data-test=action-dialog][data-action=dispatch] .el-dialog__title').click(); // close the suggestions
    }, 'dispatched', '05-dispatch-dialog');
    expect(await page.locator('[data-test=ticket-assignee]').textContent()).toBe('住房和城乡建设局');

    // The board shows it under 办理中 with its deadline.
    await page.locator('[data-test=nav-tickets]').click();
    await page.locator('[data-test=tab-doing]').click();
    await page.locator(`[data-test=ticket-link][data-number="${number}"]`).waitFor();
    await shot(page, '06-board-doing');
    await page.locator('[data-test=tab-received]').click();
    await expect.poll(() => page.locator('[data-test=ticket-link]').count()).toBe(1); // the earlier consultation still waits
    await page.locator('[data-test=tab-overdue]').click();
    await page.locator('[data-test=ticket-table] .el-empty').waitFor();
    await shot(page, '07-board-overdue-empty');
  }, 60_000);

  it('the department signs, asks for more time, and replies with a photo from its inbox', async () => {
    await signInAs('dept.zhujian');
    await page.locator('[data-test=nav-events]').click();
    await page.locator('[data-test=nav-inbox]').click();
    const row = page.locator('[data-test=ticket-table] .el-table__row', { hasText: number });
    await row.waitFor();
    await shot(page, '08-inbox-to-sign');
    await row.locator('[data-test=row-sign]').click();
    await page.locator('[data-test=action-dialog][data-action=sign] [data-test=action-submit]').click();
    await row.waitFor({ state: 'detached' });

    await page.locator('[data-test=inbox-tab-accepted]').click();
    await row.waitFor();
    await row.locator('[data-test=row-request_extension]').click();
    const ext = page.locator('[data-test=action-dialog][data-action=request_extension]');
    await box('days-input', ext).fill('3');
    await box('reason-input', ext).fill('需协调物业公司和维修资金，施工需搭设脚手架');
    await ext.locator('[data-test=action-submit]').click();
    await ext.waitFor({ state: 'hidden' });
    await shot(page, '09-inbox-accepted');
  }, 60_000);

  it('the dispatcher approves the extension', async () => {
    await signInAs('dispatcher');
    await page.goto(`${server.url}/tickets/${ticketId}`);
    await page.locator('[data-test=ticket-detail][data-state=accepted]').waitFor();
    await act('rule_extension', async () => {}, 'accepted', '10-rule-extension-dialog');
    await expect.poll(timelineActions).toContain('rule_extension');
    // 督办: a yellow card, and the ticket shows on the supervision list (超期/督办 with the card filter).
    await act('supervise', async () => {
      await box('note-input').fill('群众反映强烈，请加快办理');
    }, 'accepted');
    await page.locator('[data-test=ticket-detail] [data-test=supervision-tag]').waitFor();
    await page.goto(`${server.url}/tickets?tab=overdue`);
    await page.locator('[data-test=ticket-table] .el-empty').waitFor(); // not overdue yet
    await page.locator('[data-test=filter-supervision]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '黄牌督办' }).click();
    await page.locator('[data-test=board-search]').click();
    const row = page.locator('[data-test=ticket-table] .el-table__row', { hasText: number });
    await row.locator('[data-test=supervision-tag]').waitFor();
    expect(await row.locator('[data-test=supervision-tag]').textContent()).toContain('黄牌督办');
    await shot(page, '10-supervision-list');
  }, 60_000);

  it('the department replies: a refusal shows at the field, then the reply goes with a photo', async () => {
    await signInAs('dept.zhujian');
    await page.goto(`${server.url}/tickets/inbox`);
    await page.locator('[data-test=inbox-tab-accepted]').click();
    const row = page.locator('[data-test=ticket-table] .el-table__row', { hasText: number });
    await row.locator('[data-test=row-reply]').click();
    const dialog = page.locator('[data-test=action-dialog][data-action=reply]');
    // One character passes the page but not the workflow (at least 2): the server names the field.
    await box('result-input', dialog).fill('好');
    await dialog.locator('[data-test=action-submit]').click();
    await expect.poll(() => dialog.locator('[data-test=field-result] .el-form-item__error').textContent()).toContain('处置结果');
    await shot(page, '11-reply-refused-at-field');
    await box('result-input', dialog).fill('已组织维修队铲除脱落墙皮并重新粉刷，现场设置警示标志，隐患已消除。');
    await dialog.locator('[data-test=photo-input]').setInputFiles({ name: '维修后.png', mimeType: 'image/png', buffer: PNG });
    await shot(page, '12-reply-filled');
    await dialog.locator('[data-test=action-submit]').click();
    await row.waitFor({ state: 'detached' });
  }, 60_000);

  it('the grid worker verifies on site from the inbox', async () => {
    await signInAs('kdl.grid');
    await page.locator('[data-test=nav-events]').click();
    await page.locator('[data-test=nav-inbox]').click();
    await page.locator('[data-test=inbox-tab-handled]').click();
    const row = page.locator('[data-test=ticket-table] .el-table__row', { hasText: number });
    await row.waitFor();
    await shot(page, '13-grid-to-verify');
    await row.locator('[data-test=row-verify]').click();
    const dialog = page.locator('[data-test=action-dialog][data-action=verify]');
    await box('note-input', dialog).fill('现场查看，墙面已修复，警示标志已撤除');
    await dialog.locator('[data-test=action-submit]').click();
    await row.waitFor({ state: 'detached' });
  }, 60_000);

  it('the dispatcher closes it and the timeline shows every step', async () => {
    await signInAs('dispatcher');
    await page.goto(`${server.url}/tickets/${ticketId}`);
    await page.locator('[data-test=ticket-detail][data-state=verified]').waitFor();
    await act('close', async () => {
      await box('note-input').fill('经核查属实，已办结');
    }, 'closed');
    expect(await timelineActions()).toEqual(['receive', 'register', 'dispatch', 'sign', 'request_extension', 'rule_extension', 'supervise', 'reply', 'verify', 'close']);
    expect(await page.locator('[data-test=photo]').count()).toBe(1);
    const text = await page.locator('[data-test=timeline]').textContent();
    expect(text).toContain('市住建局办理人');
    expect(text).toContain('网格员');
    expect(text).toContain('已组织维修队铲除脱落墙皮');
    // After 结案 only 回访评价 is left to the centre.
    expect(await page.locator('[data-test=ticket-actions] button').evaluateAll((b) => b.map((x) => x.getAttribute('data-test')))).toEqual(['act-rate']);
    await page.locator('[data-test=ticket-map] [data-test=area-map][data-state=ready]').waitFor({ timeout: 30_000 });
    await shot(page, '14-ticket-closed');
    await page.locator('[data-test=timeline]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, '15-ticket-closed-full.png'), fullPage: true });
    // The same page in English: labels from the en messages, the state in words.
    await page.evaluate(() => localStorage.setItem('shiyu.locale', 'en'));
    await page.reload();
    await page.locator('[data-test=ticket-detail][data-state=closed]').waitFor();
    expect(await page.locator('[data-test=ticket-state]').first().textContent()).toContain('Closed');
    expect(await page.locator('[data-test=timeline]').textContent()).toContain('Sign for');
    await shot(page, '16-ticket-closed-en');
    await page.evaluate(() => localStorage.setItem('shiyu.locale', 'zh-CN'));
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
