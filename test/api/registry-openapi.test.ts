import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('registry in the OpenAPI document', () => {
  it('documents every registry route with a tag, a request and a response schema', async () => {
    const res = await t.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const paths = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown>; requestBody?: { content: Record<string, unknown> } }>>)
      .filter(([p]) => p.startsWith('/api/registry/'));
    const registryRoutes = t.app.routeTable.filter((r) => r.url.startsWith('/api/registry/'));
    expect(paths.reduce((n, [, ops]) => n + Object.keys(ops).length, 0)).toBe(registryRoutes.length);
    for (const [p, ops] of paths) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.tags?.[0], `${method} ${p}`).toMatch(/^registry-/);
        expect(Object.keys(op.responses ?? {}).some((s) => s.startsWith('2')), `${method} ${p}`).toBe(true);
        if (method === 'post' && p.endsWith('/attachments')) expect(Object.keys(op.requestBody?.content ?? {})).toContain('multipart/form-data');
      }
    }
    expect(doc.paths['/api/registry/people'].post.requestBody.content['application/json'].schema.properties.idNumber).toBeDefined();
  });
});
