// Browser test of the console: log in, open the grid map, drill down city → 昆都仑区 → a street →
// a community by clicking polygons on the map, then click a grid and read its details drawer.
//
// Needs a running server with the demo data: SHIYU_E2E_URL=http://localhost:3000 (skipped otherwise).
// Chromium: /usr/bin/chromium (or CHROMIUM_PATH). MapLibre needs WebGL2, which headless Chromium
// provides through SwiftShader (see CHROMIUM_ARGS). Screenshots go to .tmp/e2e/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, startE2EServer, type E2EServer } from './server.ts';

let BASE = ''; // the server under test: started below, or SHIYU_E2E_URL
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const USERNAME = process.env.SHIYU_E2E_USER ?? 'admin';
const PASSWORD = process.env.SHIYU_E2E_PASSWORD ?? 'shiyu-demo-2026';
const DISTRICT = process.env.SHIYU_E2E_DISTRICT ?? '昆都仑区';
const OUT = path.resolve(process.cwd(), '.tmp/e2e');


const LEVEL_BELOW: Record<string, string> = { city: 'district', district: 'street', street: 'community', community: 'grid' };

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

/** Waits until the map has drawn the area `code` (or any area when omitted); returns its level. */
async function mapReady(page: Page, code?: string): Promise<{ code: string; level: string }> {
  await page.waitForFunction(
    (want) => {
      const wrap = document.querySelector('[data-test=map-wrap]');
      const map = document.querySelector('[data-test=area-map]');
      const ready = wrap?.getAttribute('data-ready-code');
      return !!ready && map?.getAttribute('data-state') === 'ready' && (!want || ready === want);
    },
    code ?? null,
    { timeout: 30_000 },
  );
  const summary = page.locator('[data-test=area-summary]');
  return { code: (await summary.getAttribute('data-code')) ?? '', level: (await summary.getAttribute('data-level')) ?? '' };
}

interface Label { code: string; name: string; x: number; y: number }

/**
 * The map's area labels, nearest the map's centre first. Each sits on a point inside its polygon;
 * a label hidden because it would overlap another still marks such a point.
 */
async function labels(page: Page, withHidden = false): Promise<Label[]> {
  return page.evaluate((withHidden) => {
    const map = document.querySelector('[data-test=area-map]')!.getBoundingClientRect();
    const cx = map.left + map.width / 2;
    const cy = map.top + map.height / 2;
    return [...document.querySelectorAll<HTMLElement>('[data-test=map-label]')]
      .filter((el) => withHidden || el.style.visibility !== 'hidden')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { code: el.dataset.code ?? '', name: el.dataset.name ?? el.textContent ?? '', x: r.left + r.width / 2, y: r.top + r.height / 2 };
      })
      // Inside the map, clear of the zoom buttons in the top-right corner.
      .filter((l) => l.x > map.left + 10 && l.x < map.right - 60 && l.y > map.top + 10 && l.y < map.bottom - 30)
      .sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy));
  }, withHidden);
}

describe('console in a browser', () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const outside: string[] = [];

  beforeAll(async () => {
    server = await startE2EServer();
    BASE = server.url;
    fs.mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(BASE!) && !/^(data|blob):/.test(u)) outside.push(u);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in as the city admin', async () => {
    await page.goto(`${BASE}/login`);
    await page.locator('[data-test=login-username]').fill(USERNAME);
    await page.locator('[data-test=login-password]').fill(PASSWORD);
    await shot(page, '01-login');
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL(/\/overview/);
    await page.locator('[data-test=tile-grid]').waitFor();
    expect(await page.locator('[data-test=current-user]').textContent()).toContain('市级管理员');
    await shot(page, '02-overview');
  }, 60_000);

  it(`drills down the map from the city to a grid of ${DISTRICT}`, async () => {
    await page.locator('[data-test=nav-map]').click();
    let here = await mapReady(page);
    expect(here.level).toBe('city');
    await shot(page, '03-map-city');

    // city → district: the polygon named 昆都仑区.
    const district = (await labels(page, true)).find((l) => l.name === DISTRICT);
    expect(district, `label ${DISTRICT} on the city map`).toBeTruthy();
    const steps: Label[] = [district!];
    const names = ['04-map-district', '05-map-street', '06-map-community'];
    for (let i = 0; i < 3; i++) {
      const target = steps[i];
      await page.mouse.click(target.x, target.y);
      here = await mapReady(page, target.code);
      expect(here.level).toBe(LEVEL_BELOW[i === 0 ? 'city' : i === 1 ? 'district' : 'street']);
      await expect.poll(() => page.locator('[data-test=map-breadcrumb]').textContent()).toContain(target.name);
      await shot(page, names[i]);
      if (i < 2) {
        const next = (await labels(page))[0];
        expect(next, `an area to click inside ${target.name}`).toBeTruthy();
        steps.push(next);
      }
    }
    expect(here.level).toBe('community');
    expect(await page.locator('[data-test=map-breadcrumb]').textContent()).toContain(DISTRICT);

    // community → grid: clicking a grid opens its details, not another level.
    const grid = (await labels(page))[0];
    expect(grid, 'a grid on the community map').toBeTruthy();
    await page.mouse.click(grid.x, grid.y);
    const code = page.locator('[data-test=grid-code]');
    await code.waitFor();
    expect(await code.textContent()).toBe(grid.code);
    expect(await page.locator('[data-test=grid-name]').textContent()).toBe(grid.name);
    expect(await page.locator('[data-test=grid-community]').textContent()).toBe(steps[2].name);
    expect(await page.locator('[data-test=grid-street]').textContent()).toBe(steps[1].name);
    expect(await page.locator('[data-test=grid-district]').textContent()).toBe(DISTRICT);
    expect(await page.locator('[data-test=grid-households]').textContent()).toMatch(/^[\d,]+$/);
    expect(await page.locator('[data-test=grid-center]').textContent()).toMatch(/\d+\.\d+/);
    await page.waitForTimeout(400); // drawer animation
    await shot(page, '07-grid-drawer');
  }, 120_000);

  it('locates the grid under a clicked point', async () => {
    await page.keyboard.press('Escape');
    const grid = (await labels(page))[0];
    await page.locator('[data-test=locate-toggle]').click();
    await page.mouse.click(grid.x, grid.y);
    await page.locator('[data-test=locate-grid]').waitFor();
    expect(await page.locator('[data-test=locate-grid]').textContent()).toBe(grid.name);
    await shot(page, '08-locate');
  }, 60_000);

  it('stayed offline and raised no page errors', () => {
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
