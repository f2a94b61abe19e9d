import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { verifyAuditChain } from '../../../kernel/audit/audit.ts';
import { checkIdNumber } from '../../../kernel/validators/index.ts';
import { seedDemoPeople } from './seed-demo-people.ts';
import { generateDistrict } from './generate.ts';
import { loadDemoGrids } from './grids.ts';
import { loadDistrict } from './load.ts';

const AS_OF = '2026-11-24';
const COMMUNITY = '150203001015'; // 少先二十一号街坊社区, the demo community
const count = async (tdb: TestDatabase, table: string, where = sql`true`) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${where}`.execute(tdb.db)).rows[0].n);

describe('seedDemoPeople into PostgreSQL', () => {
  let tdb: TestDatabase;
  let communityPath = '';
  beforeAll(async () => {
    tdb = await createTestDatabase();
    communityPath = (await tdb.db.selectFrom('area').select('path').where('code', '=', COMMUNITY).executeTakeFirstOrThrow()).path;
  });
  afterAll(async () => { await tdb?.drop(); });

  it('loads the asked counts through COPY, every row inside a grid of the area', async () => {
    const r = await seedDemoPeople(tdb, { area: COMMUNITY, people: 2_000, organisations: 180, asOf: AS_OF });
    expect(r).toMatchObject({ skipped: false, people: 2_000, organisations: 180 });
    const inArea = sql`grid_path <@ ${communityPath}::ltree`;
    expect(await count(tdb, 'person', inArea)).toBe(2_000);
    expect(await count(tdb, 'person')).toBe(2_000);
    expect(await count(tdb, 'organisation', inArea)).toBe(180);
    expect(await count(tdb, 'household', inArea)).toBe(r.households);
    expect(await count(tdb, 'building', inArea)).toBe(r.buildings);
    expect(await count(tdb, 'rental_house', inArea)).toBe(r.rentals);
    expect(await count(tdb, 'entity_tag')).toBe(r.tags);
    // grid_path ends with grid_code, and that grid is a grid of the community.
    for (const table of ['person', 'household', 'organisation', 'rental_house', 'building']) {
      const bad = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} t LEFT JOIN area a ON a.city_code = '150200' AND a.code = t.grid_code
        WHERE a.level IS DISTINCT FROM 'grid' OR a.path <> t.grid_path OR NOT (t.grid_path <@ ${communityPath}::ltree)`.execute(tdb.db);
      expect(Number(bad.rows[0].n), table).toBe(0);
    }
  });

  it('links heads, members, units and landlords correctly', async () => {
    const heads = await sql<{ n: string }>`SELECT count(*) AS n FROM household h JOIN person p ON p.city_code = h.city_code AND p.id = h.head_person_id
      WHERE p.household_id = h.id AND p.relation = '02'`.execute(tdb.db);
    expect(Number(heads.rows[0].n)).toBe(await count(tdb, 'household'));
    const oneHead = await sql<{ n: string }>`SELECT count(*) AS n FROM (SELECT household_id FROM person GROUP BY household_id HAVING count(*) FILTER (WHERE relation = '02') <> 1) x`.execute(tdb.db);
    expect(Number(oneHead.rows[0].n)).toBe(0);
    const units = await sql<{ n: string }>`SELECT count(*) AS n FROM household h JOIN unit u ON u.city_code = h.city_code AND u.id = h.unit_id WHERE u.building_id <> h.building_id`.execute(tdb.db);
    expect(Number(units.rows[0].n)).toBe(0);
    const landlords = await sql<{ n: string }>`SELECT count(*) AS n FROM rental_house r JOIN person p ON p.city_code = r.city_code AND p.id = r.landlord_person_id WHERE p.name = r.landlord_name`.execute(tdb.db);
    expect(Number(landlords.rows[0].n)).toBe(await count(tdb, 'rental_house'));
  });

  it('writes the tag copies the reports read (person.tag_codes, household.member_tag_codes) as the triggers would, and leaves the triggers on', async () => {
    const people = await sql<{ n: string }>`SELECT count(*) AS n FROM person p WHERE p.tag_codes IS DISTINCT FROM
      (SELECT array_agg(e.tag_code ORDER BY e.tag_code) FROM entity_tag e WHERE e.city_code = p.city_code AND e.entity_type = 'person' AND e.entity_id = p.id)`.execute(tdb.db);
    expect(Number(people.rows[0].n)).toBe(0);
    const households = await sql<{ n: string }>`SELECT count(*) AS n FROM household h WHERE h.member_tag_codes IS DISTINCT FROM
      (SELECT array_agg(DISTINCT t ORDER BY t) FROM person p, unnest(p.tag_codes) t WHERE p.city_code = h.city_code AND p.household_id = h.id AND p.deleted_at IS NULL)`.execute(tdb.db);
    expect(Number(households.rows[0].n)).toBe(0);
    expect(await count(tdb, 'person', sql`tag_codes IS NOT NULL`)).toBeGreaterThan(0);
    const disabled = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_trigger WHERE tgname IN ('entity_tag_person_insert', 'person_member_tags_insert') AND tgenabled = 'D'`.execute(tdb.db);
    expect(Number(disabled.rows[0].n)).toBe(0);
  });

  it('stores ID numbers that pass GB 11643 and agree with sex and birth date', async () => {
    const rows = await tdb.db.selectFrom('person').select(['id_number', 'sex', 'birth_date']).execute();
    for (const p of rows) expect(checkIdNumber(p.id_number, AS_OF)).toMatchObject({ ok: true, sex: p.sex, birthDate: p.birth_date });
  });

  it('records the load in the audit chain and leaves an area with people alone the second time', async () => {
    const audit = await tdb.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'registry.demo_seed').execute();
    expect(audit).toEqual([{ action: 'registry.demo_seed', target_id: '150203' }]);
    expect((await verifyAuditChain(tdb.db)).ok).toBe(true);
    const again = await seedDemoPeople(tdb, { area: COMMUNITY, people: 500, asOf: AS_OF });
    expect(again.skipped).toBe(true);
    expect(await count(tdb, 'person')).toBe(2_000);
  });

  it('rebuilds the indexes and keys it suspends, exactly as they were', async () => {
    const defs = async () => (await sql<{ d: string }>`SELECT indexdef AS d FROM pg_indexes WHERE tablename IN ('person','household','organisation','rental_house','building','unit','entity_tag') UNION ALL
      SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN ('person','household','organisation','rental_house','building','unit','entity_tag') ORDER BY 1`.execute(tdb.db)).rows.map((r) => r.d);
    const before = await defs();
    const r = await seedDemoPeople(tdb, { area: '150203001016', people: 800, organisations: 50, asOf: AS_OF, indexes: 'rebuild' });
    expect(r.people).toBe(800);
    expect(await defs()).toEqual(before);
    expect(await count(tdb, 'person')).toBe(2_800);
  });

  it('writes nothing when a row is refused, also with the indexes suspended', async () => {
    const path = (await tdb.db.selectFrom('area').select('path').where('code', '=', '150203001018').executeTakeFirstOrThrow()).path;
    const grids = await loadDemoGrids(tdb.db, '150200', path);
    const data = generateDistrict({ grids, people: 300, organisations: 20, seed: 'bad', asOf: AS_OF });
    const before = { person: await count(tdb, 'person'), household: await count(tdb, 'household'), building: await count(tdb, 'building'), audit: await count(tdb, 'audit_log') };
    for (const rebuildIndexes of [false, true]) {
      // A duplicate ID number within the batch breaks the unique index only at the end.
      const broken = { ...data, people: data.people.map((p, i) => (i === data.people.length - 1 ? { ...p, idNumber: data.people[0].idNumber } : p)) };
      await expect(loadDistrict(tdb.url, broken, { cityCode: '150200', districtCode: '150203', rebuildIndexes, log: () => {} })).rejects.toThrow(/person_id_number|duplicate/);
    }
    expect({ person: await count(tdb, 'person'), household: await count(tdb, 'household'), building: await count(tdb, 'building'), audit: await count(tdb, 'audit_log') }).toEqual(before);
  });

  it('refuses an unknown area', async () => {
    await expect(seedDemoPeople(tdb, { area: '150299999' })).rejects.toThrow(/no area/);
  });
});
