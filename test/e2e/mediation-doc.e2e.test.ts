// Browser test of the printable 调解协议书: a street committee's case carried to an agreement through
// the API, then the mediator opens GET …/agreement.html (clear numbers, with a reason) in Chromium,
// the page renders under its CSP with its own style only, prints to an A4 PDF (page.pdf), and a
// screenshot goes to .tmp/mediation-docs/ to be looked at as the parties would see it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { makeCreditCode, makeIdNumber } from '../../src/kernel/validators/index.ts';
import { ApiClient } from './api-client.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve(process.cwd(), '.tmp/mediation-docs');

let server: E2EServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let caseId = 0;
const problems: string[] = [];

beforeAll(async () => {
  server = await startE2EServer();
  fs.mkdirSync(OUT, { recursive: true });
  const api = new ApiClient(server.url);
  const grid = (await api.login('kdl.grid')).scopeCode;
  const me = await api.login('kdl.street');
  const orgs = await api.call<{ items: { id: number; name: string; kind: string; areaCode: string }[] }>('GET', `/api/mediation/organisations?kind=people_committee&area=${me.scopeCode}`);
  const org = orgs.items.find((o) => o.areaCode === me.scopeCode)!;
  const mediators = (await api.call<{ items: { id: number; username: string | null }[] }>('GET', `/api/mediation/mediators?orgId=${org.id}`)).items;
  const lead = mediators.find((m) => m.username === 'mediator')!;
  const second = mediators.find((m) => m.id !== lead.id)!;
  const created = await api.call<{ id: number }>('POST', '/api/mediation/cases', {
    source: 'walk_in', orgId: org.id, category: 'property_mgmt', gridCode: grid, amount: 8600,
    summary: '业主以电梯长期故障为由拒交物业费，物业公司停止为其车辆办理门禁，双方发生争执',
    parties: [
      { kind: 'person', role: 'applicant', name: '张桂芳', idNumber: makeIdNumber('150203', '1962-09-18', 124), phone: '13947200001', address: '包头市昆都仑区少先路街道阳光小区3号楼2单元401室' },
      { kind: 'organisation', role: 'respondent', name: '包头市安居物业服务有限公司', creditCode: makeCreditCode('91', '150203', 'AJWY2026'), phone: '0472-2123456', address: '包头市昆都仑区钢铁大街28号', legalRep: '孙建国' },
    ],
  });
  caseId = created.id;
  await api.call('POST', `/api/mediation/cases/${caseId}/actions`, { action: 'accept', note: '属于物业服务合同纠纷，予以受理' });
  await api.call('POST', `/api/mediation/cases/${caseId}/actions`, { action: 'assign', mediatorIds: [lead.id, second.id], chosenBy: 'committee' });
  await api.login('mediator');
  await api.call('POST', `/api/mediation/cases/${caseId}/sessions`, { heldAt: new Date().toISOString(), place: '少先路街道人民调解室', attendees: ['张桂芳', '孙建国'], minutes: '双方陈述，物业公司承认电梯维修拖延' });
  const detail = await api.call<{ parties: { id: number }[] }>('GET', `/api/mediation/cases/${caseId}`);
  const ids = detail.parties.map((p) => p.id);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const later = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  await api.call('POST', `/api/mediation/cases/${caseId}/agreement`, {
    parties: ids,
    facts: '申请人系阳光小区3号楼业主。2026年5月起该楼1号电梯多次故障停运，被申请人维修迟缓，申请人遂拒交2026年度物业费2,860元。\n被申请人于2026年10月停止为申请人车辆办理门禁授权，双方多次协商未果，申请人向本委员会申请调解。',
    disputes: '物业费是否应当全额缴纳；电梯故障期间的服务费用如何减免；车辆门禁是否应当恢复',
    responsibilities: '被申请人未及时维修电梯，对服务质量下降负主要责任；申请人以拒交物业费方式维权不当，负次要责任',
    terms: [
      { content: '被申请人于协议签订之日恢复申请人车辆门禁授权', manner: '由被申请人物业服务中心现场办理', deadline: today },
      { content: '被申请人对电梯故障期间的物业费减免600元，申请人缴纳2026年度物业费2,260元', manner: '申请人通过银行转账支付至被申请人对公账户', deadline: later(15) },
      { content: '被申请人完成3号楼1号电梯主机大修并取得特种设备检验合格证明，向业主公示', manner: '委托具备资质的电梯维保单位施工，公示于单元门口', deadline: later(60) },
    ],
    signedOn: today, signedBy: { parties: ids, mediators: [lead.id, second.id] },
  });

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1000, height: 1300 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) problems.push(m.text()); });
  const login = await context.request.post(`${server.url}/api/auth/login`, { data: { username: 'mediator', password: 'shiyu-demo-2026' }, headers: { 'x-requested-with': 'shiyu' } });
  expect(login.status()).toBe(200);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('调解协议书 in the browser', () => {
  it('renders the page the parties sign, under its CSP, and prints it to an A4 PDF', async () => {
    const reason = encodeURIComponent('打印供当事人签署的协议书');
    const res = await page.goto(`${server.url}/api/mediation/cases/${caseId}/agreement.html?reveal=true&reason=${reason}`);
    expect(res!.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toBe('人民调解协议书');
    // The stylesheet applied (its hash is in the CSP): the title is large and centred, the sheet is A4 wide on screen.
    const look = await page.evaluate(() => {
      const h1 = getComputedStyle(document.querySelector('h1')!);
      const sheet = document.querySelector('.sheet')!.getBoundingClientRect();
      return { align: h1.textAlign, size: parseFloat(h1.fontSize), family: getComputedStyle(document.body).fontFamily, sheetWidth: sheet.width, scripts: document.scripts.length };
    });
    expect(look.align).toBe('center');
    expect(look.size).toBeGreaterThan(25);
    expect(look.family).toContain('SimSun');
    expect(Math.round(look.sheetWidth)).toBe(794); // 210mm at 96 dpi
    expect(look.scripts).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/〔\d{4}〕昆调字第\d{5}号/);
    expect(text).toContain('公民身份号码：150203196209181247'.slice(0, 24));
    expect(text).toContain('法定代表人（负责人）：孙建国');
    expect(text).toContain('三、被申请人完成3号楼1号电梯主机大修');
    expect(text).toContain('本协议书一式三份');
    await page.screenshot({ path: path.join(OUT, 'agreement.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(OUT, 'agreement-print-media.png'), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    fs.writeFileSync(path.join(OUT, 'agreement.pdf'), pdf);
    const head = pdf.subarray(0, 5).toString('latin1');
    expect(head).toBe('%PDF-');
    const body = pdf.toString('latin1');
    const pages = (body.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    // A4: 595 × 842 points.
    const boxes = [...body.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(boxes.length).toBe(pages);
    for (const box of boxes) expect(box).toEqual([595, 842]);
    console.info(`agreement.pdf: ${pages} page(s), ${pdf.length} bytes`);
    expect(problems).toEqual([]);
  }, 60_000);

  it('the masked copy says so; another city’s admin gets not found', async () => {
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${server.url}/api/mediation/cases/${caseId}/agreement.html`);
    const text = await page.locator('body').innerText();
    expect(text).toContain('********');
    expect(text).toContain('已脱敏');
    await page.screenshot({ path: path.join(OUT, 'agreement-masked.png'), fullPage: true });
    const other = await browser.newContext();
    await other.request.post(`${server.url}/api/auth/login`, { data: { username: 'hlbe.admin', password: 'shiyu-demo-2026' }, headers: { 'x-requested-with': 'shiyu' } });
    const res = await other.request.get(`${server.url}/api/mediation/cases/${caseId}/agreement.html`);
    expect(res.status()).toBe(404);
    await other.close();
  }, 60_000);
});
