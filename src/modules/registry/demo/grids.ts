// Reads the grids under an area (with the names above them) that the generator fills.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { AreaGeometry } from '../../../kernel/geo/geojson-utils.ts';
import type { DemoGrid } from './types.ts';

const VILLAGE = /(村|嘎查)$/;

export interface DemoArea { cityCode: string; code: string; name: string; path: string; level: string }

/** The area with this code (any city), or undefined. */
export async function findDemoArea(db: Kysely<DB>, code: string): Promise<DemoArea | undefined> {
  return db.selectFrom('area').select(['city_code as cityCode', 'code', 'name', 'path', 'level']).where('code', '=', code).executeTakeFirst();
}

/** Every grid under `path`, in code order, with its district, street and community names. */
export async function loadDemoGrids(db: Kysely<DB>, cityCode: string, path: string): Promise<DemoGrid[]> {
  // Ancestors and descendants both: a grid needs the names of the areas above it even when `path` is a grid.
  const areas = await db.selectFrom('area').select(['code', 'name', 'level', 'path', 'households', 'geometry', 'center'])
    .where('city_code', '=', cityCode)
    .where((eb) => eb.or([sql<boolean>`path <@ ${path}::ltree`, sql<boolean>`path @> ${path}::ltree`]))
    .orderBy('code').execute();
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const city = areas.find((a) => a.level === 'city');
  const out: DemoGrid[] = [];
  for (const a of areas) {
    if (a.level !== 'grid') continue;
    const codes = a.path.split('.');
    const [district, street, community] = [byCode.get(codes[1]), byCode.get(codes[2]), byCode.get(codes[3])];
    if (!district || !street || !community) continue;
    out.push({
      code: a.code, path: a.path, households: a.households, cityCode, cityName: city?.name ?? '', districtCode: district.code, districtName: district.name,
      streetName: street.name, communityCode: community.code, communityName: community.name, village: VILLAGE.test(community.name),
      geometry: (a.geometry as AreaGeometry | null) ?? null, center: (a.center as [number, number] | null) ?? null,
    });
  }
  return out;
}

/** Codes of all districts of a city (registered residents may have been born in another). */
export async function districtCodes(db: Kysely<DB>, cityCode: string): Promise<string[]> {
  const rows = await db.selectFrom('area').select('code').where('city_code', '=', cityCode).where('level', '=', 'district').orderBy('code').execute();
  return rows.map((r) => r.code);
}
