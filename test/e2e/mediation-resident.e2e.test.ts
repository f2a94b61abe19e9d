// Browser test of 申请调解 by a resident (张女士) on the phone page (/m, 390×844): she finds the door on 我的,
// meets an empty 我的调解, is told on the page what is missing, fills the form (the category, what happened
// and what she asks, the other side, the address, the pin from her position) and chooses the street's
// committee; the network is cut as she sends, and it is filed exactly once when it returns. The street
// mediator (login `mediator`) sees it in the console at 1440 wide, accepts it and assigns himself; she reads
// 已受理, then 调解中 with his name and the steps. Last, she withdraws a second application (撤回申请) with the
// network cut: it waits on the phone, goes once the network returns, and the page reads 已撤回.
// Screenshots go to .tmp/mediation-resident/.
// Runs on the built web/dist (npm run build:web first).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';
import { ApiClient } from './api-client.ts';
import { signIn as consoleSignIn } from './console-session.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'shiyu-demo-2026';
const OUT = path.resolve(process.cwd(), '.tmp/mediation-resident');
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };

describe('申请调解 on the phone, accepted in the console, followed on the phone', () => {
  let server: E2EServer;
  let browser: Browser;
  let phoneCtx: BrowserContext;
  let phone: Page;
  let desk: Page;
  const pageErrors: string[] = [];
  const as: Record<string, ApiClient> = {};
  let centre: [number, number];
  let number = '';
  let caseId = 0;

  const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
  const consoleShot = async (name: string) => {
    await desk.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
    await desk.waitForTimeout(350); // dialogs finish their animation
    await desk.screenshot({ path: path.join(OUT, `${name}.png`) });
  };

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    for (const u of ['kdl.grid', 'resident', 'mediator']) {
      as[u] = new ApiClient(server.url);
      await as[u].login(u);
    }
    // Her position: the centre of a grid in her own community (kdl.grid's).
    const me = await as['kdl.grid'].call('GET', '/api/auth/me');
    const shape = await as['kdl.grid'].call('GET', `/api/areas/${me.user.scopeCode}/self.geojson`);
    centre = shape.features[0].properties.center;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    phoneCtx = await browser.newContext({ ...PHONE_VIEW, geolocation: { longitude: centre[0], latitude: centre[1] }, permissions: ['geolocation'] });
    phone = await phoneCtx.newPage();
    phone.setDefaultTimeout(20_000);
    phone.on('pageerror', (e) => pageErrors.push(e.message));
    const deskCtx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    desk = await deskCtx.newPage();
    desk.setDefaultTimeout(20_000);
    desk.on('pageerror', (e) => pageErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('she finds 申请调解 on 我的, and an empty 我的调解 that says what to do', async () => {
    await phone.goto(`${server.url}/m/login`);
    await phone.locator('[data-test=login-username] input').fill('resident');
    await phone.locator('[data-test=login-password] input').fill(PASSWORD);
    await phone.locator('[data-test=login-submit]').click();
    await phone.waitForURL(/\/m\/report$/);
    await phone.locator('[data-test=tab-me]').click();
    await phone.locator('[data-test=me-mediation-apply]').waitFor();
    expect(await phone.locator('[data-test=me-mediation-apply]').textContent()).toContain('申请调解');
    await shot(phone, '01-phone-me-entry');
    await phone.locator('[data-test=me-mediation-mine]').click();
    await phone.locator('[data-test=md-empty]').waitFor();
    expect(await phone.locator('[data-test=md-empty]').textContent()).toContain('还没有申请过调解');
    await shot(phone, '02-phone-mine-empty');
    await phone.locator('[data-test=md-empty-apply]').click();
    await phone.waitForURL(/\/m\/mediation\/apply$/);
  }, 60_000);

  it('the form says what is missing, then she applies to the street committee; offline first, filed once', async () => {
    await phone.locator('[data-test=apply-committees] .m-chip').first().waitFor();
    await phone.locator('[data-test=apply-submit]').click();
    expect(await phone.locator('[data-test=error-category]').textContent()).toContain('请选择纠纷类别');
    expect(await phone.locator('[data-test=apply-summary]').textContent()).toContain('至少 10 个字');
    expect(await phone.locator('[data-test=other-0-name]').textContent()).toContain('对方当事人');
    expect(await phone.locator('[data-test=apply-address]').textContent()).toContain('详细地址');
    await shot(phone, '03-phone-apply-missing', true);

    await phone.locator('[data-test=apply-categories] [data-code=neighbour]').click();
    await phone.locator('[data-test=apply-summary] textarea').fill('楼上 501 装修半年，每天早上七点前就开始电钻施工，还把我家卫生间吊顶震裂了。多次沟通无果，请求调解：约定施工时间，并赔偿吊顶维修费。');
    await phone.locator('[data-test=other-0-name] input').fill('王某');
    await phone.locator('[data-test=other-0-phone] input').fill('13947209999');
    await phone.locator('[data-test=apply-address] textarea').fill('少先路街道某小区 5 号楼 3 单元 401');
    await phone.locator('[data-test=apply-locate]').click();
    await expect.poll(() => phone.locator('[data-test=apply-place]').textContent()).toContain('发生地');
    // The nearest committee is chosen unless she picks one above it: the street's.
    const chips = phone.locator('[data-test=apply-committees] .m-chip');
    await expect.poll(() => chips.count()).toBeGreaterThan(1);
    expect(await chips.first().textContent()).toContain('就近');
    await phone.locator('[data-test=apply-committees] .m-chip', { hasText: '街道人民调解委员会' }).click();
    await shot(phone, '04-phone-apply-filled', true);

    const keys: string[] = [];
    phone.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/mediation/applications') keys.push(r.headers()['idempotency-key'] ?? '');
    });
    await phoneCtx.setOffline(true);
    await phone.locator('[data-test=apply-submit]').click();
    await phone.locator('[data-test=apply-waiting]').waitFor();
    expect(await phone.locator('[data-test=apply-waiting]').textContent()).toContain('联网后自动提交');
    await shot(phone, '05-phone-apply-offline');
    await phoneCtx.setOffline(false);
    const shown = phone.locator('[data-test=apply-number]');
    await shown.waitFor({ timeout: 40_000 });
    number = (await shown.textContent())!.trim();
    expect(number).toMatch(/^TJ\d{4}-\d{5}$/);
    await shot(phone, '06-phone-apply-sent');
    const mine = await as.resident.call('GET', '/api/mediation/applications');
    expect(mine.items.filter((a: { number: string }) => a.number === number)).toHaveLength(1);
    expect(mine.total).toBe(1);
    expect(new Set(keys.filter(Boolean)).size).toBe(1); // every try carried the one key
    caseId = mine.items[0].id;
    expect(mine.items[0]).toMatchObject({ stateName: '待受理' });
    expect(mine.items[0].orgName).toContain('街道人民调解委员会');

    await phone.locator('[data-test=apply-open]').click();
    await phone.locator('[data-test=md-case][data-state=waiting]').waitFor();
    expect(await phone.locator('[data-test=md-case-state]').textContent()).toContain('待受理');
    await shot(phone, '07-phone-case-waiting', true);
  }, 120_000);

  it('the street mediator sees it in the console, accepts it and assigns himself', async () => {
    await consoleSignIn(desk, server.url, 'mediator');
    await desk.locator('[data-test=nav-mediation]').click();
    await desk.locator('[data-test=nav-mediation-cases]').click();
    const link = desk.locator(`[data-test=case-link][data-number="${number}"]`);
    await link.waitFor();
    await consoleShot('08-console-case-list');
    await link.click();
    await desk.locator('[data-test=case-detail][data-state=registered]').waitFor();
    expect(await desk.locator('[data-test=case-detail]').textContent()).toContain('当事人申请');
    expect(await desk.locator('[data-test=case-parties]').textContent()).toContain('居民张女士');
    await consoleShot('09-console-case-registered');
    await desk.locator('[data-test=act-accept]').click();
    const accept = desk.locator('[data-test=case-action-dialog][data-action=accept]');
    await accept.locator('[data-test=note-input]').fill('邻里纠纷，当事人申请，予以受理');
    await accept.locator('[data-test=action-submit]').click();
    await desk.locator('[data-test=case-detail][data-state=accepted]').waitFor();

    // She sees 已受理 before anyone is assigned.
    await phone.reload();
    await phone.locator('[data-test=md-case][data-state=accepted]').waitFor();
    expect(await phone.locator('[data-test=md-case-state]').textContent()).toContain('已受理');
    expect(await phone.locator('[data-test=md-mediators]').textContent()).toContain('待安排');
    await shot(phone, '10-phone-case-accepted', true);

    await desk.locator('[data-test=act-assign]').click();
    const assign = desk.locator('[data-test=case-action-dialog][data-action=assign]');
    await assign.locator('[data-test=mediator-picker] .el-table__row').first().waitFor();
    await assign.locator('[data-test^=mediator-pick-][data-name="街道人民调解员"]').click();
    await consoleShot('11-console-assign');
    await assign.locator('[data-test=action-submit]').click();
    await desk.locator('[data-test=case-detail][data-state=assigned]').waitFor();
    expect(await desk.locator('[data-test=case-mediators]').textContent()).toContain('街道人民调解员');
    await consoleShot('12-console-assigned');
  }, 90_000);

  it('she reads 调解中 with the mediator’s name and the steps; the list says so too', async () => {
    await phone.reload();
    await phone.locator('[data-test=md-case][data-state=mediating]').waitFor();
    expect(await phone.locator('[data-test=md-case-state]').textContent()).toContain('调解中');
    expect(await phone.locator('[data-test=md-mediators]').textContent()).toContain('街道人民调解员');
    const steps = await phone.locator('[data-test=md-steps] [data-key]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-key')}:${e.getAttribute('data-done')}`));
    expect(steps).toEqual(['applied:true', 'accepted:true', 'mediating:true', 'result:false']);
    await shot(phone, '13-phone-case-mediating', true);
    await phone.locator('.van-nav-bar__left').click();
    await phone.locator(`[data-test=md-item][data-number="${number}"][data-state=mediating]`).waitFor();
    await shot(phone, '14-phone-mine-list');
    // English, for the record: the words come from the en messages.
    await phone.goto(`${server.url}/m/me`);
    await phone.locator('[data-test=lang-en]').click();
    await phone.goto(`${server.url}/m/mediation/${caseId}`);
    await phone.locator('[data-test=md-case]').waitFor();
    expect(await phone.locator('.van-nav-bar__title').textContent()).toContain('Progress');
    await shot(phone, '15-phone-case-en', true);
    await phone.goto(`${server.url}/m/me`);
    await phone.locator('[data-test=lang-zh-CN]').click();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('she withdraws a second application: a reason is asked, it waits offline, and the page then reads 已撤回', async () => {
    const second = await as.resident.call('POST', '/api/mediation/applications', {
      category: 'property_mgmt', summary: '小区物业长期不清理楼道垃圾，多次反映无果，请求调解：按合同履行保洁义务。', otherParties: [{ name: '某物业服务公司', kind: 'organisation' }], address: '少先路街道某小区 5 号楼',
    });
    await phone.goto(`${server.url}/m/mediation/${second.id}`);
    await phone.locator('[data-test=md-case][data-state=waiting]').waitFor();
    await phone.locator('[data-test=md-withdraw]').click();
    const dialog = phone.locator('[data-test=md-withdraw-dialog]');
    await dialog.waitFor();
    await dialog.locator('.van-dialog__confirm').click();
    await expect.poll(() => dialog.locator('[data-test=md-withdraw-reason]').textContent()).toContain('请填写撤回理由');
    await shot(phone, '16-phone-withdraw-reason');
    await dialog.locator('[data-test=md-withdraw-reason] textarea').fill('物业已上门清理，问题解决了，撤回申请');
    await phoneCtx.setOffline(true);
    await dialog.locator('.van-dialog__confirm').click();
    const pending = phone.locator('[data-test=md-withdraw-pending]');
    await pending.waitFor();
    expect(await pending.textContent()).toContain('联网后自动提交');
    expect(await phone.locator('[data-test=md-withdraw]').count()).toBe(0);
    await dialog.waitFor({ state: 'hidden' });
    await shot(phone, '17-phone-withdraw-offline');
    await phoneCtx.setOffline(false);
    await phone.locator('[data-test=md-case][data-state=ended]').waitFor({ timeout: 40_000 });
    expect(await phone.locator('[data-test=md-case-state]').textContent()).toContain('已撤回');
    expect(await phone.locator('[data-test=md-withdraw]').count()).toBe(0);
    // Withdrawn while waiting: 提交申请 then 已撤回, the steps that never happened left out.
    const steps = await phone.locator('[data-test=md-steps] [data-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    expect(steps).toEqual(['applied', 'result']);
    await shot(phone, '18-phone-withdrawn', true);
    const after = await as.resident.call('GET', `/api/mediation/applications/${second.id}`);
    expect(after).toMatchObject({ state: 'withdrawn', stateName: '已撤回' });
    // The first one, still in mediation, keeps its button.
    await phone.goto(`${server.url}/m/mediation/${caseId}`);
    await phone.locator('[data-test=md-withdraw]').waitFor();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
