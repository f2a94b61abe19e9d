// How many households 户 each community has and into how many grids 网格 it is split: district
// households from the census population, shared over communities (villages weigh less), then
// grids of ≈380 urban / ≈150 rural households, scaled to the grid totals the seeds report.
import { largestRemainder } from './allocate.ts';
import {
  PERSONS_PER_HOUSEHOLD, RURAL_COMMUNITY_WEIGHT, RURAL_GRID_HOUSEHOLDS, URBAN_GRID_HOUSEHOLDS, type CityProfile,
} from './district-profiles.ts';
import { createRng } from './prng.ts';

export interface CommunityShare { code: string; districtCode: string; urban: boolean }
export interface CommunityPlan { households: number; grids: number; gridHouseholds: number[] }

/** Plans every community of one city; keyed by community code. */
export function planHouseholds(profile: CityProfile, communities: CommunityShare[]): Map<string, CommunityPlan> {
  const byDistrict = new Map<string, CommunityShare[]>();
  for (const c of communities) {
    const list = byDistrict.get(c.districtCode) ?? [];
    list.push(c);
    byDistrict.set(c.districtCode, list);
  }
  const households = new Map<string, number>();
  const need = new Map<string, number>(); // grids each community would need at the nominal size
  for (const [districtCode, list] of byDistrict) {
    const district = profile.districts[districtCode];
    if (!district) throw new Error(`no population figure for district ${districtCode}`);
    const weights = list.map((c) => (c.urban ? 1 : RURAL_COMMUNITY_WEIGHT) * createRng(`households:${c.code}`).range(0.6, 1.4));
    const shares = largestRemainder(weights, Math.round(district.population / PERSONS_PER_HOUSEHOLD), 1);
    list.forEach((c, i) => {
      households.set(c.code, shares[i]);
      need.set(c.code, shares[i] / (c.urban ? URBAN_GRID_HOUSEHOLDS : RURAL_GRID_HOUSEHOLDS));
    });
  }

  const grids = new Map<string, number>();
  const scale = (list: CommunityShare[], total: number) => {
    const counts = largestRemainder(list.map((c) => need.get(c.code)!), total, 1);
    list.forEach((c, i) => grids.set(c.code, counts[i]));
  };
  const untargeted: CommunityShare[] = [];
  let targeted = 0;
  for (const [districtCode, list] of byDistrict) {
    const target = profile.districts[districtCode].grids;
    if (target !== undefined) { scale(list, target); targeted += target; }
    else untargeted.push(...list);
  }
  if (profile.grids !== undefined) scale(untargeted, profile.grids - targeted);
  else for (const c of untargeted) grids.set(c.code, Math.max(1, Math.round(need.get(c.code)!)));

  const plans = new Map<string, CommunityPlan>();
  for (const c of communities) {
    const hh = households.get(c.code)!, n = grids.get(c.code)!;
    if (n > 999) throw new Error(`community ${c.code} would need ${n} grids; grid codes have 3 digits`);
    const rng = createRng(`grid-households:${c.code}`);
    const gridHouseholds = largestRemainder(Array.from({ length: n }, () => rng.range(0.8, 1.2)), hh, 1);
    plans.set(c.code, { households: hh, grids: n, gridHouseholds });
  }
  return plans;
}
