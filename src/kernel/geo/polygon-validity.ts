// Is a (multi)polygon valid in the OGC simple-features sense? Finds crossing or touching edges
// with a sweep over x-sorted segments, holes outside their shell, and parts lying on each other.
import pointInPolygon from 'point-in-polygon-hao';
import type { MultiPolygonCoords, Position, Ring } from './geojson-utils.ts';

export type ValidityProblemKind = 'self-intersection' | 'degenerate-ring' | 'hole-outside-shell' | 'parts-overlap';
export interface ValidityProblem { kind: ValidityProblemKind; at: Position }

type Contact = { kind: 'none' } | { kind: 'cross' | 'touch' | 'overlap'; at: Position };

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function within(a: number, b: number, v: number): boolean {
  return a < b ? a <= v && v <= b : b <= v && v <= a;
}

/** How segments ab and cd meet: a proper crossing, a touch at one point, or a collinear overlap. */
export function segmentContact(
  ax: number, ay: number, bx: number, by: number,
  cx: number, cy: number, dx: number, dy: number,
): Contact {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return { kind: 'cross', at: [ax + t * (bx - ax), ay + t * (by - ay)] };
  }
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
    // Collinear: project on the longer axis and compare the intervals.
    const useX = Math.abs(bx - ax) + Math.abs(dx - cx) >= Math.abs(by - ay) + Math.abs(dy - cy);
    const [a0, a1] = useX ? [Math.min(ax, bx), Math.max(ax, bx)] : [Math.min(ay, by), Math.max(ay, by)];
    const [c0, c1] = useX ? [Math.min(cx, dx), Math.max(cx, dx)] : [Math.min(cy, dy), Math.max(cy, dy)];
    const lo = Math.max(a0, c0), hi = Math.min(a1, c1);
    if (lo > hi) return { kind: 'none' };
    const at: Position = useX ? [lo, ay + (bx === ax ? 0 : ((lo - ax) / (bx - ax)) * (by - ay))] : [ax + (by === ay ? 0 : ((lo - ay) / (by - ay)) * (bx - ax)), lo];
    return { kind: lo < hi ? 'overlap' : 'touch', at };
  }
  if (d1 === 0 && within(cx, dx, ax) && within(cy, dy, ay)) return { kind: 'touch', at: [ax, ay] };
  if (d2 === 0 && within(cx, dx, bx) && within(cy, dy, by)) return { kind: 'touch', at: [bx, by] };
  if (d3 === 0 && within(ax, bx, cx) && within(ay, by, cy)) return { kind: 'touch', at: [cx, cy] };
  if (d4 === 0 && within(ax, bx, dx) && within(ay, by, dy)) return { kind: 'touch', at: [dx, dy] };
  return { kind: 'none' };
}

/** Drops repeated consecutive points (harmless, but they would confuse adjacency). */
function dedupe(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  return out;
}

interface Seg { ax: number; ay: number; bx: number; by: number; ring: number; k: number; n: number }

function edgeProblem(rings: Ring[]): Position | null {
  const segs: Seg[] = [];
  rings.forEach((ring, r) => {
    const n = ring.length - 1;
    for (let k = 0; k < n; k++) {
      segs.push({ ax: ring[k][0], ay: ring[k][1], bx: ring[k + 1][0], by: ring[k + 1][1], ring: r, k, n });
    }
  });
  const minX = (s: Seg) => Math.min(s.ax, s.bx);
  segs.sort((p, q) => minX(p) - minX(q));
  const active: Seg[] = [];
  for (const s of segs) {
    const sMinX = minX(s);
    // Drop segments that end before this one starts (the order of `active` does not matter).
    for (let i = active.length - 1; i >= 0; i--) {
      if (Math.max(active[i].ax, active[i].bx) < sMinX) { active[i] = active[active.length - 1]; active.pop(); }
    }
    const sMinY = Math.min(s.ay, s.by), sMaxY = Math.max(s.ay, s.by);
    for (const t of active) {
      if (Math.max(t.ay, t.by) < sMinY || Math.min(t.ay, t.by) > sMaxY) continue;
      const c = segmentContact(s.ax, s.ay, s.bx, s.by, t.ax, t.ay, t.bx, t.by);
      if (c.kind === 'none') continue;
      if (s.ring !== t.ring) {
        if (c.kind !== 'touch') return c.at; // rings of one area may touch at a point, never cross
        continue;
      }
      const gap = Math.abs(s.k - t.k);
      const adjacent = gap === 1 || gap === s.n - 1;
      if (!adjacent) return c.at; // a ring may not meet itself anywhere
      if (c.kind === 'overlap') return c.at; // a spike folding back on the previous edge
    }
    active.push(s);
  }
  return null;
}

/** First problem found in a (multi)polygon, or null when it is valid. */
export function findValidityProblem(parts: MultiPolygonCoords): ValidityProblem | null {
  const cleaned = parts.map((poly) => poly.map(dedupe));
  for (const poly of cleaned) {
    for (const ring of poly) {
      if (ring.length < 4 || ringIsFlat(ring)) return { kind: 'degenerate-ring', at: ring[0] ?? [0, 0] };
    }
  }
  const at = edgeProblem(cleaned.flat());
  if (at) return { kind: 'self-intersection', at };
  for (const poly of cleaned) {
    for (const hole of poly.slice(1)) {
      if (firstDefinite(hole, [poly[0]]) === false) return { kind: 'hole-outside-shell', at: hole[0] };
    }
  }
  for (let i = 0; i < cleaned.length; i++) {
    for (let j = 0; j < cleaned.length; j++) {
      if (i !== j && firstDefinite(cleaned[i][0], cleaned[j]) === true) return { kind: 'parts-overlap', at: cleaned[i][0][0] };
    }
  }
  return null;
}

/** Whether the ring's vertices lie inside `poly`, judged by the first vertex not on its edge. */
function firstDefinite(ring: Ring, poly: Ring[]): boolean | null {
  for (const p of ring) {
    const r = pointInPolygon(p, poly);
    if (r !== 0) return r;
  }
  return null;
}

function ringIsFlat(ring: Ring): boolean {
  const [ax, ay] = ring[0];
  for (let i = 1; i < ring.length - 1; i++) {
    for (let j = i + 1; j < ring.length - 1; j++) {
      if (orient(ax, ay, ring[i][0], ring[i][1], ring[j][0], ring[j][1]) !== 0) return false;
    }
  }
  return true;
}
