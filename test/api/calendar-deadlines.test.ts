// 期限重算: entering a year's holiday schedule recounts the deadlines of open tickets that reach into
// it — from their action rows, only where the calendar alone had set them — tells their units and
// records what changed in the entry's audit record.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { addWorkdays, DEFAULT_DEADLINE_POLICY, deadlineFor } from '../../src/kernel/calendar/index.ts';
import { MADE_UP_2027, MADE_UP_SOURCE } from '../../src/kernel/calendar/test-schedule.ts';
import { act, file, ok, places, ticketBody, ZHUJIAN, type Places } from './tickets-fixtures.ts';

let t: TestApp;
let p: Places;
// The story needs 2027 still to come and unentered: the tickets are dispatched on a Thursday in
// November 2026 (Date only, advancing), so 60 working days reach past 春节 2027 and 3 stay in 2026.
// On the real clock from late December (3 working days reach 2027) or in 2027 the counts differ.
const NOW = new Date('2026-11-26T10:00:00+08:00');
beforeAll(async () => {
  t = await createTestApp();
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(NOW);
  p = await places(t);
});
afterAll(async () => { vi.useRealTimers(); await t?.close(); });

const policy = (complaintDays: number) => ({ ...DEFAULT_DEADLINE_POLICY, handleWorkdays: { ...DEFAULT_DEADLINE_POLICY.handleWorkdays, 投诉: complaintDays } });
const setPolicy = async (days: number) => ok(await t.as(await t.login('admin'), { method: 'PUT', url: '/api/tickets/deadline-policy', payload: policy(days) }));

/** A complaint filed, registered and dispatched to 住建 now: its 办理 deadline is `days` working days away. */
async function dispatched(description: string): Promise<number> {
  const id = ok(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center, { description })), 201).id as number;
  ok(await act(t, 'dispatcher', id, { action: 'register' }));
  ok(await act(t, 'dispatcher', id, { action: 'dispatch', assignee: { kind: 'department', department: ZHUJIAN } }));
  return id;
}
const row = (id: number) => t.tdb.db.selectFrom('ticket').select(['number', 'due_at', 'sign_due_at', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
const dispatchedAt = async (id: number) => (await t.tdb.db.selectFrom('ticket_action').select('at').where('ticket_id', '=', id).where('action', '=', 'dispatch').executeTakeFirstOrThrow()).at;
const put2027 = async (days = MADE_UP_2027) => ok(await t.as(await t.login('admin'), { method: 'PUT', url: '/api/calendar/years/2027', payload: { source: MADE_UP_SOURCE, days } }));

describe('entering 2027 recounts the open deadlines that reach into it', () => {
  let earlier: number; // dispatched under a policy changed since: left as set
  let counted: number; // dispatched under the current policy: recounted
  let short: number; // due before 2027: not touched
  let extended: number; // recounted with its approved 延期 of 5 working days

  beforeAll(async () => {
    await setPolicy(70);
    earlier = await dispatched('期限重算测试：按旧时限派遣的工单');
    await setPolicy(60);
    counted = await dispatched('期限重算测试：按现行时限派遣的工单');
    extended = await dispatched('期限重算测试：批准延期的工单');
    ok(await act(t, 'dept.zhujian', extended, { action: 'sign' }));
    ok(await act(t, 'dept.zhujian', extended, { action: 'request_extension', days: 5, reason: '需协调供电公司' }));
    ok(await act(t, 'dispatcher', extended, { action: 'rule_extension', approve: true, note: '同意延期' }));
    short = ok(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center, { demandType: 'consult', description: '期限重算测试：咨询三个工作日内办结' })), 201).id;
    ok(await act(t, 'dispatcher', short, { action: 'register' }));
    ok(await act(t, 'dispatcher', short, { action: 'dispatch', assignee: { kind: 'department', department: ZHUJIAN } }));
  });

  it('moves the deadline the calendar set, leaves the others, tells the unit and audits it', async () => {
    const before = { earlier: await row(earlier), counted: await row(counted), short: await row(short) };
    // Weekends only until 2027 is entered: 60 working days from today, counted without 元旦 and 春节 2027.
    expect(before.counted.due_at!.getTime()).toBe(deadlineFor(policy(60), { demandType: '投诉', urgent: false }, await dispatchedAt(counted)).handle.at.getTime());

    const out = await put2027();
    expect(out.deadlines).toEqual({ checked: 3, changed: 2, leftAsSet: 1 });

    const after = { earlier: await row(earlier), counted: await row(counted), short: await row(short) };
    // Now counted on the entered schedule (this process's calendar has 2027 since the PUT).
    const expected = deadlineFor(policy(60), { demandType: '投诉', urgent: false }, await dispatchedAt(counted)).handle.at;
    expect(after.counted.due_at!.getTime()).toBe(expected.getTime());
    expect(after.counted.due_at!.getTime()).toBeGreaterThan(before.counted.due_at!.getTime());
    expect(after.counted.version).toBe(before.counted.version + 1);
    const ext = await row(extended);
    expect(ext.due_at!.getTime()).toBe(addWorkdays(deadlineFor(policy(60), { demandType: '投诉', urgent: false }, await dispatchedAt(extended)).handle.at, 5).at.getTime());
    expect(after.earlier).toEqual(before.earlier);
    expect(after.short).toEqual(before.short);

    const notice = await t.tdb.db.selectFrom('notification').select(['department', 'message']).where('ticket_id', '=', counted).where('kind', '=', 'deadline_recalculated').executeTakeFirstOrThrow();
    expect(notice.department).toBe(ZHUJIAN);
    expect(notice.message).toContain('按 2027 年节假日安排重算期限');

    const audit = await t.tdb.db.selectFrom('audit_log').select('detail').where('action', '=', 'calendar_year.enter').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const d = (audit.detail as { deadlines: { changed: number; leftAsSet: number; tickets: { number: string }[]; leftAsSetTickets: string[] } }).deadlines;
    expect(d).toMatchObject({ changed: 2, leftAsSet: 1, leftAsSetTickets: [before.earlier.number] });
    expect(d.tickets.map((c) => c.number)).toEqual([before.counted.number, ext.number]);
  });

  it('entering the same schedule again changes nothing; a replacing version counts again from what the last one set', async () => {
    const counted1 = await row(counted);
    expect((await put2027()).deadlines).toEqual({ checked: 3, changed: 0, leftAsSet: 1 });
    expect(await row(counted)).toEqual(counted1);
    // A replacing version with one more day off (a Friday inside the window) moves it again, from the stored one.
    const extra = [...MADE_UP_2027, { date: '2027-01-29', kind: 'holiday' as const, name: '春节' }];
    expect((await put2027(extra)).deadlines).toEqual({ checked: 3, changed: 2, leftAsSet: 1 });
    const counted2 = await row(counted);
    expect(counted2.due_at!.getTime()).toBe(deadlineFor(policy(60), { demandType: '投诉', urgent: false }, await dispatchedAt(counted)).handle.at.getTime());
    expect(counted2.due_at!.getTime()).toBeGreaterThan(counted1.due_at!.getTime());
  });
});
