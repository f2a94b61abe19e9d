import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../src/kernel/calendar/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { caseAt, demo, get, ok, post, today, type Demo } from './mediation-fixtures.ts';

/**
 * 人民调解统计 over hand-built cases whose every action row and timestamp is known (inserted as the
 * action service writes them), the seeds' yearly figures rebuilt at full size, cases made through
 * the API, scope and bad input.
 */

let t: TestApp;
let d: Demo;
let district: { id: number; path: string };
let street: { id: number; path: string };
const PERIOD = 'from=2026-03-01&to=2026-04-30';
const ratio = (num: number, den: number) => ({ num, den, rate: den ? Math.round((num / den) * 10000) / 10000 : null });

type Step = [action: string, at: string, data?: Record<string, unknown>];
const TO_STATE: Record<string, string> = { register: 'registered', accept: 'accepted', assign: 'assigned', record_session: 'mediating', agree: 'agreed', fail: 'failed', reject: 'rejected', refuse: 'refused', withdraw: 'withdrawn' };
let serial = 0;

/** One case with its action rows, as intake and the action service write them (times in Shanghai, +08). */
async function insertCase(org: { id: number; path: string }, category: string, source: string, steps: Step[]) {
  const db = t.tdb.db;
  let state = 'registered';
  const states = steps.map(([action]) => (state = TO_STATE[action] ?? state));
  const handoff = source === 'police' || source === 'court';
  const { id } = await db.insertInto('mediation_case').values({
    city_code: '150200', number: `TJ2026-9${String(++serial).padStart(4, '0')}`, source: source as never, category, summary: '统计测试用纠纷案件', people_involved: 2,
    referring_body: handoff ? '移交单位' : null, referral_number: handoff ? `移交-${serial}` : null,
    area_path: org.path, org_id: org.id, org_path: org.path, state: state as never, referral: state === 'failed' ? 'litigation' : null,
    registered_at: new Date(steps[0][1]), action_count: steps.length,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('mediation_case_action').values(steps.map(([action, at, data], i) => ({
    city_code: '150200', case_id: id, seq: i + 1, action, from_state: (i ? states[i - 1] : null) as never, to_state: states[i] as never,
    actor_name: '测试', actor_role: 'street_staff', at: new Date(at), data: JSON.stringify(data ?? {}),
  }))).execute();
  return id;
}

const due = (day: string) => ({ dueAt: new Date(`${day}T23:59:59.999+08:00`).toISOString() });
const as = async (who: string, url: string) => t.as(await t.login(who), { url });
const stats = async (who: string, query: string) => ok(await as(who, `/api/mediation/stats?${query}`));

beforeAll(async () => {
  t = await createTestApp();
  d = await demo(t);
  const qsStreet = await t.tdb.db.selectFrom('area').select('code').where('level', '=', 'street').where('parent_code', '=', '150204').orderBy('code').limit(1).executeTakeFirstOrThrow();
  const mk = async (name: string, areaCode: string) => {
    const o = ok(await post(t, 'admin', '/api/mediation/organisations', { name, kind: 'people_committee', areaCode }), 201);
    return { id: o.id as number, path: (await t.tdb.db.selectFrom('mediation_org').select('area_path').where('id', '=', o.id).executeTakeFirstOrThrow()).area_path };
  };
  district = await mk('青山区人民调解委员会', '150204');
  street = await mk('青山区某街道人民调解委员会', qsStreet.code);
  const Q = district;
  const S = street;
  // A–J in March–April 2026 (README "Numbers"): days 受理 → 调结 are 10, 1, 20, 41, 50; D ends late, I is open past its deadline.
  await insertCase(Q, 'neighbour', 'walk_in', [['register', '2026-03-01T00:10+08:00'], ['accept', '2026-03-02T15:00+08:00', due('2026-04-01')], ['agree', '2026-03-12T10:00+08:00'], ['judicial_apply', '2026-03-13T10:00+08:00'], ['judicial_result', '2026-03-20T10:00+08:00', { result: 'confirmed' }]]);
  // B: accepted 23:50 and agreed 00:20 the next day — one calendar day in Shanghai (zero in UTC).
  await insertCase(Q, 'neighbour', 'walk_in', [['register', '2026-03-03T09:00+08:00'], ['accept', '2026-03-03T23:50+08:00', due('2026-04-02')], ['agree', '2026-03-04T00:20+08:00'], ['judicial_apply', '2026-03-05T10:00+08:00'], ['judicial_result', '2026-03-25T10:00+08:00', { result: 'rejected' }]]);
  await insertCase(S, 'family', 'police', [['register', '2026-03-04T10:00+08:00'], ['accept', '2026-03-05T10:00+08:00', due('2026-04-04')], ['assign', '2026-03-05T11:00+08:00'], ['agree', '2026-03-25T10:00+08:00']]);
  await insertCase(S, 'family', 'walk_in', [['register', '2026-03-10T09:00+08:00'], ['accept', '2026-03-10T10:00+08:00', due('2026-04-09')], ['fail', '2026-04-20T10:00+08:00']]);
  // E: 诉前调解 — its deadline from the register row, then 受理, then extended: ended before the extended deadline.
  await insertCase(Q, 'contract', 'court', [['register', '2026-03-11T09:00+08:00', due('2026-04-10')], ['accept', '2026-03-12T10:00+08:00', due('2026-04-10')], ['extend', '2026-04-08T10:00+08:00', due('2026-05-10')], ['agree', '2026-05-01T10:00+08:00']]);
  await insertCase(Q, 'neighbour', 'walk_in', [['register', '2026-03-15T09:00+08:00'], ['reject', '2026-03-16T09:00+08:00']]);
  await insertCase(S, 'neighbour', 'walk_in', [['register', '2026-03-20T09:00+08:00'], ['accept', '2026-03-20T10:00+08:00', due('2026-04-19')], ['refuse', '2026-03-22T10:00+08:00']]);
  await insertCase(S, 'labour', 'walk_in', [['register', '2026-03-21T09:00+08:00'], ['accept', '2026-03-21T10:00+08:00', due('2026-04-20')], ['withdraw', '2026-03-23T10:00+08:00']]);
  await insertCase(Q, 'labour', 'walk_in', [['register', '2026-03-25T09:00+08:00'], ['accept', '2026-03-25T10:00+08:00', due('2026-04-24')], ['assign', '2026-03-25T11:00+08:00'], ['flag_police', '2026-03-26T10:00+08:00']]);
  await insertCase(Q, 'damages', 'walk_in', [['register', '2026-04-02T09:00+08:00']]);
  // Outside the period: 23:30 on 28 February in Shanghai.
  await insertCase(Q, 'neighbour', 'walk_in', [['register', '2026-02-28T23:30+08:00'], ['accept', '2026-02-28T23:40+08:00', due('2026-03-30')], ['agree', '2026-03-01T10:00+08:00']]);
});
afterAll(async () => { await t?.close(); });

describe('GET /api/mediation/stats: each figure from the action rows', () => {
  it('totals: 登记 10, 受理 8, 调结 5 = 4 达成协议 + 1 调解不成, the rest apart; 司法确认 1 of 4; days 10, 1, 20, 41, 50; 超期 2; 报告公安 1', async () => {
    const s = await stats('admin', `area=150204&${PERIOD}`);
    expect(s).toMatchObject({ area: { code: '150204', name: '青山区' }, from: '2026-03-01', to: '2026-04-30', groupBy: 'category' });
    expect(s.total).toEqual({
      key: 'total', name: '合计', received: 10, accepted: 8, concluded: 5, agreed: 4, failed: 1, rejected: 1, refused: 1, withdrawn: 1,
      successRate: { num: 4, den: 5, rate: 0.8 }, judicialApplied: 2, judicialConfirmed: 1, judicialRejected: 1, judicialRate: { num: 1, den: 4, rate: 0.25 },
      daysCounted: 5, daysTotal: 122, avgDays: 24.4, medianDays: 20, overdue: 2, policeFlagged: 1,
    });
  });

  it('by category: every one of the 15 listed, zeros included, in the order of the terms', async () => {
    const s = await stats('admin', `area=150204&groupBy=category&${PERIOD}`);
    expect(s.rows).toHaveLength(15);
    expect(s.rows[0]).toMatchObject({ key: 'family', name: '婚姻家庭' });
    const by = Object.fromEntries(s.rows.map((r: { key: string }) => [r.key, r]));
    expect(by.neighbour).toMatchObject({ name: '邻里', received: 4, accepted: 3, concluded: 2, agreed: 2, rejected: 1, refused: 1, successRate: ratio(2, 2), judicialApplied: 2, judicialConfirmed: 1, judicialRate: ratio(1, 2), avgDays: 5.5, medianDays: 5.5, overdue: 0 });
    expect(by.family).toMatchObject({ received: 2, agreed: 1, failed: 1, successRate: ratio(1, 2), daysTotal: 61, avgDays: 30.5, medianDays: 30.5, overdue: 1 });
    expect(by.contract).toMatchObject({ received: 1, agreed: 1, successRate: ratio(1, 1), avgDays: 50, overdue: 0 });
    expect(by.labour).toMatchObject({ received: 2, accepted: 2, withdrawn: 1, concluded: 0, successRate: { num: 0, den: 0, rate: null }, avgDays: null, medianDays: null, overdue: 1, policeFlagged: 1 });
    expect(by.damages).toMatchObject({ received: 1, accepted: 0 });
    expect(by.medical).toMatchObject({ received: 0, successRate: { num: 0, den: 0, rate: null } });
    // The rows add up to the total.
    for (const f of ['received', 'accepted', 'agreed', 'failed', 'overdue', 'daysTotal']) expect(s.rows.reduce((n: number, r: Record<string, number>) => n + r[f], 0), f).toBe(s.total[f]);
  });

  it('by level, organisation, source, month and quarter', async () => {
    const level = await stats('admin', `area=150204&groupBy=level&${PERIOD}`);
    expect(level.rows.map((r: { key: string; name: string; received: number }) => [r.key, r.name, r.received])).toEqual([['city', '市级', 0], ['district', '区（旗、县）级', 6], ['street', '街道（乡镇、苏木）级', 4], ['community', '社区（村、嘎查）级', 0]]);
    expect(level.rows[1]).toMatchObject({ accepted: 4, agreed: 3, failed: 0, successRate: ratio(3, 3), daysTotal: 61, avgDays: 20.3, medianDays: 10, overdue: 1, policeFlagged: 1 });
    expect(level.rows[2]).toMatchObject({ agreed: 1, failed: 1, successRate: ratio(1, 2), refused: 1, withdrawn: 1, overdue: 1 });
    const org = await stats('admin', `area=150204&groupBy=organisation&${PERIOD}`);
    expect(org.rows.map((r: { key: string; name: string; received: number }) => [r.key, r.name, r.received])).toEqual([[String(district.id), '青山区人民调解委员会', 6], [String(street.id), '青山区某街道人民调解委员会', 4]]);
    const source = await stats('admin', `area=150204&groupBy=source&${PERIOD}`);
    expect(source.rows.map((r: { key: string }) => r.key)).toEqual(['walk_in', 'initiative', 'ticket', 'petition', 'police', 'court', 'screening']);
    expect(source.rows.filter((r: { received: number }) => r.received).map((r: { name: string; received: number }) => [r.name, r.received])).toEqual([['当事人申请', 8], ['公调对接', 1], ['诉调对接', 1]]);
    const month = await stats('admin', `area=150204&groupBy=month&${PERIOD}`);
    expect(month.rows.map((r: { name: string; received: number }) => [r.name, r.received])).toEqual([['2026年3月', 9], ['2026年4月', 1]]);
    const quarter = await stats('admin', 'area=150204&groupBy=quarter&from=2026-02-01&to=2026-04-30');
    expect(quarter.rows.map((r: { name: string; received: number }) => [r.name, r.received])).toEqual([['2026年第一季度', 10], ['2026年第二季度', 1]]);
  });

  it('the period cuts by the Shanghai day of registration', async () => {
    expect((await stats('admin', 'area=150204&from=2026-02-28&to=2026-02-28')).total).toMatchObject({ received: 1, agreed: 1, medianDays: 1 });
    expect((await stats('admin', 'area=150204&from=2026-03-01&to=2026-03-01')).total.received).toBe(1);
    expect((await stats('admin', 'area=150204&from=2026-04-03&to=2026-04-30')).total.received).toBe(0);
  });
});

describe('seed figures (Baotou 2021: 20,713 handled, 98.3%; Hulunbuir: 43,475 at 99.7%) rebuilt from rows', () => {
  /** n cases of 2021, the first `agreed` of them agreed and the rest failed, each with register, accept and its ending row. */
  async function yearOfCases(city: string, org: { id: number; path: string }, n: number, agreed: number) {
    const db = t.tdb.db;
    await sql`INSERT INTO mediation_case (city_code, number, source, category, summary, people_involved, area_path, org_id, org_path, state, referral, registered_at, accepted_at, concluded_at, action_count)
      SELECT ${city}, 'TJ2021-' || lpad(g::text, 5, '0'), 'walk_in', (ARRAY['neighbour','family','contract','damages','labour'])[g % 5 + 1], '2021年调解案件', 2,
        ${org.path}::ltree, ${org.id}, ${org.path}::ltree, CASE WHEN g <= ${agreed} THEN 'agreed' ELSE 'failed' END, CASE WHEN g > ${agreed} THEN 'litigation' END,
        timestamptz '2021-01-01 09:00+08' + (g % 360) * interval '1 day', timestamptz '2021-01-01 10:00+08' + (g % 360) * interval '1 day',
        timestamptz '2021-01-01 10:00+08' + (g % 360 + g % 29) * interval '1 day', 3
      FROM generate_series(1, ${n}) g`.execute(db);
    // Fresh statistics, or the foreign-key checks of the action rows below plan for an empty table (minutes instead of a second).
    await sql`ANALYZE mediation_case`.execute(db);
    await sql`INSERT INTO mediation_case_action (city_code, case_id, seq, action, from_state, to_state, actor_name, actor_role, at, data)
      SELECT c.city_code, c.id, s.seq, s.action, s.from_state, s.to_state, '测试', 'street_staff', s.at, s.data FROM mediation_case c CROSS JOIN LATERAL (VALUES
        (1, 'register', NULL, 'registered', c.registered_at, '{}'::jsonb),
        (2, 'accept', 'registered', 'accepted', c.accepted_at, jsonb_build_object('dueAt', c.accepted_at + interval '30 days')),
        (3, CASE c.state WHEN 'agreed' THEN 'agree' ELSE 'fail' END, 'accepted', c.state, c.concluded_at, '{}'::jsonb)) s(seq, action, from_state, to_state, at, data)
      WHERE c.city_code = ${city} AND c.number LIKE 'TJ2021-%'`.execute(db);
  }
  const expectedDays = (n: number) => { const days = Array.from({ length: n }, (_, i) => (i + 1) % 29); const sum = days.reduce((a, b) => a + b, 0); return { sum, avg: Math.round((sum / n) * 10) / 10 }; };

  it('Baotou: 20,361 of 20,713 concluded cases agreed is 98.3%; Hulunbuir: 43,345 of 43,475 is 99.7%', { timeout: 120_000 }, async () => {
    const bt = await t.tdb.db.selectFrom('mediation_org').select(['id', 'area_path']).where('id', '=', district.id).executeTakeFirstOrThrow();
    await yearOfCases('150200', { id: bt.id, path: bt.area_path }, 20713, 20361);
    await yearOfCases('150700', { id: d.hlbe.id, path: d.hlbe.path }, 43475, 43345);
    const started = performance.now();
    const baotou = (await stats('admin', 'from=2021-01-01&to=2021-12-31')).total;
    const ms = performance.now() - started;
    expect(baotou).toMatchObject({ received: 20713, accepted: 20713, concluded: 20713, agreed: 20361, failed: 352, successRate: { num: 20361, den: 20713, rate: 0.983 }, overdue: 0 });
    expect(baotou.daysTotal).toBe(expectedDays(20713).sum);
    expect(baotou.avgDays).toBe(expectedDays(20713).avg);
    const hlStarted = performance.now();
    const hulunbuir = (await stats('hlbe.admin', 'from=2021-01-01&to=2021-12-31&groupBy=level')).total;
    const hlMs = performance.now() - hlStarted;
    expect(hulunbuir).toMatchObject({ received: 43475, concluded: 43475, agreed: 43345, failed: 130, successRate: { num: 43345, den: 43475, rate: 0.997 } });
    expect((hulunbuir.successRate.rate * 100).toFixed(1)).toBe('99.7');
    console.info(`mediation stats: 20,713 cases (62,139 action rows) ${ms.toFixed(0)} ms; 43,475 cases (130,425 rows) ${hlMs.toFixed(0)} ms`);
    // The other city's year is not Baotou's.
    expect((await stats('admin', 'from=2021-01-01&to=2021-12-31&groupBy=source')).total.received).toBe(20713);
  });
});

describe('cases made through the API, scope, bad input, Excel', () => {
  it('a street committee’s agreement moves its success rate; the district’s case in the street counts for the street, not for the street’s mediator', async () => {
    // Today and tomorrow: the cases are registered after this is computed, on the next day if 00:00 Beijing passes meanwhile.
    const day = today();
    const q = `from=${day}&to=${dayOf(new Date(Date.parse(`${day}T12:00:00+08:00`) + 86_400_000))}`;
    const before = await stats('kdl.street', q);
    await caseAt(t, 'agreed', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    await caseAt(t, 'accepted', 'kdl.district', d.district.id, d.kdlGrid, d.districtMediator);
    const after = await stats('kdl.street', q);
    expect(after.total.received).toBe(before.total.received + 2);
    expect(after.total.agreed).toBe(before.total.agreed + 1);
    expect(after.total.successRate.den).toBe(before.total.successRate.den + 1);
    expect(after.total.daysCounted).toBe(before.total.daysCounted + 1);
    expect(after.rows.find((r: { key: string }) => r.key === 'neighbour').agreed).toBe(before.rows.find((r: { key: string }) => r.key === 'neighbour').agreed + 1);
    const mine = await stats('mediator', q);
    expect(mine.total.received).toBe(after.total.received - 1); // the district committee's case is not the street mediator's
    // The command centre sees the same as the street for the street's area.
    const street = (await t.tdb.db.selectFrom('app_user').select('scope_path').where('username', '=', 'kdl.street').executeTakeFirstOrThrow()).scope_path.split('.').pop();
    expect((await stats('dispatcher', `${q}&area=${street}`)).total).toEqual(after.total);
  });

  it('scope: an area outside mine is 404; another city sees none of Baotou; police and residents 403', async () => {
    expect((await as('kdl.street', `/api/mediation/stats?area=150204&${PERIOD}`)).statusCode).toBe(404);
    expect((await as('mediator', `/api/mediation/stats?area=150204&${PERIOD}`)).statusCode).toBe(404);
    expect((await as('hlbe.admin', `/api/mediation/stats?area=150204&${PERIOD}`)).statusCode).toBe(404);
    expect((await stats('hlbe.admin', PERIOD)).total.received).toBe(0);
    expect((await stats('kdl.district', `area=150203&${PERIOD}`)).total.received).toBe(0);
    expect((await as('police', '/api/mediation/stats')).statusCode).toBe(403);
    expect((await as('resident', '/api/mediation/stats')).statusCode).toBe(403);
  });

  it('bad input names the field', async () => {
    const field = async (q: string) => { const r = await as('admin', `/api/mediation/stats?${q}`); expect(r.statusCode, r.body).toBe(400); return r.json().error.details.field; };
    expect(await field('from=2026-02-30')).toBe('from');
    expect(await field('to=2026-13-01')).toBe('to');
    expect(await field('from=2026-04-01&to=2026-03-01')).toBe('from');
    expect(await field('groupBy=street')).toBe('groupBy');
    expect(await field('area=abc')).toBe('area');
  });

  it('the Excel form: title with area and period, grouped headers, the same numbers, audited', async () => {
    const res = await as('admin', `/api/mediation/stats.xlsx?area=150204&groupBy=level&${PERIOD}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell(1, 1).value).toBe('青山区矛盾纠纷人民调解情况统计表（2026年3月1日至2026年4月30日）');
    expect(String(ws.getCell(2, 1).value)).toContain('填报单位：包头市青山区');
    const header = [...ws.getRow(3).values as unknown[], ...ws.getRow(4).values as unknown[]].map(String);
    for (const h of ['组织层级', '登记', '受理', '调结', '达成协议', '调解不成', '调解成功率（%）', '不予受理', '司法确认', '司法确认率（%）', '调结用时（天）', '平均', '中位数', '超期', '报告公安']) expect(header).toContain(h);
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(6)).toEqual(['区（旗、县）级', 6, 4, 3, 3, 0, 100, 1, 0, 0, 2, 1, 1, 33.33, 20.3, 10, 1, 1]);
    expect(row(9)).toEqual(['合计', 10, 8, 5, 4, 1, 80, 1, 1, 1, 2, 1, 1, 25, 24.4, 20, 2, 1]);
    const audit = await t.tdb.db.selectFrom('audit_log').select(['target_id', 'detail']).where('action', '=', 'mediation.stats.export').execute();
    expect(audit).toEqual([{ target_id: '150204', detail: { groupBy: 'level', from: '2026-03-01', to: '2026-04-30', rows: 4 } }]);
  });
});
