import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, caseAt, caseBody, createCase, demo, get, ok, post, session, type Demo } from './mediation-fixtures.ts';

let t: TestApp;
let d: Demo;
let mediator2: number; // the mediator record of kdl.mediator2, a mediator of 昆都仑区's committee
let street2Grid: string; // a grid in another street of 昆都仑区, kdl.street2's
let a: { id: number; parties: number[] }; // the street committee's case in kdl.grid's grid, agreed
let b: { id: number; parties: number[] }; // the district committee's case in street2, agreed by kdl.mediator2
const PASSWORD = 'mediation-2026';

beforeAll(async () => {
  t = await createTestApp();
  d = await demo(t);
  const db = t.tdb.db;
  const street2 = await db.selectFrom('area').select(['code', 'path']).where('level', '=', 'street').where('parent_code', '=', '150203')
    .where('path', '!=', d.street.path).where(sql<boolean>`EXISTS (SELECT 1 FROM area g WHERE g.level = 'grid' AND g.path <@ area.path)`).orderBy('code').limit(1).executeTakeFirstOrThrow();
  street2Grid = (await db.selectFrom('area').select('code').where('level', '=', 'grid').where(sql<boolean>`path <@ ${street2.path}::ltree`).orderBy('code').limit(1).executeTakeFirstOrThrow()).code;
  const admin = await t.login('admin');
  const user = (username: string, role: string, scopeCode: string) => t.as(admin, { method: 'POST', url: '/api/users', payload: { username, displayName: username, role, scopeCode, password: PASSWORD } });
  const m2 = ok(await user('kdl.mediator2', 'mediator', '150203'), 201);
  ok(await user('kdl.street2', 'street_staff', street2.code), 201);
  mediator2 = ok(await post(t, 'kdl.district', '/api/mediation/mediators', { orgId: d.district.id, name: '区调委会调解员', kind: 'full_time', phone: '13904729999', specialties: ['neighbour'], userId: m2.id }), 201).id;
  a = await caseAt(t, 'agreed', 'kdl.street', d.street.id, d.kdlGrid, d.me);
  b = await caseAt(t, 'agreed', 'kdl.district', d.district.id, street2Grid, mediator2);
});
afterAll(async () => { await t?.close(); });

const as = async (who: string, url: string) => t.as(await t.login(who, who.endsWith('2') ? PASSWORD : undefined), { url });
const ids = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((i) => i.id);

describe('a mediator sees only their committee’s cases and those assigned to them', () => {
  it('another committee’s mediator gets 404 for the case and does not find it in the list, until the parties choose them', async () => {
    expect((await as('kdl.mediator2', `/api/mediation/cases/${a.id}`)).statusCode).toBe(404);
    expect(ids(await as('kdl.mediator2', '/api/mediation/cases'))).toEqual([b.id]);
    expect((await as('mediator', `/api/mediation/cases/${b.id}`)).statusCode).toBe(404);
    expect(ids(await as('mediator', '/api/mediation/cases'))).not.toContain(b.id);
    expect(ids(await as('mediator', '/api/mediation/cases'))).toContain(a.id);
    // The street committee's open case, mediated by kdl.mediator2 on the parties' choice: now theirs to see.
    const c = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    expect((await as('kdl.mediator2', `/api/mediation/cases/${c.id}`)).statusCode).toBe(404);
    ok(await act(t, 'kdl.street', c.id, { action: 'assign', mediatorIds: [mediator2], chosenBy: 'parties' }));
    const seen = ok(await as('kdl.mediator2', `/api/mediation/cases/${c.id}`));
    expect(seen.relations).toEqual(['mediator']);
    expect(ids(await as('kdl.mediator2', '/api/mediation/cases?mine=true')).sort()).toEqual([b.id, c.id].sort());
    const res = await t.as(await t.login('kdl.mediator2', PASSWORD), { method: 'POST', url: `/api/mediation/cases/${c.id}/sessions`, payload: session() });
    expect(res.statusCode, res.body).toBe(201);
    // It may not act as the street committee (受理, 指派 are the committee's).
    expect((await t.as(await t.login('kdl.mediator2', PASSWORD), { method: 'POST', url: `/api/mediation/cases/${c.id}/actions`, payload: { action: 'assign', mediatorIds: [mediator2], chosenBy: 'committee' } })).statusCode).toBe(403);
  });
});

describe('privacy: identities masked, agreements and minutes only for those involved', () => {
  it('staff who see a case by its place (not involved) get masked parties, no addresses or minutes, and 404 for the agreement and a reveal', async () => {
    const seen = ok(await as('kdl.street2', `/api/mediation/cases/${b.id}`));
    expect(seen.relations).toEqual([]);
    expect(seen.actions).toEqual([]);
    expect(seen.agreement).toMatchObject({ readable: false });
    expect(seen.sessions[0].minutes).toBeNull();
    for (const p of seen.parties) {
      expect(p.idNumber).toMatch(/\*{8}/);
      expect(p.address).toBeNull();
    }
    expect(JSON.stringify(seen)).not.toMatch(/[0-9]{17}[0-9X]/);
    const agreement = await as('kdl.street2', `/api/mediation/cases/${b.id}/agreement`);
    expect(agreement.statusCode).toBe(404);
    const reveal = await t.as(await t.login('kdl.street2', PASSWORD), { method: 'POST', url: `/api/mediation/cases/${b.id}/parties/${b.parties[0]}/reveal`, payload: { field: 'idNumber', reason: '核对身份信息' } });
    expect(reveal.statusCode).toBe(404);
    const open = await caseAt(t, 'accepted', 'kdl.district', d.district.id, street2Grid, mediator2);
    const flag = await t.as(await t.login('kdl.street2', PASSWORD), { method: 'POST', url: `/api/mediation/cases/${open.id}/actions`, payload: { action: 'flag_police', reason: '可能激化，需报告' } });
    expect(flag.statusCode, flag.body).toBe(403);
    // The same for the community where the street committee's case lies.
    expect(ok(await as('kdl.community', `/api/mediation/cases/${a.id}`)).agreement.readable).toBe(false);
    expect((await as('kdl.community', `/api/mediation/cases/${a.id}/agreement`)).statusCode).toBe(404);
    // A street committee elsewhere does not even see the case.
    expect((await as('kdl.street', `/api/mediation/cases/${b.id}`)).statusCode).toBe(404);
  });

  it('the committee, the case’s mediators and supervisors up the area tree read the agreement', async () => {
    for (const who of ['kdl.district', 'kdl.mediator2', 'admin', 'dispatcher']) {
      const res = await as(who, `/api/mediation/cases/${b.id}/agreement`);
      expect(res.statusCode, `${who} ${res.body}`).toBe(200);
      expect(res.json().facts).toContain('漏水');
    }
    for (const who of ['kdl.street', 'mediator', 'kdl.district', 'admin']) expect((await as(who, `/api/mediation/cases/${a.id}/agreement`)).statusCode, who).toBe(200);
    expect((await as('hlbe.admin', `/api/mediation/cases/${a.id}/agreement`)).statusCode).toBe(404);
    expect(ok(await as('kdl.district', `/api/mediation/cases/${b.id}`)).sessions[0].minutes).toContain('双方到场陈述');
  });

  it('an audited reveal gives the clear number to those involved, with the reason in the audit log', async () => {
    const res = ok(await post(t, 'kdl.street', `/api/mediation/cases/${a.id}/parties/${a.parties[0]}/reveal`, { field: 'idNumber', reason: '制作调解协议书核对身份' }));
    const stored = await t.tdb.db.selectFrom('mediation_party').select(['id_number', 'phone']).where('id', '=', a.parties[0]).executeTakeFirstOrThrow();
    expect(res).toEqual({ partyId: a.parties[0], field: 'idNumber', value: stored.id_number });
    const audit = await t.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', 'mediation.party.reveal').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_name: '街道综治中心', target_id: String(a.parties[0]), detail: { caseId: a.id, field: 'idNumber', reason: '制作调解协议书核对身份' } });
    expect(ok(await post(t, 'mediator', `/api/mediation/cases/${a.id}/parties/${a.parties[1]}/reveal`, { field: 'phone', reason: '电话通知回访' })).value).toBe(stored.phone === null ? null : (await t.tdb.db.selectFrom('mediation_party').select('phone').where('id', '=', a.parties[1]).executeTakeFirstOrThrow()).phone);
    expect((await post(t, 'kdl.street', `/api/mediation/cases/${a.id}/parties/${b.parties[0]}/reveal`, { field: 'idNumber', reason: '不是本案当事人' })).statusCode).toBe(404);
    expect((await post(t, 'kdl.street', `/api/mediation/cases/${a.id}/parties/${a.parties[0]}/reveal`, { field: 'idNumber', reason: '看' })).statusCode).toBe(400);
  });
});

describe('第二十五条: the police role sees only cases reported to it', () => {
  it('nothing before the report; the flagged case after it, with the reason; no actions', async () => {
    const c = await caseAt(t, 'mediating', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    expect((await as('police', `/api/mediation/cases/${c.id}`)).statusCode).toBe(404);
    expect(ok(await as('police', '/api/mediation/cases')).total).toBe(0);
    const flagged = ok(await act(t, 'mediator', c.id, { action: 'flag_police', reason: '被申请人扬言报复，纠纷有激化可能' }));
    expect(flagged.case).toMatchObject({ policeFlag: true, policeReason: '被申请人扬言报复，纠纷有激化可能' });
    expect(flagged.action).toMatchObject({ action: 'flag_police', actionName: '报告公安机关', note: '被申请人扬言报复，纠纷有激化可能' });
    const seen = ok(await as('police', `/api/mediation/cases/${c.id}`));
    expect(seen.case.policeFlag).toBe(true);
    expect(seen.relations).toEqual([]);
    expect(ids(await as('police', '/api/mediation/cases'))).toEqual([c.id]);
    expect(ids(await as('kdl.street', '/api/mediation/cases?police=true'))).toEqual([c.id]);
    expect((await act(t, 'police', c.id, { action: 'flag_police', reason: '再次报告' })).statusCode).toBe(403);
    expect((await as('police', `/api/mediation/cases/${c.id}/agreement`)).statusCode).toBe(403);
    const again = await act(t, 'kdl.street', c.id, { action: 'flag_police', reason: '再次报告公安' });
    expect(again.statusCode).toBe(409);
  });
});

describe('other cities and other areas', () => {
  it('呼伦贝尔 sees none of 包头’s cases, and 包头 none of its', async () => {
    expect((await as('hlbe.admin', `/api/mediation/cases/${a.id}`)).statusCode).toBe(404);
    const hl = ok(await createCase(t, 'hlbe.admin', caseBody(d.hlbe.id, d.hlbeGrid)), 201);
    expect(ids(await as('hlbe.admin', '/api/mediation/cases'))).toEqual([hl.id]);
    expect((await as('admin', `/api/mediation/cases/${hl.id}`)).statusCode).toBe(404);
    expect((await act(t, 'admin', hl.id, { action: 'supervise', level: 'yellow' })).statusCode).toBe(404);
    // The area filter takes only areas of the caller's city.
    expect((await as('admin', '/api/mediation/cases?area=150724')).statusCode).toBe(400);
  });

  it('list filters: state, source, organisation, mediator, category, text', async () => {
    const list = async (q: string) => ids(await as('kdl.district', `/api/mediation/cases?${q}`));
    expect(await list('state=agreed')).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await list(`orgId=${d.district.id}`)).toContain(b.id);
    expect(await list(`orgId=${d.district.id}`)).not.toContain(a.id);
    expect(await list(`mediatorId=${mediator2}`)).toContain(b.id);
    expect(await list('category=family')).toEqual([]);
    const number = ok(await as('kdl.district', `/api/mediation/cases/${b.id}`)).case.number;
    expect(await list(`q=${number}`)).toEqual([b.id]);
    expect((await as('kdl.district', '/api/mediation/cases?state=nope')).statusCode).toBe(400);
  });
});
