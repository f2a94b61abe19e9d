import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { chineseTrigramsWork } from '../../src/modules/registry/search.ts';
import { householdBody, newCreditCode, newIdNumber, personBody, registryGrids, type RegistryGrids } from './registry-fixtures.ts';

let t: TestApp;
let g: RegistryGrids;
let grid: string; // the grid worker's cookie
beforeAll(async () => { t = await createTestApp(); g = await registryGrids(t); grid = await t.login('kdl.grid'); });
afterAll(async () => { await t?.close(); });

describe('households 户 with members', () => {
  it('creates a household with its members and tags in one request', async () => {
    const body = householdBody(g.kdlGrid, { tags: ['EXTREMELY_POOR'] });
    Object.assign(body.members[0], { tags: ['VETERAN'] });
    const res = await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const h = res.json();
    expect(h).toMatchObject({ gridCode: g.kdlGrid, address: body.address, memberCount: 2, headName: '李大山', version: 1, phone: '047****3456' });
    expect(h.tags.map((x: { code: string }) => x.code)).toEqual(['EXTREMELY_POOR']);
    expect(h.members).toHaveLength(2);
    const head = h.members.find((m: { relation: string }) => m.relation === '02');
    expect(h.headPersonId).toBe(head.id);
    expect(head.tags.map((x: { code: string }) => x.code)).toEqual(['VETERAN']);
    expect(head).toMatchObject({ name: '李大山', sex: '1', address: body.address, residenceType: 'registered', householdId: h.id });
    const wife = h.members.find((m: { relation: string }) => m.relation === '10');
    expect(wife.sex).toBe('2'); // taken from the ID number
    const got = await t.as(grid, { url: `/api/registry/households/${h.id}` });
    expect(got.json().members.map((m: { id: number }) => m.id).sort()).toEqual(h.members.map((m: { id: number }) => m.id).sort());
    const list = (await t.as(grid, { url: `/api/registry/households?grid=${g.kdlGrid}&q=${encodeURIComponent('李大山')}` })).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(h.id);
  });

  it('needs exactly one head of household (02)', async () => {
    const none = householdBody(g.kdlGrid);
    none.members[0].relation = '20';
    const res = await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: none });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('members');
    const two = householdBody(g.kdlGrid);
    two.members[1].relation = '02';
    const res2 = await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: two });
    expect(res2.json().error.details.field).toBe('members.1.relation');
  });

  it('updates with the version read; a stale version gets 409 naming the current one', async () => {
    const h = (await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: householdBody(g.kdlGrid) })).json();
    const first = await t.as(grid, { method: 'PATCH', url: `/api/registry/households/${h.id}`, payload: { version: 1, room: '502', notes: '新装修' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ room: '502', version: 2 });
    const stale = await t.as(grid, { method: 'PATCH', url: `/api/registry/households/${h.id}`, payload: { version: 1, room: '503' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { field: 'version', currentVersion: 2 } });
    expect(stale.json().error.message).toMatch(/version/);
    expect((await t.as(grid, { url: `/api/registry/households/${h.id}` })).json().room).toBe('502');
  });

  it('adds a member later; a second head is refused', async () => {
    const h = (await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: householdBody(g.kdlGrid) })).json();
    const child = await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: { name: '李小明', idNumber: newIdNumber('1'), householdId: h.id, relation: '20' } });
    expect(child.statusCode, child.body).toBe(201);
    expect(child.json()).toMatchObject({ householdId: h.id, gridCode: g.kdlGrid, address: h.address });
    const head2 = await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: { name: '李二', idNumber: newIdNumber('1'), householdId: h.id, relation: '02' } });
    expect(head2.statusCode).toBe(400);
    expect(head2.json().error.details.field).toBe('relation');
    expect((await t.as(grid, { url: `/api/registry/households/${h.id}` })).json().memberCount).toBe(3);
  });
  it('a household moved to another grid takes its members along, out of the old grid worker’s sight', async () => {
    const admin = await t.login('admin');
    const h = (await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: householdBody(g.kdlGrid) })).json();
    const moved = await t.as(admin, { method: 'PATCH', url: `/api/registry/households/${h.id}`, payload: { version: 1, gridCode: g.siblingGrid } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().members.map((m: { gridCode: string }) => m.gridCode)).toEqual([g.siblingGrid, g.siblingGrid]);
    expect((await t.as(grid, { url: `/api/registry/households/${h.id}` })).statusCode).toBe(404);
    expect((await t.as(grid, { url: `/api/registry/people/${h.headPersonId}` })).statusCode).toBe(404);
    const history = (await t.as(admin, { url: `/api/registry/people/${h.headPersonId}/history` })).json().items;
    expect(history[0].changes).toEqual({ gridCode: [g.kdlGrid, g.siblingGrid] });
  });
});

describe('buildings 楼栋 and units 单元', () => {
  it('creates a building with units, places a household in a unit, and shows it per unit', async () => {
    const b = await t.as(grid, { method: 'POST', url: '/api/registry/buildings', payload: { gridCode: g.kdlGrid, name: '12号楼', address: '钢铁大街12号', floors: 6, location: [109.83, 40.65], units: [{ name: '1单元', floors: 6, roomsPerFloor: 2 }, { name: '2单元' }] } });
    expect(b.statusCode, b.body).toBe(201);
    const building = b.json();
    expect(building).toMatchObject({ gridCode: g.kdlGrid, name: '12号楼', unitCount: 2, householdCount: 0, kind: 'residential', location: [109.83, 40.65] });
    const unit = building.units[0];
    const h = await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: householdBody(g.kdlGrid, { unitId: unit.id, room: '101' }) });
    expect(h.statusCode, h.body).toBe(201);
    expect(h.json()).toMatchObject({ buildingId: building.id, unitId: unit.id });
    const detail = (await t.as(grid, { url: `/api/registry/buildings/${building.id}` })).json();
    expect(detail.householdCount).toBe(1);
    expect(detail.units[0].households).toEqual([expect.objectContaining({ id: h.json().id, room: '101', headName: '李大山', memberCount: 2 })]);
    const list = (await t.as(grid, { url: `/api/registry/buildings?grid=${g.kdlGrid}` })).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(building.id);
    const upd = await t.as(grid, { method: 'PATCH', url: `/api/registry/buildings/${building.id}`, payload: { floors: 7, addUnits: [{ name: '3单元' }] } });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ floors: 7, unitCount: 3 });
    const dup = await t.as(grid, { method: 'PATCH', url: `/api/registry/buildings/${building.id}`, payload: { addUnits: [{ name: '1单元' }] } });
    expect(dup.json().error.details.field).toBe('addUnits.0.name');
  });

  it('a household’s building must stand in its grid', async () => {
    const admin = await t.login('admin');
    const b = (await t.as(admin, { method: 'POST', url: '/api/registry/buildings', payload: { gridCode: g.siblingGrid, name: '邻格楼' } })).json();
    const res = await t.as(admin, { method: 'POST', url: '/api/registry/households', payload: householdBody(g.kdlGrid, { buildingId: b.id }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('buildingId');
  });
});

describe('people 人', () => {
  it('registers, reads, filters and edits a person', async () => {
    const body = personBody(g.kdlGrid, { name: '孙悦', idNumber: newIdNumber('2'), tags: ['DISABLED'] });
    const res = await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ name: '孙悦', sex: '2', gridCode: g.kdlGrid, ethnicity: '01', phone: '139****5678', version: 1 });
    expect(p.idNumber).toBe(`${body.idNumber.slice(0, 6)}********${body.idNumber.slice(-4)}`);
    expect(p.birthMonth).toBe(`${body.idNumber.slice(6, 10)}-${body.idNumber.slice(10, 12)}`);
    const byTag = (await t.as(grid, { url: `/api/registry/people?tag=DISABLED&grid=${g.kdlGrid}` })).json();
    expect(byTag.items.map((x: { id: number }) => x.id)).toContain(p.id);
    const byAge = (await t.as(grid, { url: `/api/registry/people?ageMin=${p.age}&ageMax=${p.age}&q=${encodeURIComponent('孙悦')}` })).json();
    expect(byAge.items.map((x: { id: number }) => x.id)).toEqual([p.id]);
    const older = (await t.as(grid, { url: `/api/registry/people?ageMin=${p.age + 1}&q=${encodeURIComponent('孙悦')}` })).json();
    expect(older.total).toBe(0);
    const edit = await t.as(grid, { method: 'PATCH', url: `/api/registry/people/${p.id}`, payload: { version: 1, education: '10', workplace: '包钢集团' } });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ education: '10', workplace: '包钢集团', version: 2 });
  });

  it('moves between 户籍/流动/境外/留守 and keeps each move', async () => {
    const p = (await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid) })).json();
    const move = await t.as(grid, { method: 'POST', url: `/api/registry/people/${p.id}/move`, payload: { toType: 'floating', reason: '外出务工返回后登记为流动人口', on: '2025-03-01' } });
    expect(move.statusCode, move.body).toBe(200);
    expect(move.json()).toMatchObject({ residenceType: 'floating', version: 2 });
    const same = await t.as(grid, { method: 'POST', url: `/api/registry/people/${p.id}/move`, payload: { toType: 'floating', reason: '再次登记' } });
    expect(same.json().error.details.field).toBe('toType');
    const future = await t.as(grid, { method: 'POST', url: `/api/registry/people/${p.id}/move`, payload: { toType: 'registered', reason: '迁回', on: '2999-01-01' } });
    expect(future.json().error.details.field).toBe('on');
    const detail = (await t.as(grid, { url: `/api/registry/people/${p.id}` })).json();
    expect(detail.residenceChanges).toEqual([expect.objectContaining({ fromType: 'registered', toType: 'floating', on: '2025-03-01', reason: '外出务工返回后登记为流动人口' })]);
    const rows = await t.tdb.db.selectFrom('person_residence_change').selectAll().where('person_id', '=', p.id).execute();
    expect(rows).toHaveLength(1);
    const floating = (await t.as(grid, { url: `/api/registry/people?residenceType=floating&grid=${g.kdlGrid}` })).json();
    expect(floating.items.map((x: { id: number }) => x.id)).toContain(p.id);
  });

  it('adds and removes tags: only active person tags', async () => {
    const p = (await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid) })).json();
    const add = await t.as(grid, { method: 'POST', url: `/api/registry/people/${p.id}/tags`, payload: { code: 'LOW_INCOME', since: '2024-01-01' } });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json()).toMatchObject({ changed: true, tags: [{ code: 'LOW_INCOME', name: '低保对象' }] });
    const household = await t.as(grid, { method: 'POST', url: `/api/registry/people/${p.id}/tags`, payload: { code: 'EXTREMELY_POOR' } });
    expect(household.statusCode).toBe(400);
    expect(household.json().error.details.field).toBe('code');
    const unknown = await t.as(grid, { method: 'POST', url: `/api/registry/people/${p.id}/tags`, payload: { code: 'NO_SUCH_TAG' } });
    expect(unknown.json().error.details.field).toBe('code');
    const admin = await t.login('admin');
    await t.as(admin, { method: 'PATCH', url: '/api/registry/tags/KEY_YOUTH', payload: { active: false } });
    const inactive = await t.as(grid, { method: 'POST', url: `/api/registry/people/${p.id}/tags`, payload: { code: 'KEY_YOUTH' } });
    expect(inactive.statusCode).toBe(400);
    expect(inactive.json().error.message).toMatch(/停用|deactivated/);
    await t.as(admin, { method: 'PATCH', url: '/api/registry/tags/KEY_YOUTH', payload: { active: true } });
    const del = await t.as(grid, { method: 'DELETE', url: `/api/registry/people/${p.id}/tags/LOW_INCOME` });
    expect(del.json()).toEqual({ changed: true, tags: [] });
    const again = await t.as(grid, { method: 'DELETE', url: `/api/registry/people/${p.id}/tags/LOW_INCOME` });
    expect(again.json()).toEqual({ changed: false, tags: [] });
  });
});

describe('organisations and rental houses', () => {
  it('registers an enterprise with its credit code; a duplicate code points to the first', async () => {
    const code = newCreditCode('91');
    const res = await t.as(grid, { method: 'POST', url: '/api/registry/organisations', payload: { kind: 'enterprise', name: '包头市某某钢材贸易有限公司', creditCode: code.toLowerCase(), industry: 'F', gridCode: g.kdlGrid, employees: 12, registeredCapital: 500000, phone: '13712345678', tags: ['SAFETY_KEY_ENTERPRISE'] } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ creditCode: code, registeredCapital: 500000, phone: '137****5678', tags: [{ code: 'SAFETY_KEY_ENTERPRISE' }] });
    const dup = await t.as(grid, { method: 'POST', url: '/api/registry/organisations', payload: { kind: 'enterprise', name: '另一家', creditCode: code, gridCode: g.kdlGrid } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details).toMatchObject({ field: 'creditCode', existingId: res.json().id });
    const social = await t.as(grid, { method: 'POST', url: '/api/registry/organisations', payload: { kind: 'social_org', name: '社区志愿者协会', creditCode: newCreditCode('51'), gridCode: g.kdlGrid } });
    expect(social.statusCode, social.body).toBe(201);
    const list = (await t.as(grid, { url: `/api/registry/organisations?kind=social_org&grid=${g.kdlGrid}` })).json();
    expect(list.items.map((o: { id: number }) => o.id)).toEqual([social.json().id]);
    const upd = await t.as(grid, { method: 'PATCH', url: `/api/registry/organisations/${res.json().id}`, payload: { version: 1, employees: 15, hasPartyOrg: true } });
    expect(upd.json()).toMatchObject({ employees: 15, hasPartyOrg: true, version: 2 });
  });

  it('registers a rental house on a household with its landlord from a person record', async () => {
    const h = (await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: householdBody(g.kdlGrid) })).json();
    const res = await t.as(grid, { method: 'POST', url: '/api/registry/rental-houses', payload: { householdId: h.id, landlordPersonId: h.headPersonId, tenants: 3, areaM2: 89.5, purpose: 'residence', registeredOn: '2025-01-10' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ gridCode: g.kdlGrid, address: h.address, landlord: { personId: h.headPersonId, name: '李大山', phone: '138****8000' }, tenants: 3, areaM2: 89.5 });
    const byName = await t.as(grid, { method: 'POST', url: '/api/registry/rental-houses', payload: { gridCode: g.kdlGrid, address: '钢铁大街 30 号', landlordName: '外地房东', landlordPhone: '15912345678' } });
    expect(byName.statusCode, byName.body).toBe(201);
    expect(byName.json().landlord).toEqual({ personId: null, name: '外地房东', phone: '159****5678' });
    const none = await t.as(grid, { method: 'POST', url: '/api/registry/rental-houses', payload: { gridCode: g.kdlGrid, address: '钢铁大街 31 号' } });
    expect(none.json().error.details.field).toBe('landlordName');
    expect((await t.as(grid, { url: `/api/registry/households/${h.id}` })).json().rentalHouses).toEqual([expect.objectContaining({ id: res.json().id, tenants: 3 })]);
    const upd = await t.as(grid, { method: 'PATCH', url: `/api/registry/rental-houses/${res.json().id}`, payload: { version: 1, tenants: 0, status: 'ended' } });
    expect(upd.json()).toMatchObject({ tenants: 0, status: 'ended', version: 2 });
  });
});

describe('history 变更记录', () => {
  it('shows who changed which field from what to what, with ID and phone numbers masked', async () => {
    const body = personBody(g.kdlGrid);
    const p = (await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: body })).json();
    const community = await t.login('kdl.community');
    await t.as(community, { method: 'PATCH', url: `/api/registry/people/${p.id}`, payload: { version: 1, phone: '13698765432', name: '王建华' } });
    await t.as(grid, { method: 'POST', url: `/api/registry/people/${p.id}/tags`, payload: { code: 'VETERAN' } });
    const res = await t.as(grid, { url: `/api/registry/people/${p.id}/history` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { action: string }) => i.action)).toEqual(['tag_add', 'update', 'create']);
    const update = items[1];
    expect(update.by.name).toBe('社区工作人员');
    expect(update.changes).toEqual({ name: ['王建国', '王建华'], phone: ['139****5678', '136****5432'] });
    expect(items[2].by.name).toBe('网格员');
    expect(items[2].changes.idNumber).toEqual([null, `${body.idNumber.slice(0, 6)}********${body.idNumber.slice(-4)}`]);
    expect(items[2].changes.birthDate[1]).toHaveLength(7);
    expect(items[0].changes).toEqual({ tags: [[], ['VETERAN']] });
    const stored = JSON.stringify(await t.tdb.db.selectFrom('record_change').select('changes').where('entity_id', '=', p.id).where('entity_type', '=', 'person').execute());
    expect(stored).not.toContain(body.idNumber);
    expect(stored).not.toContain('13698765432');
    for (const kind of ['households', 'organisations', 'rental-houses', 'buildings']) {
      expect((await t.as(grid, { url: `/api/registry/${kind}/999999/history` })).statusCode).toBe(404);
    }
  });
});

describe('search 查询', () => {
  it('finds people by name (with one character wrong), full ID number, phone and address; organisations by name and credit code', async () => {
    const id = newIdNumber('1');
    const p = (await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid, { name: '欧阳修远', idNumber: id, phone: '18647201234', address: '阿尔丁大街 88 号' }) })).json();
    const find = async (q: string) => (await t.as(grid, { url: `/api/registry/search?q=${encodeURIComponent(q)}` })).json();
    expect((await find('欧阳修远')).people.map((x: { id: number }) => x.id)).toContain(p.id);
    expect((await find('欧阳修')).people.map((x: { id: number }) => x.id)).toContain(p.id);
    expect((await find('欧阳秀远')).people.map((x: { id: number }) => x.id)).toContain(p.id); // one character wrong
    const byId = await find(id);
    expect(byId.matchedBy).toBe('idNumber');
    expect(byId.people.map((x: { id: number }) => x.id)).toEqual([p.id]);
    expect(JSON.stringify(byId)).not.toContain(id);
    expect((await find('186 4720 1234')).people.map((x: { id: number }) => x.id)).toEqual([p.id]);
    expect((await find('阿尔丁大街 88')).people.map((x: { id: number }) => x.id)).toContain(p.id);
    const code = newCreditCode('91');
    const o = (await t.as(grid, { method: 'POST', url: '/api/registry/organisations', payload: { kind: 'enterprise', name: '稀土高新材料有限公司', creditCode: code, gridCode: g.kdlGrid } })).json();
    expect((await find(code)).organisations.map((x: { id: number }) => x.id)).toEqual([o.id]);
    expect((await find('稀土高新')).organisations.map((x: { id: number }) => x.id)).toContain(o.id);
    // Two characters wrong: only pg_trgm finds it, which needs a C.UTF-8 (not C) database locale.
    expect(await chineseTrigramsWork(t.tdb.db)).toBe(true);
    expect((await find('稀土高薪材科有限公司')).organisations.map((x: { id: number }) => x.id)).toContain(o.id);
    const many = (await t.as(grid, { url: '/api/registry/search?q=x&limit=51' }));
    expect(many.statusCode).toBe(400);
    expect(many.json().error.details.field).toBe('limit');
  });
});
