// Simplification of neighbouring areas for small screens (phone maps), keeping shared borders
// shared: each border between two junctions is simplified once (Douglas–Peucker) and given to
// both neighbours, so thin outlines do not split into two wobbling lines where areas meet.
import { METRES_PER_DEGREE, geometryFromParts, polygonsOf, type AreaGeometry, type Position, type Ring } from './geojson-utils.ts';

/**
 * Vertex identity as two integers: lon/lat in millionths of a degree (stored precision), offset
 * from the data's corner. Kept in an open-addressing table of typed arrays, not a Map of strings:
 * a city's surveyed borders have millions of vertices.
 */
class VertexTable {
  private readonly minX: number;
  private readonly minY: number;
  private readonly scale: number;
  private readonly mask: number;
  /**
   * Four numbers a slot, together so a lookup touches one cache line: x + 1 (0 = empty), y, and
   * the first two distinct neighbours seen (slots, -1 = none); a third distinct neighbour makes
   * the vertex a junction (second neighbour set to JUNCTION).
   */
  private readonly t: Int32Array;

  constructor(rings: readonly Ring[]) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, count = 0;
    for (const ring of rings) for (const [x, y] of ring) {
      count++;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
    this.minX = minX; this.minY = minY;
    this.scale = Math.min(1e6, (2 ** 30) / Math.max(maxX - minX, maxY - minY, 1e-9));
    let size = 16;
    while (size < count * 2) size *= 2;
    this.mask = size - 1;
    this.t = new Int32Array(size * 4);
  }

  /** The slot of a vertex (created on first sight). */
  slot(p: Position): number {
    const x = Math.round((p[0] - this.minX) * this.scale) + 1, y = Math.round((p[1] - this.minY) * this.scale);
    // murmur3's finaliser: nearby vertices land far apart.
    let h = Math.imul(x, 0x9e3779b1) ^ y;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    const t = this.t;
    for (let i = (h ^ (h >>> 16)) & this.mask; ; i = (i + 1) & this.mask) {
      const o = i * 4;
      if (t[o] === 0) { t[o] = x; t[o + 1] = y; t[o + 2] = -1; t[o + 3] = -1; return i; }
      if (t[o] === x && t[o + 1] === y) return i;
    }
  }

  neighbour(v: number, nb: number): void {
    const o = v * 4, t = this.t;
    if (t[o + 3] === JUNCTION || t[o + 2] === nb || t[o + 3] === nb) return;
    if (t[o + 2] === -1) t[o + 2] = nb;
    else if (t[o + 3] === -1) t[o + 3] = nb;
    else t[o + 3] = JUNCTION;
  }

  isJunction(v: number): boolean {
    return this.t[v * 4 + 3] === JUNCTION;
  }
}
const JUNCTION = -2;

/** Vertices where three or more borders meet (more than two distinct neighbours). */
function findJunctions(rings: readonly Ring[]): VertexTable {
  const table = new VertexTable(rings);
  for (const ring of rings) {
    const n = ring.length - 1; // closed: the last position repeats the first
    if (n < 1) continue;
    const slots = new Int32Array(n);
    for (let i = 0; i < n; i++) slots[i] = table.slot(ring[i]);
    for (let i = 0; i < n; i++) {
      table.neighbour(slots[i], slots[(i + n - 1) % n]);
      table.neighbour(slots[i], slots[(i + 1) % n]);
    }
  }
  return table;
}

/** Douglas–Peucker in metres (local equirectangular scale); keeps both ends. */
function douglasPeucker(line: Position[], tolerance: number): Position[] {
  if (line.length <= 2) return line;
  const kx = METRES_PER_DEGREE * Math.cos((line[0][1] * Math.PI) / 180), ky = METRES_PER_DEGREE;
  const keep = new Uint8Array(line.length);
  keep[0] = keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const ax = line[a][0] * kx, ay = line[a][1] * ky;
    const dx = line[b][0] * kx - ax, dy = line[b][1] * ky - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1, at = -1;
    for (let i = a + 1; i < b; i++) {
      const px = line[i][0] * kx - ax, py = line[i][1] * ky - ay;
      // Distance to the segment (to the point a when a and b coincide).
      let t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - t * dx, ey = py - t * dy;
      const d2 = ex * ex + ey * ey;
      if (d2 > worst) { worst = d2; at = i; }
    }
    if (at !== -1 && worst > tolerance * tolerance) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  return line.filter((_, i) => keep[i]);
}

/** A closed chain (first = last) is cut at its farthest vertex so that it keeps an area. */
function simplifyChain(chain: Position[], tolerance: number): Position[] {
  const first = chain[0], last = chain[chain.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1] || chain.length < 4) return douglasPeucker(chain, tolerance);
  let far = 1, best = -1;
  for (let i = 1; i < chain.length - 1; i++) {
    const d = (chain[i][0] - first[0]) ** 2 + (chain[i][1] - first[1]) ** 2;
    if (d > best) { best = d; far = i; }
  }
  return [...douglasPeucker(chain.slice(0, far + 1), tolerance), ...douglasPeucker(chain.slice(far), tolerance).slice(1)];
}

/** The orientation both neighbours agree on, so a shared border is simplified the same way. */
function isCanonical(chain: Position[]): boolean {
  const cmp = (p: Position, q: Position) => p[0] - q[0] || p[1] - q[1];
  const c = cmp(chain[0], chain[chain.length - 1]);
  if (c !== 0) return c < 0;
  return chain.length < 3 || cmp(chain[1], chain[chain.length - 2]) <= 0;
}

function roundTo(decimals: number) {
  const f = 10 ** decimals;
  return (p: Position): Position => [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f];
}

export interface SimplifyOptions {
  /** Largest distance, in metres, a border may move. */
  toleranceMeters: number;
  /** Decimals kept in the output (5 ≈ 1 m). */
  decimals?: number;
}

/**
 * Simplifies areas that share borders (the streets of a city, say) together. Junctions (where
 * three borders meet) never move; a ring that would collapse below a triangle keeps its
 * original shape.
 */
export function simplifyTogether(geometries: readonly AreaGeometry[], opts: SimplifyOptions): AreaGeometry[] {
  const round = roundTo(opts.decimals ?? 5);
  const allRings = geometries.flatMap((g) => polygonsOf(g).flat());
  const vertices = findJunctions(allRings);
  // Each border once: found by its ends, its second and last-but-one vertex and its length,
  // then compared in full (two different borders agreeing on all that is possible, if unlikely).
  const done = new Map<string, { chain: Position[]; out: Position[] }[]>();

  const simplified = (chain: Position[]): Position[] => {
    const canonical = isCanonical(chain) ? chain : [...chain].reverse();
    const n = canonical.length;
    const key = `${vertices.slot(canonical[0])} ${vertices.slot(canonical[1])} ${vertices.slot(canonical[n - 2])} ${vertices.slot(canonical[n - 1])} ${n}`;
    const same = done.get(key) ?? [];
    let hit = same.find((d) => d.chain.every((p, i) => p[0] === canonical[i][0] && p[1] === canonical[i][1]));
    if (!hit) {
      hit = { chain: canonical, out: simplifyChain(canonical, opts.toleranceMeters).map(round) };
      done.set(key, [...same, hit]);
    }
    return canonical === chain ? hit.out : [...hit.out].reverse();
  };

  const ringOf = (ring: Ring): Ring => {
    const open = ring.slice(0, -1);
    const n = open.length;
    if (n < 3) return ring;
    const cuts: number[] = [];
    for (let i = 0; i < n; i++) if (vertices.isJunction(vertices.slot(open[i]))) cuts.push(i);
    if (cuts.length === 0) {
      // No junction: start at the smallest vertex, which any neighbour sharing the whole ring also picks.
      let s = 0;
      for (let i = 1; i < n; i++) if (open[i][0] < open[s][0] || (open[i][0] === open[s][0] && open[i][1] < open[s][1])) s = i;
      cuts.push(s);
    }
    const out: Position[] = [];
    for (let c = 0; c < cuts.length; c++) {
      const from = cuts[c], to = cuts[(c + 1) % cuts.length];
      const chain: Position[] = [];
      for (let i = from; ; i = (i + 1) % n) {
        chain.push(open[i]);
        if (chain.length > 1 && i === to) break;
      }
      const s = simplified(chain);
      for (let i = out.length ? 1 : 0; i < s.length; i++) {
        const prev = out[out.length - 1];
        if (!prev || prev[0] !== s[i][0] || prev[1] !== s[i][1]) out.push(s[i]);
      }
    }
    if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
    if (out.length < 3) return ring;
    out.push(out[0]);
    return out;
  };

  return geometries.map((g) => geometryFromParts(polygonsOf(g).map((poly) => poly.map(ringOf))));
}

/** Positions in a geometry (for measuring what simplification saved). */
export function vertexCount(g: AreaGeometry): number {
  let n = 0;
  for (const poly of polygonsOf(g)) for (const ring of poly) n += ring.length;
  return n;
}
