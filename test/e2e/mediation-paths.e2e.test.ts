// Browser test of the dispute process paths the other console tests do not walk (test/e2e/mediation*.e2e):
// 回避 — the assigned mediator steps aside on the case page, the case goes back to 已受理, the street's
// committee desk assigns a colleague (the one who stepped aside is not offered); 调解不成 — the colleague ends
// it with the route the parties are told (诉讼); and on a signed agreement 司法确认 — applied for within its
// 30-day window (the last day shown), then confirmed — and 回访 of how it is performed.
// Cases are set up through the API (the street's desk registers, accepts, assigns). Screenshots go to
// .tmp/mediation-resident/ (paths-*), 1440 wide. Runs on the built web/dist (npm run build:web first).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dayOf } from '../../src/kernel/calendar/index.ts';
import { makeIdNumber } from '../../src/kernel/validators/id-number.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';
import { ApiClient } from './api-client.ts';
import { signIn } from './console-session.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve(process.cwd(), '.tmp/mediation-resident');

describe('矛盾纠纷 process paths in the console: 回避, 调解不成 with a referral, 司法确认, 回访', () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let desk: ApiClient;
  let recuseCase = 0;
  let agreedCase = 0;
  let judicialDueOn = '';

  const shot = async (name: string) => {
    await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
    await page.waitForTimeout(350); // dialogs finish their animation
    await page.screenshot({ path: path.join(OUT, `paths-${name}.png`) });
  };
  const box = (name: string, within: Page | ReturnType<Page['locator']> = page) =>
    within.locator(`:is(input, textarea)[data-test=${name}], [data-test=${name}] :is(input, textarea)`).first();
  const caseState = (state: string) => page.locator(`[data-test=case-detail][data-state=${state}]`).waitFor();
  const timelineActions = () => page.locator('[data-test=case-timeline-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  const pick = async (select: ReturnType<Page['locator']>, option: string) => {
    await select.click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
  };

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    desk = new ApiClient(server.url);
    await desk.login('kdl.street');
    const grid = new ApiClient(server.url);
    const gridCode = (await grid.login('kdl.grid')).scopeCode;
    const me = await desk.call('GET', '/api/auth/me');
    const orgs = await desk.call('GET', '/api/mediation/organisations?kind=people_committee&pageSize=100');
    const street = orgs.items.find((o: { areaCode: string }) => o.areaCode === me.user.scopeCode);
    const mediators = await desk.call('GET', `/api/mediation/mediators?orgId=${street.id}&pageSize=100`);
    const mediatorId = mediators.items.find((m: { username: string | null }) => m.username === 'mediator').id;
    const parties = () => [
      { kind: 'person', role: 'applicant', name: '赵桂兰', idNumber: makeIdNumber('150203', '1962-03-08', 122), phone: '13947201111', address: '少先路街道某小区 2 号楼 101' },
      { kind: 'person', role: 'respondent', name: '钱永福', idNumber: makeIdNumber('150203', '1970-11-21', 351), phone: '13947202222', address: '少先路街道某小区 2 号楼 201' },
    ];
    const open = async (summary: string) => {
      const c = await desk.call('POST', '/api/mediation/cases', { source: 'walk_in', orgId: street.id, category: 'neighbour', summary, gridCode, parties: parties() });
      await desk.call('POST', `/api/mediation/cases/${c.id}/actions`, { action: 'accept', note: '邻里纠纷，予以受理' });
      await desk.call('POST', `/api/mediation/cases/${c.id}/actions`, { action: 'assign', mediatorIds: [mediatorId], chosenBy: 'committee' });
      return c.id as number;
    };
    recuseCase = await open('楼上住户在楼道堆放杂物并饲养家禽，异味和噪音影响楼下生活，双方多次争吵');
    agreedCase = await open('楼上空调外机冷凝水长期滴落在楼下窗台，造成窗台和墙面损坏，双方就修复责任发生争执');
    const today = dayOf(new Date());
    await desk.call('POST', `/api/mediation/cases/${agreedCase}/sessions`, { heldAt: new Date().toISOString(), place: '街道人民调解室', attendees: ['赵桂兰', '钱永福', '街道人民调解员'], minutes: '双方到场陈述，被申请人同意加装冷凝水管并承担修复费用。' });
    const ps = (await desk.call('GET', `/api/mediation/cases/${agreedCase}`)).parties.map((p: { id: number }) => p.id);
    await desk.call('POST', `/api/mediation/cases/${agreedCase}/agreement`, {
      parties: ps, facts: '被申请人空调外机冷凝水滴落致申请人窗台及外墙受损', disputes: '修复责任与费用承担', responsibilities: '被申请人承担全部责任',
      terms: [{ content: '被申请人加装冷凝水导流管并赔偿修复费 800 元', manner: '一次性现金支付', deadline: today }], signedOn: today, signedBy: { parties: ps, mediators: [mediatorId] },
    });
    judicialDueOn = (await desk.call('GET', `/api/mediation/cases/${agreedCase}`)).agreement.judicialDueOn;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('回避: the assigned mediator steps aside, with the reason required; the case is back to 已受理 and he is off it', async () => {
    await signIn(page, server.url, 'mediator');
    await page.goto(`${server.url}/mediation/cases/${recuseCase}`);
    await caseState('assigned');
    await page.locator('[data-test=act-recuse]').click();
    const dialog = page.locator('[data-test=case-action-dialog][data-action=recuse]');
    await dialog.getByText('调解员自行回避').click();
    await dialog.locator('[data-test=action-submit]').click(); // no reason yet: refused on the page
    await expect.poll(() => dialog.locator('[data-test=field-note] .el-form-item__error').textContent()).not.toBe('');
    await box('note-input', dialog).fill('本人与被申请人钱永福系远房亲属，申请回避');
    await shot('01-recuse-dialog');
    await dialog.locator('[data-test=action-submit]').click();
    // With nobody left on it, the case returns to the committee (已受理) and leaves his hands.
    await caseState('accepted');
    expect(await page.locator('[data-test=case-recusals]').textContent()).toContain('远房亲属');
    expect(await page.locator('[data-test=case-mediators]').textContent()).not.toContain('在案');
    await shot('02-recused');
  }, 60_000);

  it('the committee desk assigns a colleague (the one who stepped aside is not offered); 调解不成 with the route told: 诉讼', async () => {
    await signIn(page, server.url, 'kdl.street');
    await page.goto(`${server.url}/mediation/cases/${recuseCase}`);
    await caseState('accepted');
    await page.locator('[data-test=act-assign]').click();
    const assign = page.locator('[data-test=case-action-dialog][data-action=assign]');
    await assign.locator('[data-test=mediator-picker] .el-table__row').first().waitFor();
    const recused = assign.locator('[data-test^=mediator-pick-][data-name="街道人民调解员"]');
    expect(await recused.getAttribute('class')).toContain('is-disabled');
    await assign.locator('[data-test^=mediator-pick-][data-name="陈桂兰"]').click();
    await shot('03-assign-colleague');
    await assign.locator('[data-test=action-submit]').click();
    await caseState('assigned');
    expect(await page.locator('[data-test=case-mediators]').textContent()).toContain('陈桂兰');

    await page.locator('[data-test=act-fail]').click();
    const fail = page.locator('[data-test=case-action-dialog][data-action=fail]');
    await pick(fail.locator('[data-test=field-referral] .el-select'), '诉讼');
    await box('note-input', fail).fill('双方对赔偿数额分歧较大，经两次调解未能达成协议，已告知可依法向人民法院提起诉讼');
    await shot('04-fail-dialog');
    await fail.locator('[data-test=action-submit]').click();
    await caseState('failed');
    expect(await page.locator('[data-test=case-fields]').textContent()).toContain('诉讼');
    expect(await timelineActions()).toEqual(['register', 'accept', 'assign', 'recuse', 'assign', 'fail']);
    expect(await page.locator('[data-test=case-actions]').textContent()).toContain('当前无可办理操作');
    await shot('05-failed');
  }, 60_000);

  it('司法确认 within its 30 days: the last day shown, applied for, then confirmed by the court', async () => {
    await signIn(page, server.url, 'mediator');
    await page.goto(`${server.url}/mediation/cases/${agreedCase}`);
    await caseState('agreed');
    await page.locator('[data-test=act-judicial_apply]').click();
    const dialog = page.locator('[data-test=record-dialog][data-kind=judicial_apply]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(judicialDueOn);
    await dialog.locator('[data-test=record-submit]').click(); // no court: refused on the page
    await expect.poll(() => dialog.locator('[data-test=field-court] .el-form-item__error').textContent()).toContain('法院');
    await box('record-court', dialog).fill('包头市昆都仑区人民法院');
    await shot('06-judicial-apply');
    await dialog.locator('[data-test=record-submit]').click();
    await expect.poll(() => page.locator('[data-test=case-agreement]').textContent()).toContain('包头市昆都仑区人民法院');

    await page.locator('[data-test=act-judicial_result]').click();
    const result = page.locator('[data-test=record-dialog][data-kind=judicial_result]');
    await result.getByText('确认有效').click();
    await box('record-note', result).fill('法院裁定调解协议有效');
    await shot('07-judicial-result');
    await result.locator('[data-test=record-submit]').click();
    await expect.poll(() => page.locator('[data-test=case-agreement]').textContent()).toContain('确认有效');
    expect(await page.locator('[data-test=act-judicial_apply]').count()).toBe(0);
  }, 60_000);

  it('回访: how the agreement is performed, recorded and shown', async () => {
    await page.locator('[data-test=act-follow_up]').click();
    const dialog = page.locator('[data-test=record-dialog][data-kind=follow_up]');
    await dialog.locator('[data-test=record-submit]').click(); // no note: refused on the page
    await expect.poll(() => dialog.locator('[data-test=field-note] .el-form-item__error').textContent()).not.toBe('');
    await dialog.getByText('部分履行').click();
    await box('record-note', dialog).fill('导流管已加装，修复费已付 500 元，余款约定月底付清');
    await shot('08-follow-up');
    await dialog.locator('[data-test=record-submit]').click();
    await page.locator('[data-test=follow-up]').first().waitFor();
    expect(await page.locator('[data-test=follow-up]').first().textContent()).toContain('部分履行');
    expect(await timelineActions()).toEqual(['register', 'accept', 'assign', 'record_session', 'agree', 'judicial_apply', 'judicial_result', 'follow_up']);
    await page.locator('[data-test=case-agreement]').scrollIntoViewIfNeeded();
    await shot('09-agreed-with-records');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
