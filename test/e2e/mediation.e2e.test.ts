// Browser test of the disputes console (矛盾纠纷多元化解): a hotline ticket about a leak between neighbours
// (filed and registered through the API) is taken by the street mediator from the ticket page
// (转人民调解): the case form comes prefilled, a wrong ID number is caught on the page; the street's
// committee desk (kdl.street) accepts and assigns the mediator; the mediator records a session and the
// agreement — first incomplete, with every missing item shown at its field — and opens the printable
// agreement; the district (kdl.district) sees the success rate move on 调解统计.
// Screenshots go to .tmp/console-mediation/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { makeIdNumber } from '../../src/kernel/validators/id-number.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'shiyu-demo-2026';
const OUT = path.resolve(process.cwd(), '.tmp/console-mediation');
const APPLICANT_ID = makeIdNumber('150203', '1968-04-12', 122);
const RESPONDENT_ID = makeIdNumber('150203', '1975-09-30', 351);

async function shot(page: Page, name: string): Promise<void> {
  await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
  await page.waitForTimeout(350); // dialogs finish their animation
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

describe('矛盾纠纷 in the browser: ticket → case → accept → assign → session → agreement → print → figures', () => {
  let server: E2EServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let ticketId = 0;
  let caseId = 0;
  let caseNumber = '';
  let before = { year: '', num: 0, den: 0 };

  const call = async <T>(method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> => {
    const res = await page.request.fetch(`${server.url}${url}`, { method, data, headers: { 'x-requested-with': 'shiyu' } });
    if (!res.ok()) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  async function signInAs(username: string): Promise<void> {
    await page.request.fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { 'x-requested-with': 'shiyu' } }).catch(() => {});
    await page.goto(`${server.url}/login`);
    await page.locator('[data-test=login-username]').fill(username);
    await page.locator('[data-test=login-password]').fill(PASSWORD);
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL(/\/overview/);
  }
  /** The text box of a field: Element Plus puts data-test on the input itself, wrappers keep it outside. */
  const box = (name: string, within: Page | ReturnType<Page['locator']> = page) =>
    within.locator(`:is(input, textarea)[data-test=${name}], [data-test=${name}] :is(input, textarea)`).first();
  const pick = async (select: string, option: string) => {
    await page.locator(`[data-test=${select}]`).click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
  };
  const errorAt = (field: string, within: Page | ReturnType<Page['locator']> = page) => within.locator(`[data-test=${field}] .el-form-item__error`);
  const caseState = (state: string) => page.locator(`[data-test=case-detail][data-state=${state}]`).waitFor();
  /** The district's 调解统计 for a year (this year unless given), by category: the year and the 合计 success rate's numerator and denominator. */
  async function successRate(year?: string): Promise<{ year: string; num: number; den: number }> {
    await page.locator('[data-test=nav-mediation]').click();
    await page.locator('[data-test=nav-mediation-stats]').click();
    const title = page.locator('[data-test=stats-title]');
    await title.waitFor();
    if (year && !(await title.textContent())!.includes(`${year}-01-01`)) {
      await pick('stats-year', `${year} 年`);
      await expect.poll(() => title.textContent()).toContain(`${year}-01-01`);
    }
    await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {});
    const shown = (await title.textContent())!.match(/(\d{4})-01-01/)![1];
    if (await page.locator('[data-test=stats-empty]').isVisible()) return { year: shown, num: 0, den: 0 };
    const tile = page.locator('[data-test=stats-tile-successRate]');
    return { year: shown, num: Number(await tile.getAttribute('data-num')), den: Number(await tile.getAttribute('data-den')) };
  }
  const timelineActions = () => page.locator('[data-test=case-timeline-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1440, height: 860 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // The call comes in on 12345 about a place in the demo grid (inside the mediator's street); the desk registers it.
    await signInAs('kdl.grid');
    const me = await call<{ user: { scopeCode: string } }>('GET', '/api/auth/me');
    await signInAs('dispatcher');
    const ticket = await call<{ id: number }>('POST', '/api/tickets', {
      channel: 'hotline', demandType: 'complaint', gridCode: me.user.scopeCode, reporterName: '张桂芳', reporterPhone: '13947200001', address: '钢铁大街 12 号 3 号楼 2 单元 401',
      description: '楼上501卫生间漏水，我家天花板和墙面泡坏了，找楼上刘某多次不给修也不赔偿，双方吵了好几次，请社区帮忙调解。',
    });
    ticketId = ticket.id;
    await call('POST', `/api/tickets/${ticketId}/actions`, { action: 'register' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the district sees the figures before: 调解统计 with its period and groups', async () => {
    await signInAs('kdl.district');
    before = await successRate();
    await shot(page, '01-stats-before');
  }, 60_000);

  it('the street mediator takes the dispute from the ticket page: the form comes prefilled, a wrong ID number is caught on the page', async () => {
    await signInAs('mediator');
    await page.goto(`${server.url}/tickets/${ticketId}`);
    await page.locator('[data-test=ticket-detail][data-state=registered]').waitFor();
    await page.locator('[data-test=act-to_mediation]').waitFor();
    expect(await page.locator('[data-test=act-to_mediation]').textContent()).toContain('转人民调解');
    await shot(page, '02-ticket-to-mediation');
    await page.locator('[data-test=act-to_mediation]').click();
    await page.locator(`[data-test=case-ticket][data-id="${ticketId}"]`).waitFor();
    // Prefilled from the ticket: what the caller said, the address, the caller as applicant; the mediator's committee receives it.
    expect(await box('case-summary').inputValue()).toContain('卫生间漏水');
    expect(await box('case-address').inputValue()).toContain('钢铁大街');
    expect(await box('party-0-name').inputValue()).toBe('张桂芳');
    expect(await page.locator('[data-test=case-org]').textContent()).toContain('人民调解委员会');
    await shot(page, '03-case-form-prefilled');

    await pick('case-category', '邻里');
    await box('party-0-code').fill(APPLICANT_ID.slice(0, 17) + (APPLICANT_ID[17] === '0' ? '1' : '0')); // one wrong check character
    await box('party-0-phone').fill('13947200001');
    await box('party-0-address').fill('钢铁大街 12 号 3 号楼 2 单元 401');
    await box('party-1-name').fill('刘志刚');
    await box('party-1-code').fill(RESPONDENT_ID);
    await box('party-1-address').fill('钢铁大街 12 号 3 号楼 2 单元 501');
    await box('case-amount').fill('3000');
    await page.locator('[data-test=case-save]').click();
    await expect.poll(() => errorAt('field-parties-0-idNumber').textContent()).toContain('校验码');
    expect(page.url()).toContain('/mediation/cases/new'); // nothing was sent
    await shot(page, '04-case-form-id-refused');

    await box('party-0-code').fill(APPLICANT_ID);
    await page.locator('[data-test=case-save]').click();
    await caseState('registered');
    caseId = Number(page.url().match(/cases\/(\d+)/)![1]);
    caseNumber = (await page.locator('[data-test=case-number]').textContent())!.trim();
    expect(caseNumber).toMatch(/^TJ\d{4}-\d{5}$/);
    expect(await page.locator('[data-test=case-ticket-link]').textContent()).toMatch(/\d{8}-\d{5}/);
    // Parties are masked.
    expect(await page.locator('[data-test=party-id]').first().textContent()).toMatch(/\*{4}/);
    await shot(page, '05-case-registered');
    // The ticket now names its case instead of offering the hand-off again.
    await page.goto(`${server.url}/tickets/${ticketId}`);
    await page.locator('[data-test=ticket-case-link]').waitFor();
    expect(await page.locator('[data-test=ticket-case-link]').textContent()).toContain(caseNumber);
    expect(await page.locator('[data-test=act-to_mediation]').count()).toBe(0);
  }, 90_000);

  it('the committee desk accepts and assigns the mediator from a picker with workload and specialties', async () => {
    await signInAs('kdl.street');
    await page.locator('[data-test=nav-mediation]').click();
    await page.locator('[data-test=nav-mediation-cases]').click();
    const link = page.locator(`[data-test=case-link][data-number="${caseNumber}"]`);
    await link.waitFor();
    await shot(page, '06-case-list');
    await link.click();
    await caseState('registered');
    await page.locator('[data-test=act-accept]').click();
    const accept = page.locator('[data-test=case-action-dialog][data-action=accept]');
    await box('note-input', accept).fill('属于邻里民间纠纷，双方同意调解，予以受理');
    await accept.locator('[data-test=action-submit]').click();
    await caseState('accepted');

    await page.locator('[data-test=act-assign]').click();
    const assign = page.locator('[data-test=case-action-dialog][data-action=assign]');
    await assign.locator('[data-test=mediator-picker] .el-table__row').first().waitFor();
    // Refused on the page without a mediator; then the street mediator is ticked (he leads).
    await assign.locator('[data-test=action-submit]').click();
    await expect.poll(() => errorAt('field-mediatorIds', assign).textContent()).toContain('调解员');
    await assign.locator('[data-test^=mediator-pick-][data-name="街道人民调解员"]').click();
    expect(await assign.locator('[data-test=workload]').count()).toBeGreaterThan(1);
    await shot(page, '07-assign-picker');
    await assign.locator('[data-test=action-submit]').click();
    await caseState('assigned');
    expect(await page.locator('[data-test=case-mediators]').textContent()).toContain('街道人民调解员');
  }, 60_000);

  it('the mediator records a session, then the agreement: incomplete first, each missing item at its field', async () => {
    await signInAs('mediator');
    await page.goto(`${server.url}/mediation/cases/${caseId}`);
    await caseState('assigned');
    await page.locator('[data-test=act-record_session]').click();
    const session = page.locator('[data-test=session-dialog]');
    await box('session-minutes', session).fill('双方到场陈述：申请人要求赔偿维修费 3000 元并修复防水；被申请人承认漏水，认为赔偿过高。经释法说理，双方同意按实际维修费用赔偿。');
    await shot(page, '08-session-dialog');
    await session.locator('[data-test=session-submit]').click();
    await caseState('mediating');
    await page.locator('[data-test=session]').first().waitFor();

    await page.locator('[data-test=act-agree]').click();
    const dialog = page.locator('[data-test=agreement-dialog]');
    await dialog.waitFor();
    await box('agreement-facts', dialog).fill('漏水'); // too short, and nothing else
    await dialog.locator('[data-test=agreement-submit]').click();
    await dialog.locator('[data-test=agreement-error]').waitFor();
    for (const f of ['field-agreement-facts', 'field-agreement-disputes', 'field-agreement-responsibilities', 'field-agreement-terms-0-content', 'field-agreement-terms-0-manner', 'field-agreement-terms-0-deadline']) {
      await expect.poll(() => errorAt(f, dialog).textContent(), { message: f }).not.toBe('');
    }
    expect(await errorAt('field-agreement-facts', dialog).textContent()).toContain('主要事实');
    expect(await dialog.locator('[data-test=agreement-party-error]').count()).toBe(2); // neither party has signed
    await shot(page, '09-agreement-incomplete');

    await box('agreement-facts', dialog).fill('被申请人家卫生间防水层老化漏水，致申请人家卫生间天花板及墙面受损。');
    await box('agreement-disputes', dialog).fill('漏水损失的赔偿数额及维修责任');
    await box('agreement-responsibilities', dialog).fill('被申请人对漏水负全部责任；申请人对损失扩大无责任');
    await box('term-0-content', dialog).fill('被申请人赔偿申请人维修费 2500 元');
    await box('term-0-manner', dialog).fill('一次性银行转账');
    const due = new Date(Date.now() + 20 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    await box('field-agreement-terms-0-deadline', dialog).fill(due);
    await box('field-agreement-terms-0-deadline', dialog).press('Enter');
    for (const p of await dialog.locator('[data-test^=agreement-signed-]').all()) await p.click();
    await shot(page, '10-agreement-filled');
    await dialog.locator('[data-test=agreement-submit]').click();
    await caseState('agreed');
    expect(await timelineActions()).toEqual(['register', 'accept', 'assign', 'record_session', 'agree']);
    await page.locator('[data-test=case-agreement]').waitFor();
    await shot(page, '11-case-agreed');
    await page.locator('[data-test=case-timeline]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, '12-case-agreed-full.png'), fullPage: true });
  }, 90_000);

  it('opens the printable agreement, masked and — with a reason — with the full ID numbers', async () => {
    await page.locator('[data-test=print-agreement]').click();
    await page.locator('[data-test=print-dialog]').waitFor();
    await shot(page, '13-print-dialog');
    const [doc] = await Promise.all([context.waitForEvent('page'), page.locator('[data-test=print-open]').click()]);
    await doc.waitForLoadState();
    const text = await doc.locator('body').textContent();
    expect(text).toContain('调解协议书');
    expect(text).toContain('张桂芳');
    expect(text).not.toContain(APPLICANT_ID);
    await doc.screenshot({ path: path.join(OUT, '14-agreement-print-masked.png'), fullPage: true });
    await doc.close();

    await page.locator('[data-test=print-agreement]').click();
    await page.locator('[data-test=print-full]').click();
    await page.locator('[data-test=print-open]').click(); // no reason: refused on the page
    await expect.poll(() => page.locator('[data-test=print-dialog] .el-form-item__error').textContent()).toContain('原因');
    await box('print-reason').fill('当事人到场签署协议书');
    const [full] = await Promise.all([context.waitForEvent('page'), page.locator('[data-test=print-open]').click()]);
    await full.waitForLoadState();
    expect(await full.locator('body').textContent()).toContain(APPLICANT_ID);
    await full.screenshot({ path: path.join(OUT, '15-agreement-print-full.png'), fullPage: true });
    await full.close();
  }, 60_000);

  it('the district sees the success rate move on 调解统计', async () => {
    await signInAs('kdl.district');
    // The case counts in the year it was registered (Beijing). A run passing 1 January 00:00 read the figures
    // before for the old year; a case registered after that is the first of the new year.
    const registeredAt = (await call<{ case: { registeredAt: string } }>('GET', `/api/mediation/cases/${caseId}`)).case.registeredAt;
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(registeredAt)).slice(0, 4);
    const after = await successRate(year);
    expect(after).toEqual(year === before.year ? { year, num: before.num + 1, den: before.den + 1 } : { year, num: 1, den: 1 });
    await page.locator('[data-test=stats-row-neighbour]').waitFor();
    expect(await page.locator('[data-test=stats-cell][data-row=total][data-rate=successRate]').getAttribute('data-num')).toBe(String(after.num));
    await shot(page, '16-stats-after');
    await page.locator('[data-test=stats-group-organisation]').click();
    await page.locator('[data-test=stats-table]').getByText('人民调解委员会').first().waitFor();
    await shot(page, '17-stats-by-organisation');
    // The other pages of the group, as the district sees them.
    await page.locator('[data-test=nav-mediation-warnings]').click();
    await page.locator('[data-test=mediation-warnings] :is([data-test=warning-table] .el-table__row, [data-test=warnings-empty], [data-test=warnings-error])').first().waitFor();
    await shot(page, '18-warnings');
    await page.locator('[data-test=nav-mediation-orgs]').click();
    await page.locator('[data-test=org-row]').first().waitFor();
    await shot(page, '19-organisations');
    await page.locator('[data-test=nav-mediation-mediators]').click();
    await page.locator('[data-test=mediator-row]').first().waitFor();
    await shot(page, '20-mediators');
    // The case page in English: labels from the en messages, states and actions in words.
    await page.evaluate(() => localStorage.setItem('shiyu.locale', 'en'));
    await page.goto(`${server.url}/mediation/cases/${caseId}`);
    await caseState('agreed');
    expect(await page.locator('[data-test=case-state]').first().textContent()).toContain('Agreement reached');
    expect(await page.locator('[data-test=case-timeline]').textContent()).toContain('Record a session');
    await shot(page, '21-case-en');
    await page.evaluate(() => localStorage.setItem('shiyu.locale', 'zh-CN'));
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
