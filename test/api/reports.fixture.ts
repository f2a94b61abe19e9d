import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/types.ts';

/**
 * Registry rows for the report tests, inserted directly: ~400 people in two streets of
 * 昆都仑区 (150203) with households, tags, organisations and rental houses, plus the cases
 * that trip engines up — birthdays on the reference date, 29 February, deleted records,
 * empty households, people without a household, and records outside the district and in
 * the other city that must never be counted. Members live in their household's grid, as
 * the registry enforces.
 */

export const REF_DATE = '2026-06-30';

/** Small deterministic PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)], chance: (p: number) => next() < p };
}

/** A valid GB 11643 ID number for a birth date (mod-11 check digit). */
export function idNumber(birth: string, seq: number, region = '150203'): string {
  const body = `${region}${birth.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

interface Grid { code: string; path: string; city: string }
export interface ReportFixture { streets: { code: string; path: string }[]; grids: Grid[]; outsideGrid: Grid; otherCityGrid: Grid; personIds: number[] }

async function gridsUnder(db: Kysely<DB>, path: string, n: number): Promise<Grid[]> {
  const rows = await db.selectFrom('area').select(['code', 'path', 'city_code']).where('level', '=', 'grid')
    .where(sql<boolean>`path <@ ${path}::ltree`).orderBy('code').execute();
  // Spread over the street's communities, not just the first one.
  const step = Math.max(1, Math.floor(rows.length / n));
  return rows.filter((_, i) => i % step === 0).slice(0, n).map((r) => ({ code: r.code, path: r.path, city: r.city_code }));
}

const TAGS = ['ELDERLY_ALONE', 'LEFT_BEHIND_ELDERLY', 'LEFT_BEHIND_CHILD', 'DISABLED', 'LOW_INCOME', 'VETERAN', 'RELEASED_PRISONER', 'COMMUNITY_CORRECTION', 'SEVERE_MENTAL_DISORDER', 'DRUG_USER', 'AIDS_RISK', 'KEY_YOUTH'];
const RESIDENCE = ['registered', 'registered', 'registered', 'floating', 'floating', 'overseas', 'left_behind'] as const;
const ETHNICITY = ['01', '01', '01', '01', '02', '03', '11', '97', null] as const;
const EDUCATION = ['10', '20', '30', '40', '60', '70', '80', null] as const;
const POLITICAL = ['01', '02', '03', '13', '13', null] as const;
const INDUSTRY = ['C', 'C13', 'E', 'F', 'F51', 'G', 'H', 'I', 'K', 'L', 'O', 'P', 'Q', 'R', 'S', null] as const;

/** Birth dates that sit on the age boundaries the templates use (6, 16, 17, 54, 59, 60, 65, 80) at REF_DATE. */
function boundaryBirths(): string[] {
  const out: string[] = [];
  for (const age of [6, 7, 16, 17, 18, 54, 55, 59, 60, 64, 65, 80]) {
    const y = 2026 - age;
    out.push(`${y}-06-30`, `${y}-07-01`, `${y}-06-29`);
  }
  out.push('1964-02-29', '1960-02-29', '2020-02-29', '2026-07-15'); // leap-day births, and one not born yet at REF_DATE
  return out;
}

export async function insertReportFixture(db: Kysely<DB>): Promise<ReportFixture> {
  const r = prng(20261125);
  const streets = await db.selectFrom('area').select(['code', 'path']).where('parent_code', '=', '150203').where('level', '=', 'street').orderBy('code').limit(2).execute();
  const grids = [...await gridsUnder(db, streets[0].path, 5), ...await gridsUnder(db, streets[1].path, 4)];
  const [outsideGrid] = await gridsUnder(db, '150200.150204', 1);
  const [otherCityGrid] = await gridsUnder(db, '150700', 1);
  const births = boundaryBirths();
  let seq = 0;

  const addHousehold = async (g: Grid, kind: 'family' | 'collective' = 'family') => (await db.insertInto('household').values({
    city_code: g.city, grid_code: g.code, grid_path: g.path, address: `测试路${++seq}号`, kind, phone: `1390000${String(seq).padStart(4, '0')}`,
  }).returning('id').executeTakeFirstOrThrow()).id;
  const addPerson = async (g: Grid, household: number | null, birth: string, extra: Partial<{ deleted: boolean; residence: string }> = {}) => {
    seq++;
    const { id } = await db.insertInto('person').values({
      city_code: g.city, id_number: idNumber(birth, seq, g.city === '150700' ? '150702' : '150203'), name: `测试${seq}`, sex: r.chance(0.5) ? '1' : '2', birth_date: birth,
      ethnicity: r.pick(ETHNICITY), political_status: r.pick(POLITICAL), education: r.pick(EDUCATION), phone: r.chance(0.8) ? `138${String(10000000 + seq).slice(-8)}` : null,
      residence_type: (extra.residence ?? r.pick(RESIDENCE)) as 'registered', household_id: household, grid_code: g.code, grid_path: g.path,
      address: r.chance(0.7) ? `测试街${seq}号` : null, deleted_at: extra.deleted ? new Date() : null,
    }).returning('id').executeTakeFirstOrThrow();
    return id;
  };
  const tagPerson = async (g: Grid, id: number, codes: string[]) => {
    for (const code of new Set(codes)) await db.insertInto('entity_tag').values({ city_code: g.city, entity_type: 'person', entity_id: id, tag_code: code, created_by: null }).execute();
  };

  const personIds: number[] = [];
  for (const g of grids) {
    for (let h = 0; h < 16; h++) {
      const hid = await addHousehold(g, h === 15 ? 'collective' : 'family');
      if (r.chance(0.15)) await db.insertInto('entity_tag').values({ city_code: g.city, entity_type: 'household', entity_id: hid, tag_code: 'EXTREMELY_POOR', created_by: null }).execute();
      // Sizes 0–5: a household of one is 独居; an empty one has moved out.
      const size = r.pick([0, 1, 1, 1, 2, 2, 3, 3, 4, 5]);
      for (let m = 0; m < size; m++) {
        const birth = r.chance(0.25) ? r.pick(births) : `${r.int(1928, 2025)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
        const id = await addPerson(g, hid, birth, { deleted: r.chance(0.03) });
        personIds.push(id);
        const tags = TAGS.filter(() => r.chance(0.12));
        if (tags.length) await tagPerson(g, id, tags);
      }
    }
    // People without a household, some tagged.
    for (let k = 0; k < 4; k++) {
      const id = await addPerson(g, null, r.pick(births));
      personIds.push(id);
      await tagPerson(g, id, TAGS.filter(() => r.chance(0.3)));
    }
    for (let o = 0; o < 6; o++) {
      const { id } = await db.insertInto('organisation').values({
        city_code: g.city, kind: r.pick(['enterprise', 'enterprise', 'individual_business', 'social_org', 'public_institution'] as const), name: `测试组织${++seq}`,
        industry: r.pick(INDUSTRY), grid_code: g.code, grid_path: g.path, employees: r.chance(0.85) ? r.int(0, 300) : null,
        registered_capital: r.chance(0.7) ? (r.int(1, 5000000) / 100).toFixed(2) : null, status: r.pick(['active', 'active', 'active', 'suspended', 'closed'] as const),
        has_party_org: r.chance(0.3), phone: '0472-5123456', deleted_at: r.chance(0.05) ? new Date() : null,
      }).returning('id').executeTakeFirstOrThrow();
      if (r.chance(0.2)) await db.insertInto('entity_tag').values({ city_code: g.city, entity_type: 'organisation', entity_id: id, tag_code: 'SAFETY_KEY_ENTERPRISE', created_by: null }).execute();
    }
    for (let k = 0; k < 5; k++) {
      await db.insertInto('rental_house').values({
        city_code: g.city, grid_code: g.code, grid_path: g.path, address: `出租屋${++seq}号`, landlord_name: `房东${seq}`, landlord_phone: `1370000${String(seq).padStart(4, '0')}`,
        tenants: r.int(0, 8), area_m2: r.chance(0.8) ? (r.int(1500, 15000) / 100).toFixed(2) : null, purpose: r.pick(['residence', 'residence', 'business', 'mixed', 'dormitory'] as const),
        status: r.pick(['active', 'active', 'active', 'ended'] as const), deleted_at: r.chance(0.05) ? new Date() : null,
      }).execute();
    }
  }
  // Records that no report for 150203 may count.
  for (const g of [outsideGrid, otherCityGrid]) {
    const hid = await addHousehold(g);
    const id = await addPerson(g, hid, '1940-01-01', { residence: 'floating' });
    await tagPerson(g, id, ['ELDERLY_ALONE', 'LOW_INCOME', 'LEFT_BEHIND_CHILD']);
    await db.insertInto('organisation').values({ city_code: g.city, kind: 'enterprise', name: `区外企业${++seq}`, industry: 'C', grid_code: g.code, grid_path: g.path, employees: 50, status: 'active' }).execute();
    await db.insertInto('rental_house').values({ city_code: g.city, grid_code: g.code, grid_path: g.path, address: `区外出租屋${seq}`, landlord_name: '区外', tenants: 3 }).execute();
  }
  return { streets, grids, outsideGrid, otherCityGrid, personIds };
}
