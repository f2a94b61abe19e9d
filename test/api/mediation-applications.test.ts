import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, caseBody, counts, createCase, demo, get, ok, type Demo } from './mediation-fixtures.ts';
import { agreedApplication, applicationBody, apply, gridCentre, neighbourGrid } from './mediation-applications-fixtures.ts';

// 申请调解: residents apply themselves through the app (the walk_in door) and follow their own applications.

let t: TestApp;
let d: Demo;
let home: { lon: number; lat: number };
const caseOf = (id: number) => t.tdb.db.selectFrom('mediation_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  d = await demo(t);
  home = await gridCentre(t, d.kdlGrid);
  const community = (await t.tdb.db.selectFrom('app_user').select('scope_path').where('username', '=', 'resident').executeTakeFirstOrThrow()).scope_path.split('.').pop()!;
  ok(await t.as(await t.login('admin'), { method: 'POST', url: '/api/users', payload: { username: 'resident.li', displayName: '居民李先生', role: 'resident', scopeCode: community, password: 'resident-li-2026' } }), 201);
});
afterAll(async () => { await t?.close(); });

const asLi = async () => t.login('resident.li', 'resident-li-2026');

describe('a resident applies for mediation', () => {
  let pinned = 0;

  it('files with a pin: registered 待受理 at the nearest people’s committee of the place, the applicant a party from the account', async () => {
    const before = await counts(t);
    const a = ok(await apply(t, 'resident', applicationBody({ location: home, peopleInvolved: 3 })), 201);
    pinned = a.id;
    expect(a).toMatchObject({ state: 'registered', plainState: 'waiting', stateName: '待受理', categoryName: '邻里', orgName: d.community.name, mediators: [] });
    expect(a.number).toMatch(/^TJ\d{4}-\d{5}$/);
    expect(a.parties).toEqual([
      { role: 'applicant', roleName: '申请人', kind: 'person', name: '居民张女士', me: true },
      { role: 'respondent', roleName: '被申请人', kind: 'person', name: '王某', me: false },
    ]);
    expect(a.steps.map((s: { key: string; done: boolean }) => [s.key, s.done])).toEqual([['applied', true], ['accepted', false], ['mediating', false], ['result', false]]);
    const row = await caseOf(pinned);
    const me = (await t.tdb.db.selectFrom('app_user').select(['id', 'phone']).where('username', '=', 'resident').executeTakeFirstOrThrow());
    expect(row).toMatchObject({ source: 'walk_in', state: 'registered', org_id: d.community.id, grid_code: d.kdlGrid, applicant_user_id: me.id, people_involved: 3, address: '少先路街道某小区 5 号楼 3 单元', created_by: me.id });
    const parties = await t.tdb.db.selectFrom('mediation_party').select(['role', 'name', 'phone']).where('case_id', '=', pinned).orderBy('id').execute();
    expect(parties).toEqual([{ role: 'applicant', name: '居民张女士', phone: me.phone }, { role: 'respondent', name: '王某', phone: '13947209999' }]);
    expect(await counts(t)).toMatchObject({ cases: before.cases + 1, parties: before.parties + 2, actions: before.actions + 1 });
  });

  it('without a pin the case is placed in the applicant’s community; a place in a community without a committee goes to the street’s', async () => {
    const noPin = ok(await apply(t, 'resident', applicationBody()), 201);
    expect(noPin.orgName).toBe(d.community.name);
    expect((await caseOf(noPin.id)).grid_code).toBeNull();
    const street = ok(await apply(t, 'resident', applicationBody({ location: await gridCentre(t, await neighbourGrid(t)) })), 201);
    expect(street.org.id).toBe(d.street.id);
  });

  it('the committee’s staff see it and accept it; the resident then reads 已受理 with the deadline', async () => {
    const list = ok(await get(t, 'kdl.community', '/api/mediation/cases?source=walk_in'));
    expect(list.items.map((c: { id: number }) => c.id)).toContain(pinned);
    ok(await act(t, 'kdl.community', pinned, { action: 'accept', note: '属于邻里纠纷，予以受理' }));
    const a = ok(await t.as(await t.login('resident'), { url: `/api/mediation/applications/${pinned}` }));
    expect(a).toMatchObject({ plainState: 'accepted', stateName: '已受理', org: { id: d.community.id } });
    expect(a.dueAt).not.toBeNull();
    expect(a.steps[1]).toMatchObject({ key: 'accepted', done: true });
  });

  it('a chosen committee: the street mediator accepts and assigns himself; the resident reads 调解中 and the mediator’s name', async () => {
    const a = ok(await apply(t, 'resident', applicationBody({ preferredOrgId: d.street.id })), 201);
    expect(a.org).toMatchObject({ id: d.street.id, name: d.street.name });
    ok(await act(t, 'mediator', a.id, { action: 'accept' }));
    ok(await act(t, 'mediator', a.id, { action: 'assign', mediatorIds: [d.me], chosenBy: 'committee' }));
    const now = ok(await t.as(await t.login('resident'), { url: `/api/mediation/applications/${a.id}` }));
    expect(now).toMatchObject({ plainState: 'mediating', stateName: '调解中', mediators: ['街道人民调解员'] });
    const mine = ok(await t.as(await t.login('resident'), { url: '/api/mediation/applications' }));
    expect(mine.items[0]).toMatchObject({ id: a.id, stateName: '调解中' });
    expect(mine.total).toBe(4);
  });

  it('不予受理 with its reason, 调解不成 with the route it was referred to, in plain words', async () => {
    const r = ok(await apply(t, 'resident', applicationBody({ preferredOrgId: d.street.id })), 201);
    ok(await act(t, 'kdl.street', r.id, { action: 'reject', reason: 'in_litigation', note: '该纠纷已由法院立案受理' }));
    const rejected = ok(await t.as(await t.login('resident'), { url: `/api/mediation/applications/${r.id}` }));
    expect(rejected).toMatchObject({ plainState: 'rejected', stateName: '不予受理', rejection: { reason: 'in_litigation', reasonName: '已进入诉讼程序', note: '该纠纷已由法院立案受理' } });
    expect(rejected.steps.map((s: { title: string }) => s.title)).toEqual(['提交申请', '不予受理']);

    const f = ok(await apply(t, 'resident', applicationBody({ preferredOrgId: d.street.id })), 201);
    ok(await act(t, 'mediator', f.id, { action: 'accept' }));
    ok(await act(t, 'mediator', f.id, { action: 'assign', mediatorIds: [d.me], chosenBy: 'committee' }));
    ok(await act(t, 'mediator', f.id, { action: 'fail', referral: 'litigation', note: '双方分歧较大，告知可向人民法院起诉' }));
    const failed = ok(await t.as(await t.login('resident'), { url: `/api/mediation/applications/${f.id}` }));
    expect(failed).toMatchObject({ plainState: 'failed', stateName: '调解不成', referral: { referral: 'litigation', referralName: '诉讼', note: '双方分歧较大，告知可向人民法院起诉' } });
    expect(failed.steps.at(-1)).toMatchObject({ key: 'result', title: '调解不成', done: true });
  });

  it('once signed: the terms on the phone and the printable agreement (masked) for the applicant only', async () => {
    const a = await agreedApplication(t);
    const detail = ok(await t.as(await t.login('resident'), { url: `/api/mediation/applications/${a.id}` }));
    expect(detail).toMatchObject({ plainState: 'agreed', stateName: '已达成协议', agreement: { documentUrl: `/api/mediation/cases/${a.id}/agreement.html` } });
    expect(detail.agreement.terms[0]).toMatchObject({ content: '被申请人赔偿申请人维修费 2500 元', manner: '一次性银行转账' });
    const page = await t.as(await t.login('resident'), { url: `/api/mediation/cases/${a.id}/agreement.html` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('人民调解协议书');
    const ids = await t.tdb.db.selectFrom('mediation_party').select('id_number').where('case_id', '=', a.id).execute();
    for (const p of ids) expect(page.body).not.toContain(p.id_number!);
    // Only the reading copy: the clear numbers are not the resident's to print.
    expect((await t.as(await t.login('resident'), { url: `/api/mediation/cases/${a.id}/agreement.html?reveal=true&reason=${encodeURIComponent('我要打印签字')}` })).statusCode).toBe(403);
    expect((await t.as(await asLi(), { url: `/api/mediation/cases/${a.id}/agreement.html` })).statusCode).toBe(404);
    // The staff routes stay closed to residents.
    expect((await t.as(await t.login('resident'), { url: `/api/mediation/cases/${a.id}` })).statusCode).toBe(403);
    expect((await t.as(await t.login('resident'), { url: `/api/mediation/cases/${a.id}/agreement` })).statusCode).toBe(403);
  });

  it('another resident never sees it: 404 on the case, nothing in their list; staff cannot use the resident door', async () => {
    expect((await t.as(await asLi(), { url: `/api/mediation/applications/${pinned}` })).statusCode).toBe(404);
    expect(ok(await t.as(await asLi(), { url: '/api/mediation/applications' }))).toEqual({ items: [], total: 0 });
    // A case filed by staff is no resident's application, not even for someone named in it.
    const staffCase = ok(await createCase(t, 'kdl.street', caseBody(d.street.id, d.kdlGrid)), 201).id;
    expect((await t.as(await t.login('resident'), { url: `/api/mediation/applications/${staffCase}` })).statusCode).toBe(404);
    expect((await apply(t, 'mediator', applicationBody())).statusCode).toBe(403);
  });

  it('lists the committees a place may go to, nearest first', async () => {
    const list = ok(await t.as(await t.login('resident'), { url: `/api/mediation/applications/committees?lon=${home.lon}&lat=${home.lat}` }));
    expect(list.items.map((o: { id: number }) => o.id)).toEqual([d.community.id, d.street.id, d.district.id]);
    expect(list.items[0].nearest).toBe(true);
  });
});

describe('bad input is refused naming the field, and nothing is written', () => {
  const refused = async (body: Record<string, unknown>, field: string, status = 400) => {
    const before = await counts(t);
    const res = await apply(t, 'resident', body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.details.field).toBe(field);
    expect(await counts(t)).toEqual(before);
    return res.json().error.message as string;
  };

  it('missing category, empty or short summary, no other party, a nameless party, HTML', async () => {
    const { category: _c, ...noCategory } = applicationBody();
    await refused(noCategory, 'category');
    await refused(applicationBody({ category: 'gossip' }), 'category');
    expect(await refused(applicationBody({ summary: '   ' }), 'summary')).toContain('不能为空');
    expect(await refused(applicationBody({ summary: '吵架了' }), 'summary')).toContain('至少 10 个字');
    await refused(applicationBody({ summary: '邻居半夜吵闹不休，请帮忙调解<script>alert(1)</script>' }), 'summary');
    expect(await refused(applicationBody({ otherParties: [] }), 'otherParties')).toContain('另一方');
    await refused(applicationBody({ otherParties: [{ name: ' ', kind: 'person' }] }), 'otherParties.0.name');
    await refused(applicationBody({ otherParties: [{ name: '王某', kind: 'person', phone: '12' }] }), 'otherParties.0.phone');
    await refused(applicationBody({ summary: '邻'.repeat(2001) }), 'summary');
    await refused(applicationBody({ otherParties: Array.from({ length: 11 }, (_, i) => ({ name: `某${i}`, kind: 'person' })) }), 'otherParties');
  });

  it('a point outside the city, a committee that is not a people’s committee of the city or not of the place', async () => {
    const hlbe = await gridCentre(t, d.hlbeGrid);
    expect(await refused(applicationBody({ location: hlbe }), 'location')).toContain('不在本市');
    await refused(applicationBody({ preferredOrgId: d.property.id }), 'preferredOrgId');
    await refused(applicationBody({ preferredOrgId: d.hlbe.id }), 'preferredOrgId');
    // The community committee does not reach a place in the neighbouring community.
    expect(await refused(applicationBody({ preferredOrgId: d.community.id, location: await gridCentre(t, await neighbourGrid(t)) }), 'preferredOrgId')).toContain('辖区');
  });
});

describe('a phone on a bad network, and a flood', () => {
  it('a replayed Idempotency-Key gives the one case', async () => {
    const before = await counts(t);
    const headers = { 'idempotency-key': 'apply-5b1f6c0e-9d2a-4c1b-8a77-2f3e4d5c6b7a' };
    const first = await apply(t, 'resident', applicationBody(), headers);
    const again = await apply(t, 'resident', applicationBody(), headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect((await counts(t)).cases).toBe(before.cases + 1);
    // The same key for a different application is refused, not taken for the first.
    expect((await apply(t, 'resident', applicationBody({ summary: '另一件事：楼道里堆放杂物，与对门邻居协商不成，请求调解。' }), headers)).statusCode).toBe(422);
  });

  it('at most 5 applications waiting for 受理 per resident (429)', async () => {
    const li = await asLi();
    const send = (over: Record<string, unknown> = {}) => t.as(li, { method: 'POST', url: '/api/mediation/applications', payload: applicationBody(over) });
    const all = await Promise.all(Array.from({ length: 6 }, () => send()));
    expect(all.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = all.find((r) => r.statusCode === 429)!.json().error;
    expect(limited.code).toBe('too_many_applications');
    expect(limited.message).toContain('5 件调解申请待受理');
    expect(ok(await t.as(li, { url: '/api/mediation/applications' })).total).toBe(5);
  });
});

describe('申请人撤回: the resident withdraws their own application from the phone', () => {
  const withdraw = async (who: string | Promise<string>, id: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.as(typeof who === 'string' ? await t.login(who) : await who, { method: 'POST', url: `/api/mediation/applications/${id}/withdraw`, payload: body, headers });
  const actionsOf = (id: number) => t.tdb.db.selectFrom('mediation_case_action').selectAll().where('case_id', '=', id).orderBy('seq').execute();
  const noticesOf = (id: number) => t.tdb.db.selectFrom('notification').select(['kind', 'user_id', 'area_path', 'message']).where('mediation_case_id', '=', id).where('kind', '=', 'mediation.withdraw').orderBy('id').execute();

  it('while in mediation: the case ends 已撤回 through the workflow, the row says the applicant withdrew, the desk and the mediator are told, audited', async () => {
    const a = ok(await apply(t, 'resident', applicationBody({ preferredOrgId: d.street.id })), 201);
    ok(await act(t, 'mediator', a.id, { action: 'accept' }));
    ok(await act(t, 'mediator', a.id, { action: 'assign', mediatorIds: [d.me], chosenBy: 'committee' }));
    const res = ok(await withdraw('resident', a.id, { reason: '已与楼上邻居自行协商解决，撤回申请' }));
    expect(res).toMatchObject({ id: a.id, state: 'withdrawn', plainState: 'ended', stateName: '已撤回' });
    expect(res.steps.map((s: { key: string; done: boolean }) => [s.key, s.done])).toEqual([['applied', true], ['accepted', true], ['mediating', true], ['result', true]]);
    expect(res.steps.at(-1)).toMatchObject({ key: 'result', title: '已撤回', done: true });
    const last = (await actionsOf(a.id)).at(-1)!;
    const me = await t.tdb.db.selectFrom('app_user').select(['id', 'display_name']).where('username', '=', 'resident').executeTakeFirstOrThrow();
    const applicant = await t.tdb.db.selectFrom('mediation_party').select('id').where('case_id', '=', a.id).where('role', '=', 'applicant').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'withdraw', from_state: 'assigned', to_state: 'withdrawn', actor_id: me.id, actor_name: me.display_name, actor_role: 'resident', note: '已与楼上邻居自行协商解决，撤回申请', data: { partyId: applicant.id, by: 'applicant' } });
    expect((await caseOf(a.id)).concluded_at).not.toBeNull();
    // The committee's desk (its area) and the mediator on the case, by login; the message names no one.
    const mediatorUser = (await t.tdb.db.selectFrom('app_user').select('id').where('username', '=', 'mediator').executeTakeFirstOrThrow()).id;
    const sent = await noticesOf(a.id);
    expect(sent.map((n) => n.area_path ?? n.user_id)).toEqual([d.street.path, mediatorUser]);
    expect(sent[0].message).toBe(`纠纷案件 ${a.number}（邻里）申请人已撤回调解申请，案件终止`);
    const bell = ok(await get(t, 'mediator', '/api/notifications?pageSize=100')).items.find((n: { caseId: number; kind: string }) => n.caseId === a.id && n.kind === 'mediation.withdraw');
    expect(bell).toMatchObject({ caseNumber: a.number });
    const audit = await t.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', 'mediation.application.withdraw').where('target_id', '=', String(a.id)).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_name: me.display_name, detail: { caseId: a.id, seq: last.seq } });
    // The staff see the withdrawal on the case's timeline.
    const timeline = ok(await get(t, 'kdl.street', `/api/mediation/cases/${a.id}`)).timeline;
    expect(timeline.at(-1)).toMatchObject({ action: 'withdraw', by: { name: me.display_name, role: 'resident' } });
  });

  it('waiting for 受理: withdrawn too; a withdrawal the committee records itself tells no one', async () => {
    const a = ok(await apply(t, 'resident', applicationBody()), 201);
    const w = ok(await withdraw('resident', a.id, { reason: '不需要调解了' }));
    expect(w.stateName).toBe('已撤回');
    // The steps that never happened (受理, 调解) are left out.
    expect(w.steps.map((s: { key: string; title: string }) => `${s.key} ${s.title}`)).toEqual(['applied 提交申请', 'result 已撤回']);
    expect((await noticesOf(a.id)).map((n) => n.area_path)).toEqual([d.community.path]);
    const b = ok(await apply(t, 'resident', applicationBody()), 201);
    const applicant = (await t.tdb.db.selectFrom('mediation_party').select('id').where('case_id', '=', b.id).where('role', '=', 'applicant').executeTakeFirstOrThrow()).id;
    ok(await act(t, 'kdl.community', b.id, { action: 'withdraw', partyId: applicant, note: '申请人来电撤回' }));
    expect(await noticesOf(b.id)).toEqual([]);
    expect((await actionsOf(b.id)).at(-1)!.data).toEqual({ partyId: applicant });
  });

  it('another resident’s application is 404, and nothing changes', async () => {
    const a = ok(await apply(t, 'resident', applicationBody()), 201);
    const before = await counts(t);
    const res = await withdraw(asLi(), a.id, { reason: '替别人撤回' });
    expect(res.statusCode).toBe(404);
    expect(await counts(t)).toEqual(before);
    expect((await caseOf(a.id)).state).toBe('registered');
    // Staff use the case's own actions route, not the resident's door.
    expect((await withdraw('kdl.community', a.id, { reason: '撤回申请' })).statusCode).toBe(403);
  });

  it('a concluded case answers 409 naming its state', async () => {
    const agreed = await agreedApplication(t);
    const res = await withdraw('resident', agreed.id, { reason: '想撤回申请' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'case_concluded', details: { field: 'state', state: 'agreed', stateName: '达成协议' } });
    expect(res.json().error.message).toMatch(/^state: 案件已达成协议/);
    const r = ok(await apply(t, 'resident', applicationBody({ preferredOrgId: d.street.id })), 201);
    ok(await act(t, 'kdl.street', r.id, { action: 'reject', reason: 'in_litigation', note: '该纠纷已由法院立案受理' }));
    const rejected = await withdraw('resident', r.id, { reason: '想撤回申请' });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().error).toMatchObject({ code: 'case_final', details: { field: 'state', state: 'rejected' } });
    expect(rejected.json().error.message).toContain('不予受理');
    // Withdrawn once, it cannot be withdrawn again.
    const w = ok(await apply(t, 'resident', applicationBody()), 201);
    ok(await withdraw('resident', w.id, { reason: '不需要调解了' }));
    expect((await withdraw('resident', w.id, { reason: '再撤回一次' })).json().error).toMatchObject({ code: 'case_final', details: { state: 'withdrawn' } });
  });

  it('the reason is required, named `reason`, and nothing is written without it', async () => {
    const a = ok(await apply(t, 'resident', applicationBody()), 201);
    const before = await counts(t);
    for (const body of [{}, { reason: '  ' }, { reason: '撤' }, { reason: '撤'.repeat(501) }]) {
      const res = await withdraw('resident', a.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.field, JSON.stringify(body)).toBe('reason');
      expect(res.json().error.message).toContain('reason');
    }
    expect(await counts(t)).toEqual(before);
    expect((await caseOf(a.id)).state).toBe('registered');
    ok(await withdraw('resident', a.id, { reason: '已和解' }));
  });

  it('a replayed Idempotency-Key gives one action and the same answer', async () => {
    const a = ok(await apply(t, 'resident', applicationBody()), 201);
    const headers = { 'idempotency-key': 'withdraw-0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5' };
    const first = await withdraw('resident', a.id, { reason: '已与对方和解' }, headers);
    const again = await withdraw('resident', a.id, { reason: '已与对方和解' }, headers);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await actionsOf(a.id)).filter((x) => x.action === 'withdraw')).toHaveLength(1);
    expect(await noticesOf(a.id)).toHaveLength(1);
  });
});
