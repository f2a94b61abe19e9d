import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfDay } from '../../src/kernel/calendar/index.ts';
import { caseSupervisionDue, sweepMediationOnce } from '../../src/modules/mediation/sweeper/sweep.ts';
import { flagForPolice } from '../../src/modules/mediation/cases/action-service.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, caseAt, createCase, caseBody, demo, get, ok, type Demo } from './mediation-fixtures.ts';

let t: TestApp;
let d: Demo;
beforeAll(async () => { t = await createTestApp(); d = await demo(t); });
afterAll(async () => { await t?.close(); });

// 2026 国庆: 1–7 Oct off; Sat 10 Oct a make-up working day.
const DUE = endOfDay('2026-09-30');
const at = (s: string) => new Date(`${s}+08:00`);
const db = () => t.tdb.db;
const setDue = (id: number, due: Date) => db().updateTable('mediation_case').set({ due_at: due }).where('id', '=', id).execute();
const rows = (id: number) => db().selectFrom('mediation_case_action').selectAll().where('case_id', '=', id).where('action', '=', 'supervise').orderBy('seq').execute();

describe('督办 of overdue cases by the sweeper', () => {
  it('yellow once the conclusion deadline has passed, red when more than 5 working days late (the city’s setting); as 系统, once per level', async () => {
    expect(caseSupervisionDue(DUE, at('2026-10-05T10:00:00'), 5)).toEqual({ level: 'yellow', late: 0 });
    expect(caseSupervisionDue(DUE, at('2026-10-13T10:00:00'), 5)).toEqual({ level: 'yellow', late: 5 }); // 8, 9, 10 (Sat, works), 12, 13
    expect(caseSupervisionDue(DUE, at('2026-10-14T00:00:00'), 5)).toEqual({ level: 'red', late: 6 });
    const c = await caseAt(t, 'mediating', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    await setDue(c.id, DUE);
    expect((await sweepMediationOnce(db(), at('2026-09-30T23:00:00'))).raised.filter((r) => r.id === c.id)).toEqual([]);
    const y = await sweepMediationOnce(db(), at('2026-10-05T10:00:00'));
    expect(y.raised.filter((r) => r.id === c.id)).toMatchObject([{ level: 'yellow', from: 'none', workdaysLate: 0 }]);
    expect((await sweepMediationOnce(db(), at('2026-10-13T10:00:00'))).raised.filter((r) => r.id === c.id)).toEqual([]);
    // Two nodes sweeping at once: SKIP LOCKED shares the cases, the workflow refuses a second red.
    const [r1, r2] = await Promise.all([sweepMediationOnce(db(), at('2026-10-14T09:00:00')), sweepMediationOnce(db(), at('2026-10-14T09:00:00'))]);
    expect([...r1.raised, ...r2.raised].filter((r) => r.id === c.id)).toMatchObject([{ level: 'red', from: 'yellow', workdaysLate: 6 }]);
    const sup = await rows(c.id);
    expect(sup.map((r) => r.data)).toEqual([{ level: 'yellow' }, { level: 'red' }]);
    expect(sup[0]).toMatchObject({ actor_id: null, actor_name: '系统', actor_role: 'system', from_state: 'mediating', to_state: 'mediating' });
    expect(sup[1].note).toContain('已超过调解期限 2026-09-30 23:59:59，已逾期 6 个工作日');
    const seen = ok(await get(t, 'kdl.street', `/api/mediation/cases/${c.id}`));
    expect(seen.case).toMatchObject({ supervision: 'red', overdue: true });
    expect(seen.case.mediators).toHaveLength(1);
    expect(seen.timeline.filter((a: { action: string }) => a.action === 'supervise').map((a: { actionName: string; by: { name: string } }) => `${a.actionName} ${a.by.name}`)).toEqual(['督办 系统', '督办 系统']);
    const overdue = ok(await get(t, 'kdl.district', '/api/mediation/cases?overdue=true&supervision=red'));
    expect(overdue.items.map((x: { id: number }) => x.id)).toContain(c.id);
  });

  it('a concluded case is not swept; a supervisor may raise 督办 by hand, the committee may not', async () => {
    const done = await caseAt(t, 'agreed', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    await setDue(done.id, DUE);
    expect((await sweepMediationOnce(db(), at('2026-11-20T10:00:00'))).raised.filter((r) => r.id === done.id)).toEqual([]);
    const open = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    expect((await act(t, 'kdl.street', open.id, { action: 'supervise', level: 'yellow' })).statusCode).toBe(403);
    const byHand = ok(await act(t, 'kdl.district', open.id, { action: 'supervise', level: 'yellow', note: '请加快调解进度' }));
    expect(byHand.case.supervision).toBe('yellow');
    expect(byHand.action.by).toMatchObject({ name: '昆都仑区综治中心', role: 'district_staff' });
  });

  it('the city’s red line is its setting: with 1 working day, red on the second working day late', async () => {
    const put = await t.as(await t.login('admin'), { method: 'PUT', url: '/api/mediation/settings', payload: { conclusionDays: 30, courtDays: 30, courtExtensionDays: 30, redAfterWorkdays: 1 } });
    expect(put.statusCode, put.body).toBe(200);
    const c = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    await setDue(c.id, DUE);
    const r = await sweepMediationOnce(db(), at('2026-10-09T10:00:00'), { cityCode: '150200' });
    expect(r.raised.filter((x) => x.id === c.id)).toMatchObject([{ level: 'red', from: 'none', workdaysLate: 2 }]);
    expect(await rows(c.id)).toHaveLength(1); // found past the red line: red directly, one row
  });
});

describe('flagForPolice: the hook for the early-warning rules', () => {
  it('flags as 系统 naming the rule, in the caller’s transaction; a second flag is refused', async () => {
    const c = ok(await createCase(t, 'kdl.street', caseBody(d.street.id, d.kdlGrid)), 201);
    const out = await db().transaction().execute((trx) => flagForPolice(trx, '150200', c.id, '同一当事人三个月内第三次纠纷，且有暴力言语', 'repeat_parties'));
    expect(out.case).toMatchObject({ policeFlag: true, policeReason: '同一当事人三个月内第三次纠纷，且有暴力言语' });
    expect(out.action).toMatchObject({ action: 'flag_police', by: { id: null, name: '系统', role: 'system' }, data: { rule: 'repeat_parties' } });
    await expect(db().transaction().execute((trx) => flagForPolice(trx, '150200', c.id, '再次出现暴力言语', 'violent_words'))).rejects.toMatchObject({ status: 409, code: 'already_flagged' });
    expect(ok(await get(t, 'police', `/api/mediation/cases/${c.id}`)).case.policeFlag).toBe(true);
  });
});
