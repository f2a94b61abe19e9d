import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { sweepMediationOnce } from '../../src/modules/mediation/sweeper/sweep.ts';
import { act, caseAt, caseBody, createCase, get, ok, post, type Demo, demo } from './mediation-fixtures.ts';

// 站内通知 of dispute cases: 指派 to the mediator's login, 回避/督办/预警 and cases from another door to the
// committee's desk (staff whose own area is the organisation's), none to anyone else.
let t: TestApp;
let d: Demo;
beforeAll(async () => {
  t = await createTestApp();
  d = await demo(t);
  // The tests file many cases of the same parties in one grid: the repeat rules would warn on each; they stay off here.
  const { items } = ok(await get(t, 'admin', '/api/mediation/warnings/rules'));
  for (const r of items.filter((x: { rule: string }) => x.rule.startsWith('repeat_'))) {
    ok(await t.as(await t.login('admin'), { method: 'PUT', url: `/api/mediation/warnings/rules/${r.rule}`, payload: { enabled: false, level: r.level, police: r.police, params: r.params } }));
  }
  for (const r of (ok(await get(t, 'hlbe.admin', '/api/mediation/warnings/rules'))).items.filter((x: { rule: string }) => x.rule.startsWith('repeat_'))) {
    ok(await t.as(await t.login('hlbe.admin'), { method: 'PUT', url: `/api/mediation/warnings/rules/${r.rule}`, payload: { enabled: false, level: r.level, police: r.police, params: r.params } }));
  }
});
afterAll(async () => { await t?.close(); });

interface Notice { id: number; kind: string; message: string; ticketId: number | null; caseId: number | null; caseNumber: string | null; readAt: string | null }
const notices = async (who: string) => ok(await get(t, who, '/api/notifications?pageSize=100')) as { items: Notice[]; total: number; unread: number };
const ofCase = async (who: string, caseId: number) => (await notices(who)).items.filter((n) => n.caseId === caseId);
const EVERYONE = ['admin', 'dispatcher', 'kdl.district', 'kdl.street', 'kdl.community', 'kdl.grid', 'dept.zhujian', 'mediator', 'police', 'resident', 'hlbe.admin'];
/** Who, of the demo users, has a notice of the case (by kind). */
async function whoKnows(caseId: number, kind?: string) {
  const out: string[] = [];
  for (const u of EVERYONE) if ((await ofCase(u, caseId)).some((n) => !kind || n.kind === kind)) out.push(u);
  return out;
}

describe('站内通知 of dispute cases', () => {
  it('the assigned mediator gets one, sees it with the case’s number, reads it; nobody else is told', async () => {
    const c = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const unread = (await notices('mediator')).unread;
    ok(await act(t, 'kdl.street', c.id, { action: 'assign', mediatorIds: [d.me, d.colleague], chosenBy: 'committee' }));
    const mine = await notices('mediator');
    expect(mine.unread).toBe(unread + 1);
    const [n] = mine.items.filter((x) => x.caseId === c.id);
    expect(n).toMatchObject({ kind: 'mediation.assign', caseId: c.id, caseNumber: c.number, ticketId: null, readAt: null });
    expect(n.message).toMatch(new RegExp(`^纠纷案件 ${c.number}（邻里）已指派您承办，调解期限至 \\d{4}-\\d{2}-\\d{2}$`));
    expect(n.message).not.toMatch(/张桂芳|刘志刚|1394720/);
    // Another user cannot mark it read; its mediator can.
    expect((await post(t, 'kdl.street', `/api/notifications/${n.id}/read`, {})).statusCode).toBe(404);
    ok(await post(t, 'mediator', `/api/notifications/${n.id}/read`, {}));
    expect((await notices('mediator')).unread).toBe(unread);
    expect((await ofCase('mediator', c.id))[0].readAt).not.toBeNull();
    expect(await whoKnows(c.id)).toEqual(['mediator']);
  });

  it('回避: the desk is told to assign again; the next mediator gets the assignment; 改派 tells the one taken off', async () => {
    const c = await caseAt(t, 'assigned', 'kdl.street', d.street.id, d.kdlGrid, d.colleague);
    expect(await whoKnows(c.id)).toEqual([]); // the colleague has no login: no one to tell
    ok(await act(t, 'kdl.street', c.id, { action: 'recuse', mediatorId: d.colleague, requestedBy: 'party', partyId: c.parties[1], reason: '调解员与申请人系亲属' }));
    const [recused] = await ofCase('kdl.street', c.id);
    expect(recused).toMatchObject({ kind: 'mediation.recuse', caseNumber: c.number });
    expect(recused.message).toContain('案件已无调解员，请重新指派');
    ok(await act(t, 'kdl.street', c.id, { action: 'assign', mediatorIds: [d.me], chosenBy: 'committee' }));
    expect((await ofCase('mediator', c.id)).map((n) => n.kind)).toEqual(['mediation.assign']);
    ok(await act(t, 'kdl.street', c.id, { action: 'assign', mediatorIds: [await firstOther()], chosenBy: 'committee' }));
    expect((await ofCase('mediator', c.id)).map((n) => n.kind)).toEqual(['mediation.unassign', 'mediation.assign']);
    expect(await whoKnows(c.id)).toEqual(['kdl.street', 'mediator']);
  });

  it('a case registered into a committee from another door tells its desk only; one the desk registers itself does not', async () => {
    const handed = ok(await createCase(t, 'dispatcher', caseBody(d.street.id, d.kdlGrid, { source: 'police', referringBody: '昆都仑区公安分局少先路派出所', referralNumber: '公调〔2026〕18号' })), 201);
    const [n] = await ofCase('kdl.street', handed.id);
    expect(n).toMatchObject({ kind: 'mediation.register', caseNumber: handed.number });
    expect(n.message).toBe(`纠纷案件 ${handed.number}（邻里）经公调对接（昆都仑区公安分局少先路派出所）登记到${d.street.name}，请及时受理`);
    expect(await whoKnows(handed.id)).toEqual(['kdl.street']);
    // A referral up from the community is news to the street's desk; the desk's own walk-in is not.
    const referred = ok(await createCase(t, 'kdl.community', caseBody(d.street.id, d.kdlGrid)), 201);
    expect(await whoKnows(referred.id)).toEqual(['kdl.street']);
    const own = ok(await createCase(t, 'kdl.street', caseBody(d.street.id, d.kdlGrid)), 201);
    expect(await whoKnows(own.id)).toEqual([]);
    // The district committee's hand-off goes to the district's desk — not to the police officer whose area is the same district.
    const district = ok(await createCase(t, 'dispatcher', caseBody(d.district.id, d.kdlGrid, { source: 'court', referringBody: '包头市昆都仑区人民法院', referralNumber: '（2026）内0203诉前调188号' })), 201);
    expect(await whoKnows(district.id)).toEqual(['kdl.district']);
  });

  it('预警 tells the desk of the case’s organisation; 第二十五条 tells nobody anything new', async () => {
    const many = ok(await createCase(t, 'kdl.street', caseBody(d.street.id, d.kdlGrid, { peopleInvolved: 12 })), 201);
    const [w] = await ofCase('kdl.street', many.id);
    expect(w).toMatchObject({ kind: 'mediation.warning', caseId: many.id });
    expect(w.message).toBe(`纠纷案件 ${many.number}（邻里）触发预警「涉及人数多」：涉及 12 人，达到群体性纠纷预警线（5 人）`);
    expect(await whoKnows(many.id)).toEqual(['kdl.street']);
    // Violent words warn the desk too (紧急) and report the case to the police, who get no notice: they see the flag.
    const violent = ok(await createCase(t, 'kdl.district', caseBody(d.district.id, d.kdlGrid, { summary: '邻里因停车位发生争执，一方扬言报复，情绪激动' })), 201);
    expect((await ofCase('kdl.district', violent.id)).map((n) => n.kind)).toEqual(['mediation.warning']);
    expect((await ofCase('kdl.district', violent.id))[0].message).toContain('触发紧急「暴力风险言语」');
    expect(ok(await get(t, 'police', `/api/mediation/cases/${violent.id}`)).case.policeFlag).toBe(true);
    expect(await whoKnows(violent.id)).toEqual(['kdl.district']);
    // 呼伦贝尔's warnings stay in 呼伦贝尔.
    const hlbe = ok(await createCase(t, 'hlbe.admin', caseBody(d.hlbe.id, d.hlbeGrid, { peopleInvolved: 8 })), 201);
    expect(await whoKnows(hlbe.id)).toEqual([]); // the banner's desk has no demo login; nobody of 包头 is told
    // The city admin filed it into the banner's committee: its desk learns of the case and of the warning.
    expect((await t.tdb.db.selectFrom('notification').select(['city_code', 'area_path', 'kind']).where('mediation_case_id', '=', hlbe.id).orderBy('id').execute()))
      .toEqual([{ city_code: '150700', area_path: d.hlbe.path, kind: 'mediation.register' }, { city_code: '150700', area_path: d.hlbe.path, kind: 'mediation.warning' }]);
  });

  it('督办 by the sweeper tells the desk and the mediators on the case', async () => {
    const c = await caseAt(t, 'assigned', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const due = (await t.tdb.db.selectFrom('mediation_case').select('due_at').where('id', '=', c.id).executeTakeFirstOrThrow()).due_at!;
    const swept = await sweepMediationOnce(t.tdb.db, new Date(due.getTime() + 86_400_000), { cityCode: '150200' });
    expect(swept.raised.find((r) => r.id === c.id)?.level).toBe('yellow');
    const desk = (await ofCase('kdl.street', c.id)).find((n) => n.kind === 'mediation.supervise')!;
    expect(desk.message).toMatch(/被黄牌督办，调解期限至 \d{4}-\d{2}-\d{2}$/);
    expect((await ofCase('mediator', c.id)).map((n) => n.kind)).toEqual(['mediation.supervise', 'mediation.assign']);
    expect(await whoKnows(c.id, 'mediation.supervise')).toEqual(['kdl.street', 'mediator']);
  });
});

/** A second mediator of the street committee other than the `mediator` login and the colleague (set up once). */
let other: number | undefined;
async function firstOther(): Promise<number> {
  other ??= ok(await post(t, 'kdl.street', '/api/mediation/mediators', { orgId: d.street.id, name: '王调解', kind: 'part_time' }), 201).id as number;
  return other!;
}
