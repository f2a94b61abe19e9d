import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { BUILTIN_TAGS, codeName, isCode, seedBuiltinTags, seedRegistryReference, seedVocabularies, VOCABULARIES } from './index.ts';

describe('national code lists', () => {
  it('have the 56 ethnic groups of GB/T 3304 plus 97 and 98', () => {
    const codes = VOCABULARIES.ethnicity.map((c) => c.code);
    expect(codes.length).toBe(58);
    expect(codes.slice(0, 56)).toEqual(Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(codeName('ethnicity', '02')).toBe('蒙古族');
    expect(codeName('ethnicity', '11')).toBe('满族');
    expect(codeName('ethnicity', '31')).toBe('达斡尔族');
  });
  it('have the 13 political statuses, 20 industry sections A–T, and codes unique in each list', () => {
    expect(VOCABULARIES.political_status.map((c) => c.code)).toEqual(Array.from({ length: 13 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(codeName('political_status', '13')).toBe('群众');
    expect(VOCABULARIES.industry.map((c) => c.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    for (const [list, items] of Object.entries(VOCABULARIES)) {
      expect(new Set(items.map((c) => c.code)).size, list).toBe(items.length);
      for (const c of items) expect(c.name.length, `${list}.${c.code}`).toBeGreaterThan(0);
    }
  });
  it('isCode answers from memory, false for unknown codes and lists', () => {
    expect(isCode('sex', '1')).toBe(true);
    expect(isCode('sex', '9')).toBe(false);
    expect(isCode('relation', '02')).toBe(true);
    expect(isCode('residence_type', 'floating')).toBe(true);
    expect(isCode('residence_type', '流动人口')).toBe(false);
    expect(isCode('no_such_list', '1')).toBe(false);
  });
  it('the lists match the CHECK constraints of the registry tables', () => {
    expect(VOCABULARIES.residence_type.map((c) => c.code).sort()).toEqual(['floating', 'left_behind', 'overseas', 'registered']);
    expect(VOCABULARIES.rental_purpose.map((c) => c.code).sort()).toEqual(['business', 'dormitory', 'mixed', 'residence']);
    expect(VOCABULARIES.organisation_kind.map((c) => c.code).sort()).toEqual(['enterprise', 'individual_business', 'public_institution', 'social_org']);
  });
});

describe('seeding the lists and tags', () => {
  let tdb: TestDatabase;
  beforeAll(async () => { tdb = await createTestDatabase(); });
  afterAll(async () => { await tdb?.drop(); });

  it('the test template already has them for both cities', async () => {
    const n = Object.values(VOCABULARIES).reduce((s, l) => s + l.length, 0);
    const v = await tdb.db.selectFrom('vocabulary').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(v.n)).toBe(n);
    const tags = await tdb.db.selectFrom('tag').select(['city_code', 'code', 'builtin', 'applies_to']).execute();
    expect(tags.length).toBe(BUILTIN_TAGS.length * 2);
    expect(tags.every((t) => t.builtin)).toBe(true);
    expect(new Set(tags.map((t) => t.applies_to))).toEqual(new Set(['person', 'household', 'organisation']));
  });

  it('running again changes nothing and keeps a city admin\'s edit of a tag', async () => {
    await tdb.db.updateTable('tag').set({ name: '独居老年人' }).where('city_code', '=', '150200').where('code', '=', 'ELDERLY_ALONE').execute();
    await seedRegistryReference(tdb.db, ['150200', '150700']);
    expect(await seedBuiltinTags(tdb.db, '150200')).toBe(0);
    const tag = await tdb.db.selectFrom('tag').select('name').where('city_code', '=', '150200').where('code', '=', 'ELDERLY_ALONE').executeTakeFirstOrThrow();
    expect(tag.name).toBe('独居老年人');
    expect(Number((await tdb.db.selectFrom('tag').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)).toBe(BUILTIN_TAGS.length * 2);
  });

  it('restores a list entry whose name was changed in the table', async () => {
    await tdb.db.updateTable('vocabulary').set({ name: 'x' }).where('list', '=', 'ethnicity').where('code', '=', '02').execute();
    await seedVocabularies(tdb.db);
    const row = await tdb.db.selectFrom('vocabulary').select('name').where('list', '=', 'ethnicity').where('code', '=', '02').executeTakeFirstOrThrow();
    expect(row.name).toBe('蒙古族');
  });
});
