// Where the generated areas sit: seed points inside a parent area, spread out by best-candidate
// sampling (Mitchell), optionally drawn towards a centre so town communities crowd the urban core.
import pointInPolygon from 'point-in-polygon-hao';
import { bboxOfRings, interiorPoint, geometryFromParts, type MultiPolygonCoords, type Position } from '../../../kernel/geo/geojson-utils.ts';
import type { Rng } from './prng.ts';

export interface Attraction {
  at: Position;
  /** Distance (metres) at which the pull has halved. */
  radiusM: number;
}

const CANDIDATES = 12;
const MAX_TRIES = 5000;

/** Equirectangular scale, good enough to compare distances inside one district. */
function scaledDistance(a: Position, b: Position, kx: number): number {
  const dx = (a[0] - b[0]) * kx, dy = (a[1] - b[1]) * 111_195;
  return Math.sqrt(dx * dx + dy * dy);
}

/** A uniform random point strictly inside the area (rejection sampling in its bounding box). */
export function randomPointInside(parts: MultiPolygonCoords, rng: Rng): Position {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of parts) bboxOfRings(p, b);
  for (let i = 0; i < MAX_TRIES; i++) {
    const pt: Position = [rng.range(b[0], b[2]), rng.range(b[1], b[3])];
    for (const poly of parts) if (pointInPolygon(pt, poly) === true) return pt;
  }
  // A sliver that rejection keeps missing: fall back to a point known to be inside.
  return interiorPoint(geometryFromParts(parts));
}

/**
 * Adds `count` points inside `parts` to `placed` (which it extends and returns the new ones of):
 * each is the best of a few random candidates, far from the points already placed and, with an
 * attraction, close to its centre.
 */
export function spreadPoints(
  parts: MultiPolygonCoords, count: number, rng: Rng, placed: Position[], attraction?: Attraction,
): Position[] {
  const b = bboxOfRings(parts.flat());
  const kx = 111_195 * Math.cos((((b[1] + b[3]) / 2) * Math.PI) / 180);
  const added: Position[] = [];
  for (let n = 0; n < count; n++) {
    let best: Position | null = null;
    let bestScore = -Infinity;
    for (let c = 0; c < CANDIDATES; c++) {
      const p = randomPointInside(parts, rng);
      let nearest = Infinity;
      for (const q of placed) nearest = Math.min(nearest, scaledDistance(p, q, kx));
      if (nearest === 0) continue; // never two seeds on one spot
      let score = Number.isFinite(nearest) ? Math.log(nearest) : 0;
      if (attraction) score -= Math.log1p(scaledDistance(p, attraction.at, kx) / attraction.radiusM);
      if (score > bestScore) { bestScore = score; best = p; }
    }
    const chosen = best ?? randomPointInside(parts, rng);
    placed.push(chosen);
    added.push(chosen);
  }
  return added;
}

/** Points in order of angle around their mean, so sequence numbers go round the parent. */
export function orderByAngle(points: Position[]): Position[] {
  const cx = points.reduce((a, p) => a + p[0], 0) / points.length;
  const cy = points.reduce((a, p) => a + p[1], 0) / points.length;
  return [...points].sort((p, q) => Math.atan2(p[1] - cy, p[0] - cx) - Math.atan2(q[1] - cy, q[0] - cx));
}
