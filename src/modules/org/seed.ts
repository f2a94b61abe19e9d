import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { generateHierarchy } from './hierarchy/generate.ts';

const CITY_NAMES: Record<string, string> = { '150200': '包头市', '150700': '呼伦贝尔市' };

/**
 * Loads the real division tree of the given cities with generated street, community and
 * grid boundaries. Cities already loaded are left as they are, so it is safe to run twice.
 */
export async function seedHierarchy(db: Kysely<DB>, cityCodes: string[], log: (m: string) => void = () => {}): Promise<{ city: string; areas: number }[]> {
  const out: { city: string; areas: number }[] = [];
  const missing: string[] = [];
  for (const city of cityCodes) {
    if (!CITY_NAMES[city]) throw new Error(`no division data for city ${city}; available: ${Object.keys(CITY_NAMES).join(', ')}`);
    const has = await db.selectFrom('area').select('code').where('city_code', '=', city).limit(1).executeTakeFirst();
    if (!has) missing.push(city);
  }
  if (missing.length === 0) return out;
  const t0 = Date.now();
  const areas = generateHierarchy(missing);
  log(`generated ${areas.length} areas for ${missing.join(', ')} in ${Date.now() - t0} ms`);
  await db.transaction().execute(async (trx) => {
    for (const city of missing) {
      await trx.insertInto('city').values({ code: city, name: CITY_NAMES[city], province_code: city.slice(0, 2) }).onConflict((oc) => oc.doNothing()).execute();
    }
    // Parents first (the tree has a foreign key to its parent).
    const order = { city: 0, district: 1, street: 2, community: 3, grid: 4 } as const;
    const sorted = [...areas].sort((a, b) => order[a.level] - order[b.level]);
    for (let i = 0; i < sorted.length; i += 1000) {
      await trx.insertInto('area').values(sorted.slice(i, i + 1000).map((a) => ({
        city_code: a.cityCode, code: a.code, parent_code: a.parentCode, level: a.level, name: a.name,
        path: a.path, households: a.households, geometry: a.geometry ? JSON.stringify(a.geometry) : null,
        center: a.center ? JSON.stringify(a.center) : null, source: a.source,
      }))).execute();
    }
  });
  for (const city of missing) out.push({ city, areas: areas.filter((a) => a.cityCode === city).length });
  await sql`ANALYZE area`.execute(db);
  return out;
}
