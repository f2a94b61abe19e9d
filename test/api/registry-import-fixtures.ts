import { expect } from 'vitest';
import type { TestApp } from '../helpers/app.ts';

/** Shared by the import tests and the scope matrix: multipart uploads, CSV files, waiting for a job. */

export function fileUpload(data: Buffer, filename: string, type = 'text/csv'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----shiyu${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const csv = (rows: (string | number)[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

export async function upload(t: TestApp, cookie: string, kind: string, data: Buffer, filename = 'import.csv') {
  return t.as(cookie, { method: 'POST', url: `/api/registry/imports?kind=${kind}`, ...fileUpload(data, filename) });
}

/** Polls a job until it leaves the given statuses. */
export async function waitJob(t: TestApp, cookie: string, id: number, busy: string[] = ['checking', 'importing'], timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.as(cookie, { url: `/api/registry/imports/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json();
    if (!busy.includes(job.status)) return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Uploads and waits for the check to end. */
export async function checked(t: TestApp, cookie: string, kind: string, data: Buffer, filename = 'import.csv') {
  const res = await upload(t, cookie, kind, data, filename);
  expect(res.statusCode, res.body).toBe(202);
  return waitJob(t, cookie, res.json().id);
}

export const PEOPLE_HEADER = ['姓名', '公民身份号码', '民族', '联系电话', '网格编码', '居住类型'];

/** Import jobs for the scope matrix: per writer one to read, one to run, one to cancel; one of 青山区 and one per city. */
export interface ImportMatrixFixture { own: Record<string, { view: number; run: number; cancel: number }>; qs: number; byCity: Record<string, number> }

export async function importMatrixFixture(t: TestApp, users: Record<string, { username: string; role: string; cityCode: string }>, grids: { kdlGrid: string; qsGrid: string; hlbeGrid: string }, newId: () => string): Promise<ImportMatrixFixture> {
  const file = (grid: string) => csv([PEOPLE_HEADER, ['矩阵导入', newId(), '汉族', '', grid, '']]);
  const job = async (cookie: string, grid: string) => (await checked(t, cookie, 'people', file(grid))).id as number;
  const own: ImportMatrixFixture['own'] = {};
  for (const w of Object.values(users)) {
    if (!['city_admin', 'district_staff', 'street_staff', 'community_staff', 'grid_worker'].includes(w.role)) continue;
    const cookie = await t.login(w.username);
    const grid = w.cityCode === '150700' ? grids.hlbeGrid : grids.kdlGrid;
    own[w.username] = { view: await job(cookie, grid), run: await job(cookie, grid), cancel: await job(cookie, grid) };
  }
  return { own, qs: await job(await t.login('qs.grid', 'qingshan-2026'), grids.qsGrid), byCity: { '150200': own.admin.view, '150700': own['hlbe.admin'].view } };
}
