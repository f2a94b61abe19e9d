// Many polygons packed in one Float64Array, for lookups that touch a few of them at random:
// nested [x, y] arrays scatter over the heap and a lookup then waits on memory, not arithmetic.
// Point-in-polygon runs point-in-polygon-hao's algorithm on the packed numbers with the same
// floating-point filter as its orient2d; when the filter cannot decide the sign, hao itself
// (exact, robust-predicates) answers. Results are identical to calling hao.
import pointInPolygon from 'point-in-polygon-hao';
import { bboxOfRings, METRES_PER_DEGREE, segmentDistance2, type BBox, type PolygonCoords } from './geojson-utils.ts';

/** Shewchuk's error bound for the first stage of orient2d (robust-predicates' ccwerrboundA). */
const EPSILON = 1.1102230246251565e-16;
const ORIENT_ERROR_BOUND = (3 + 16 * EPSILON) * EPSILON;
const UNDECIDED = 2;

export class PackedPolygons {
  readonly count: number;
  /** x, y of every vertex of every ring, polygon after polygon. */
  private readonly xy: Float64Array;
  /** First vertex (index into xy / 2) of each ring, then one past the last. */
  private readonly ringStart: Uint32Array;
  /** First ring of each polygon, then one past the last. */
  private readonly polygonRing: Uint32Array;

  constructor(private readonly polygons: readonly PolygonCoords[]) {
    this.count = polygons.length;
    let rings = 0, vertices = 0;
    for (const p of polygons) { rings += p.length; for (const r of p) vertices += r.length; }
    this.xy = new Float64Array(vertices * 2);
    this.ringStart = new Uint32Array(rings + 1);
    this.polygonRing = new Uint32Array(polygons.length + 1);
    let v = 0, r = 0;
    polygons.forEach((poly, i) => {
      this.polygonRing[i] = r;
      for (const ring of poly) {
        this.ringStart[r++] = v;
        for (const [x, y] of ring) { this.xy[2 * v] = x; this.xy[2 * v + 1] = y; v++; }
      }
    });
    this.ringStart[r] = v;
    this.polygonRing[polygons.length] = r;
  }

  bbox(i: number): BBox {
    return bboxOfRings(this.polygons[i]);
  }

  /** true inside, 0 on an edge, false outside: exactly what point-in-polygon-hao returns. */
  contains(i: number, x: number, y: number): boolean | 0 {
    const r = this.filtered(i, x, y);
    return r === UNDECIDED ? pointInPolygon([x, y], this.polygons[i]) : r;
  }

  /** hao's loop with orient2d's fast stage inlined; UNDECIDED when that stage is not sure. */
  private filtered(i: number, x: number, y: number): boolean | 0 | typeof UNDECIDED {
    const xy = this.xy, ringStart = this.ringStart;
    let k = 0;
    for (let r = this.polygonRing[i], rEnd = this.polygonRing[i + 1]; r < rEnd; r++) {
      const start = ringStart[r], end = ringStart[r + 1];
      let u1 = xy[2 * start] - x, v1 = xy[2 * start + 1] - y;
      for (let j = start + 1; j < end; j++) {
        const u2 = xy[2 * j] - x, v2 = xy[2 * j + 1] - y;
        if (v1 === 0 && v2 === 0) {
          if ((u2 <= 0 && u1 >= 0) || (u1 <= 0 && u2 >= 0)) return 0;
        } else if ((v2 >= 0 && v1 <= 0) || (v2 <= 0 && v1 >= 0)) {
          const left = u2 * v1, right = u1 * v2;
          const f = left - right;
          if (!(Math.abs(f) >= ORIENT_ERROR_BOUND * Math.abs(left + right))) return UNDECIDED;
          if (f === 0) return 0;
          if ((f > 0 && v2 > 0 && v1 <= 0) || (f < 0 && v2 <= 0 && v1 > 0)) k++;
        }
        v1 = v2;
        u1 = u2;
      }
    }
    return k % 2 !== 0;
  }

  /** Metres from (lon, lat) to the polygon's nearest edge, in a local equirectangular frame. */
  distanceMeters(i: number, lon: number, lat: number): number {
    const xy = this.xy, ringStart = this.ringStart;
    const kx = METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180), ky = METRES_PER_DEGREE;
    let best = Infinity;
    for (let r = this.polygonRing[i], rEnd = this.polygonRing[i + 1]; r < rEnd; r++) {
      const start = ringStart[r], end = ringStart[r + 1];
      let ax = (xy[2 * start] - lon) * kx, ay = (xy[2 * start + 1] - lat) * ky;
      for (let j = start + 1; j < end; j++) {
        const bx = (xy[2 * j] - lon) * kx, by = (xy[2 * j + 1] - lat) * ky;
        const d2 = segmentDistance2(ax, ay, bx, by);
        if (d2 < best) best = d2;
        ax = bx; ay = by;
      }
    }
    return Math.sqrt(best);
  }
}
