// Browser test of the 随手拍 pin map on a phone (390×844): the resident's map starts on their
// district with the city's street outlines; a tap in 昆都仑区 names the grid that will take the
// report and the report lands in that grid; a tap outside the city warns and blocks sending;
// offline, the line says the system will place it and the report still waits in the outbox.
// Screenshots go to .tmp/pinmap/. Runs on the built web/dist (npm run build:web first).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';
import { ApiClient } from './api-client.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'shiyu-demo-2026';
const OUT = path.resolve(process.cwd(), '.tmp/pinmap');
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
// 乌拉特前旗 (巴彦淖尔市), west of Baotou: in no grid of the resident's city.
const OUTSIDE: [number, number] = [107.8, 40.9];

/** Screen position of a lon/lat on the pin map, from the view it publishes (MapLibre: 512 px tiles, Web Mercator); null when off the map. */
async function pixelOf(page: Page, [lon, lat]: [number, number]): Promise<{ x: number; y: number } | null> {
  const map = page.locator('[data-test=pin-map]');
  const [cLon, cLat, zoom] = (await map.getAttribute('data-view'))!.split(',').map(Number);
  const box = (await map.boundingBox())!;
  const world = 512 * 2 ** zoom;
  const x = (l: number) => ((l + 180) / 360) * world;
  const y = (p: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (p * Math.PI) / 360)) / Math.PI) / 2) * world;
  const at = { x: box.x + box.width / 2 + x(lon) - x(cLon), y: box.y + box.height / 2 + y(lat) - y(cLat) };
  // On the map, clear of the zoom buttons (top right).
  const on = at.x > box.x + 4 && at.x < box.x + box.width - 44 && at.y > box.y + 4 && at.y < box.y + box.height - 4;
  return on ? at : null;
}

describe('随手拍 pin map: where the pin is and which grid takes the report', () => {
  let server: E2EServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const api: Record<string, ApiClient> = {};
  const pageErrors: string[] = [];
  const ticketPosts: string[] = [];
  let gridCentre: [number, number];

  const shot = (name: string, fullPage = false) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
  const placeLine = () => page.locator('[data-test=report-place]');
  const pinned = async (): Promise<[number, number]> => {
    const m = (await page.locator('[data-test=report-point]').textContent())!.match(/(-?[\d.]+),\s*(-?[\d.]+)/);
    return [Number(m![1]), Number(m![2])];
  };
  /** The map and the line under it in view (below the offline banner when there is one). */
  const showMap = () => page.evaluate(() => {
    const title = document.querySelector('[data-test=report-locate]')!;
    window.scrollTo(0, title.getBoundingClientRect().top + window.scrollY - 90);
  });
  /** A finger on the map at a place (the map does not move: the finger is already there). */
  const tap = async (where: [number, number]) => {
    const at = await pixelOf(page, where);
    expect(at, `${where} is on the map`).not.toBeNull();
    await page.touchscreen.tap(at!.x, at!.y);
  };
  const moved = async (act: () => Promise<void>) => {
    const before = await page.locator('[data-test=pin-map]').getAttribute('data-view');
    await act();
    await expect.poll(() => page.locator('[data-test=pin-map]').getAttribute('data-view')).not.toBe(before);
  };

  beforeAll(async () => {
    server = await startE2EServer();
    fs.mkdirSync(OUT, { recursive: true });
    for (const u of ['resident', 'kdl.grid']) {
      api[u] = new ApiClient(server.url);
      await api[u].login(u);
    }
    const me = await api['kdl.grid'].call('GET', '/api/auth/me');
    gridCentre = (await api['kdl.grid'].call('GET', `/api/areas/${me.user.scopeCode}/self.geojson`)).features[0].properties.center;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext(PHONE_VIEW);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/tickets') ticketPosts.push(r.url());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts on the resident\'s street in their district, with the street outlines and no grid outlines', async () => {
    const outlines: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/areas/')) outlines.push(u.pathname + u.search);
    });
    await page.goto(`${server.url}/m/login`);
    await page.locator('[data-test=login-username] input').fill('resident');
    await page.locator('[data-test=login-password] input').fill(PASSWORD);
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL(/\/m\/report$/);
    const map = page.locator('[data-test=pin-map][data-state=ready]');
    await map.waitFor({ timeout: 30_000 });
    expect(Number(await map.getAttribute('data-outline'))).toBeGreaterThan(90); // 10 districts and 91 streets of Baotou
    // The map looks at the resident's street in 昆都仑区 (a street is a few km across).
    const [lon, lat, zoom] = (await map.getAttribute('data-view'))!.split(',').map(Number);
    expect(lon).toBeGreaterThan(109.6);
    expect(lon).toBeLessThan(110.0);
    expect(lat).toBeGreaterThan(40.5);
    expect(lat).toBeLessThan(40.9);
    expect(zoom).toBeGreaterThan(10.5);
    expect(zoom).toBeLessThan(15);
    expect(outlines.sort()).toEqual(['/api/areas/outline.geojson?level=district', '/api/areas/outline.geojson?level=street']);
    expect(await page.locator('[data-test=report-place]').count()).toBe(0);
    await showMap();
    await shot('01-start-on-street');

    // Fetched once: on the next visit the browser only asks whether it changed (If-None-Match, a 304).
    const asked: Promise<string>[] = [];
    const onRequest = (r: Request) => {
      if (r.url().includes('/api/areas/outline.geojson')) asked.push(r.allHeaders().then((h) => h['if-none-match'] ?? ''));
    };
    page.on('request', onRequest);
    await page.reload();
    await page.locator('[data-test=pin-map][data-state=ready]').waitFor({ timeout: 30_000 });
    page.off('request', onRequest);
    expect((await Promise.all(asked)).sort()).toEqual([expect.stringMatching(/^"150200-district-/), expect.stringMatching(/^"150200-street-/)]);
  }, 90_000);

  it('a tap in 昆都仑区 names the grid that will take the report, and the report lands there', async () => {
    await tap(gridCentre);
    await expect.poll(() => placeLine().getAttribute('data-kind')).toBe('found');
    const point = await pinned();
    // A tap at this scale is within a pixel or two (≈ 100 m) of the aim.
    expect(Math.abs(point[0] - gridCentre[0])).toBeLessThan(0.002);
    expect(Math.abs(point[1] - gridCentre[1])).toBeLessThan(0.002);
    const where = await api.resident.call('GET', `/api/areas/locate?lon=${point[0]}&lat=${point[1]}`);
    const text = (await placeLine().textContent())!.trim();
    expect(text).toMatch(/^位置：昆都仑区 · .+街道 · .+ · 第\d+网格（将由该网格受理）$/);
    expect(text).toContain(`${where.street.name} · ${where.community.name} · ${where.grid.name.replace(where.community.name, '')}`);
    await page.locator('[data-test=report-description] textarea').fill('人行道上的井盖松动，踩上去会响，担心孩子踩空');
    await shot('02-pinned-grid-named', true);

    await page.locator('[data-test=report-submit]').click();
    const number = (await page.locator('[data-test=report-number]').textContent({ timeout: 30_000 }))!.trim();
    await shot('03-sent');
    const mine = await api.resident.call('GET', '/api/tickets?mine=true');
    const ticket = mine.items.find((t: { number: string }) => t.number === number);
    expect(ticket.gridCode).toBe(where.grid.code);
  }, 90_000);

  it('a tap outside the city warns and the report is not sent', async () => {
    await page.locator('[data-test=report-another]').click();
    await page.locator('[data-test=pin-map][data-state=ready]').waitFor({ timeout: 30_000 });
    const refused = await fetch(`${server.url}/api/areas/locate?lon=${OUTSIDE[0]}&lat=${OUTSIDE[1]}`, { headers: { cookie: await sessionCookie(page) } });
    expect(refused.status).toBe(404); // the place really is outside the resident's city
    // Zoom out until the place, west of the city, is on the map.
    for (let i = 0; i < 10 && !(await pixelOf(page, OUTSIDE)); i++) await moved(() => page.locator('.maplibregl-ctrl-zoom-out').click());
    await page.waitForSelector('[data-test=pin-map][data-state=ready]');
    await tap(OUTSIDE);
    await expect.poll(() => placeLine().getAttribute('data-kind')).toBe('outside');
    expect((await placeLine().textContent())!.trim()).toBe('该位置不在本市网格范围内，请重新选点');
    await page.locator('[data-test=report-description] textarea').fill('这里的路灯不亮');
    await showMap();
    await shot('04-outside-warning');

    const posts = ticketPosts.length;
    await page.locator('[data-test=report-submit]').click();
    await expect.poll(() => page.locator('[data-test=report-error]').textContent()).toContain('该位置不在本市网格范围内，请重新选点');
    expect(await page.locator('[data-test=report-result]').count()).toBe(0);
    expect(ticketPosts.length).toBe(posts);
    await shot('05-outside-blocked', true);
  }, 90_000);

  it('offline: the line says the system will place it, and the report waits in the outbox', async () => {
    await context.setOffline(true);
    await page.locator('[data-test=offline-banner]').waitFor();
    await page.waitForSelector('[data-test=pin-map][data-state=ready]');
    // Back to the grid's place (zoomed out: any point of 昆都仑区 will do).
    await tap(gridCentre);
    await expect.poll(() => placeLine().getAttribute('data-kind')).toBe('offline');
    expect((await placeLine().textContent())!.trim()).toBe('离线：提交后由系统定位网格');
    await showMap();
    await shot('06-offline');
    await page.locator('[data-test=report-submit]').click();
    await page.locator('[data-test=report-waiting]').waitFor();
    await context.setOffline(false);
    await page.locator('[data-test=report-number]').waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

async function sessionCookie(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}
