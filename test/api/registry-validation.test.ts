import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../src/kernel/validators/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { householdBody, newCreditCode, newIdNumber, personBody, registryGrids, type RegistryGrids } from './registry-fixtures.ts';

let t: TestApp;
let g: RegistryGrids;
let cookie: string;
beforeAll(async () => { t = await createTestApp(); g = await registryGrids(t); cookie = await t.login('kdl.community'); });
afterAll(async () => { await t?.close(); });

const TABLES = ['person', 'household', 'organisation', 'rental_house', 'building', 'unit', 'entity_tag', 'record_change', 'person_residence_change', 'idempotency'] as const;
async function counts() {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = Number((await t.tdb.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

/** Sends a bad request and checks: 4xx, the error names `field`, and no table changed. */
async function refused(url: string, payload: unknown, field: string, status = 400, method: 'POST' | 'PATCH' = 'POST') {
  const before = await counts();
  const res = await t.as(cookie, { method, url, payload: payload as Record<string, unknown>, headers: { 'idempotency-key': `bad-${Math.random()}` } });
  expect(res.statusCode, `${field}: ${res.body}`).toBe(status);
  expect(res.json().error.details.field, res.body).toBe(field);
  expect(res.json().error.message).toContain(field);
  expect(await counts(), field).toEqual(before);
  return res.json().error;
}

function wrongCheckDigit(id: string): string {
  const right = idCheckDigit(id.slice(0, 17));
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}

describe('people: every problem names its field and writes nothing', () => {
  it('ID number: check digit, length, consistency with sex and birth date', async () => {
    const id = newIdNumber('1');
    const e = await refused('/api/registry/people', personBody(g.kdlGrid, { idNumber: wrongCheckDigit(id) }), 'idNumber');
    expect(e.message).toMatch(/校验码|check/);
    await refused('/api/registry/people', personBody(g.kdlGrid, { idNumber: id.slice(0, 15) }), 'idNumber');
    await refused('/api/registry/people', personBody(g.kdlGrid, { idNumber: id, sex: '2' }), 'sex');
    await refused('/api/registry/people', personBody(g.kdlGrid, { idNumber: id, birthDate: '1999-12-31' }), 'birthDate');
  });

  it('codes from the national lists, phone numbers', async () => {
    const e = await refused('/api/registry/people', personBody(g.kdlGrid, { ethnicity: '99' }), 'ethnicity');
    expect(e.message).toMatch(/vocabularies/);
    await refused('/api/registry/people', personBody(g.kdlGrid, { politicalStatus: '42' }), 'politicalStatus');
    await refused('/api/registry/people', personBody(g.kdlGrid, { education: 'PhD' }), 'education');
    await refused('/api/registry/people', personBody(g.kdlGrid, { phone: '12345' }), 'phone');
    await refused('/api/registry/people', personBody(g.kdlGrid, { tags: ['EXTREMELY_POOR'] }), 'tags.0');
  });

  it('missing fields, wrong types, unknown fields', async () => {
    const { name: _n, ...noName } = personBody(g.kdlGrid);
    await refused('/api/registry/people', noName, 'name');
    const { idNumber: _i, ...noId } = personBody(g.kdlGrid);
    await refused('/api/registry/people', noId, 'idNumber');
    const { gridCode: _g, ...noGrid } = personBody(g.kdlGrid);
    await refused('/api/registry/people', noGrid, 'gridCode');
    await refused('/api/registry/people', personBody(g.kdlGrid, { name: 5 }), 'name');
    await refused('/api/registry/people', personBody(g.kdlGrid, { householdId: 'abc' }), 'householdId');
    await refused('/api/registry/people', personBody(g.kdlGrid, { birthDate: '1980-02-30' }), 'birthDate');
    await refused('/api/registry/people', personBody(g.kdlGrid, { salary: 5000 }), 'salary');
    await refused('/api/registry/people', personBody(g.kdlGrid, { name: '   ' }), 'name');
  });

  it('grids: unknown, not a grid, outside the caller’s area', async () => {
    await refused('/api/registry/people', personBody('150203999999999'), 'gridCode');
    await refused('/api/registry/people', personBody(g.kdlGrid.slice(0, 12)), 'gridCode');
    await refused('/api/registry/people', personBody(g.qsGrid), 'gridCode');
  });

  it('a duplicate ID number in the city is refused with a pointer to the record', async () => {
    const body = personBody(g.kdlGrid);
    const first = (await t.as(cookie, { method: 'POST', url: '/api/registry/people', payload: body })).json();
    const e = await refused('/api/registry/people', personBody(g.kdlGrid, { idNumber: body.idNumber.toLowerCase() }), 'idNumber', 409);
    expect(e).toMatchObject({ code: 'duplicate', details: { field: 'idNumber', existingId: first.id, inYourScope: true } });
    expect(e.message).not.toContain(body.idNumber);
    // Registered by the city in another district: still refused, with the pointer, marked outside the caller's area.
    const other = personBody(g.qsGrid);
    const qs = (await t.as(await t.login('admin'), { method: 'POST', url: '/api/registry/people', payload: other })).json();
    const e2 = await refused('/api/registry/people', personBody(g.kdlGrid, { idNumber: other.idNumber }), 'idNumber', 409);
    expect(e2.details).toMatchObject({ existingId: qs.id, inYourScope: false });
  });

  it('edits: the same checks, and residence type changes only by a move', async () => {
    const p = (await t.as(cookie, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid) })).json();
    const url = `/api/registry/people/${p.id}`;
    await refused(url, { version: 1, phone: '0000' }, 'phone', 400, 'PATCH');
    await refused(url, { version: 1, sex: '2' }, 'sex', 400, 'PATCH');
    await refused(url, { version: 1, idNumber: wrongCheckDigit(newIdNumber()) }, 'idNumber', 400, 'PATCH');
    await refused(url, { version: 1, residenceType: 'floating' }, 'residenceType', 400, 'PATCH');
    await refused(url, { version: 1, ethnicity: '00' }, 'ethnicity', 400, 'PATCH');
    const noop = await t.as(cookie, { method: 'PATCH', url, payload: { version: 1 } }); // nothing to change: nothing written
    expect(noop.json().version).toBe(1);
    await refused(url, { name: '新名字' }, 'version', 400, 'PATCH');
    // A new ID number brings its own sex and birth date.
    const id2 = newIdNumber('2');
    const ok = await t.as(cookie, { method: 'PATCH', url, payload: { version: 1, idNumber: id2 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ sex: '2', birthMonth: `${id2.slice(6, 10)}-${id2.slice(10, 12)}`, version: 2 });
  });
});

describe('households, organisations, buildings, rental houses', () => {
  it('household members are checked one by one, each error naming its place', async () => {
    const bad = householdBody(g.kdlGrid);
    bad.members[1].idNumber = wrongCheckDigit(bad.members[1].idNumber);
    await refused('/api/registry/households', bad, 'members.1.idNumber');
    const rel = householdBody(g.kdlGrid);
    rel.members[1].relation = '19';
    await refused('/api/registry/households', rel, 'members.1.relation');
    const same = householdBody(g.kdlGrid);
    same.members[1].idNumber = same.members[0].idNumber;
    await refused('/api/registry/households', same, 'members.1.idNumber');
    await refused('/api/registry/households', householdBody(g.kdlGrid, { members: [] }), 'members');
    await refused('/api/registry/households', householdBody(g.kdlGrid, { phone: 'abc' }), 'phone');
    await refused('/api/registry/households', householdBody(g.kdlGrid, { tags: ['VETERAN'] }), 'tags.0');
    const { address: _a, ...noAddress } = householdBody(g.kdlGrid);
    await refused('/api/registry/households', noAddress, 'address');
    const taken = (await t.as(cookie, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid) })).json();
    const dup = householdBody(g.kdlGrid);
    const existing = await t.tdb.db.selectFrom('person').select('id_number').where('id', '=', taken.id).executeTakeFirstOrThrow();
    dup.members[1].idNumber = existing.id_number;
    const e = await refused('/api/registry/households', dup, 'members.1.idNumber', 409);
    expect(e.details.existingId).toBe(taken.id);
  });

  it('organisations: credit code (GB 32100), its kind, industry code', async () => {
    const code = newCreditCode('91');
    const broken = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const org = (over: Record<string, unknown>) => ({ kind: 'enterprise', name: '某某公司', creditCode: code, gridCode: g.kdlGrid, ...over });
    await refused('/api/registry/organisations', org({ creditCode: broken }), 'creditCode');
    await refused('/api/registry/organisations', org({ creditCode: 'ABC' }), 'creditCode');
    await refused('/api/registry/organisations', org({ creditCode: null }), 'creditCode');
    await refused('/api/registry/organisations', org({ kind: 'social_org' }), 'creditCode');
    await refused('/api/registry/organisations', org({ industry: 'Z' }), 'industry');
    await refused('/api/registry/organisations', org({ kind: 'bank' }), 'kind');
    await refused('/api/registry/organisations', org({ employees: -1 }), 'employees');
    await refused('/api/registry/organisations', org({ establishedOn: '2999-01-01' }), 'establishedOn');
  });

  it('buildings and rental houses', async () => {
    await refused('/api/registry/buildings', { gridCode: g.kdlGrid, name: '1号楼', floors: 0 }, 'floors');
    await refused('/api/registry/buildings', { gridCode: g.kdlGrid, name: '1号楼', location: [109.8, 95] }, 'location.1');
    await refused('/api/registry/buildings', { gridCode: g.kdlGrid, name: '1号楼', units: [{ name: '1单元' }, { name: '1单元' }] }, 'units.1.name');
    await refused('/api/registry/buildings', { gridCode: g.hlbeGrid, name: '1号楼' }, 'gridCode');
    await refused('/api/registry/rental-houses', { gridCode: g.kdlGrid, address: '某路 1 号', landlordName: '房东', landlordPhone: '123' }, 'landlordPhone');
    await refused('/api/registry/rental-houses', { gridCode: g.kdlGrid, address: '某路 1 号', landlordName: '房东', purpose: 'hotel' }, 'purpose');
    await refused('/api/registry/rental-houses', { gridCode: g.kdlGrid, address: '某路 1 号', landlordPersonId: 99999999 }, 'landlordPersonId');
    await refused('/api/registry/rental-houses', { gridCode: g.kdlGrid, address: '某路 1 号', landlordName: '房东', areaM2: 0 }, 'areaM2');
  });

  it('tags: only the city admin edits them; built-in ones cannot be deleted', async () => {
    const admin = await t.login('admin');
    expect((await t.as(cookie, { method: 'POST', url: '/api/registry/tags', payload: { code: 'MY_TAG', name: '自定义', category: 'care', appliesTo: 'person' } })).statusCode).toBe(403);
    const made = await t.as(admin, { method: 'POST', url: '/api/registry/tags', payload: { code: 'NIGHT_SHIFT', name: '夜班务工人员', category: 'care', appliesTo: 'person' } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ builtin: false, active: true, used: 0 });
    const again = await t.as(admin, { method: 'POST', url: '/api/registry/tags', payload: { code: 'NIGHT_SHIFT', name: '重复', category: 'care', appliesTo: 'person' } });
    expect(again.statusCode).toBe(409);
    const lower = await t.as(admin, { method: 'POST', url: '/api/registry/tags', payload: { code: 'night', name: 'x', category: 'care', appliesTo: 'person' } });
    expect(lower.json().error.details.field).toBe('code');
    const builtin = await t.as(admin, { method: 'DELETE', url: '/api/registry/tags/VETERAN' });
    expect(builtin.statusCode).toBe(409);
    expect(builtin.json().error.code).toBe('builtin_tag');
    const off = await t.as(admin, { method: 'PATCH', url: '/api/registry/tags/VETERAN', payload: { active: false, name: '退役军人（停用）' } });
    expect(off.json()).toMatchObject({ active: false, builtin: true });
    await t.as(admin, { method: 'PATCH', url: '/api/registry/tags/VETERAN', payload: { active: true, name: '退役军人' } });
    expect((await t.as(admin, { method: 'DELETE', url: '/api/registry/tags/NIGHT_SHIFT' })).statusCode).toBe(200);
    const tags = (await t.as(cookie, { url: '/api/registry/tags?appliesTo=person' })).json().items.map((x: { code: string }) => x.code);
    expect(tags).toContain('VETERAN');
    expect(tags).not.toContain('NIGHT_SHIFT');
    expect(tags).not.toContain('EXTREMELY_POOR');
    const other = (await t.as(await t.login('hlbe.admin'), { url: '/api/registry/tags' })).json().items;
    expect(other.length).toBeGreaterThan(0);
    const vocab = (await t.as(cookie, { url: '/api/registry/vocabularies' })).json().lists;
    expect(vocab.ethnicity).toContainEqual({ code: '02', name: '蒙古族' });
    expect(vocab.relation).toContainEqual({ code: '02', name: '户主' });
  });
});
