// Small, dependency-free geometry for the console map: bounds, a label point that is surely inside
// a polygon, and soft fill colours that differ between neighbours.
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

export type Bounds = [number, number, number, number]; // west, south, east, north

type Rings = Position[][];

/** Polygons of a geometry as lists of rings (outer first). */
export function polygonsOf(g: Geometry | null | undefined): Rings[] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygonsOf);
  return [];
}

export function boundsOf(features: Feature[]): Bounds | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const visit = (p: Position) => {
    if (p[0] < w) w = p[0];
    if (p[0] > e) e = p[0];
    if (p[1] < s) s = p[1];
    if (p[1] > n) n = p[1];
  };
  for (const f of features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === 'Point') visit(g.coordinates);
    else for (const poly of polygonsOf(g)) for (const ring of poly) ring.forEach(visit);
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(a / 2);
}

/**
 * Points inside the largest polygon where its label may sit, best first: scan horizontal lines,
 * find where each crosses the rings, and take the middle of the widest inside stretch of each line
 * (holes respected). The first is the roomiest; the others let labels dodge each other.
 */
export function labelCandidates(g: Geometry | null | undefined): [number, number][] {
  const polys = polygonsOf(g);
  if (!polys.length) return [];
  let best = polys[0];
  let bestArea = -1;
  for (const p of polys) {
    const a = p[0] ? ringArea(p[0]) : 0;
    if (a > bestArea) { bestArea = a; best = p; }
  }
  const outer = best[0];
  if (!outer || outer.length < 3) return [];
  let s = Infinity, n = -Infinity;
  for (const p of outer) { if (p[1] < s) s = p[1]; if (p[1] > n) n = p[1]; }
  const found: { at: [number, number]; score: number }[] = [];
  for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88]) {
    const y = s + (n - s) * f;
    const xs: number[] = [];
    for (const ring of best) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [x1, y1] = ring[j];
        const [x2, y2] = ring[i];
        if ((y1 > y) !== (y2 > y)) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    xs.sort((a, b) => a - b);
    let widest = -1;
    let at: [number, number] | null = null;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const width = xs[k + 1] - xs[k];
      if (width > widest) { widest = width; at = [(xs[k] + xs[k + 1]) / 2, y]; }
    }
    // Lines near the middle read best; prefer them unless another is clearly roomier.
    if (at) found.push({ at, score: widest * (1 - Math.abs(f - 0.5) * 0.8) });
  }
  return found.sort((a, b) => b.score - a.score).map((c) => c.at);
}

/** The best point for a polygon's label (see labelCandidates). */
export function labelPoint(g: Geometry | null | undefined): [number, number] | null {
  return labelCandidates(g)[0] ?? null;
}

/** Soft, distinct fills (a government map, not a rainbow). */
export const PALETTE = [
  '#8fb8de', '#f2c078', '#a8d5a2', '#e8a3a3', '#c3b1e1', '#86cfc8',
  '#f5d98b', '#b5c99a', '#f0b6d0', '#9fc5e8', '#d9b38c', '#a9dfbf',
];

/**
 * Gives each feature a palette index so that features whose boxes touch get different colours
 * (greedy colouring on bounding-box adjacency; good enough for a few hundred areas).
 */
export function assignColours<P extends Record<string, unknown>>(fc: FeatureCollection<Geometry, P>): FeatureCollection<Geometry, P & { colour: string }> {
  const boxes = fc.features.map((f) => boundsOf([f]));
  const idx: number[] = [];
  fc.features.forEach((_, i) => {
    const b = boxes[i];
    const used = new Set<number>();
    if (b) {
      const padX = (b[2] - b[0]) * 0.02, padY = (b[3] - b[1]) * 0.02;
      for (let j = 0; j < i; j++) {
        const o = boxes[j];
        if (o && o[0] <= b[2] + padX && o[2] >= b[0] - padX && o[1] <= b[3] + padY && o[3] >= b[1] - padY) used.add(idx[j]);
      }
    }
    let c = i % PALETTE.length;
    for (let k = 0; k < PALETTE.length; k++) {
      const cand = (i + k) % PALETTE.length;
      if (!used.has(cand)) { c = cand; break; }
    }
    idx.push(c);
  });
  return {
    ...fc,
    features: fc.features.map((f, i) => ({ ...f, properties: { ...(f.properties as P), colour: PALETTE[idx[i]] } })),
  };
}
