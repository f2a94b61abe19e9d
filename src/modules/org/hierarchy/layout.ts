// The generated map of one district: streets 街道/镇 as a partition of the district, communities
// 社区/村 as a partition of their street, grids 网格 as a partition of their community.
// Urban streets and communities crowd the seat of government; villages spread out.
import polygonClipping from 'polygon-clipping';
import { partsAreaM2, type MultiPolygonCoords, type Position } from '../../../kernel/geo/geojson-utils.ts';
import type { DistrictBoundary } from './district-boundaries.ts';
import { isUrbanCommunity, isUrbanStreet, type CommunityRecord, type StreetRecord } from './load-divisions.ts';
import { finishParts, partitionArea } from './partition.ts';
import { createRng } from './prng.ts';
import { orderByAngle, spreadPoints, type Attraction } from './seeds.ts';

export interface CommunityLayout { record: CommunityRecord; urban: boolean; parts: MultiPolygonCoords; seed: Position }
export interface StreetLayout { record: StreetRecord; parts: MultiPolygonCoords; seed: Position; communities: CommunityLayout[] }
export interface GridLayout { parts: MultiPolygonCoords; seed: Position }

/** Land of one 街道 (sub-district) in a Chinese city: a few km² (sizes the urban core). */
const STREET_CORE_M2 = 6e6;
/** Radius within which a town's (镇) own residents' committees cluster round its seat. */
const TOWN_CORE_M = 2000;

/**
 * Streets placed near the seat: the 街道, or when a banner/county has none, the town with most
 * urban communities (its seat town, e.g. 那吉镇 of 阿荣旗).
 */
function seatStreets(streets: StreetRecord[], communitiesOf: Map<string, CommunityRecord[]>): Set<string> {
  const urban = streets.filter((s) => isUrbanStreet(s.code));
  if (urban.length > 0) return new Set(urban.map((s) => s.code));
  let best = streets[0], bestCount = -1;
  for (const s of streets) {
    const n = (communitiesOf.get(s.code) ?? []).filter((c) => isUrbanCommunity(c.code)).length;
    if (n > bestCount) { best = s; bestCount = n; }
  }
  return new Set(best ? [best.code] : []);
}

/** Seeds for a group of areas: the attracted ones first, then the rest spread among them. */
function placeSeeds(
  parts: MultiPolygonCoords, seedKey: string, attractedCount: number, spreadCount: number, attraction: Attraction,
): { attracted: Position[]; spread: Position[] } {
  const rng = createRng(seedKey);
  const placed: Position[] = [];
  const attracted = attractedCount > 0 ? orderByAngle(spreadPoints(parts, attractedCount, rng, placed, attraction)) : [];
  const spread = spreadCount > 0 ? orderByAngle(spreadPoints(parts, spreadCount, rng, placed)) : [];
  return { attracted, spread };
}

/** A polygon approximating a circle of `radiusM` metres round `at`. */
function circleAround(at: Position, radiusM: number, sides = 48): MultiPolygonCoords {
  const ky = 111_195, kx = ky * Math.cos((at[1] * Math.PI) / 180);
  const ring: Position[] = [];
  for (let i = 0; i < sides; i++) {
    const t = (2 * Math.PI * i) / sides;
    ring.push([at[0] + (radiusM * Math.cos(t)) / kx, at[1] + (radiusM * Math.sin(t)) / ky]);
  }
  ring.push(ring[0]);
  return [[ring]];
}

/**
 * The urban core (a disc round the seat sized by the number of 街道) and the land around it, when
 * the district has both 街道 and towns: 街道 then share the core and towns 镇/乡 the rest, instead
 * of edge 街道 stretching out to the district border.
 */
function splitCore(district: DistrictBoundary, radiusM: number): { core: MultiPolygonCoords; rest: MultiPolygonCoords } | null {
  const circle = circleAround(district.seat, radiusM);
  const core = polygonClipping.intersection(district.parts, circle);
  const rest = polygonClipping.difference(district.parts, circle);
  const total = partsAreaM2(district.parts);
  if (partsAreaM2(rest) < 0.15 * total) return null;
  return { core: finishParts(core, `${district.code} core`), rest: finishParts(rest, `${district.code} outskirts`) };
}

export function layoutDistrict(
  district: DistrictBoundary, streets: StreetRecord[], communitiesOf: Map<string, CommunityRecord[]>,
): StreetLayout[] {
  const central = seatStreets(streets, communitiesOf);
  const coreRadius = Math.sqrt((Math.max(1, central.size) * STREET_CORE_M2) / Math.PI);
  const inner = streets.filter((s) => central.has(s.code));
  const outer = streets.filter((s) => !central.has(s.code));
  const seatPull: Attraction = { at: district.seat, radiusM: coreRadius / 2 };
  const split = inner.length > 0 && outer.length > 0 && inner.every((s) => isUrbanStreet(s.code)) ? splitCore(district, coreRadius) : null;
  const placed: { record: StreetRecord; parts: MultiPolygonCoords; seed: Position }[] = [];
  const place = (parts: MultiPolygonCoords, key: string, attracted: StreetRecord[], spread: StreetRecord[]) => {
    const seeds = placeSeeds(parts, key, attracted.length, spread.length, seatPull);
    const ordered = [...attracted, ...spread];
    const seedList = [...seeds.attracted, ...seeds.spread];
    const polygons = partitionArea(parts, seedList, ordered.map((s) => s.code));
    ordered.forEach((record, i) => placed.push({ record, parts: polygons[i], seed: seedList[i] }));
  };
  if (split) {
    place(split.core, `streets:${district.code}:core`, inner, []);
    place(split.rest, `streets:${district.code}:rest`, [], outer);
  } else {
    place(district.parts, `streets:${district.code}`, inner, outer);
  }
  return placed
    .map(({ record, parts, seed }) => {
      const attraction: Attraction = central.has(record.code)
        ? { at: district.seat, radiusM: coreRadius }
        : { at: seed, radiusM: TOWN_CORE_M };
      return { record, parts, seed, communities: layoutCommunities(record, parts, communitiesOf.get(record.code) ?? [], attraction) };
    })
    .sort((a, b) => a.record.code.localeCompare(b.record.code));
}

function layoutCommunities(
  street: StreetRecord, parts: MultiPolygonCoords, communities: CommunityRecord[], attraction: Attraction,
): CommunityLayout[] {
  if (communities.length === 0) return [];
  const urban = communities.filter((c) => isUrbanCommunity(c.code));
  const rural = communities.filter((c) => !isUrbanCommunity(c.code));
  const seeds = placeSeeds(parts, `communities:${street.code}`, urban.length, rural.length, attraction);
  const ordered = [...urban, ...rural];
  const seedList = [...seeds.attracted, ...seeds.spread];
  const polygons = partitionArea(parts, seedList, ordered.map((c) => c.code));
  return ordered
    .map((record, i) => ({ record, urban: isUrbanCommunity(record.code), parts: polygons[i], seed: seedList[i] }))
    .sort((a, b) => a.record.code.localeCompare(b.record.code));
}

/** `count` grids evenly spread over the community, numbered round it. */
export function layoutGrids(community: CommunityLayout, count: number): GridLayout[] {
  if (count === 1) return [{ parts: community.parts, seed: community.seed }];
  const rng = createRng(`grids:${community.record.code}`);
  const seeds = orderByAngle(spreadPoints(community.parts, count, rng, []));
  const labels = seeds.map((_, i) => `${community.record.code}${String(i + 1).padStart(3, '0')}`);
  const polygons = partitionArea(community.parts, seeds, labels);
  return seeds.map((seed, i) => ({ parts: polygons[i], seed }));
}
