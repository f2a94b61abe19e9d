// Small GeoJSON helpers for area polygons (WGS84 lon/lat): types, bbox, area in m²,
// centroid / interior point, rounding, point-to-edge distance, orientation.
import pointInPolygon from 'point-in-polygon-hao';

export type Position = [number, number];
export type Ring = Position[];
/** Rings of one polygon: the shell first, then holes. */
export type PolygonCoords = Ring[];
export type MultiPolygonCoords = PolygonCoords[];
export interface PolygonGeometry { type: 'Polygon'; coordinates: PolygonCoords }
export interface MultiPolygonGeometry { type: 'MultiPolygon'; coordinates: MultiPolygonCoords }
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;
export type BBox = [minX: number, minY: number, maxX: number, maxY: number];

/** Mean earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Metres in one degree of latitude (spherical earth). */
export const METRES_PER_DEGREE = EARTH_RADIUS_M * RAD;

export function polygonsOf(g: AreaGeometry): MultiPolygonCoords {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Polygon when there is one part, MultiPolygon otherwise. */
export function geometryFromParts(parts: MultiPolygonCoords): AreaGeometry {
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
}

export function bboxOfRings(rings: readonly Ring[], into?: BBox): BBox {
  const b: BBox = into ?? [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

export function bbox(g: AreaGeometry): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygonsOf(g)) bboxOfRings(poly, b);
  return b;
}

export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Signed planar area in square degrees (> 0 for counter-clockwise). */
export function ringSignedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) {
    s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return s / 2;
}

/**
 * Area on the sphere of one ring, m², exact for edges drawn straight in lon/lat (as they are
 * drawn and tested here): by Green's theorem R²∮sin φ dλ, integrated edge by edge. Unlike the
 * usual approximation it does not change when an edge is split, so children add up to parents.
 */
export function ringAreaM2(ring: Ring): number {
  let total = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const dLon = (ring[i + 1][0] - ring[i][0]) * RAD;
    const phi1 = ring[i][1] * RAD, phi2 = ring[i + 1][1] * RAD;
    const h = (phi2 - phi1) / 2;
    // ∫ sin φ dλ along the edge = Δλ · sin(mid φ) · sin(h)/h
    total += dLon * Math.sin(phi1 + h) * (Math.abs(h) < 1e-8 ? 1 - (h * h) / 6 : Math.sin(h) / h);
  }
  return Math.abs(total * EARTH_RADIUS_M * EARTH_RADIUS_M);
}

export function polygonAreaM2(poly: PolygonCoords): number {
  let a = 0;
  poly.forEach((ring, i) => { a += i === 0 ? ringAreaM2(ring) : -ringAreaM2(ring); });
  return Math.max(0, a);
}

export function partsAreaM2(parts: MultiPolygonCoords): number {
  let a = 0;
  for (const p of parts) a += polygonAreaM2(p);
  return a;
}

export function areaM2(g: AreaGeometry): number {
  return partsAreaM2(polygonsOf(g));
}

/** Exact point-in-polygon over all parts: true inside, 0 on an edge, false outside. */
export function containsPoint(g: AreaGeometry, lon: number, lat: number): boolean | 0 {
  let onEdge = false;
  for (const poly of polygonsOf(g)) {
    const r = pointInPolygon([lon, lat], poly);
    if (r === true) return true;
    if (r === 0) onEdge = true;
  }
  return onEdge ? 0 : false;
}

/** Area-weighted planar centroid; may fall outside a concave shape (see interiorPoint). */
export function centroid(g: AreaGeometry): Position {
  let a = 0, cx = 0, cy = 0;
  for (const poly of polygonsOf(g)) {
    for (const ring of poly) {
      for (let i = 0, n = ring.length - 1; i < n; i++) {
        const [x0, y0] = ring[i], [x1, y1] = ring[i + 1];
        const f = x0 * y1 - x1 * y0;
        a += f; cx += (x0 + x1) * f; cy += (y0 + y1) * f;
      }
    }
  }
  if (a === 0) { const b = bbox(g); return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]; }
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * A point surely inside the area: the centroid when it is inside, otherwise the middle of the
 * widest span cut by a few horizontal lines through the largest part (why: labels and map pins
 * must land on the area, and concave districts often have their centroid outside).
 */
export function interiorPoint(g: AreaGeometry): Position {
  const c = centroid(g);
  if (containsPoint(g, c[0], c[1]) === true) return c;
  const parts = polygonsOf(g);
  let largest = parts[0];
  let best = -1;
  for (const p of parts) { const a = polygonAreaM2(p); if (a > best) { best = a; largest = p; } }
  const [, minY, , maxY] = bboxOfRings(largest);
  let bestPoint: Position = largest[0][0];
  let bestWidth = -1;
  for (const f of [0.5, 0.37, 0.63, 0.25, 0.75, 0.12, 0.88]) {
    const y = minY + (maxY - minY) * f;
    const xs: number[] = [];
    for (const ring of largest) {
      for (let i = 0, n = ring.length - 1; i < n; i++) {
        const [x0, y0] = ring[i], [x1, y1] = ring[i + 1];
        if ((y0 > y) !== (y1 > y)) xs.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
      }
    }
    xs.sort((p, q) => p - q);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const w = xs[i + 1] - xs[i];
      if (w > bestWidth) { bestWidth = w; bestPoint = [(xs[i] + xs[i + 1]) / 2, y]; }
    }
  }
  return bestPoint;
}

/** Coordinates are stored with 6 decimals (≈ 0.1 m), enough for grid boundaries. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function roundPosition(p: readonly number[]): Position {
  return [round6(p[0]), round6(p[1])];
}

export function roundParts(parts: MultiPolygonCoords): MultiPolygonCoords {
  return parts.map((poly) => poly.map((ring) => ring.map(roundPosition)));
}

/** RFC 7946 winding: shells counter-clockwise, holes clockwise. */
export function rewindParts(parts: MultiPolygonCoords): MultiPolygonCoords {
  return parts.map((poly) =>
    poly.map((ring, i) => {
      const ccw = ringSignedArea(ring) > 0;
      return (i === 0) === ccw ? ring : [...ring].reverse();
    }),
  );
}

/** Local scale at a latitude: metres per degree of longitude and of latitude. */
export function metresPerDegreeAt(lat: number): { x: number; y: number } {
  return { x: METRES_PER_DEGREE * Math.cos(lat * RAD), y: METRES_PER_DEGREE };
}

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: Position, b: Position): number {
  const dLat = (b[1] - a[1]) * RAD, dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Squared distance from the origin to the segment a–b (the point is moved to the origin first). */
export function segmentDistance2(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const px = ax + t * dx, py = ay + t * dy;
  return px * px + py * py;
}

/**
 * Distance in metres from a point to the nearest edge of the rings, in a local equirectangular
 * projection around the point (accurate to well under 1% for the tens of metres it is used for).
 */
export function distanceToRingsMeters(lon: number, lat: number, rings: readonly Ring[]): number {
  const kx = METRES_PER_DEGREE * Math.cos(lat * RAD), ky = METRES_PER_DEGREE;
  let best = Infinity;
  for (const ring of rings) {
    let ax = (ring[0][0] - lon) * kx, ay = (ring[0][1] - lat) * ky;
    for (let i = 1; i < ring.length; i++) {
      const bx = (ring[i][0] - lon) * kx, by = (ring[i][1] - lat) * ky;
      const d2 = segmentDistance2(ax, ay, bx, by);
      if (d2 < best) best = d2;
      ax = bx; ay = by;
    }
  }
  return Math.sqrt(best);
}

export function distanceToGeometryMeters(lon: number, lat: number, g: AreaGeometry): number {
  let best = Infinity;
  for (const poly of polygonsOf(g)) best = Math.min(best, distanceToRingsMeters(lon, lat, poly));
  return best;
}

/** "(109.83, 40.63)" for messages. */
export function formatPosition(p: readonly number[]): string {
  return `(${round6(p[0])}, ${round6(p[1])})`;
}
