// Generates the whole area tree of a city, city → district 区/旗/县 → street 街道/镇/乡/苏木 →
// community 社区/村/嘎查 → grid 网格: real names and codes, official district boundaries, and
// plausible generated boundaries and households below them (none are published). Deterministic.
import polygonClipping from 'polygon-clipping';
import {
  containsPoint, geometryFromParts, interiorPoint, roundPosition,
  type AreaGeometry, type Position,
} from '../../../kernel/geo/geojson-utils.ts';
import { loadDistrictBoundaries } from './district-boundaries.ts';
import { CITY_PROFILES } from './district-profiles.ts';
import { planHouseholds } from './households.ts';
import { layoutDistrict, layoutGrids, type StreetLayout } from './layout.ts';
import { communityShortName, loadDivisions, type CommunityRecord, type Divisions } from './load-divisions.ts';
import { finishParts } from './partition.ts';

export type AreaLevel = 'city' | 'district' | 'street' | 'community' | 'grid';

export interface GeneratedArea {
  cityCode: string;
  code: string;
  parentCode: string | null;
  level: AreaLevel;
  name: string;
  /** ltree path of codes from the city, e.g. 150200.150203.150203010.150203010011.150203010011001 */
  path: string;
  households: number;
  geometry: AreaGeometry | null;
  center: [number, number] | null;
  source: 'official' | 'generated';
}

export const DEFAULT_CITIES = ['150200', '150700'];

/** A marker inside the area: the seed it grew from when still inside, else an interior point. */
function centerOf(geometry: AreaGeometry, preferred: Position): [number, number] {
  const p = roundPosition(preferred);
  return containsPoint(geometry, p[0], p[1]) === true ? p : roundPosition(interiorPoint(geometry));
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const list = m.get(key(t));
    if (list) list.push(t); else m.set(key(t), [t]);
  }
  return m;
}

/** Every area of the given cities, parents before children (depth first, in code order). */
export function generateHierarchy(cityCodes: string[] = DEFAULT_CITIES): GeneratedArea[] {
  const divisions = loadDivisions();
  return cityCodes.flatMap((c) => generateCity(c, divisions));
}

function generateCity(cityCode: string, divisions: Divisions): GeneratedArea[] {
  const profile = CITY_PROFILES[cityCode];
  if (!profile) throw new Error(`unknown city ${cityCode}: no profile in district-profiles.ts`);
  const boundaries = loadDistrictBoundaries(cityCode);
  const districts = divisions.districts.filter((d) => d.cityCode === cityCode).sort((a, b) => a.code.localeCompare(b.code));
  const streetsOf = groupBy(divisions.streets.filter((s) => s.cityCode === cityCode), (s) => s.districtCode);
  const communitiesOf = groupBy(divisions.communities.filter((c) => c.cityCode === cityCode), (c) => c.streetCode);

  const layouts = districts.map((d) => {
    const boundary = boundaries.get(d.code);
    if (!boundary) throw new Error(`district ${d.code} ${d.name} has no boundary`);
    const streets = (streetsOf.get(d.code) ?? []).sort((a, b) => a.code.localeCompare(b.code));
    return { record: d, boundary, streets: layoutDistrict(boundary, streets, communitiesOf) };
  });
  const plans = planHouseholds(
    profile,
    layouts.flatMap((d) => d.streets.flatMap((s) => s.communities.map((c) => ({ code: c.record.code, districtCode: d.record.code, urban: c.urban })))),
  );

  const out: GeneratedArea[] = [];
  const emit = (a: Omit<GeneratedArea, 'cityCode'>) => { const area = { cityCode, ...a }; out.push(area); return area; };
  const [first, ...rest] = layouts.map((d) => d.boundary.parts);
  const cityParts = finishParts(polygonClipping.union(first, ...rest), cityCode);
  const cityGeometry = geometryFromParts(cityParts);
  const city = emit({
    code: cityCode, parentCode: null, level: 'city', name: profile.name, path: cityCode, households: 0,
    geometry: cityGeometry, center: centerOf(cityGeometry, profile.seat), source: 'official',
  });
  for (const d of layouts) {
    const geometry = geometryFromParts(d.boundary.parts);
    const district = emit({
      code: d.record.code, parentCode: cityCode, level: 'district', name: d.record.name, path: `${cityCode}.${d.record.code}`,
      households: 0, geometry, center: centerOf(geometry, d.boundary.seat), source: d.boundary.source,
    });
    for (const s of d.streets) district.households += emitStreet(s, district.path, emit, plans);
    city.households += district.households;
  }
  return out;
}

type Emit = (a: Omit<GeneratedArea, 'cityCode'>) => GeneratedArea;

function emitStreet(s: StreetLayout, parentPath: string, emit: Emit, plans: ReturnType<typeof planHouseholds>): number {
  const geometry = geometryFromParts(s.parts);
  const street = emit({
    code: s.record.code, parentCode: s.record.districtCode, level: 'street', name: s.record.name,
    path: `${parentPath}.${s.record.code}`, households: 0, geometry, center: centerOf(geometry, s.seed), source: 'generated',
  });
  for (const c of s.communities) {
    const plan = plans.get(c.record.code)!;
    const cGeometry = geometryFromParts(c.parts);
    const name = communityShortName(c.record.name);
    const community = emit({
      code: c.record.code, parentCode: s.record.code, level: 'community', name, path: `${street.path}.${c.record.code}`,
      households: plan.households, geometry: cGeometry, center: centerOf(cGeometry, c.seed), source: 'generated',
    });
    layoutGrids(c, plan.grids).forEach((g, i) => {
      const code = gridCode(c.record, i + 1);
      const gGeometry = geometryFromParts(g.parts);
      emit({
        code, parentCode: c.record.code, level: 'grid', name: `${name}第${i + 1}网格`, path: `${community.path}.${code}`,
        households: plan.gridHouseholds[i], geometry: gGeometry, center: centerOf(gGeometry, g.seed), source: 'generated',
      });
    });
    street.households += plan.households;
  }
  return street.households;
}

/** Grid code = the 12-digit community code + a 3-digit sequence (001…). */
export function gridCode(community: Pick<CommunityRecord, 'code'>, sequence: number): string {
  return community.code + String(sequence).padStart(3, '0');
}
