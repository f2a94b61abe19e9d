// Browser test of the grid worker's phone page 社工E通 (/m) in a phone-sized viewport:
// log in as kdl.grid, find a building on the list and the map, open a unit, refuse a bad ID
// number in the form, add a household with two members and a photo while the network is cut,
// see it wait in the outbox, restore the network and see it sent exactly once; then a lost answer
// replayed with the same Idempotency-Key, and a draft the server refuses, fixed in the form;
// then a reload with no network (the app shell from the service worker, drafts still there, one more
// made and sent when the network returns), 注销: a member moved out and seen in their history, the
// head refused on the phone and by the server, a lost answer resent (404 = done), a household emptied.
// Screenshots go to .tmp/mobile/. Runs on the built web/dist (npm run build:web first).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { newIdNumber, personBody } from '../api/registry-fixtures.ts';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';
import { ApiClient } from './api-client.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'shiyu-demo-2026';
const OUT = path.resolve(process.cwd(), '.tmp/mobile');


/** A point inside the grid: the middle of its outline's vertices, nudged. */
function pointsIn(geo: { features: { geometry: { type: string; coordinates: any } }[] }): [number, number][] {
  const g = geo.features[0].geometry;
  const ring: number[][] = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
  const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  return [[lon - 0.0008, lat], [lon + 0.0008, lat + 0.0004]];
}

describe('phone page 社工E通 for grid workers', () => {
  let server: E2EServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: ApiClient;
  let me: { displayName: string; scopeCode: string };
  let buildingId = 0;
  let unitId = 0;
  const pageErrors: string[] = [];
  const outside: string[] = [];
  const head = { name: '王建华', id: newIdNumber('1') };
  const spouse = { name: '刘秀英', id: newIdNumber('2') };

  const shot = (name: string, fullPage = false) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
  const outboxCount = () => page.locator('[data-test=outbox-count]').textContent();
  const badge = () => page.locator('[data-test=tab-outbox] .van-badge');
  const householdByRoom = async (room: string) => (await householdsOfUnit()).find((h) => h.room === room)!;
  const openMember = async (name: string) => {
    await page.locator('[data-test=member-item]', { hasText: name }).click();
    await page.locator('[data-test=member-deregister], [data-test=member-state]').first().waitFor();
  };
  const householdsOfUnit = async () => (await api.call<{ items: { id: number; room: string | null; memberCount: number }[] }>('GET', `/api/registry/households?unit=${unitId}`)).items;
  const fill = async (test: string, value: string) => {
    const input = page.locator(`[data-test=${test}] input, [data-test=${test}] textarea`).first();
    await input.fill(value);
    await input.blur();
  };

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    api = new ApiClient(server.url);
    me = await api.login('kdl.grid');
    const [p1, p2] = pointsIn(await api.call('GET', `/api/areas/${me.scopeCode}/self.geojson`));
    const b = await api.call('POST', '/api/registry/buildings', {
      gridCode: me.scopeCode, name: '幸福小区3号楼', address: '昆都仑区钢铁大街88号', floors: 6, location: p1, units: [{ name: '1单元', floors: 6 }, { name: '2单元', floors: 6 }],
    });
    await api.call('POST', '/api/registry/buildings', { gridCode: me.scopeCode, name: '幸福小区5号楼', address: '昆都仑区钢铁大街90号', location: p2, units: [{ name: '1单元' }] });
    buildingId = b.id;
    unitId = b.units[0].id;

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !/^(data|blob):/.test(r.url())) outside.push(r.url());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in on the phone and lists the buildings of the grid', async () => {
    await page.goto(`${server.url}/m`);
    await page.waitForURL(/\/m\/login/);
    await page.locator('[data-test=login-username] input').fill('kdl.grid');
    await page.locator('[data-test=login-password] input').fill(PASSWORD);
    await shot('01-login');
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL(/\/m\/buildings$/);
    await expect.poll(() => page.locator('[data-test=building-item]').count()).toBe(2);
    expect(await page.locator('[data-test=building-list]').textContent()).toContain('幸福小区3号楼');
    expect(await page.locator('[data-test=tabbar]').textContent()).toMatch(/楼栋.*待发送.*我的/);
    await shot('02-buildings');
    await page.locator('[data-test=building-search] input').fill('5号');
    await expect.poll(() => page.locator('[data-test=building-item]').count()).toBe(1);
    await page.locator('[data-test=building-search] input').fill('');
  }, 60_000);

  it('shows the grid and its buildings on the map', async () => {
    await page.locator('.van-tab', { hasText: '地图' }).click();
    await page.waitForSelector('[data-test=building-map][data-state=ready]', { timeout: 30_000 });
    await expect.poll(() => page.locator('[data-test=map-building]').count()).toBe(2);
    await shot('03-map');
    await page.locator('[data-test=map-building]', { hasText: '幸福小区3号楼' }).click();
    await page.waitForURL(new RegExp(`/m/buildings/${buildingId}$`));
    await expect.poll(() => page.locator('[data-test=unit-item]').count()).toBe(2);
    await shot('04-building-units');
  }, 60_000);

  it('refuses a bad ID number in the form before anything is sent', async () => {
    await page.locator(`[data-test=unit-item][data-id="${unitId}"]`).click();
    await page.waitForURL(new RegExp(`/units/${unitId}$`));
    await page.locator('.van-empty').waitFor();
    await shot('05-unit-empty');
    await page.locator('[data-test=household-add]').click();
    await page.waitForURL(/\/m\/households\/new/);
    expect(await page.locator('[data-test=form-address] textarea').inputValue()).toBe('昆都仑区钢铁大街88号 幸福小区3号楼 1单元');
    const bad = head.id.slice(0, 17) + (head.id[17] === '0' ? '1' : '0');
    await fill('member-0-name', head.name);
    await fill('member-0-idNumber', bad);
    const error = page.locator('[data-test=member-0-idNumber] .van-field__error-message');
    await expect.poll(() => error.textContent()).toContain('校验码错误');
    await page.locator('[data-test=form-save]').click();
    await page.waitForTimeout(300);
    expect(page.url()).toMatch(/\/households\/new/); // still on the form
    await shot('06-bad-id-refused');
    expect(await page.evaluate(() => new Promise<number>((resolve) => {
      const r = indexedDB.open('shiyu-mobile');
      r.onsuccess = () => { const q = r.result.transaction('drafts').objectStore('drafts').count(); q.onsuccess = () => resolve(q.result); };
    }))).toBe(0);
  }, 60_000);

  it('adds a household with two members and a photo while offline; sends it when the network returns', async () => {
    await fill('member-0-idNumber', head.id);
    await expect.poll(() => page.locator('[data-test=member-0-idNumber] .van-field__error-message').count()).toBe(0);
    await fill('form-room', '501');
    await fill('form-phone', '0472-5123456');
    await page.locator('[data-test=form-tags] [data-code=EXTREMELY_POOR]').click();
    await fill('member-0-phone', '13904720001');
    await page.locator('[data-test=member-add]').click();
    await fill('member-1-name', spouse.name);
    await fill('member-1-idNumber', spouse.id);
    await page.locator('[data-test=member-1-relation]').click();
    await page.locator('[data-test=relation-options] [data-code="10"]').click();
    await page.locator('[data-test=member-1-residence] .m-chip', { hasText: '流动' }).click();
    await page.locator('[data-test=member-1-tags] [data-code=DISABLED]').click();
    // A 2400×1800 camera-sized picture, made in the page: the phone shrinks it to JPEG before it is kept.
    const png = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 2400; c.height = 1800;
      const g = c.getContext('2d')!;
      for (let i = 0; i < 60; i++) { g.fillStyle = `hsl(${i * 6},70%,55%)`; g.fillRect((i % 10) * 240, Math.floor(i / 10) * 300, 240, 300); }
      return c.toDataURL('image/png').split(',')[1];
    });
    const original = Buffer.from(png, 'base64');
    await page.locator('[data-test=photo-input]').setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: original });
    const thumb = page.locator('[data-test=photo-thumb]');
    await thumb.waitFor();
    expect(await thumb.getAttribute('data-type')).toBe('image/jpeg');
    await shot('07-form-filled', true);

    await context.setOffline(true);
    await page.locator('[data-test=form-save]').click();
    await page.waitForURL(new RegExp(`/units/${unitId}$`));
    await page.locator('[data-test=unit-waiting]').waitFor();
    await expect.poll(() => page.locator('[data-test=tab-outbox] .van-badge').textContent()).toBe('1');
    await page.locator('[data-test=offline-banner]').waitFor();
    await shot('08-unit-offline-waiting');
    await page.locator('[data-test=tab-outbox]').click();
    await expect.poll(outboxCount).toBe('待发送 1');
    expect(await page.locator('[data-test=network-state]').textContent()).toBe('当前离线');
    expect(await page.locator('[data-test=outbox-item]').getAttribute('data-state')).toBe('pending');
    await shot('09-outbox-offline');
    expect(await householdsOfUnit()).toEqual([]); // nothing reached the server

    // Still offline: the list and a building never opened before come from the phone's cache.
    await page.locator('[data-test=tab-buildings]').click();
    await page.waitForURL(/\/m\/buildings$/);
    await expect.poll(() => page.locator('[data-test=building-item]').count()).toBe(2);
    expect(await page.locator('.m-stale').first().textContent()).toContain('离线数据');
    await page.locator('[data-test=building-item]', { hasText: '幸福小区5号楼' }).click();
    await expect.poll(() => page.locator('[data-test=unit-item]').count()).toBe(1);
    await shot('09b-offline-building-from-cache');
    await page.locator('[data-test=tab-outbox]').click();
    await expect.poll(outboxCount).toBe('待发送 1');

    await context.setOffline(false);
    await expect.poll(outboxCount, { timeout: 20_000 }).toBe('待发送 0');
    await page.locator('[data-test=outbox-empty]').waitFor();
    await shot('10-outbox-sent');

    const households = await householdsOfUnit();
    expect(households).toHaveLength(1);
    const h = await api.call('GET', `/api/registry/households/${households[0].id}`);
    expect(h.members.map((m: { name: string }) => m.name).sort()).toEqual([head.name, spouse.name].sort());
    expect(h.headName).toBe(head.name);
    expect(h.room).toBe('501');
    expect(h.address).toBe('昆都仑区钢铁大街88号 幸福小区3号楼 1单元 501');
    expect(h.tags.map((t: { code: string }) => t.code)).toEqual(['EXTREMELY_POOR']);
    const wife = h.members.find((m: { name: string }) => m.name === spouse.name);
    expect([wife.relation, wife.residenceType, wife.tags.map((t: { code: string }) => t.code)]).toEqual(['10', 'floating', ['DISABLED']]);
    expect(h.attachments).toHaveLength(1);
    expect(h.attachments[0].mime).toBe('image/jpeg');
    expect(h.attachments[0].size).toBeLessThan(original.length);
    const history = await api.call<{ items: { action: string; by: { name: string } }[] }>('GET', `/api/registry/households/${h.id}/history`);
    expect(history.items.map((i) => i.action).sort()).toEqual(['attach', 'create']);
    expect(history.items.every((i) => i.by.name === me.displayName)).toBe(true);
  }, 90_000);

  it('shows the household with its members and its history', async () => {
    await page.locator('[data-test=tab-buildings]').click();
    await page.goto(`${server.url}/m/buildings/${buildingId}/units/${unitId}`);
    const item = page.locator('[data-test=household-item]');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toMatch(/501.*户主：王建华.*2 人.*特困户/);
    await shot('11-unit-households');
    await item.click();
    await page.locator('[data-test=history-item]').first().waitFor();
    expect(await page.locator('[data-test=member-list]').textContent()).toContain('配偶');
    expect(await page.locator('[data-test=history]').textContent()).toContain(me.displayName);
    await page.locator('[data-test=household-photos] img').first().waitFor();
    await shot('12-household', true);
  }, 60_000);

  it('changes the household: a new member, a new phone, a tag taken off; the history shows the change', async () => {
    const id = Number(/households\/(\d+)/.exec(page.url())![1]);
    await page.locator('.van-nav-bar__right').click();
    await page.waitForURL(new RegExp(`/households/${id}/edit$`));
    await page.locator('[data-test=member-1-name] input').waitFor();
    expect(await page.locator('[data-test=member-0-idNumber] input').getAttribute('placeholder')).toMatch(/^现为 150203\*+\d{3}[\dX]，不改请留空$/);
    await fill('form-phone', '0472-5999888');
    await page.locator('[data-test=form-tags] [data-code=EXTREMELY_POOR]').click();
    await page.locator('[data-test=member-add]').click();
    await fill('member-2-name', '王小明');
    await fill('member-2-idNumber', newIdNumber('1'));
    await page.locator('[data-test=member-2-relation]').click();
    await page.locator('[data-test=relation-options] [data-code="20"]').click();
    await page.locator('[data-test=form-save]').click();
    await page.waitForURL(new RegExp(`/households/${id}$`));
    await expect.poll(() => page.locator('[data-test=member-item]').count()).toBe(3);
    await expect.poll(() => page.locator('[data-test=history-item]').count()).toBe(3);
    const change = await page.locator('[data-test=history-item]').first().textContent();
    expect(change).toMatch(new RegExp(`^${me.displayName}修改`));
    expect(change).toMatch(/电话047\*+3456 → 047\*+9888/);
    expect(change).toMatch(/标签特困户 → —/);
    await shot('13-household-changed', true);
    const h = await api.call('GET', `/api/registry/households/${id}`);
    expect([h.memberCount, h.tags, h.phone]).toEqual([3, [], '047****9888']);
    const son = h.members.find((m: { name: string }) => m.name === '王小明');
    expect(son.relation).toBe('20');
  }, 60_000);

  it('replays a create whose answer was lost without registering it twice', async () => {
    await page.goto(`${server.url}/m/households/new?building=${buildingId}&unit=${unitId}`);
    await fill('member-0-name', '张卫东');
    await fill('member-0-idNumber', newIdNumber('1'));
    await fill('form-room', '502');
    // The request reaches the server, the answer never reaches the phone.
    let lost = 0;
    await page.route('**/api/registry/households', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      lost += 1;
      await route.abort('connectionreset');
    });
    await page.locator('[data-test=form-save]').click();
    await page.waitForURL(new RegExp(`/units/${unitId}$`));
    await expect.poll(() => lost).toBe(1);
    await expect.poll(async () => (await householdsOfUnit()).length).toBe(2); // created on the server
    await page.unroute('**/api/registry/households');
    await page.locator('[data-test=tab-outbox]').click();
    await expect.poll(outboxCount).toBe('待发送 1');
    const replayed = page.waitForResponse((r) => r.url().endsWith('/api/registry/households') && r.request().method() === 'POST');
    await page.locator('[data-test=outbox-resend]').click();
    const answer = await replayed;
    expect(answer.status()).toBe(201);
    expect(answer.headers()['idempotent-replay']).toBe('true');
    await expect.poll(outboxCount).toBe('待发送 0');
    const rooms = (await householdsOfUnit()).map((h) => h.room).sort();
    expect(rooms).toEqual(['501', '502']);
  }, 60_000);

  it('keeps a draft the server refuses, with the error, until the worker fixes it', async () => {
    await page.goto(`${server.url}/m/households/new?building=${buildingId}&unit=${unitId}`);
    await fill('form-room', '601');
    await fill('member-0-name', '王建华');
    await fill('member-0-idNumber', head.id); // already registered in 501: valid on the phone, refused by the server
    await page.locator('[data-test=form-save]').click();
    await page.waitForURL(new RegExp(`/units/${unitId}$`));
    await page.locator('[data-test=tab-outbox]').click();
    const item = page.locator('[data-test=outbox-item]');
    await expect.poll(() => item.getAttribute('data-state')).toBe('rejected');
    expect(await outboxCount()).toBe('待发送 1');
    expect(await page.locator('[data-test=outbox-error]').textContent()).toContain('已登记');
    await shot('14-outbox-rejected');
    await page.locator('[data-test=outbox-fix]').click();
    const error = page.locator('[data-test=member-0-idNumber] .van-field__error-message');
    await expect.poll(() => error.textContent()).toContain('已登记');
    await shot('15-fix-draft');
    await fill('member-0-name', '王建国');
    await fill('member-0-idNumber', newIdNumber('1'));
    await page.locator('[data-test=form-save]').click();
    await page.waitForURL(/\/m\/outbox$/);
    await expect.poll(outboxCount).toBe('待发送 0');
    expect((await householdsOfUnit()).map((h) => h.room).sort()).toEqual(['501', '502', '601']);
  }, 60_000);

  it('serves its service worker unstored, for /m', async () => {
    const res = await fetch(`${server.url}/m-sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('service-worker-allowed')).toBe('/m');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const source = await res.text();
    const build = JSON.parse(/^const BUILD = (\{[\s\S]*?\});/.exec(source)![1]) as { version: string; core: string[]; lazy: string[] };
    const html = await (await fetch(`${server.url}/m`)).text();
    // Every file the page loads at once is in the list; the map library is fetched at install too.
    for (const ref of html.matchAll(/(?:src|href)="(\/[^"]+)"/g)) expect(build.core).toContain(ref[1]);
    expect(build.lazy.some((f) => /maplibre/.test(f))).toBe(true);
    expect([...build.core, ...build.lazy].some((f) => f.startsWith('/api/'))).toBe(false);
    // The page is controlled (registered on the first visit) and the cache is this build's.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    expect(await page.evaluate(() => caches.keys())).toEqual([`shiyu-m-${build.version}`]);
  }, 30_000);

  it('reloads with no network: the app shell opens, drafts are still there, one made afterwards is sent when the network returns', async () => {
    const h501 = await householdByRoom('501');
    await page.goto(`${server.url}/m/households/${h501.id}`);
    await expect.poll(() => page.locator('[data-test=member-item]').count()).toBe(3);
    await page.goto(`${server.url}/m/households/new?building=${buildingId}&unit=${unitId}`);
    await fill('form-room', '701');
    await fill('member-0-name', '赵海涛');
    await fill('member-0-idNumber', newIdNumber('1'));
    await context.setOffline(true);
    await page.locator('[data-test=form-save]').click();
    await page.waitForURL(new RegExp(`/units/${unitId}$`));
    await expect.poll(() => badge().textContent()).toBe('1');

    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.locator('[data-test=offline-banner]').waitFor();
    await page.locator('[data-test=unit-waiting]').waitFor();
    // The worker's own fetches are cut too (setOffline reaches the service worker): a file it has not got fails.
    expect(await page.evaluate(() => fetch('/assets/not-in-any-build.js').then((r) => `status ${r.status}`, () => 'failed'))).toBe('failed');
    await page.locator('[data-test=tab-outbox]').click();
    await expect.poll(outboxCount).toBe('待发送 1');
    expect(await page.locator('[data-test=outbox-item]').textContent()).toContain('赵海涛');
    await shot('17-reloaded-offline-outbox');

    // After the reload, still offline: the household from the phone's copy; its head cannot leave while others live there.
    await page.goto(`${server.url}/m/households/${h501.id}`);
    await expect.poll(() => page.locator('[data-test=member-item]').count()).toBe(3);
    expect(await page.locator('.m-stale').first().textContent()).toContain('离线数据');
    await openMember(head.name);
    await page.locator('[data-test=member-deregister]').click();
    expect(await page.locator('[data-test=deregister-blocked]').textContent()).toMatch(/王建华 是户主，户内还有 2 人在册，不能直接注销。请先点右上角「修改」/);
    expect(await page.locator('[data-test=deregister-confirm]').count()).toBe(0);
    await shot('18-head-blocked');
    await page.locator('[data-test=deregister-cancel]').click();
    await page.locator('[data-test=member-sheet] .van-popup__close-icon').click();
    await page.locator('[data-test=member-sheet]').waitFor({ state: 'hidden' });

    // 王小明 moved out: 注销/迁出 with reason, date and note, kept in the outbox.
    await openMember('王小明');
    await page.locator('[data-test=member-deregister]').click();
    await page.locator('[data-test=deregister-confirm]').click();
    expect(await page.locator('[data-test=deregister-reason-error]').textContent()).toBe('请选择注销原因');
    await page.locator('[data-test=deregister-reasons] [data-code=moved_out]').click();
    await page.locator('[data-test=deregister-note] textarea').fill('外出务工，户口迁往上海');
    const on = await page.locator('[data-test=deregister-date] input').inputValue();
    expect(on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await shot('19-deregister-form');
    await page.locator('[data-test=deregister-confirm]').click();
    await expect.poll(() => page.locator('[data-test=member-state]').textContent()).toBe('注销待发送');
    expect(await page.locator('[data-test=member-item]', { hasText: '王小明' }).locator('[data-test=member-leaving]').textContent()).toBe('注销待发送');
    await expect.poll(() => badge().textContent()).toBe('2');
    await shot('20-member-leaving-offline');
    expect((await api.call('GET', `/api/registry/households/${h501.id}`)).memberCount).toBe(3); // nothing sent yet

    await context.setOffline(false);
    await expect.poll(() => badge().count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-test=member-state]').textContent()).toBe('已注销');
    await expect.poll(() => page.locator('[data-test=member-item]').count()).toBe(2);
    const entry = page.locator('[data-test=member-sheet] [data-test=history-item]').first();
    await expect.poll(() => entry.textContent()).toMatch(new RegExp(`^${me.displayName}注销.*原因迁出 · ${on} · 外出务工，户口迁往上海`));
    await shot('21-member-moved-out-history');

    expect((await householdsOfUnit()).map((h) => h.room).sort()).toEqual(['501', '502', '601', '701']);
    const after = await api.call('GET', `/api/registry/households/${h501.id}`);
    expect(after.members.map((m: { name: string }) => m.name).sort()).toEqual([head.name, spouse.name].sort());
    await page.locator('[data-test=member-sheet] .van-popup__close-icon').click();
    // The service worker keeps files only: no answer of the API is in its cache.
    const cached = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)))).flat());
    expect(cached).toContain('/mobile.html');
    expect(cached.filter((u) => u.startsWith('/api/'))).toEqual([]);
  }, 120_000);

  it('resends a deregistration whose answer was lost: the 404 that follows means it went through', async () => {
    const h502 = await householdByRoom('502');
    const alone = (await api.call('GET', `/api/registry/households/${h502.id}`)).members[0];
    await page.goto(`${server.url}/m/households/${h502.id}`);
    await openMember('张卫东');
    await page.locator('[data-test=member-deregister]').click();
    await page.locator('[data-test=deregister-reasons] [data-code=death]').click();
    let lost = 0;
    await page.route('**/api/registry/people/*/deregister', async (route) => {
      await route.fetch();
      lost += 1;
      await route.abort('connectionreset');
    });
    await page.locator('[data-test=deregister-confirm]').click();
    await expect.poll(() => lost).toBe(1);
    await page.unroute('**/api/registry/people/*/deregister');
    await expect.poll(() => page.locator('[data-test=member-state]').textContent()).toBe('注销待发送');
    expect((await api.call('GET', `/api/registry/households/${h502.id}`)).memberCount).toBe(0); // it did reach the server
    await page.locator('[data-test=member-sheet] .van-popup__close-icon').click();
    await page.locator('[data-test=tab-outbox]').click();
    await expect.poll(outboxCount).toBe('待发送 1');
    expect(await page.locator('[data-test=outbox-kind]').textContent()).toBe('注销/迁出');
    const resent = page.waitForResponse((r) => r.url().endsWith(`/api/registry/people/${alone.id}/deregister`));
    await page.locator('[data-test=outbox-resend]').click();
    expect((await resent).status()).toBe(404);
    await expect.poll(outboxCount).toBe('待发送 0');
    const history = await api.call<{ items: { action: string; changes: any }[] }>('GET', `/api/registry/people/${alone.id}/history`);
    expect(history.items.filter((i) => i.action === 'deregister')).toHaveLength(1);
    expect(history.items[0].changes.deregistered[1].reason).toBe('death');
  }, 60_000);

  it('deregisters the household once nobody is registered in it (整户注销)', async () => {
    const h502 = await householdByRoom('502');
    await page.goto(`${server.url}/m/households/${h502.id}`);
    await page.locator('[data-test=no-members]').waitFor();
    await page.locator('[data-test=household-deregister]').click();
    expect(await page.locator('[data-test=deregister-form]').textContent()).toContain('整户注销：');
    await page.locator('[data-test=deregister-reasons] [data-code=demolished]').click();
    await shot('22-household-deregister');
    await page.locator('[data-test=deregister-confirm]').click();
    await page.waitForURL(new RegExp(`/units/${unitId}$`));
    await expect.poll(async () => (await householdsOfUnit()).map((h) => h.room).sort()).toEqual(['501', '601', '701']);
    await expect.poll(() => page.locator('[data-test=household-item]').count()).toBe(3);
    const history = await api.call<{ items: { action: string; changes: any }[] }>('GET', `/api/registry/households/${h502.id}/history`);
    expect(history.items[0].action).toBe('deregister');
    expect(history.items[0].changes.deregistered[1].reason).toBe('demolished');
  }, 60_000);

  it('shows the server refusing a head whose household gained a member meanwhile, in Chinese, until the worker acts', async () => {
    const h601 = await householdByRoom('601');
    await page.goto(`${server.url}/m/households/${h601.id}`);
    await openMember('王建国');
    await page.locator('[data-test=member-deregister]').click();
    await page.locator('[data-test=deregister-reasons] [data-code=moved_out]').click();
    // Someone else registers a member while the phone shows the head alone.
    await api.call('POST', '/api/registry/people', personBody(me.scopeCode, { name: '王小军', householdId: h601.id, relation: '20' }));
    await page.locator('[data-test=deregister-confirm]').click();
    await expect.poll(() => page.locator('[data-test=member-state]').textContent()).toBe('注销被退回');
    await page.locator('[data-test=member-sheet] .van-popup__close-icon').click();
    await page.locator('[data-test=tab-outbox]').click();
    const item = page.locator('[data-test=outbox-item]');
    await expect.poll(() => item.getAttribute('data-state')).toBe('rejected');
    expect(await page.locator('[data-test=outbox-error]').textContent()).toBe('服务器未注销：王建国 是户主，户内还有其他成员在册。请先在住户页点「修改」把另一位成员设为户主，再点「重新发送」。');
    expect(await page.locator('[data-test=outbox-fix]').count()).toBe(0);
    await shot('23-head-refused-by-server');
    expect((await api.call('GET', `/api/registry/households/${h601.id}`)).memberCount).toBe(2);
    await page.locator('[data-test=outbox-discard]').click();
    await page.locator('.van-dialog__confirm').click();
    await expect.poll(outboxCount).toBe('待发送 0');
  }, 60_000);

  it('shows who is signed in, for which grid', async () => {
    await page.locator('[data-test=tab-me]').click();
    expect(await page.locator('[data-test=me-name]').textContent()).toBe(me.displayName);
    expect(await page.locator('.van-cell-group').first().textContent()).toContain(`网格员`);
    await shot('16-me');
  }, 30_000);

  it('stayed on its own origin and raised no page errors', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
