import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Area } from '../../src/db/types.ts';
import { BUILTIN_TEMPLATES } from '../../src/modules/reports/builtins.ts';
import { naiveListIds } from '../../src/modules/reports/naive.ts';
import { runReport, runReports, type TemplateRef } from '../../src/modules/reports/run.ts';
import { parseSpec, tagRefs, type BaseMeasure, type ReportSpec, type TableSpec } from '../../src/modules/reports/spec.ts';
import { compileBatch } from '../../src/modules/reports/engine.ts';
import { BUILTIN_TAGS } from '../../src/modules/registry/vocabularies/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { insertReportFixture, REF_DATE, type ReportFixture } from './reports.fixture.ts';

let tdb: TestDatabase;
let fx: ReportFixture;
let district: Area;
let street: Area;
let community: Area;

const area = (code: string) => tdb.db.selectFrom('area').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
const ref = (t: (typeof BUILTIN_TEMPLATES)[number], i: number): TemplateRef => ({ id: i + 1, code: t.code, name: t.name, department: t.department, builtin: true, spec: t.spec });

beforeAll(async () => {
  tdb = await createTestDatabase();
  fx = await insertReportFixture(tdb.db);
  district = await area('150203');
  street = await area(fx.streets[0].code);
  community = await tdb.db.selectFrom('area').selectAll().where('code', '=', fx.grids[0].code.slice(0, 12)).executeTakeFirstOrThrow();
});
afterAll(async () => { await tdb?.drop(); });

describe('built-in templates', () => {
  it('are at least ten, each valid, with a code, a Chinese name and a department, using only built-in tags', () => {
    expect(BUILTIN_TEMPLATES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(BUILTIN_TEMPLATES.map((t) => t.code)).size).toBe(BUILTIN_TEMPLATES.length);
    const tags = new Map(BUILTIN_TAGS.map((t) => [t.code, t.appliesTo]));
    for (const t of BUILTIN_TEMPLATES) {
      expect(t.name, t.code).toMatch(/[\u4e00-\u9fff]/);
      expect(t.department, t.code).toMatch(/[\u4e00-\u9fff]/);
      expect(() => parseSpec(JSON.parse(JSON.stringify(t.spec))), t.code).not.toThrow();
      for (const r of tagRefs(t.spec)) expect(tags.get(r.code), `${t.code} ${r.field}`).toBe(r.appliesTo);
    }
    expect(BUILTIN_TEMPLATES.filter((t) => t.spec.kind === 'list').length).toBeGreaterThanOrEqual(1);
  });

  it('are seeded for every city, and seeding again changes nothing', async () => {
    const counts = await tdb.db.selectFrom('report_template').select(['city_code', sql<number>`count(*)::int`.as('n')]).where('builtin', '=', true).groupBy('city_code').orderBy('city_code').execute();
    expect(counts).toEqual([{ city_code: '150200', n: BUILTIN_TEMPLATES.length }, { city_code: '150700', n: BUILTIN_TEMPLATES.length }]);
    const { seedBuiltinReports } = await import('../../src/modules/reports/builtins.ts');
    const before = await tdb.db.selectFrom('report_template').select(['id', 'code', 'spec']).orderBy('id').execute();
    await seedBuiltinReports(tdb.db);
    expect(await tdb.db.selectFrom('report_template').select(['id', 'code', 'spec']).orderBy('id').execute()).toEqual(before);
  });
});

describe('the engine equals the naive per-cell computation', () => {
  const tables = BUILTIN_TEMPLATES.map((t, i) => [t.code, t, i] as const).filter(([, t]) => t.spec.kind === 'table');
  for (const [code, t, i] of tables) {
    it(`${code} ${t.name}: district by street, street by community, community by grid`, async () => {
      for (const [a, level] of [[district, 'street'], [street, 'community'], [community, 'grid']] as const) {
        const engine = await runReport(tdb.db, ref(t, i), a, REF_DATE, { level });
        const naive = await runReport(tdb.db, ref(t, i), a, REF_DATE, { level, naive: true });
        expect(engine.rows, `${code} at ${a.code}`).toEqual(naive.rows);
        expect(engine.total, `${code} total at ${a.code}`).toEqual(naive.total);
        expect(engine.rows.length).toBeGreaterThan(0);
      }
    });
  }

  it('all built-ins in one batch give the numbers each gives alone', async () => {
    const refs = BUILTIN_TEMPLATES.map(ref);
    const batch = await runReports(tdb.db, refs, street, REF_DATE);
    for (const [i, t] of refs.entries()) {
      const alone = await runReport(tdb.db, t, street, REF_DATE);
      expect({ ...batch[i], generatedAt: '' }, t.code).toEqual({ ...alone, generatedAt: '' });
    }
  });

  it('the numbers are not all zero (the fixture exercises every template)', async () => {
    for (const [code, t, i] of tables) {
      const run = await runReport(tdb.db, ref(t, i), district, REF_DATE);
      const nonZero = (run.total!.cells.slice(1) as number[]).filter((v) => typeof v === 'number' && v > 0).length;
      expect(nonZero, code).toBeGreaterThanOrEqual(Math.ceil((run.columns.length - 1) / 2));
    }
  });
});

describe('every filter, engine against naive', () => {
  const count = (entity: string, filter: object) => ({ kind: 'count', entity, filter });
  const spec = parseSpec({
    kind: 'table', level: 'street', columns: [
      ['p_all', count('person', {})], ['p_res', count('person', { residenceType: ['floating', 'overseas'] })], ['p_sex_age', count('person', { sex: '2', ageMin: 16, ageMax: 54 })],
      ['p_any', count('person', { tagsAny: ['DISABLED', 'VETERAN'] })], ['p_all_tags', count('person', { tagsAll: ['DISABLED', 'LOW_INCOME'] })],
      ['p_codes', count('person', { ethnicity: ['02', '03'], education: ['10', '20', '30', '40'], politicalStatus: ['01', '13'] })],
      // A long set tested by its short complement (少数民族: not 01, 97, 98), and one too long either way (joined).
      ['p_minority', count('person', { ethnicity: Array.from({ length: 55 }, (_, i) => String(i + 2).padStart(2, '0')) })],
      ['p_long_set', count('person', { ethnicity: Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')), sex: '1' })],
      ['p_alone', count('person', { livingAlone: true })], ['p_not_alone', count('person', { livingAlone: false, ageMin: 18 })],
      ['p_size', count('person', { householdSizeMin: 2, householdSizeMax: 3, tagsAny: ['LOW_INCOME', 'DISABLED', 'VETERAN', 'KEY_YOUTH'] })],
      ['h_all', count('household', {})], ['h_kind', count('household', { kind: ['collective'] })], ['h_size', count('household', { sizeMin: 2, sizeMax: 4 })],
      ['h_empty', count('household', { sizeMax: 0 })], ['h_alone', count('household', { livingAlone: true })], ['h_not_alone', count('household', { livingAlone: false })],
      ['h_tag', count('household', { tagsAny: ['EXTREMELY_POOR'] })], ['h_member_tag', count('household', { memberTagsAny: ['ELDERLY_ALONE', 'KEY_YOUTH'] })],
      ['h_member_tag2', count('household', { memberTagsAny: ['KEY_YOUTH', 'ELDERLY_ALONE'], memberAgeMin: 70 })],
      ['o_all', count('organisation', {})], ['o_ind', count('organisation', { industry: ['C', 'F51'], status: ['active', 'suspended'] })],
      ['o_party', count('organisation', { kind: ['enterprise', 'social_org'], hasPartyOrg: true, employeesMin: 10, employeesMax: 200 })],
      ['o_tag', count('organisation', { tagsAny: ['SAFETY_KEY_ENTERPRISE'] })],
      ['o_emp', { kind: 'sum', entity: 'organisation', field: 'employees', filter: { kind: ['enterprise'] } }],
      ['o_cap', { kind: 'sum', entity: 'organisation', field: 'registered_capital' }],
      ['r_all', count('rental_house', {})], ['r_purpose', count('rental_house', { purpose: ['business', 'mixed'], status: ['active'], tenantsMin: 3 })],
      ['r_tenants', { kind: 'sum', entity: 'rental_house', field: 'tenants', filter: { status: ['active'] } }],
      ['r_area', { kind: 'sum', entity: 'rental_house', field: 'area_m2' }],
      ['sum', { kind: 'sum_of', columns: ['p_alone', 'p_not_alone'] }], ['ratio', { kind: 'ratio', numerator: 'sum', denominator: 'p_all', digits: 3 }],
    ].map(([key, measure]) => ({ key, label: key, measure })),
  });
  const tpl: TemplateRef = { id: 0, code: 'EVERY', name: '全部筛选', department: '测试', builtin: false, spec };

  it('a custom table using every filter gives the naive numbers at every level', async () => {
    for (const [a, level] of [[district, 'street'], [district, 'community'], [community, 'grid']] as const) {
      const engine = await runReport(tdb.db, tpl, a, REF_DATE, { level });
      const naive = await runReport(tdb.db, tpl, a, REF_DATE, { level, naive: true });
      expect(engine.rows, `${a.code} by ${level}`).toEqual(naive.rows);
      expect(engine.total, `${a.code} by ${level}`).toEqual(naive.total);
    }
    const run = await runReport(tdb.db, tpl, district, REF_DATE);
    const zero = run.columns.slice(1).filter((_, i) => run.total!.cells[i + 1] === 0).map((c) => c.key);
    expect(zero).toEqual([]); // the fixture gives every column something to count
  });

  it('a batch testing more age bounds than one cube holds is split, with the same numbers', async () => {
    const many = parseSpec({ kind: 'table', level: 'community', columns: Array.from({ length: 35 }, (_, i) => ({ key: `age_${i}`, label: `${i}–${i + 40}岁`, measure: { kind: 'count', entity: 'person', filter: { ageMin: i, ageMax: i + 40 } } })) });
    const measures = new Map((many as TableSpec).columns.map((c) => [c.key, c.measure as BaseMeasure]));
    const cubes = compileBatch(measures, { cityCode: '150200', areaPath: street.path, date: REF_DATE }, 'community').filter((s) => s.hashCube);
    expect(cubes.length).toBe(2);
    const t = { ...tpl, spec: many };
    const engine = await runReport(tdb.db, t, street, REF_DATE);
    const naive = await runReport(tdb.db, t, street, REF_DATE, { naive: true });
    expect(engine.rows).toEqual(naive.rows);
    expect(engine.total).toEqual(naive.total);
  });

  it('listings of every entity with member and size filters give the naive ids', async () => {
    const lists: object[] = [
      { kind: 'list', entity: 'person', filter: { livingAlone: true, ageMin: 60 }, fields: [{ field: 'name', label: '姓名' }, { field: 'tags', label: '标签' }] },
      { kind: 'list', entity: 'household', filter: { memberTagsAny: ['DISABLED'], sizeMin: 2 }, fields: [{ field: 'address', label: '地址' }, { field: 'size', label: '人数' }, { field: 'phone', label: '电话' }] },
      { kind: 'list', entity: 'organisation', filter: { kind: ['enterprise'], industry: ['C'] }, fields: [{ field: 'name', label: '名称' }, { field: 'industry', label: '行业' }, { field: 'phone', label: '电话' }] },
      { kind: 'list', entity: 'rental_house', filter: { status: ['active'] }, fields: [{ field: 'address', label: '地址' }, { field: 'landlordPhone', label: '房东电话' }, { field: 'purpose', label: '用途' }] },
    ];
    for (const raw of lists) {
      const s = parseSpec(raw) as Extract<ReportSpec, { kind: 'list' }>;
      const run = await runReport(tdb.db, { ...tpl, spec: s }, district, REF_DATE);
      const ids = await naiveListIds(tdb.db, s, { cityCode: '150200', areaPath: district.path, date: REF_DATE });
      expect(ids.length, s.entity).toBeGreaterThan(0);
      expect(run.rows.length, s.entity).toBe(ids.length);
      expect(JSON.stringify(run.rows)).not.toMatch(/1[3-9][0-9]{9}/);
    }
  });
});

describe('numbers checked by hand from the fixture', () => {
  it('实有人口 total: live people of the district only, by residence type and sex', async () => {
    const t = BUILTIN_TEMPLATES.findIndex((x) => x.code === 'ZZ_ACTUAL_POPULATION');
    const run = await runReport(tdb.db, ref(BUILTIN_TEMPLATES[t], t), district, REF_DATE);
    const people = await tdb.db.selectFrom('person').select(['residence_type', 'sex', 'grid_path']).where('deleted_at', 'is', null).where('city_code', '=', '150200').execute();
    const inKdl = people.filter((p) => p.grid_path.startsWith('150200.150203.'));
    const col = (key: string) => run.columns.findIndex((c) => c.key === key);
    expect(run.total!.cells[col('people')]).toBe(inKdl.length);
    expect(run.total!.cells[col('reg_f')]).toBe(inKdl.filter((p) => p.residence_type === 'registered' && p.sex === '2').length);
    expect(run.total!.cells[col('flt')]).toBe(inKdl.filter((p) => p.residence_type === 'floating').length);
    // The rows are the district's streets; the two fixture streets hold everyone.
    const byStreet = new Map(run.rows.map((r) => [r.code, r.cells[col('people')]]));
    expect((byStreet.get(fx.streets[0].code) as number) + (byStreet.get(fx.streets[1].code) as number)).toBe(inKdl.length);
    expect(run.rows.length).toBe(Number((await tdb.db.selectFrom('area').select(sql<number>`count(*)`.as('n')).where('parent_code', '=', '150203').executeTakeFirstOrThrow()).n));
    const pct = run.total!.cells[col('flt_pct')] as number;
    expect(pct).toBeCloseTo((100 * (run.total!.cells[col('flt')] as number)) / inKdl.length, 2);
  });

  it('ages are whole years at the reference date: a 60th birthday on the date counts, the day after does not; the unborn have no age', async () => {
    const spec = parseSpec({ kind: 'table', level: 'street', columns: [
      { key: 'a', label: '60+', measure: { kind: 'count', entity: 'person', filter: { ageMin: 60 } } },
      { key: 'b', label: '0–6', measure: { kind: 'count', entity: 'person', filter: { ageMax: 6 } } },
    ] });
    const run = await runReport(tdb.db, { id: 0, code: 'T', name: '测试', department: '测试', builtin: false, spec }, district, REF_DATE);
    const births = (await tdb.db.selectFrom('person').select('birth_date').where('deleted_at', 'is', null).where(sql<boolean>`grid_path <@ '150200.150203'`).execute()).map((b) => b.birth_date);
    expect(run.total!.cells[1]).toBe(births.filter((b) => b <= '1966-06-30').length);
    expect(run.total!.cells[2]).toBe(births.filter((b) => b > '2019-06-30' && b <= REF_DATE).length);
    expect(births).toContain('1966-06-30');
    expect(births).toContain('1966-07-01');
    expect(births.some((b) => b > REF_DATE)).toBe(true); // born after the reference date: in no age column
  });
});

describe('listings', () => {
  const lists = BUILTIN_TEMPLATES.map((t, i) => [t, i] as const).filter(([t]) => t.spec.kind === 'list');
  for (const [t, i] of lists) {
    it(`${t.code} ${t.name} lists exactly the naive ids, masked`, async () => {
      const run = await runReport(tdb.db, ref(t, i), district, REF_DATE);
      const ids = await naiveListIds(tdb.db, t.spec as Extract<ReportSpec, { kind: 'list' }>, { cityCode: '150200', areaPath: district.path, date: REF_DATE });
      expect(ids.length).toBeGreaterThan(0);
      expect(run.rows.length).toBe(ids.length);
      const idCol = run.columns.findIndex((c) => c.key === 'idNumber');
      const phoneCol = run.columns.findIndex((c) => c.key === 'phone');
      const real = await tdb.db.selectFrom('person').select(['id_number', 'phone']).where('id', 'in', ids).execute();
      expect(new Set(run.rows.map((r) => r.cells[idCol]))).toEqual(new Set(real.map((p) => `${p.id_number.slice(0, 6)}********${p.id_number.slice(-4)}`)));
      for (const r of run.rows) {
        expect(r.cells[idCol]).toMatch(/^[0-9]{6}\*{8}[0-9X]{4}$/);
        if (r.cells[phoneCol] !== null) expect(r.cells[phoneCol]).toMatch(/^1[0-9]{2}\*{4}[0-9]{4}$/);
      }
      expect(JSON.stringify(run)).not.toMatch(/[0-9]{17}[0-9X]/);
    });
  }
});
