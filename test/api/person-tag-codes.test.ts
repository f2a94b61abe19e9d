import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { householdBody, personBody, registryGrids, type RegistryGrids } from './registry-fixtures.ts';

// person.tag_codes (a copy of entity_tag) and household.member_tag_codes (the union over live members)
// are what reports read; the database keeps both (migrations 0007, 0008).
let t: TestApp;
let g: RegistryGrids;
let grid: string;
beforeAll(async () => { t = await createTestApp(); g = await registryGrids(t); grid = await t.login('kdl.grid'); });
afterAll(async () => { await t?.close(); });

const codesOf = async (id: number) => (await t.tdb.db.selectFrom('person').select('tag_codes').where('id', '=', id).executeTakeFirstOrThrow()).tag_codes;
const memberCodesOf = async (id: number) => (await t.tdb.db.selectFrom('household').select('member_tag_codes').where('id', '=', id).executeTakeFirstOrThrow()).member_tag_codes;

describe('person.tag_codes', () => {
  it('follows tags added and removed through the API, sorted, and is null without tags', async () => {
    const p = (await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid, { tags: ['VETERAN', 'DISABLED'] }) })).json();
    expect(await codesOf(p.id)).toEqual(['DISABLED', 'VETERAN']);
    await t.as(grid, { method: 'POST', url: `/api/registry/people/${p.id}/tags`, payload: { code: 'LOW_INCOME' } });
    expect(await codesOf(p.id)).toEqual(['DISABLED', 'LOW_INCOME', 'VETERAN']);
    await t.as(grid, { method: 'DELETE', url: `/api/registry/people/${p.id}/tags/DISABLED` });
    await t.as(grid, { method: 'DELETE', url: `/api/registry/people/${p.id}/tags/LOW_INCOME` });
    await t.as(grid, { method: 'DELETE', url: `/api/registry/people/${p.id}/tags/VETERAN` });
    expect(await codesOf(p.id)).toBeNull();
  });

  it('is set for every member of a household created with tags in one statement, and only for people', async () => {
    const body = householdBody(g.kdlGrid);
    (body.members[0] as Record<string, unknown>).tags = ['ELDERLY_ALONE'];
    (body.members[1] as Record<string, unknown>).tags = ['DISABLED', 'LOW_INCOME'];
    const h = (await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: { ...body, tags: ['EXTREMELY_POOR'] } })).json();
    const byName = Object.fromEntries(await Promise.all(h.members.map(async (m: { id: number; name: string }) => [m.name, await codesOf(m.id)])));
    expect(byName).toEqual({ 李大山: ['ELDERLY_ALONE'], 赵小红: ['DISABLED', 'LOW_INCOME'] });
    // A household tag with the same id as some person must not touch that person.
    const same = await t.tdb.db.selectFrom('person').select(['id', 'tag_codes']).where('id', '=', h.id).executeTakeFirst();
    if (same) expect(same.tag_codes ?? []).not.toContain('EXTREMELY_POOR');
  });

  it('agrees with entity_tag for every person after direct bulk changes', async () => {
    const ids = (await t.tdb.db.selectFrom('person').select('id').where('city_code', '=', '150200').execute()).map((r) => r.id);
    await t.tdb.db.insertInto('entity_tag').values(ids.map((id) => ({ city_code: '150200', entity_type: 'person', entity_id: id, tag_code: 'KEY_YOUTH' })))
      .onConflict((oc) => oc.doNothing()).execute();
    await t.tdb.db.deleteFrom('entity_tag').where('tag_code', '=', 'DISABLED').execute();
    const rows = await t.tdb.db.selectFrom('person as p').select(['p.id', 'p.tag_codes'])
      .select((eb) => eb.selectFrom('entity_tag as e').select((e) => e.fn.agg<string[]>('array_agg', ['e.tag_code']).as('c'))
        .whereRef('e.entity_id', '=', 'p.id').whereRef('e.city_code', '=', 'p.city_code').where('e.entity_type', '=', 'person').as('expected'))
      .execute();
    expect(rows.length).toBe(3);
    for (const r of rows) expect(r.tag_codes, `person ${r.id}`).toEqual(r.expected ? [...(r.expected as string[])].sort() : null);
  });

  it('household.member_tag_codes follows members’ tags, moves between households and 注销', async () => {
    const body = householdBody(g.kdlGrid);
    (body.members[1] as Record<string, unknown>).tags = ['DISABLED'];
    const h = (await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: body })).json();
    const member = h.members.find((m: { relation: string }) => m.relation !== '02');
    const head = h.members.find((m: { relation: string }) => m.relation === '02');
    expect(await memberCodesOf(h.id)).toEqual(['DISABLED']);
    await t.as(grid, { method: 'POST', url: `/api/registry/people/${head.id}/tags`, payload: { code: 'VETERAN' } });
    expect(await memberCodesOf(h.id)).toEqual(['DISABLED', 'VETERAN']);
    // The member moves to another household: both households follow.
    const other = (await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: householdBody(g.kdlGrid) })).json();
    const p = (await t.as(grid, { url: `/api/registry/people/${member.id}` })).json();
    const moved = await t.as(grid, { method: 'PATCH', url: `/api/registry/people/${member.id}`, payload: { version: p.version, householdId: other.id, relation: '10' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await memberCodesOf(h.id)).toEqual(['VETERAN']);
    expect(await memberCodesOf(other.id)).toEqual(['DISABLED']);
    // 注销 of the tagged member empties the other household's copy.
    expect((await t.as(grid, { method: 'POST', url: `/api/registry/people/${member.id}/deregister`, payload: { reason: 'moved_out' } })).statusCode).toBe(200);
    expect(await memberCodesOf(other.id)).toBeNull();
  });

  it('household.member_tag_codes agrees with the members for every household', async () => {
    const rows = await t.tdb.db.selectFrom('household as h').select(['h.id', 'h.member_tag_codes'])
      .select((eb) => eb.selectFrom('person as p').select(sql<string[] | null>`array_agg(DISTINCT c ORDER BY c)`.as('c'))
        .innerJoin(sql`unnest(p.tag_codes)`.as('c'), (j) => j.onTrue())
        .whereRef('p.household_id', '=', 'h.id').whereRef('p.city_code', '=', 'h.city_code').where('p.deleted_at', 'is', null).as('expected'))
      .execute();
    expect(rows.length).toBeGreaterThan(2);
    for (const r of rows) expect(r.member_tag_codes, `household ${r.id}`).toEqual(r.expected);
  });
});
