import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDeadline } from '../../src/kernel/calendar/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, caseAt, demo, get, ok, post, type Demo } from './mediation-fixtures.ts';

let t: TestApp;
let d: Demo;
let qsOrg: number; // a committee of 青山区 (outside every 昆都仑区 user)
beforeAll(async () => {
  t = await createTestApp();
  d = await demo(t);
  qsOrg = ok(await post(t, 'admin', '/api/mediation/organisations', { name: '青山区人民调解委员会', kind: 'people_committee', areaCode: '150204', phone: '0472-3110001' }), 201).id;
});
afterAll(async () => { await t?.close(); });

type Item = { id: number; name: string; level: string; kind: string };
const names = (res: { items: Item[] }) => res.items.map((o) => o.name);

describe('调解组织 in the area tree', () => {
  it('a street sees its own, the communities below and the district and city above; not another district or city', async () => {
    const seen = ok(await get(t, 'kdl.street', '/api/mediation/organisations?pageSize=100'));
    const ids = seen.items.map((o: Item) => o.id);
    expect(ids).toEqual(expect.arrayContaining([d.street.id, d.studio.id, d.community.id, d.district.id, d.property.id, d.city.id]));
    expect(ids).not.toContain(qsOrg);
    expect(ids).not.toContain(d.hlbe.id);
    const street = seen.items.find((o: Item) => o.id === d.street.id);
    expect(street).toMatchObject({ kind: 'people_committee', kindName: '人民调解委员会', level: 'street', mediators: 3, openCases: 0, active: true });
    expect(names(ok(await get(t, 'kdl.street', '/api/mediation/organisations?level=district&kind=industry_committee')))).toEqual(['昆都仑区物业纠纷人民调解委员会']);
    expect(ok(await get(t, 'kdl.street', '/api/mediation/organisations?field=medical')).items).toMatchObject([{ name: '包头市医疗纠纷人民调解委员会', fieldName: '医疗', level: 'city' }]);
    expect(ok(await get(t, 'admin', `/api/mediation/organisations?area=150204`)).items.map((o: Item) => o.id)).toEqual([qsOrg]);
    expect(ok(await get(t, 'hlbe.admin', '/api/mediation/organisations?pageSize=100')).items.every((o: { areaPath: string }) => o.areaPath.startsWith('150700'))).toBe(true);
  });

  it('the district adds committees at any level of its area; refused naming the field outside it, on a grid, without an industry field, twice by name', async () => {
    const community = ok(await get(t, 'kdl.district', `/api/areas/${d.street.path.split('.').pop()}/children`)).items[1].code;
    const made = ok(await post(t, 'kdl.district', '/api/mediation/organisations', { name: '某社区人民调解委员会', kind: 'people_committee', areaCode: community, phone: '0472 2123456', address: '社区服务中心二楼' }), 201);
    expect(made).toMatchObject({ level: 'community', areaCode: community, phone: '0472-2123456', mediators: 0, version: 1 });
    const bad = async (body: Record<string, unknown>, status: number, field: string) => {
      const res = await post(t, 'kdl.district', '/api/mediation/organisations', { name: '测试调委会', kind: 'people_committee', areaCode: community, ...body });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.details.field).toBe(field);
    };
    await bad({ areaCode: '150204' }, 400, 'areaCode');
    await bad({ areaCode: d.kdlGrid }, 400, 'areaCode');
    await bad({ kind: 'industry_committee' }, 400, 'field');
    await bad({ name: '某社区人民调解委员会' }, 409, 'name');
    await bad({ phone: '12345' }, 400, 'phone');
    expect((await post(t, 'kdl.street', '/api/mediation/organisations', { name: '街道建的', kind: 'people_committee', areaCode: community })).statusCode).toBe(403);
    const audit = await t.tdb.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'mediation.org.create').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ name: '某社区人民调解委员会', kind: 'people_committee', area: community });
    // Changes: its own area's organisation, with the version read; another district's is not found.
    const patched = ok(await t.as(await t.login('kdl.district'), { method: 'PATCH', url: `/api/mediation/organisations/${made.id}`, payload: { phone: '0472-2123457', version: 1 } }));
    expect(patched).toMatchObject({ phone: '0472-2123457', version: 2 });
    expect((await t.as(await t.login('kdl.district'), { method: 'PATCH', url: `/api/mediation/organisations/${made.id}`, payload: { active: false, version: 1 } })).statusCode).toBe(409);
    expect((await t.as(await t.login('kdl.district'), { method: 'PATCH', url: `/api/mediation/organisations/${qsOrg}`, payload: { active: false } })).statusCode).toBe(404);
    expect((await t.as(await t.login('kdl.district'), { method: 'PATCH', url: `/api/mediation/organisations/${d.city.id}`, payload: { active: false } })).statusCode).toBe(404);
    const off = ok(await t.as(await t.login('kdl.district'), { method: 'PATCH', url: `/api/mediation/organisations/${made.id}`, payload: { active: false } }));
    expect(off.active).toBe(false);
    const res = await post(t, 'kdl.district', '/api/mediation/cases', { source: 'walk_in', orgId: made.id, category: 'neighbour', summary: '已停用的调委会不能受理', parties: [] });
    expect(res.statusCode).toBe(400);
  });
});

describe('调解员 with specialties and workload', () => {
  it('the street adds a mediator linked to a mediator login; phones masked; workload counts the open cases they are on', async () => {
    const user = ok(await t.as(await t.login('admin'), { method: 'POST', url: '/api/users', payload: { username: 'kdl.mediator3', displayName: '新调解员', role: 'mediator', scopeCode: d.street.path.split('.').pop(), password: 'mediator-2026' } }), 201);
    const m = ok(await post(t, 'kdl.street', '/api/mediation/mediators', { orgId: d.street.id, name: '新调解员', kind: 'part_time', phone: '13904728888', specialties: ['family', 'neighbour'], userId: user.id }), 201);
    expect(m).toMatchObject({ orgId: d.street.id, orgName: d.street.name, phone: '139****8888', kindName: '兼职', specialtyNames: ['婚姻家庭', '邻里'], username: 'kdl.mediator3', workload: 0, active: true });
    expect((await post(t, 'kdl.street', '/api/mediation/mediators', { orgId: d.street.id, name: '重复', kind: 'part_time', userId: user.id })).statusCode).toBe(409);
    const notMediator = await t.tdb.db.selectFrom('app_user').select('id').where('username', '=', 'kdl.grid').executeTakeFirstOrThrow();
    const res = await post(t, 'kdl.street', '/api/mediation/mediators', { orgId: d.street.id, name: '网格员', kind: 'part_time', userId: notMediator.id });
    expect(res.json().error.details.field).toBe('userId');
    expect((await post(t, 'kdl.street', '/api/mediation/mediators', { orgId: d.district.id, name: '区里的', kind: 'part_time' })).json().error.details.field).toBe('orgId');
    expect((await post(t, 'mediator', '/api/mediation/mediators', { orgId: d.street.id, name: '自己加', kind: 'part_time' })).statusCode).toBe(403);

    await caseAt(t, 'assigned', 'kdl.street', d.street.id, d.kdlGrid, m.id);
    const c2 = await caseAt(t, 'mediating', 'kdl.street', d.street.id, d.kdlGrid, m.id);
    await caseAt(t, 'agreed', 'kdl.street', d.street.id, d.kdlGrid, m.id); // concluded: not counted
    const listed = ok(await get(t, 'kdl.street', `/api/mediation/mediators?orgId=${d.street.id}&specialty=family`));
    expect(listed.items.find((x: { id: number }) => x.id === m.id)).toMatchObject({ workload: 2 });
    expect(listed.items.every((x: { specialties: string[] }) => x.specialties.includes('family'))).toBe(true);
    ok(await act(t, 'kdl.street', c2.id, { action: 'fail', referral: 'arbitration', note: '告知可申请劳动仲裁' }));
    expect(ok(await get(t, 'kdl.street', `/api/mediation/mediators?q=新调解员`)).items[0].workload).toBe(1);
    // The new login now sees its committee's cases.
    expect(ok(await t.as(await t.login('kdl.mediator3', 'mediator-2026'), { url: '/api/mediation/cases' })).total).toBeGreaterThan(2);
    // Changes by the street: its own committee's mediators only.
    const patched = ok(await t.as(await t.login('kdl.street'), { method: 'PATCH', url: `/api/mediation/mediators/${m.id}`, payload: { kind: 'full_time', specialties: ['family'] } }));
    expect(patched).toMatchObject({ kind: 'full_time', specialties: ['family'], version: 2 });
    expect((await t.as(await t.login('kdl.street'), { method: 'PATCH', url: `/api/mediation/mediators/${d.districtMediator}`, payload: { active: false } })).statusCode).toBe(404);
    // An inactive mediator cannot be assigned.
    ok(await t.as(await t.login('kdl.street'), { method: 'PATCH', url: `/api/mediation/mediators/${m.id}`, payload: { active: false } }));
    const c3 = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const assign = await act(t, 'kdl.street', c3.id, { action: 'assign', mediatorIds: [m.id], chosenBy: 'committee' });
    expect(assign.statusCode).toBe(409);
    expect(assign.json().error.code).toBe('mediator_inactive');
  });
});

describe('the city’s terms (调解期限)', () => {
  it('read by everyone in mediation, set by the city admin (audited), applied to deadlines set from then on', async () => {
    expect(ok(await get(t, 'mediator', '/api/mediation/settings'))).toEqual({ conclusionDays: 30, courtDays: 30, courtExtensionDays: 30, redAfterWorkdays: 5, version: 0 });
    const put = async (who: string, payload: Record<string, unknown>) => t.as(await t.login(who), { method: 'PUT', url: '/api/mediation/settings', payload });
    expect((await put('kdl.district', { conclusionDays: 20, courtDays: 30, courtExtensionDays: 30, redAfterWorkdays: 5 })).statusCode).toBe(403);
    expect((await put('admin', { conclusionDays: 20, courtDays: 31, courtExtensionDays: 30, redAfterWorkdays: 5 })).json().error.details.field).toBe('courtDays');
    expect(ok(await put('admin', { conclusionDays: 20, courtDays: 30, courtExtensionDays: 15, redAfterWorkdays: 3 }))).toMatchObject({ conclusionDays: 20 });
    const c = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const got = ok(await get(t, 'kdl.street', `/api/mediation/cases/${c.id}`)).case;
    const days = (Date.parse(got.dueAt) - Date.parse(got.acceptedAt)) / 86_400_000;
    expect(days).toBeGreaterThan(20);
    // 20 days to 24:00, moved to the next working day when day 20 is a rest day: up to 9 days more in
    // 春节 or 国庆 (accepted 2026-09-11, day 20 is 1 Oct: due 8 Oct, 27.6 days), so counted on the calendar.
    expect(got.dueAt).toBe(calendarDeadline(new Date(got.acceptedAt), 20).at.toISOString());
    expect(ok(await get(t, 'hlbe.admin', '/api/mediation/settings')).conclusionDays).toBe(30); // another city keeps its own
    const audit = await t.tdb.db.selectFrom('audit_log').select('detail').where('action', '=', 'mediation.settings.update').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ before: { conclusionDays: 30 }, after: { conclusionDays: 20 } });
  });
});
