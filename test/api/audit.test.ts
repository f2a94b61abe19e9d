import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { verifyAuditChain } from '../../src/kernel/audit/audit.ts';

const run = promisify(execFile);
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

async function cliVerify(): Promise<{ code: number; out: string }> {
  try {
    const r = await run('node', ['bin/shiyu.js', 'audit', 'verify'], { env: { ...process.env, DATABASE_URL: t.tdb.url } });
    return { code: 0, out: r.stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

describe('the hash-chained audit log', () => {
  it('is append-only in the database itself', async () => {
    await t.login('admin');
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.tdb.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.tdb.db)).rejects.toThrow(/append-only/);
  });

  it('verifies through the API and the CLI, and both detect a record altered behind the trigger', async () => {
    const admin = await t.login('admin');
    await t.login('dispatcher');
    await t.login('kdl.street');
    const ok = (await t.as(admin, { method: 'POST', url: '/api/audit/verify' })).json();
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThanOrEqual(3);
    const cliOk = await cliVerify();
    expect(cliOk.code).toBe(0);
    expect(cliOk.out).toMatch(/chain intact/);

    // A superuser with table access edits a row with the trigger off: the chain shows it.
    const target = await t.tdb.db.selectFrom('audit_log').select('id').where('action', '=', 'auth.login').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(t.tdb.db);
    await sql`UPDATE audit_log SET actor_name = '别人' WHERE id = ${target.id}`.execute(t.tdb.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(t.tdb.db);
    const broken = await verifyAuditChain(t.tdb.db);
    expect(broken).toMatchObject({ ok: false, brokenAt: target.id });
    const cliBroken = await cliVerify();
    expect(cliBroken.code, `${cliBroken.code} ${cliBroken.out}`).toBe(1);
    expect(cliBroken.out).toMatch(new RegExp(`record ${target.id}`));
  });

  it('detects a removed record', async () => {
    const t2 = await createTestApp();
    try {
      for (const u of ['admin', 'dispatcher', 'kdl.street']) await t2.login(u);
      const rows = await t2.tdb.db.selectFrom('audit_log').select('id').orderBy('id').execute();
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(t2.tdb.db);
      await sql`DELETE FROM audit_log WHERE id = ${rows[1].id}`.execute(t2.tdb.db);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(t2.tdb.db);
      const r = await verifyAuditChain(t2.tdb.db);
      expect(r).toMatchObject({ ok: false, brokenAt: rows[2].id });
    } finally {
      await t2.close();
    }
  });
});
