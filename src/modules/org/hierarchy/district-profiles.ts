// Figures that make the generated households and grid counts plausible. Populations are resident
// populations from the 2020 census (第七次全国人口普查), rounded; they only size the demo data.

export interface CityProfile {
  name: string;
  /** Seat of the city government (marker for the city as a whole). */
  seat: [number, number];
  /** The city's grid total, when a public source gives one (spread over its districts). */
  grids?: number;
  districts: Record<string, { population: number; grids?: number }>;
}

/** Residents per household (Inner Mongolia, 2020 census: 2.36). */
export const PERSONS_PER_HOUSEHOLD = 2.36;
/** Households a grid worker 网格员 covers: ≈300–400 in towns, fewer in villages spread far apart. */
export const URBAN_GRID_HOUSEHOLDS = 380;
export const RURAL_GRID_HOUSEHOLDS = 150;
/** Weight of a village against an urban community when sharing a district's households. */
export const RURAL_COMMUNITY_WEIGHT = 0.3;

export const CITY_PROFILES: Record<string, CityProfile> = {
  '150200': {
    name: '包头市',
    seat: [109.840347, 40.658168],
    districts: {
      '150202': { population: 563_000 },
      // Seeds: 昆都仑区 15 街镇, 86 社区, 24 嘎查村, 1,391 网格 (after "加密网格", denser grids).
      '150203': { population: 793_000, grids: 1391 },
      // Seeds: 青山区 529 网格 of ≈400 households each.
      '150204': { population: 521_000, grids: 529 },
      '150205': { population: 27_000 },
      '150206': { population: 25_000 },
      '150207': { population: 336_000 },
      '150221': { population: 245_000 },
      '150222': { population: 118_000 },
      '150223': { population: 98_000 },
      // 稀土高新区 is counted inside its host districts by the census; an estimate of its own.
      '150271': { population: 150_000 },
    },
  },
  '150700': {
    name: '呼伦贝尔市',
    seat: [119.758168, 49.215333],
    // Seeds: "全市划分6997个网格".
    grids: 6997,
    districts: {
      '150702': { population: 370_000 },
      '150703': { population: 90_000 },
      '150721': { population: 240_000 },
      '150722': { population: 240_000 },
      '150723': { population: 180_000 },
      '150724': { population: 130_000 },
      '150725': { population: 55_000 },
      '150726': { population: 40_000 },
      '150727': { population: 35_000 },
      '150781': { population: 150_000 },
      '150782': { population: 270_000 },
      '150783': { population: 300_000 },
      '150784': { population: 65_000 },
      '150785': { population: 90_000 },
    },
  },
};
