import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepWarningsOnce } from '../../src/modules/mediation/warnings/sweep.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, caseAt, caseBody, createCase, demo, get, ok, post, session, type Demo } from './mediation-fixtures.ts';
import { newIdNumber } from './registry-fixtures.ts';

let t: TestApp;
let d: Demo;
/** Grids of the demo street other than kdl.grid's, one per test that needs a place of its own. */
let grids: { code: string; center: [number, number] }[];
beforeAll(async () => {
  t = await createTestApp();
  d = await demo(t);
  grids = (await t.tdb.db.selectFrom('area').select(['code', 'center']).where('level', '=', 'grid')
    .where(sql<boolean>`path <@ ${d.street.path}::ltree`).where('code', '<>', d.kdlGrid).orderBy('code').limit(6).execute()).map((g) => ({ code: g.code, center: g.center! }));
});
afterAll(async () => { await t?.close(); });

const db = () => t.tdb.db;
interface Warning { id: number; rule: string; level: string; caseId: number; caseNumber: string; reason: string; policeFlagged: boolean; state: string; related: number[]; handledBy: string | null; note: string | null }
const warningsOf = async (who: string, caseId: number): Promise<Warning[]> => ok(await get(t, who, `/api/mediation/warnings?caseId=${caseId}&pageSize=200`)).items;
const rowsOf = (caseId: number) => db().selectFrom('mediation_warning').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

/** Switches every rule off but `rule` (with `params` over its current ones), as the city admin would. */
async function only(rule: string, edit: { params?: Record<string, unknown>; police?: boolean; level?: string } = {}) {
  const { items } = ok(await get(t, 'admin', '/api/mediation/warnings/rules'));
  for (const r of items) {
    const body = { enabled: r.rule === rule, level: r.rule === rule ? edit.level ?? r.level : r.level, police: r.rule === rule ? edit.police ?? r.police : r.police, params: { ...r.params, ...(r.rule === rule ? edit.params : {}) } };
    ok(await t.as(await t.login('admin'), { method: 'PUT', url: `/api/mediation/warnings/rules/${r.rule}`, payload: body }));
  }
}
/** Two parties of their own (names and phones no other test uses), so repeats are only those a test makes. */
let seq = 0;
function ownParties(over: Record<string, unknown>[] = []) {
  seq += 1;
  const base = [
    { kind: 'person', role: 'applicant', name: `申请人${seq}`, idNumber: newIdNumber('2'), phone: `1390472${String(seq).padStart(4, '0')}`, address: `少先路街道某小区${seq}号楼101` },
    { kind: 'person', role: 'respondent', name: `被申请人${seq}`, idNumber: newIdNumber('1'), phone: `1380472${String(seq).padStart(4, '0')}`, address: `少先路街道某小区${seq}号楼201` },
  ];
  return base.map((p, i) => ({ ...p, ...over[i] }));
}
const file = async (over: Record<string, unknown> = {}, grid = d.kdlGrid) => ok(await createCase(t, 'kdl.street', caseBody(d.street.id, grid, { parties: ownParties(), ...over })), 201);

describe('预警规则 (the city’s rules)', () => {
  it('reads the defaults, edits them audited, refuses bad thresholds naming the field, only the city admin edits', async () => {
    const { items } = ok(await get(t, 'kdl.street', '/api/mediation/warnings/rules'));
    expect(items.map((r: { rule: string; ruleName: string; version: number }) => `${r.rule} ${r.ruleName} ${r.version}`)).toEqual([
      'many_parties 涉及人数多 0', 'repeat_parties 同一当事人重复纠纷 0', 'repeat_place 同一地点重复纠纷 0', 'violent_words 暴力风险言语 0', 'overdue 超过调解期限 0',
    ]);
    expect(items.find((r: { rule: string }) => r.rule === 'violent_words')).toMatchObject({ police: true, level: 'urgent', levelName: '紧急' });
    const admin = await t.login('admin');
    const put = (rule: string, payload: Record<string, unknown>, who = admin) => t.as(who, { method: 'PUT', url: `/api/mediation/warnings/rules/${rule}`, payload });
    const edited = ok(await put('many_parties', { enabled: true, level: 'warning', police: false, params: { minPeople: 8 }, version: 0 }));
    expect(edited).toMatchObject({ rule: 'many_parties', params: { minPeople: 8 }, version: 1 });
    expect((await put('many_parties', { enabled: true, level: 'warning', police: false, params: { minPeople: 9 }, version: 0 })).statusCode).toBe(409);
    const audit = await db().selectFrom('audit_log').select(['detail']).where('action', '=', 'mediation.warning_rule.update').execute();
    expect(audit.at(-1)!.detail).toMatchObject({ before: { params: { minPeople: 5 } }, after: { params: { minPeople: 8 } } });
    for (const [rule, body, field] of [
      ['many_parties', { enabled: true, level: 'warning', police: false, params: { minPeople: 1 } }, 'params.minPeople'],
      ['repeat_place', { enabled: true, level: 'attention', police: false, params: { withinDays: 30, minCases: 3, radius: 200 } }, 'params.radius'],
      ['violent_words', { enabled: true, level: 'urgent', police: false, params: { words: ['扬言'] } }, 'police'],
      ['violent_words', { enabled: true, level: 'urgent', police: true, params: { words: [] } }, 'params.words'],
    ] as const) {
      const res = await put(rule, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.field).toBe(field);
    }
    expect((await put('many_parties', { enabled: true, level: 'warning', police: false, params: { minPeople: 5 } }, await t.login('kdl.district'))).statusCode).toBe(403);
    // 呼伦贝尔 keeps its defaults.
    expect(ok(await get(t, 'hlbe.admin', '/api/mediation/warnings/rules')).items[0]).toMatchObject({ params: { minPeople: 5 }, version: 0 });
  });
});

describe('each rule fires at its threshold and not below, once', () => {
  it('many parties: 4 people no, 5 people yes; further writes and passes raise no duplicate', async () => {
    await only('many_parties', { params: { minPeople: 5 } });
    const four = await file({ peopleInvolved: 4 });
    expect(await rowsOf(four.id)).toEqual([]);
    const five = await file({ peopleInvolved: 5 });
    const [w] = await warningsOf('kdl.street', five.id);
    expect(w).toMatchObject({ rule: 'many_parties', level: 'warning', caseNumber: five.number, reason: '涉及 5 人，达到群体性纠纷预警线（5 人）', policeFlagged: false, state: 'open' });
    ok(await act(t, 'kdl.street', five.id, { action: 'accept' }));
    await sweepWarningsOnce(db(), new Date());
    expect(await rowsOf(five.id)).toHaveLength(1);
  });

  it('repeat parties: the second dispute between the same two people (by ID number, or name and phone); one person in common is not', async () => {
    await only('repeat_parties');
    const ps = ownParties();
    const first = await file({ parties: ps });
    expect(await rowsOf(first.id)).toEqual([]);
    const second = await file({ parties: ps });
    expect(await warningsOf('kdl.street', second.id)).toMatchObject([{ rule: 'repeat_parties', related: [first.id] }]);
    expect((await warningsOf('kdl.street', second.id))[0].reason).toContain(`180 日内第 2 起纠纷（此前：${first.number}）`);
    // The same applicant against someone else: no warning (two parties in common by default).
    const other = await file({ parties: [ps[0], ownParties()[1]] });
    expect(await rowsOf(other.id)).toEqual([]);
    // Without ID numbers, name and phone identify them.
    const noIds = ps.map(({ idNumber: _, ...p }) => p);
    const third = await file({ parties: noIds });
    expect((await warningsOf('kdl.street', third.id))[0]).toMatchObject({ rule: 'repeat_parties', related: expect.arrayContaining([first.id, second.id]) });
  });

  it('repeat place: the third dispute in 30 days in one grid or within 200 m; the second is not', async () => {
    await only('repeat_place');
    const [g1, g2] = grids;
    const a = await file({}, g1.code);
    const b = await file({}, g1.code);
    expect([...await rowsOf(a.id), ...await rowsOf(b.id)]).toEqual([]);
    const c = await file({}, g1.code);
    expect(await warningsOf('kdl.street', c.id)).toMatchObject([{ rule: 'repeat_place', level: 'attention', related: [b.id, a.id] }]); // newest first
    // Across a grid border: two cases near a point of g2, the third 100 m away in another grid counts them.
    const [lon, lat] = g2.center;
    const near = (dLat: number) => ({ location: { lon, lat: lat + dLat } });
    const p = await file(near(0), g2.code);
    const q = await file(near(0.0005), grids[2].code);
    expect([...await rowsOf(p.id), ...await rowsOf(q.id)]).toEqual([]);
    const r = await file(near(0.0009), grids[3].code); // ≈ 100 m from p, 45 m from q
    expect(await warningsOf('kdl.street', r.id)).toMatchObject([{ rule: 'repeat_place', related: [q.id, p.id] }]);
    const far = await file({ location: { lon, lat: lat + 0.01 } }, grids[4].code); // ≈ 1.1 km
    expect(await rowsOf(far.id)).toEqual([]);
  });

  it('violent words: in the summary or in session minutes; reported to the police under 第二十五条, once', async () => {
    await only('violent_words');
    const calm = await file({ summary: '双方因停车位使用发生口角，要求社区协调' });
    expect(await rowsOf(calm.id)).toEqual([]);
    const hot = await file({ summary: '被申请人多次扬言要报复申请人一家' });
    const [w] = await warningsOf('kdl.street', hot.id);
    expect(w).toMatchObject({ rule: 'violent_words', level: 'urgent', policeFlagged: true, reason: '纠纷简要情况中出现暴力风险言语：「扬言」「报复」' });
    const seen = ok(await get(t, 'kdl.street', `/api/mediation/cases/${hot.id}`));
    expect(seen.case.policeFlag).toBe(true);
    expect(seen.case.policeReason).toBe('【暴力风险言语】纠纷简要情况中出现暴力风险言语：「扬言」「报复」。依《人民调解法》第二十五条，纠纷有激化可能，报告公安机关。');
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'flag_police', by: { name: '系统', role: 'system' }, data: { rule: 'violent_words' } });
    expect(ok(await get(t, 'police', `/api/mediation/cases/${hot.id}`)).case.id).toBe(hot.id);
    // Words in the minutes of a session: evaluated after the session is recorded.
    const c = await caseAt(t, 'assigned', 'kdl.street', d.street.id, d.kdlGrid, d.me, { parties: ownParties() });
    expect(await rowsOf(c.id)).toEqual([]);
    ok(await post(t, 'kdl.street', `/api/mediation/cases/${c.id}/sessions`, session('调解中申请人情绪激动，称对方再不赔偿就持刀上门')), 201);
    expect(await warningsOf('kdl.street', c.id)).toMatchObject([{ rule: 'violent_words', policeFlagged: true, reason: '调解记录中出现暴力风险言语：「持刀」' }]);
    const flags = await db().selectFrom('mediation_case_action').select('action').where('case_id', '=', c.id).where('action', '=', 'flag_police').execute();
    expect(flags).toHaveLength(1);
    // The city's own list.
    await only('violent_words', { params: { words: ['堵门'] } });
    expect(await rowsOf((await file({ summary: '申请人称要带人去对方公司堵门讨薪' })).id)).toHaveLength(1);
  });

  it('overdue: raised by the periodic pass once the deadline has passed (two nodes at once: one warning), again only for a new deadline', async () => {
    await only('overdue');
    const c = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me, { parties: ownParties() });
    const due = new Date('2026-03-02T23:59:59+08:00');
    await db().updateTable('mediation_case').set({ due_at: due }).where('id', '=', c.id).execute();
    expect((await sweepWarningsOnce(db(), new Date(due.getTime() - 1000))).raised.filter((r) => r.caseId === c.id)).toEqual([]);
    const [r1, r2] = await Promise.all([sweepWarningsOnce(db(), new Date('2026-03-05T09:00:00+08:00')), sweepWarningsOnce(db(), new Date('2026-03-05T09:00:00+08:00'))]);
    expect([...r1.raised, ...r2.raised].filter((r) => r.caseId === c.id)).toMatchObject([{ rule: 'overdue', level: 'warning', policeFlagged: false }]);
    const [w] = await warningsOf('kdl.street', c.id);
    expect(w.reason).toBe('已超过调解期限 2 天，尚未办结');
    ok(await post(t, 'kdl.street', `/api/mediation/warnings/${w.id}/handle`, { note: '已督促调解员三日内结案' }));
    expect((await sweepWarningsOnce(db(), new Date('2026-03-06T09:00:00+08:00'))).raised.filter((r) => r.caseId === c.id)).toEqual([]);
    // A new deadline passing is a new warning.
    await db().updateTable('mediation_case').set({ due_at: new Date('2026-03-10T23:59:59+08:00') }).where('id', '=', c.id).execute();
    expect((await sweepWarningsOnce(db(), new Date('2026-03-12T09:00:00+08:00'))).raised.filter((r) => r.caseId === c.id)).toHaveLength(1);
    expect((await rowsOf(c.id)).map((x) => x.state)).toEqual(['handled', 'open']);
  });

  it('a rule the city marks for 第二十五条 reports the case too; concluded cases are not evaluated', async () => {
    await only('many_parties', { params: { minPeople: 20 }, police: true, level: 'urgent' });
    const crowd = await file({ peopleInvolved: 40, category: 'labour', summary: '某工地拖欠四十名农民工工资，工人聚集讨薪' });
    expect(await warningsOf('police', crowd.id)).toMatchObject([{ rule: 'many_parties', level: 'urgent', policeFlagged: true }]);
    const done = await caseAt(t, 'agreed', 'kdl.street', d.street.id, d.kdlGrid, d.me, { parties: ownParties(), peopleInvolved: 3 });
    await db().updateTable('mediation_case').set({ people_involved: 60 }).where('id', '=', done.id).execute();
    await sweepWarningsOnce(db(), new Date());
    expect(await rowsOf(done.id)).toEqual([]);
  });
});

describe('who sees and handles a warning', () => {
  it('the case’s organisation level and above, its mediators; the police only those reported to them; nobody of another city', async () => {
    await only('many_parties', { params: { minPeople: 5 }, police: false, level: 'warning' });
    const c = await caseAt(t, 'assigned', 'kdl.street', d.street.id, d.kdlGrid, d.me, { parties: ownParties(), peopleInvolved: 12 });
    const [w] = await warningsOf('kdl.street', c.id);
    for (const who of ['admin', 'dispatcher', 'kdl.district', 'kdl.street', 'mediator']) {
      expect((await warningsOf(who, c.id)).map((x) => x.id), who).toEqual([w.id]);
      ok(await get(t, who, `/api/mediation/warnings/${w.id}`));
    }
    for (const who of ['kdl.community', 'police', 'hlbe.admin']) {
      expect(await warningsOf(who, c.id), who).toEqual([]);
      expect((await get(t, who, `/api/mediation/warnings/${w.id}`)).statusCode, who).toBe(404);
    }
    for (const who of ['kdl.grid', 'resident', 'dept.zhujian']) expect((await get(t, who, '/api/mediation/warnings')).statusCode, who).toBe(403);
    // The police list holds only warnings reported to them.
    const police = ok(await get(t, 'police', '/api/mediation/warnings?pageSize=200')).items as Warning[];
    expect(police.length).toBeGreaterThan(0);
    expect(police.every((x) => x.policeFlagged)).toBe(true);
    // The console's list shape.
    const listed = ok(await get(t, 'kdl.district', '/api/mediation/warnings?state=open&rule=many_parties')).items.find((x: Warning) => x.id === w.id);
    expect(Object.keys(listed)).toEqual(expect.arrayContaining(['id', 'rule', 'ruleName', 'level', 'caseId', 'caseNumber', 'areaName', 'reason', 'raisedAt', 'policeFlagged', 'handledAt', 'handledBy', 'note']));
    expect(listed).toMatchObject({ ruleName: '涉及人数多', levelName: '预警', areaName: expect.any(String), handledAt: null });
  });

  it('handled once with a note (history appended); a note is required; the police and strangers cannot; Idempotency-Key replays', async () => {
    const c = await file({ peopleInvolved: 9 });
    const [w] = await warningsOf('kdl.street', c.id);
    const handle = async (who: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.as(await t.login(who), { method: 'POST', url: `/api/mediation/warnings/${w.id}/handle`, payload, headers });
    const blank = await handle('kdl.street', { note: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details.field).toBe('note');
    expect((await handle('police', { note: '已知悉' })).statusCode).toBe(403);
    expect((await handle('kdl.community', { note: '已知悉' })).statusCode).toBe(404);
    const key = { 'idempotency-key': `warn-handle-${w.id}-0001` };
    const done = ok(await handle('kdl.street', { note: '已约谈双方代表，安排调解员驻点' }, key));
    expect(done.warning).toMatchObject({ state: 'handled', handledBy: '街道综治中心', note: '已约谈双方代表，安排调解员驻点' });
    expect(done.history.map((h: { action: string; by: { name: string } }) => `${h.action} ${h.by.name}`)).toEqual(['raise 系统', 'handle 街道综治中心']);
    const again = await handle('kdl.street', { note: '已约谈双方代表，安排调解员驻点' }, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replay']).toBe('true');
    const twice = await handle('kdl.district', { note: '再次处置' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('already_handled');
    expect(await db().selectFrom('mediation_warning_action').select('action').where('warning_id', '=', w.id).execute()).toHaveLength(2);
    await expect(sql`UPDATE mediation_warning_action SET note = 'x' WHERE warning_id = ${w.id}`.execute(db())).rejects.toThrow(/append-only/);
    expect(ok(await get(t, 'kdl.street', `/api/mediation/warnings?state=handled&caseId=${c.id}`)).total).toBe(1);
    expect(ok(await get(t, 'kdl.street', `/api/mediation/warnings?state=open&caseId=${c.id}`)).total).toBe(0);
  });
});
