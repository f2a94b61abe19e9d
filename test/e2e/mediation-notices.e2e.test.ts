// Browser test of the disputes' notices (站内通知), party correction and settings: the street committee's desk
// registers a walk-in case whose respondent has no ID number or address yet and assigns it to the street
// mediator; the mediator sees the bell's count, opens the notice and lands on the case; corrects the
// respondent (a wrong ID number is caught at its field), after which the timeline shows the masked change;
// the phone's 消息通知 shows the same notice; the city admin saves 调解设置 and meets a version conflict.
// Screenshots go to .tmp/mediation-notices/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { makeIdNumber } from '../../src/kernel/validators/id-number.ts';
import { pageCall, signIn } from './console-session.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve(process.cwd(), '.tmp/mediation-notices');
const RESPONDENT_ID = makeIdNumber('150203', '1975-09-30', 351);

async function shot(page: Page, name: string): Promise<void> {
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
  await page.waitForTimeout(350); // dialogs and popovers finish their animation
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

describe('调解 notices, 更正当事人 and 调解设置 in the browser', () => {
  let server: E2EServer;
  let browser: Browser;
  let context: BrowserContext;
  let desk: BrowserContext;
  let page: Page;
  let deskPage: Page;
  const pageErrors: string[] = [];
  let caseId = 0;
  let caseNumber = '';
  let respondentId = 0;
  const box = (name: string) => page.locator(`:is(input, textarea)[data-test=${name}], [data-test=${name}] :is(input, textarea)`).first();
  const bell = () => page.locator('[data-test=notice-bell]');

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1440, height: 860 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // The street's desk works in a browser of its own, so its calls do not sign the mediator out.
    desk = await browser.newContext({ viewport: { width: 1440, height: 860 }, locale: 'zh-CN' });
    deskPage = await desk.newPage();
    await signIn(deskPage, server.url, 'kdl.street');
    const me = await pageCall<{ user: { scopePath: string; scopeCode: string } }>(deskPage, server.url, 'GET', '/api/auth/me');
    const orgs = await pageCall<{ items: { id: number; areaPath: string }[] }>(deskPage, server.url, 'GET', '/api/mediation/organisations?kind=people_committee&pageSize=100');
    const org = orgs.items.find((o) => o.areaPath === me.user.scopePath)!;
    const created = await pageCall<{ id: number; number: string }>(deskPage, server.url, 'POST', '/api/mediation/cases', {
      source: 'walk_in', orgId: org.id, category: 'neighbour', summary: '楼上卫生间漏水，楼下天花板受损，双方就维修和赔偿发生争执', areaCode: me.user.scopeCode,
      parties: [
        { kind: 'person', role: 'applicant', name: '张桂芳', idNumber: makeIdNumber('150203', '1968-04-12', 122), phone: '13947200001', address: '少先路街道某小区3号楼2单元401' },
        { kind: 'person', role: 'respondent', name: '刘志刚', phone: '13947200002' },
      ],
    });
    caseId = created.id;
    caseNumber = created.number;
    await pageCall(deskPage, server.url, 'POST', `/api/mediation/cases/${caseId}/actions`, { action: 'accept', note: '属于民间纠纷，予以受理' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the mediator sees the bell count rise when the desk assigns the case, opens the notice and lands on the case', async () => {
    await signIn(page, server.url, 'mediator');
    await bell().waitFor();
    const before = Number(await bell().getAttribute('data-unread'));
    const mediators = await pageCall<{ items: { id: number; username: string | null }[] }>(deskPage, server.url, 'GET', '/api/mediation/mediators?pageSize=100');
    const mine = mediators.items.find((m) => m.username === 'mediator')!;
    await pageCall(deskPage, server.url, 'POST', `/api/mediation/cases/${caseId}/actions`, { action: 'assign', mediatorIds: [mine.id], chosenBy: 'committee' });
    // The bell polls every minute; a reload shows it at once.
    await page.reload();
    await page.locator(`[data-test=notice-bell][data-unread="${before + 1}"]`).waitFor();
    await bell().click();
    const item = page.locator('[data-test=notice-item][data-kind="mediation.assign"]').first();
    await item.waitFor();
    expect(await item.textContent()).toContain(caseNumber);
    expect(await item.textContent()).toContain('已指派您承办');
    expect(await item.locator('.el-tag').textContent()).toContain('指派');
    await shot(page, '01-bell-assigned');
    await item.click();
    await page.waitForURL(new RegExp(`/mediation/cases/${caseId}$`));
    await page.locator('[data-test=case-detail][data-state=assigned]').waitFor();
    expect(await page.locator('[data-test=case-number]').textContent()).toBe(caseNumber);
    await page.locator(`[data-test=notice-bell][data-unread="${before}"]`).waitFor();
    await shot(page, '02-case-from-notice');
  }, 60_000);

  it('the mediator corrects the respondent: a wrong ID number is caught at its field, then the agreement’s blocker is gone and the timeline shows the change masked', async () => {
    const detail = await pageCall<{ parties: { id: number; role: string }[] }>(page, server.url, 'GET', `/api/mediation/cases/${caseId}`);
    respondentId = detail.parties.find((p) => p.role === 'respondent')!.id;
    await page.locator(`[data-test=correct-party-${respondentId}]`).click();
    await page.locator('[data-test=correct-dialog]').waitFor();
    await box('correct-code').fill(RESPONDENT_ID.slice(0, 17) + (RESPONDENT_ID[17] === '0' ? '1' : '0'));
    await box('correct-address').fill('少先路街道某小区3号楼2单元501');
    await box('correct-reason').fill('被申请人到场出示身份证，补充登记');
    await page.locator('[data-test=correct-submit]').click();
    const idError = page.locator('[data-test=field-correct-idNumber] .el-form-item__error');
    await idError.waitFor();
    expect(await idError.textContent()).toMatch(/校验码/);
    await shot(page, '03-correct-bad-id');
    await box('correct-code').fill(RESPONDENT_ID);
    await page.locator('[data-test=correct-submit]').click();
    await page.locator('[data-test=correct-dialog]').waitFor({ state: 'hidden' });
    const row = page.locator('[data-test=case-timeline-item][data-action=correct_party]');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(`${RESPONDENT_ID.slice(0, 6)}********${RESPONDENT_ID.slice(-4)}`);
    expect(text).not.toContain(RESPONDENT_ID);
    expect(text).toContain('少先路街道某小区3号楼2单元501');
    expect(await page.locator('[data-test=case-parties]').textContent()).toContain(`${RESPONDENT_ID.slice(0, 6)}********`);
    await shot(page, '04-corrected-timeline');
  }, 60_000);

  it('the phone’s 消息通知 lists the case’s notice with its kind', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', storageState: await context.storageState() });
    const p = await phone.newPage();
    await p.goto(`${server.url}/m/notices`);
    const item = p.locator('[data-test=notice-item][data-kind="mediation.assign"]').first();
    await item.waitFor();
    expect(await item.textContent()).toContain(caseNumber);
    await p.waitForTimeout(300);
    await p.screenshot({ path: path.join(OUT, '05-phone-notices.png') });
    await item.click();
    await p.waitForURL(new RegExp(`/mediation/cases/${caseId}$`));
    await phone.close();
  }, 60_000);

  it('the city admin saves 调解设置 (audited by the server) and is told when someone else saved meanwhile', async () => {
    await signIn(page, server.url, 'admin');
    await page.locator('[data-test=nav-mediation]').click();
    await page.locator('[data-test=nav-mediation-settings]').click();
    await page.locator('[data-test=settings-default]').waitFor();
    await shot(page, '06-settings-default');
    await box('input-conclusionDays').fill('25');
    await page.locator('[data-test=settings-save]').click();
    await page.locator('.el-message--success', { hasText: '调解设置已保存（第 1 版）' }).waitFor();
    await page.locator('[data-test=settings-version]').waitFor();
    await shot(page, '07-settings-saved');

    // Someone else saves meanwhile (version 1 → 2); this page still holds version 1.
    await pageCall(page, server.url, 'PUT', '/api/mediation/settings', { conclusionDays: 28, courtDays: 30, courtExtensionDays: 30, redAfterWorkdays: 5, version: 1 });
    await box('input-redAfterWorkdays').fill('3');
    await page.locator('[data-test=settings-save]').click();
    await page.locator('[data-test=settings-conflict]').waitFor();
    expect(await page.locator('[data-test=settings-conflict]').textContent()).toContain('已被他人修改');
    await shot(page, '08-settings-conflict');
    await page.locator('[data-test=settings-reload]').click();
    await page.locator('[data-test=settings-conflict]').waitFor({ state: 'hidden' });
    expect(await box('input-conclusionDays').inputValue()).toBe('28');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
