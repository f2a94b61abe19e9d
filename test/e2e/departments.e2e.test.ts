// Browser test of the department register (职能部门名录): the city admin adds 城市园林绿化局 on the
// 部门名录 page (a duplicate name is refused at the field), meets the refusal to switch off a
// department that still has an open ticket; the 12345 dispatcher then dispatches a ticket to the new
// department by choosing it in the department select (no free text any more).
// Screenshots go to .tmp/departments/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { pageCall, signIn } from './console-session.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve(process.cwd(), '.tmp/departments');
const NEW_DEPT = '城市园林绿化局';

async function shot(page: Page, name: string): Promise<void> {
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
  await page.waitForTimeout(350); // dialogs and dropdowns finish their animation
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

describe('部门名录 in the browser: add a department, a refused switch-off, dispatch through the select', () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let busyTicket = 0;
  let gridCode = '';

  const call = <T>(method: 'GET' | 'POST', url: string, data?: unknown) => pageCall<T>(page, server.url, method, url, data);
  const signInAs = (username: string) => signIn(page, server.url, username);
  /** A ticket in kdl.grid's grid, filed and registered by the dispatcher through the API. */
  async function registeredTicket(description: string): Promise<number> {
    const t = await call<{ id: number }>('POST', '/api/tickets', { channel: 'hotline', demandType: 'complaint', description, gridCode, reporterName: '李女士', reporterPhone: '13904725678' });
    await call('POST', `/api/tickets/${t.id}/actions`, { action: 'register' });
    return t.id;
  }
  /** The text box of a field: Element Plus puts data-test on the input itself. */
  const box = (name: string) => page.locator(`:is(input, textarea)[data-test=${name}], [data-test=${name}] :is(input, textarea)`).first();
  const row = (name: string) => page.locator(`[data-test=departments-table] .el-table__body-wrapper tr:has([data-name="${name}"])`);

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signInAs('kdl.grid');
    gridCode = (await call<{ user: { scopeCode: string } }>('GET', '/api/auth/me')).user.scopeCode;
    // 应急管理局 has an open ticket, so switching it off is refused.
    await signInAs('dispatcher');
    busyTicket = await registeredTicket('小区地下车库积水严重，车辆无法出入');
    await call('POST', `/api/tickets/${busyTicket}/actions`, { action: 'dispatch', assignee: { kind: 'department', department: '应急管理局' } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the city admin adds a department; a second one of the same name is refused at the name field', async () => {
    await signInAs('admin');
    await page.locator('[data-test=nav-events]').click();
    await page.locator('[data-test=nav-departments]').click();
    await page.locator('[data-test=departments-page]').waitFor();
    await row('住房和城乡建设局').waitFor();
    expect(await row('供电公司').textContent()).toContain('公共服务企业');
    await shot(page, '01-register');

    await page.locator('[data-test=department-create]').click();
    const dialog = page.locator('[data-test=department-dialog]');
    await dialog.waitFor();
    await box('department-name').fill(NEW_DEPT);
    await box('department-short-name').fill('园林局');
    await box('department-phone').fill('0472-5123456');
    await shot(page, '02-add-dialog');
    await dialog.locator('[data-test=department-save]').click();
    await row(NEW_DEPT).waitFor({ state: 'attached' }); // added last: below the fold
    expect(await row(NEW_DEPT).textContent()).toContain('0472-5123456');

    await page.locator('[data-test=department-create]').click();
    await dialog.waitFor();
    await box('department-name').fill(` ${NEW_DEPT} `);
    await dialog.locator('[data-test=department-save]').click();
    await expect.poll(() => dialog.locator('.el-form-item__error').first().textContent()).toContain(`本市已有名为“${NEW_DEPT}”的部门`);
    await shot(page, '03-duplicate-refused');
    await dialog.locator('.el-dialog__headerbtn').click();
    await dialog.waitFor({ state: 'hidden' });

    // The account form offers the new department at once (the page's cached list was dropped).
    await page.locator('[data-test=nav-users]').click();
    await page.locator('[data-test=users-create]').click();
    const userDialog = page.locator('[data-test=user-dialog]');
    await userDialog.waitFor();
    await userDialog.locator('[data-test=user-role]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '职能部门办理人' }).click();
    await userDialog.locator('[data-test=department-input]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: NEW_DEPT }).waitFor();
    await shot(page, '04-user-form-departments');
    await page.keyboard.press('Escape');
    await userDialog.locator('.el-dialog__headerbtn').click();
    await userDialog.waitFor({ state: 'hidden' });
    await page.locator('[data-test=nav-departments]').click();
    await page.locator('[data-test=departments-page]').waitFor();
  }, 60_000);

  it('switching off a department with an open ticket is refused, with the count', async () => {
    const busy = row('应急管理局');
    expect(await busy.textContent()).toContain('启用');
    await busy.locator('[data-test^=department-toggle-]').click();
    await page.locator('.el-message-box').waitFor();
    await shot(page, '05-switch-off-confirm');
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(() => page.locator('.el-message-box').textContent()).toContain('尚有 1 件在办工单');
    expect(await page.locator('.el-message-box').textContent()).toContain('不能停用“应急管理局”');
    await shot(page, '06-switch-off-refused');
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await page.locator('.el-message-box').waitFor({ state: 'hidden' });
    expect(await busy.locator('[data-test^=department-status-]').textContent()).toBe('启用');
  }, 60_000);

  it('the register page in English', async () => {
    await page.evaluate(() => localStorage.setItem('shiyu.locale', 'en'));
    try {
      await page.reload();
      await row('住房和城乡建设局').waitFor();
      expect(await page.locator('.sy-page-title').textContent()).toBe('Department register');
      expect(await row('供电公司').textContent()).toContain('Public utility');
      await shot(page, '07-register-en');
    } finally {
      await page.evaluate(() => localStorage.setItem('shiyu.locale', 'zh-CN'));
    }
  }, 60_000);

  it('the dispatcher dispatches a ticket to the new department through the select', async () => {
    await signInAs('dispatcher');
    const id = await registeredTicket('公园内多棵行道树枯死，存在倒伏隐患');
    await page.goto(`${server.url}/tickets/${id}`);
    await page.locator('[data-test=ticket-detail][data-state=registered]').waitFor();
    await page.locator('[data-test=act-dispatch]').click();
    const dialog = page.locator('[data-test=action-dialog][data-action=dispatch]');
    await dialog.waitFor();
    await dialog.locator('[data-test=assignee-department]').click();
    const select = dialog.locator('[data-test=department-input]');
    await select.click();
    // A name not in the register: the list says so instead of taking it.
    await page.keyboard.type('不存在的部门');
    await page.locator('[data-test=department-input-empty]').waitFor();
    expect(await page.locator('[data-test=department-input-empty]').textContent()).toContain('名录中没有这个部门');
    await shot(page, '08-select-no-match');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('园林');
    const option = page.locator('.el-select-dropdown__item:visible', { hasText: NEW_DEPT });
    await option.waitFor();
    await shot(page, '09-select-filtered');
    await option.click();
    await shot(page, '10-dispatch-dialog');
    await dialog.locator('[data-test=action-submit]').click();
    await page.locator('[data-test=ticket-detail][data-state=dispatched]').waitFor();
    expect(await page.locator('[data-test=ticket-assignee]').textContent()).toBe(NEW_DEPT);
    await shot(page, '11-dispatched');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
