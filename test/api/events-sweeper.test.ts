import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfDay } from '../../src/kernel/calendar/index.ts';
import { redFrom, workdaysLate } from '../../src/modules/events/sweeper/levels.ts';
import { sweepOnce } from '../../src/modules/events/sweeper/sweep.ts';
import { startSweeper } from '../../src/modules/events/sweeper/runner.ts';
import { ROOT } from '../../src/version.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, ok, places, residentTicket, type Places } from './tickets-fixtures.ts';

let t: TestApp;
let p: Places;
beforeAll(async () => { t = await createTestApp(); p = await places(t); });
afterAll(async () => { await t?.close(); });

// 2026 国庆: Thu 1 – Wed 7 Oct are holidays; Sat 10 Oct is a make-up working day (调休上班).
const DUE = endOfDay('2026-09-30'); // a Wednesday, the last working day before the holiday
const at = (s: string) => new Date(`${s}+08:00`);
const OCT_9 = at('2026-10-09T10:00:00'); // Fri: working days late: 8, 9 Oct → 2
const OCT_10 = at('2026-10-10T09:00:00'); // Sat, make-up working day: 3 → more than 2
const db = () => t.tdb.db;

/** Moves a ticket's deadlines (the API sets them from today; these tests need 2026's 国庆). */
const setDue = (id: number, set: { due_at?: Date; sign_due_at?: Date | null }) => db().updateTable('ticket').set(set).where('id', '=', id).execute();
const supervision = async (id: number) => (await db().selectFrom('ticket').select('supervision').where('id', '=', id).executeTakeFirstOrThrow()).supervision;
const superviseRows = (id: number) => db().selectFrom('ticket_action').selectAll().where('ticket_id', '=', id).where('action', '=', 'supervise').orderBy('seq').execute();

describe('working days late across 国庆 2026', () => {
  it('counts only working days after the deadline’s day that have begun', () => {
    expect(workdaysLate(DUE, at('2026-10-01T12:00:00'))).toBe(0);
    expect(workdaysLate(DUE, at('2026-10-07T23:00:00'))).toBe(0);
    expect(workdaysLate(DUE, at('2026-10-08T00:00:00'))).toBe(1);
    expect(workdaysLate(DUE, OCT_9)).toBe(2);
    expect(workdaysLate(DUE, OCT_10)).toBe(3);
    expect(redFrom(DUE, 2)).toEqual(at('2026-10-10T00:00:00'));
    expect(redFrom(endOfDay('2026-10-09'), 2)).toEqual(at('2026-10-13T00:00:00')); // Sat 10 works, Sun 11 rests: Mon 12, Tue 13
  });
});

describe('the deadline sweeper 督办', () => {
  it('yellow once the handling deadline has passed, red only when more than 2 working days late; one row per level, as 系统, with a notice', async () => {
    const id = await residentTicket(t, p, 3); // accepted by 住建局
    await setDue(id, { due_at: DUE });
    expect((await sweepOnce(db(), at('2026-09-30T23:00:00'))).raised).toEqual([]);
    const holiday = await sweepOnce(db(), at('2026-10-05T10:00:00'));
    expect(holiday.raised).toMatchObject([{ id, level: 'yellow', from: 'none', workdaysLate: 0 }]);
    const r9 = await sweepOnce(db(), OCT_9);
    expect(r9.raised).toEqual([]); // 2 working days late: still yellow
    expect(await supervision(id)).toBe('yellow');
    const r10 = await sweepOnce(db(), OCT_10);
    expect(r10.raised).toMatchObject([{ id, level: 'red', from: 'yellow', workdaysLate: 3 }]);
    expect((await sweepOnce(db(), at('2026-10-20T10:00:00'))).raised).toEqual([]);
    const rows = await superviseRows(id);
    expect(rows.map((r) => r.data)).toEqual([{ level: 'yellow' }, { level: 'red' }]);
    expect(rows[0]).toMatchObject({ actor_id: null, actor_name: '系统', actor_role: 'system', from_state: 'accepted', to_state: 'accepted' });
    expect(rows[0].note).toContain('办理期限 2026-09-30 23:59:59');
    expect(rows[1].note).toContain('已逾期 3 个工作日');
    expect(rows[1].at).toEqual(OCT_10);
    // The same timeline and notices as a person's 督办.
    const detail = ok(await t.as(await t.login('dispatcher'), { url: `/api/tickets/${id}` }));
    expect(detail.ticket.supervision).toBe('red');
    expect(detail.timeline.slice(-2).map((a: { action: string; by: { name: string } }) => [a.action, a.by.name])).toEqual([['supervise', '系统'], ['supervise', '系统']]);
    const notes = ok(await t.as(await t.login('dept.zhujian'), { url: '/api/notifications' })).items.filter((n: { ticketId: number; kind: string }) => n.ticketId === id && n.kind === 'supervise');
    expect(notes.map((n: { message: string }) => n.message.includes('红牌') ? 'red' : 'yellow').sort()).toEqual(['red', 'yellow']);
  });

  it('a ticket not signed for is supervised on its 签收 deadline; one found already past the red line gets red at once', async () => {
    const late = await residentTicket(t, p, 2); // dispatched, not signed
    await setDue(late, { sign_due_at: DUE, due_at: endOfDay('2026-10-20') });
    const other = await residentTicket(t, p, 2);
    await setDue(other, { sign_due_at: endOfDay('2026-09-24'), due_at: endOfDay('2026-10-20') });
    const r = await sweepOnce(db(), OCT_9);
    expect(r.raised.filter((x) => [late, other].includes(x.id))).toEqual([
      expect.objectContaining({ id: late, level: 'yellow', workdaysLate: 2, deadline: DUE.toISOString() }),
      expect.objectContaining({ id: other, level: 'red', from: 'none' }),
    ]);
    expect((await superviseRows(other)).map((x) => x.data)).toEqual([{ level: 'red' }]);
    expect((await superviseRows(late))[0].note).toContain('签收期限');
  });

  it('a pending 延期 request holds the ticket at yellow until the centre answers (the only pause)', async () => {
    const id = await residentTicket(t, p, 3);
    ok(await act(t, 'dept.zhujian', id, { action: 'request_extension', days: 3, reason: '需要协调物业和供电公司' }));
    await setDue(id, { due_at: DUE });
    const r = await sweepOnce(db(), OCT_10);
    expect(r.raised.filter((x) => x.id === id)).toMatchObject([{ level: 'yellow' }]);
    expect(r.held.map((x) => x.id)).toContain(id);
    expect((await superviseRows(id))[0].note).toContain('有延期申请待审批');
    expect((await sweepOnce(db(), at('2026-10-16T10:00:00'))).raised.filter((x) => x.id === id)).toEqual([]);
    ok(await act(t, 'dispatcher', id, { action: 'rule_extension', approve: false, note: '不予延期' }));
    expect((await sweepOnce(db(), at('2026-10-16T10:00:00'))).raised.filter((x) => x.id === id)).toMatchObject([{ level: 'red', from: 'yellow' }]);
  });

  it('the city’s redAfterWorkdays moves the red line; tickets on time or closed are left alone', async () => {
    const id = await residentTicket(t, p, 3);
    await setDue(id, { due_at: DUE });
    const closed = await residentTicket(t, p, 6);
    await setDue(closed, { due_at: DUE });
    const put = await t.as(await t.login('admin'), { url: '/api/tickets/deadline-policy' });
    ok(await t.as(await t.login('admin'), { method: 'PUT', url: '/api/tickets/deadline-policy', payload: { ...ok(put).policy, redAfterWorkdays: 5 } }));
    const r = await sweepOnce(db(), at('2026-10-13T10:00:00')); // 8, 9, 10, 12, 13 Oct: 5 working days late
    expect(r.raised.filter((x) => [id, closed].includes(x.id))).toMatchObject([{ id, level: 'yellow', workdaysLate: 5 }]);
    expect((await sweepOnce(db(), at('2026-10-14T08:00:00'))).raised.filter((x) => x.id === id)).toMatchObject([{ level: 'red', workdaysLate: 6 }]);
    expect(await superviseRows(closed)).toEqual([]);
    ok(await t.as(await t.login('admin'), { method: 'PUT', url: '/api/tickets/deadline-policy', payload: { ...ok(put).policy, redAfterWorkdays: 2 } }));
  });

  it('two sweepers at once (two nodes) write exactly one supervise row per ticket and level', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await residentTicket(t, p, 3));
    await db().updateTable('ticket').set({ due_at: DUE }).where('id', 'in', ids).execute();
    const [a, b] = await Promise.all([sweepOnce(db(), OCT_9, { batchSize: 2 }), sweepOnce(db(), OCT_9, { batchSize: 2 })]);
    const raised = [...a.raised, ...b.raised].filter((x) => ids.includes(x.id));
    expect(raised).toHaveLength(12);
    // Nothing refused: each sweeper skipped what the other held, rather than reading it stale.
    expect([...a.refused, ...b.refused]).toEqual([]);
    expect(new Set(raised.map((x) => x.id)).size).toBe(12);
    const [c, d] = await Promise.all([sweepOnce(db(), OCT_10, { batchSize: 3 }), sweepOnce(db(), OCT_10, { batchSize: 5 })]);
    expect([...c.raised, ...d.raised].filter((x) => ids.includes(x.id))).toHaveLength(12);
    const rows = await db().selectFrom('ticket_action').select(['ticket_id', 'data']).where('ticket_id', 'in', ids).where('action', '=', 'supervise').execute();
    const perLevel = new Map<string, number>();
    for (const r of rows) { const k = `${r.ticket_id}/${(r.data as { level: string }).level}`; perLevel.set(k, (perLevel.get(k) ?? 0) + 1); }
    expect(perLevel.size).toBe(24);
    expect([...perLevel.values()].every((n) => n === 1)).toBe(true);
    const notices = await db().selectFrom('notification').select('ticket_id').where('ticket_id', 'in', ids).where('kind', '=', 'supervise').execute();
    expect(notices).toHaveLength(24);
  });

  it('the server’s runner sweeps every SWEEP_SECONDS at the real time and stops cleanly; 0 turns it off', async () => {
    const id = await residentTicket(t, p, 3);
    await setDue(id, { due_at: DUE }); // more than 2 working days before today (2026-11 or later): red at once
    const logged: string[] = [];
    const log = { info: (_o: object, m: string) => logged.push(m), error: (_o: object, m: string) => logged.push(`ERROR ${m}`) };
    const off = startSweeper(db(), 0, log);
    await new Promise((r) => setTimeout(r, 1200));
    await off.stop();
    expect(await supervision(id)).toBe('none');
    const runner = startSweeper(db(), 1, log);
    for (let i = 0; i < 40 && (await supervision(id)) === 'none'; i++) await new Promise((r) => setTimeout(r, 100));
    await runner.stop();
    expect(await supervision(id)).toBe('red');
    expect(logged.some((m) => m.startsWith('督办 sweep:'))).toBe(true);
    expect(logged.filter((m) => m.startsWith('ERROR'))).toEqual([]);
  });

  it('`shiyu events sweep --now` prints what it did', async () => {
    const id = await residentTicket(t, p, 3);
    await setDue(id, { due_at: DUE });
    const number = (await db().selectFrom('ticket').select('number').where('id', '=', id).executeTakeFirstOrThrow()).number;
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'events', 'sweep', '--now', '2026-10-09T10:00:00+08:00'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.tdb.url } });
    expect(stdout).toMatch(/sweep at 2026-10-09 10:00:00 \(Shanghai\): \d+ overdue tickets checked, 1 raised/);
    expect(stdout).toContain(`${number}  none → yellow  deadline 2026-09-30 23:59:59, 2 working days late`);
    expect(await supervision(id)).toBe('yellow');
    await expect(run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'events', 'sweep', '--now', 'yesterday'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.tdb.url } })).rejects.toThrow(/--now/);
  }, 60_000);
});
