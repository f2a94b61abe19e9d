import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { get, ok } from './mediation-fixtures.ts';

// 调解设置 as the settings page edits them: with the version it read, so two editors do not overwrite each other.
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const put = async (who: string, payload: Record<string, unknown>) => t.as(await t.login(who), { method: 'PUT', url: '/api/mediation/settings', payload });
const terms = { conclusionDays: 30, courtDays: 30, courtExtensionDays: 30, redAfterWorkdays: 5 };

describe('调解设置 (the city’s terms) with a version', () => {
  it('0 while the defaults hold; each save +1; a save with an old version is refused 409 naming version, nothing written', async () => {
    expect(ok(await get(t, 'admin', '/api/mediation/settings'))).toEqual({ ...terms, version: 0 });
    expect(ok(await put('admin', { ...terms, conclusionDays: 25, version: 0 }))).toEqual({ ...terms, conclusionDays: 25, version: 1 });
    const stale = await put('admin', { ...terms, conclusionDays: 20, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', details: { field: 'version' } });
    expect(stale.json().error.message).toContain('调解设置已被他人修改');
    expect(ok(await get(t, 'mediator', '/api/mediation/settings'))).toEqual({ ...terms, conclusionDays: 25, version: 1 });
    // Without a version (an integration that does not read first) the save goes through.
    expect(ok(await put('admin', { ...terms, redAfterWorkdays: 3 })).version).toBe(2);
    expect(ok(await get(t, 'hlbe.admin', '/api/mediation/settings')).version).toBe(0);
    const audits = await t.tdb.db.selectFrom('audit_log').select('detail').where('action', '=', 'mediation.settings.update').orderBy('id').execute();
    expect(audits.map((a) => a.detail)).toEqual([
      { before: terms, after: { ...terms, conclusionDays: 25 } },
      { before: { ...terms, conclusionDays: 25 }, after: { ...terms, redAfterWorkdays: 3 } },
    ]);
    const bad = await put('admin', { ...terms, courtDays: 45, version: 2 });
    expect(bad.json().error.details.field).toBe('courtDays');
  });
});
