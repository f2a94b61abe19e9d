// The console's sign-in and the API with the page's own session, shared by the console's browser tests.
import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = process.env.SHIYU_E2E_PASSWORD ?? 'shiyu-demo-2026';
const CSRF = { 'x-requested-with': 'shiyu' };

/** Signs out whoever is signed in, then signs in as a demo user on the login page; lands on 首页概览. */
export async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.request.fetch(`${base}/api/auth/logout`, { method: 'POST', headers: CSRF }).catch(() => {});
  await page.goto(`${base}/login`);
  await page.locator('[data-test=login-username]').fill(username);
  await page.locator('[data-test=login-password]').fill(DEMO_PASSWORD);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL(/\/overview/);
}

/** A call to the API as the page's signed-in user (setup and checks); a non-2xx answer throws with its body. */
export async function pageCall<T>(page: Page, base: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, data?: unknown): Promise<T> {
  const res = await page.request.fetch(`${base}${url}`, { method, data, headers: CSRF });
  if (!res.ok()) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}
