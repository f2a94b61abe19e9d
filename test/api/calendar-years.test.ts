// 节假日安排 entered by the deployment: a (made-up) 2027 schedule through PUT moves working-day
// deadlines at once on this node, reaches another server process, is kept as versions with an
// audit record, and nothing is written for bad input. The CLI enters and checks the same way.
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { addWorkdays, dayInfo, DEFAULT_DEADLINE_POLICY, setEnteredYears } from '../../src/kernel/calendar/index.ts';
import { MADE_UP_2027, MADE_UP_SOURCE } from '../../src/kernel/calendar/test-schedule.ts';
import { CalendarYearLoader } from '../../src/modules/calendar/year-loader.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { freePort, startCliServer, type CliServer } from '../e2e/cli-server.ts';

const run = promisify(execFile);
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['admin', 'hlbe.admin', 'dispatcher']) await t.login(who); // a first login is audited: not inside the counts below
});
afterAll(async () => { setEnteredYears([]); await t?.close(); });

const as = async (who: string, opts: Parameters<TestApp['as']>[1]) => t.as(await t.login(who), opts);
const ok = (res: LightMyRequestResponse, status = 200) => { expect(res.statusCode, res.body).toBe(status); return res.json(); };
const put = (who: string, year: number | string, payload: unknown) => as(who, { method: 'PUT', url: `/api/calendar/years/${year}`, payload: payload as object });
const count = async (table: 'calendar_year_version' | 'calendar_year_day' | 'audit_log') => Number((await t.tdb.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
/** Refused with `status` naming `field`, and not a row nor an audit record written. */
async function refusedWritingNothing(call: () => Promise<LightMyRequestResponse>, status: number, field: string) {
  const before = [await count('calendar_year_version'), await count('calendar_year_day'), await count('audit_log')];
  const res = await call();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.details.field, res.body).toBe(field);
  expect([await count('calendar_year_version'), await count('calendar_year_day'), await count('audit_log')]).toEqual(before);
  return res.json().error;
}
// Received Thu 2027-09-30 10:00 (Shanghai), under the default policy: 签收 1, 咨询 3 working days.
const preview = (who = 'dispatcher') => as(who, { method: 'POST', url: '/api/tickets/deadline-policy/preview?receivedAt=2027-09-30T10:00:00%2B08:00', payload: DEFAULT_DEADLINE_POLICY as unknown as object });
const consult = (r: { items: Array<{ demandType: string; signDueAt: string; handleDueAt: string }> }) => r.items.find((i) => i.demandType === 'consult')!;
const body2027 = { source: MADE_UP_SOURCE, days: MADE_UP_2027 };
const shiyu = (args: string[]) => run(process.execPath, ['bin/shiyu.js', ...args], { env: { ...process.env, DATABASE_URL: t.tdb.url, LOG_LEVEL: 'warn' } })
  .then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);

describe('before 2027 is entered', () => {
  it('the coverage says the package ships 2004–2026 and 2027 is unknown', async () => {
    const c = ok(await as('dispatcher', { url: '/api/calendar/years' }));
    expect(c.shipped).toMatchObject({ package: 'chinese-days', first: 2004, last: 2026 });
    expect(c.years.at(-1)).toMatchObject({ year: 2026, origin: 'shipped', source: expect.stringMatching(/^chinese-days \d/) });
    expect(c.years.some((y: { year: number }) => y.year === 2027)).toBe(false);
    expect(c.next.year).toBe(c.current.year + 1);
    expect(ok(await as('kdl.grid', { url: '/api/calendar/years/2027' }))).toMatchObject({ year: 2027, origin: null, covered: false, days: [], history: [], source: null });
  });
  it('a shipped year reads as the package has it', async () => {
    const y = ok(await as('dispatcher', { url: '/api/calendar/years/2026' }));
    expect(y).toMatchObject({ origin: 'shipped', covered: true, history: [], note: null });
    expect(y.days.filter((d: { kind: string }) => d.kind === 'makeup').map((d: { date: string }) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });
  it('deadlines across 2027 count weekends only, and say so', async () => {
    const r = ok(await preview());
    expect(consult(r)).toMatchObject({ signDueAt: '2027-10-01T15:59:59.999Z', handleDueAt: '2027-10-05T15:59:59.999Z' });
    expect(r.uncoveredYears).toEqual([2027]);
  });
});

describe('refused, writing nothing', () => {
  it('bad days, naming the row and field, every problem listed', async () => {
    const wednesday = { ...body2027, days: [...MADE_UP_2027, { date: '2027-02-17', kind: 'makeup', name: '春节' }] };
    const e = await refusedWritingNothing(() => put('admin', 2027, wednesday), 400, `days[${MADE_UP_2027.length}].date`);
    expect(e.message).toMatch(/2027-02-17 是星期三，调休上班日应为周六或周日/);
    const noNational = { ...body2027, days: MADE_UP_2027.filter((d) => d.name !== '国庆节') };
    const e2 = await refusedWritingNothing(() => put('admin', 2027, noNational), 400, 'days');
    expect(e2.details.problems.map((p: { message: string }) => p.message.split(' / ')[0])).toContain('没有国庆节的放假安排');
    await refusedWritingNothing(() => put('admin', 2027, { ...body2027, days: [{ date: '2027-01-01', kind: 'rest', name: '元旦' }] }), 400, 'days[0].kind');
  });
  it('no source, an unknown field, a year of the package, a bad year', async () => {
    const e = await refusedWritingNothing(() => put('admin', 2027, { days: MADE_UP_2027 }), 400, 'source');
    expect(e.message).toMatch(/^source: 请填写通知来源/);
    await refusedWritingNothing(() => put('admin', 2027, { ...body2027, note: 'x' }), 400, 'note');
    const pkg = await refusedWritingNothing(() => put('admin', 2026, body2027), 400, 'year');
    expect(pkg.message).toMatch(/2026 年的节假日安排已由 chinese-days .* 提供.*不能覆盖 \/ the 2026 schedule ships with chinese-days/);
    await refusedWritingNothing(() => put('admin', 'next', body2027), 400, 'year');
    await refusedWritingNothing(() => put('admin', 2100, body2027), 400, 'year');
  });
  it('anyone but a city admin', async () => {
    for (const who of ['dispatcher', 'kdl.district', 'resident']) expect((await put(who, 2027, body2027)).statusCode, who).toBe(403);
    expect((await as('resident', { url: '/api/calendar/years' })).statusCode).toBe(403);
  });
});

describe('entering 2027', () => {
  let nodeB: CliServer | undefined;
  let cookieB = '';
  const onB = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(`${nodeB!.url}${url}`, { ...init, headers: { cookie: cookieB, 'content-type': 'application/json', 'x-requested-with': 'shiyu', ...init.headers } });
    return { status: res.status, body: await res.json() };
  };
  beforeAll(async () => {
    // Another server process over the same database, started before the year is entered.
    nodeB = await startCliServer({ DATABASE_URL: t.tdb.url, SWEEP_SECONDS: '0', LOG_LEVEL: 'warn', DATA_DIR: path.resolve('.tmp/calendar/node-b') }, await freePort());
    const login = await fetch(`${nodeB.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dispatcher', password: 'shiyu-demo-2026' }) });
    cookieB = login.headers.get('set-cookie')!.split(';')[0];
    expect((await onB('/api/calendar/years/2027')).body).toMatchObject({ covered: false });
  }, 90_000);
  afterAll(async () => { await nodeB?.kill(); });

  it('PUT: entered as version 1, audited, and this node counts it at once', async () => {
    const audits = await count('audit_log');
    const y = ok(await put('admin', 2027, { ...body2027, days: [...MADE_UP_2027].reverse() }));
    expect(y).toMatchObject({ year: 2027, origin: 'entered', covered: true, source: MADE_UP_SOURCE, version: 1, replacedVersion: null, note: null });
    expect(y.enteredBy).toMatch(/（admin）$/);
    expect(y.days).toHaveLength(MADE_UP_2027.length);
    expect(y.days[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
    expect(y.history).toEqual([expect.objectContaining({ version: 1, source: MADE_UP_SOURCE, holidays: 29, makeupDays: 4 })]);

    expect(await count('audit_log')).toBe(audits + 1);
    const audit = await t.tdb.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'calendar_year.enter', target_type: 'calendar_year', target_id: '2027', city_code: '150200' });
    expect(audit.detail).toMatchObject({ year: 2027, version: 1, source: MADE_UP_SOURCE, before: null });
    expect((audit.detail as { days: unknown[] }).days).toHaveLength(MADE_UP_2027.length);

    // 国庆 10-01…07 off, make-up Saturday 10-09 on: 签收 moves to Fri 10-08, 咨询 to Mon 10-11.
    const r = ok(await preview());
    expect(consult(r)).toMatchObject({ signDueAt: '2027-10-08T15:59:59.999Z', handleDueAt: '2027-10-11T15:59:59.999Z' });
    expect(r.uncoveredYears).toEqual([]);
    expect(addWorkdays(new Date('2027-09-30T10:00:00+08:00'), 5)).toMatchObject({ day: '2027-10-13', warnings: [] });
    const c = ok(await as('kdl.community', { url: '/api/calendar/years' }));
    expect(c.years.at(-1)).toMatchObject({ year: 2027, origin: 'entered', source: MADE_UP_SOURCE, version: 1 });
  });

  it('another server process sees it on its next refresh and counts with it', async () => {
    const y = await onB('/api/calendar/years/2027');
    expect(y.status).toBe(200);
    expect(y.body).toMatchObject({ covered: true, origin: 'entered', source: MADE_UP_SOURCE, version: 1 });
    const p = await onB('/api/tickets/deadline-policy/preview?receivedAt=2027-09-30T10:00:00%2B08:00', { method: 'POST', body: JSON.stringify(DEFAULT_DEADLINE_POLICY) });
    expect(consult(p.body)).toMatchObject({ handleDueAt: '2027-10-11T15:59:59.999Z' });
  });

  it('a loader that watches picks a new version up by itself; one that is current does not reload', async () => {
    setEnteredYears([]); // as a process that has not read the table yet
    expect(dayInfo('2027-10-01').covered).toBe(false);
    const watcher = new CalendarYearLoader(t.tdb.db);
    watcher.watch(50);
    try {
      await expect.poll(() => dayInfo('2027-10-01'), { timeout: 5000 }).toMatchObject({ kind: 'holiday', holiday: '国庆节', covered: true });
      expect(await watcher.refresh()).toBe(false);
    } finally {
      watcher.stop();
    }
  });

  it('replacing keeps the old version, in the table and in the audit record; the table refuses edits', async () => {
    // Version 2: 国庆 one day longer (10-08) instead of the make-up Saturday 10-09.
    const v2 = MADE_UP_2027.filter((d) => d.date !== '2027-10-09').concat({ date: '2027-10-08', kind: 'holiday', name: '国庆节' });
    const y = ok(await put('hlbe.admin', 2027, { source: `${MADE_UP_SOURCE}（第二版）`, days: v2 }));
    expect(y).toMatchObject({ version: 2, replacedVersion: 1 });
    expect(y.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(dayInfo('2027-10-08')).toMatchObject({ kind: 'holiday', covered: true });
    expect(dayInfo('2027-10-09')).toMatchObject({ kind: 'weekend' });
    const rows = await t.tdb.db.selectFrom('calendar_year_day').select(['version']).where('date', '=', '2027-10-09').execute();
    expect(rows.map((r) => r.version)).toEqual([1]);
    const audit = await t.tdb.db.selectFrom('audit_log').select(['detail', 'city_code']).where('action', '=', 'calendar_year.enter').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit.city_code).toBe('150700');
    expect((audit.detail as { before: { version: number; days: unknown[] } }).before).toMatchObject({ version: 1, days: expect.arrayContaining([{ date: '2027-10-09', kind: 'makeup', name: '国庆节' }]) });
    await expect(sql`UPDATE calendar_year_day SET name = '元旦' WHERE year = 2027`.execute(t.tdb.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM calendar_year_version WHERE year = 2027`.execute(t.tdb.db)).rejects.toThrow(/append-only/);
  });

  it('the CLI: import --check writes nothing and prints the year; import enters the next version; check reads it', async () => {
    const file = path.resolve('.tmp/calendar/api-test-2027.csv');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, ['date,kind,name', ...MADE_UP_2027.map((d) => `${d.date.replace(/-0?/g, '/')},${d.kind === 'holiday' ? '放假' : '上班'},${d.name}`)].join('\r\n'));
    const versions = await count('calendar_year_version');
    const checked = await shiyu(['calendar', 'import', file, '--source', '测试用虚构安排（命令行）', '--check']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('2027-10-01（五） – 2027-10-07（四）   7 天 days  国庆节');
    expect(checked.stdout).toContain('nothing written (--check)');
    expect(await count('calendar_year_version')).toBe(versions);

    const entered = await shiyu(['calendar', 'import', file, '--source', '测试用虚构安排（命令行）', '--user', 'admin']);
    expect(entered.code, entered.stderr).toBe(0);
    expect(entered.stdout).toMatch(/entered 2027 as version 3 \(replacing version 2\)/);
    const audit = await t.tdb.db.selectFrom('audit_log').select(['actor_name', 'detail']).where('action', '=', 'calendar_year.enter').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ version: 3, source: '测试用虚构安排（命令行）' });
    expect(audit.actor_name).toBeTruthy();

    const check = await shiyu(['calendar', 'check', '2027']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/数据来源 source: 测试用虚构安排（命令行）（录入 entered by .*（admin）, .* 第 3 版 version 3）/);
    expect(check.stdout.split('调休上班')[1].match(/\d{4}-\d{2}-\d{2}/g)).toEqual(['2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09']);

    const bad = path.resolve('.tmp/calendar/api-test-bad.csv');
    fs.writeFileSync(bad, 'date,kind,name\n2027-01-01,holiday,元旦\n2027-02-17,makeup,春节\n');
    const refused = await shiyu(['calendar', 'import', bad, '--source', '测试用虚构安排']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/第 3 行 line 3 \(date\): 2027-02-17 是星期三/);
    expect(await count('calendar_year_version')).toBe(versions + 1);
  }, 120_000);
});

describe('a year entered before chinese-days shipped it', () => {
  it('is not used once the package has the year, and the pages say so', async () => {
    // As if 2026 had been entered under an older package (the API refuses that now): straight into the table.
    await t.tdb.db.transaction().execute(async (trx) => {
      await trx.insertInto('calendar_year_version').values({ year: 2026, version: 1, source: '旧版录入（测试）', entered_by: null, entered_by_name: '测试' }).execute();
      await trx.insertInto('calendar_year_day').values({ year: 2026, version: 1, date: '2026-03-02', kind: 'holiday', name: '春节' }).execute();
    });
    const loader = new CalendarYearLoader(t.tdb.db);
    const notes: string[] = [];
    const logged = new CalendarYearLoader(t.tdb.db, { info: (m) => notes.push(m), warn: (m) => notes.push(m), error: (m) => notes.push(m) });
    const r = await logged.load();
    expect(r.ignored.map((y) => y.year)).toEqual([2026]);
    expect(notes.join('\n')).toMatch(/the entered 2026 schedule \(version 1, 旧版录入（测试）\) is not used: chinese-days .* now ships 2026/);
    expect((await loader.load()).applied).toEqual([2027]);
    expect(dayInfo('2026-03-02')).toMatchObject({ kind: 'workday' });
    const c = ok(await as('admin', { url: '/api/calendar/years' }));
    expect(c.ignored).toEqual([{ year: 2026, version: 1, source: '旧版录入（测试）' }]);
    const y = ok(await as('admin', { url: '/api/calendar/years/2026' }));
    expect(y).toMatchObject({ origin: 'shipped', note: expect.stringMatching(/未使用.*ships 2026/) });
  });
});
