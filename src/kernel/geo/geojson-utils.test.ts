import { describe, it, expect } from 'vitest';
import {
  areaM2, bbox, centroid, containsPoint, distanceMeters, distanceToGeometryMeters, interiorPoint, rewindParts, ringSignedArea,
  type AreaGeometry,
} from './geojson-utils.ts';

const square = (x: number, y: number, s: number): AreaGeometry => ({
  type: 'Polygon', coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]],
});

describe('geojson utils', () => {
  it('measures area on the sphere', () => {
    // 1° × 1° at the equator ≈ (πR/180)² ≈ 12,364 km².
    expect(areaM2(square(0, 0, 1)) / 1e6).toBeCloseTo(12_364, -1);
    // Shrinks with cos(latitude): at 40.6° N about 0.76 of that.
    expect(areaM2(square(109.8, 40.6, 0.01)) / areaM2(square(109.8, 0, 0.01))).toBeCloseTo(Math.cos((40.605 * Math.PI) / 180), 2);
  });
  it('subtracts holes', () => {
    const g: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 1).coordinates[0] as never, [[0.25, 0.25], [0.25, 0.75], [0.75, 0.75], [0.75, 0.25], [0.25, 0.25]]] } as AreaGeometry;
    expect(areaM2(g) / areaM2(square(0, 0, 1))).toBeCloseTo(0.75, 3);
    expect(containsPoint(g, 0.5, 0.5)).toBe(false);
    expect(containsPoint(g, 0.1, 0.5)).toBe(true);
    expect(containsPoint(g, 0, 0.5)).toBe(0);
  });
  it('finds a point inside a U shape whose centroid is outside', () => {
    const u: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const c = centroid(u);
    expect(containsPoint(u, c[0], c[1])).toBe(false);
    const p = interiorPoint(u);
    expect(containsPoint(u, p[0], p[1])).toBe(true);
  });
  it('gives bbox, distances and RFC 7946 winding', () => {
    expect(bbox(square(1, 2, 3))).toEqual([1, 2, 4, 5]);
    expect(distanceMeters([109.8, 40.6], [109.8, 40.601])).toBeCloseTo(111.2, 0);
    expect(distanceToGeometryMeters(109.8 - 0.0001, 40.6005, square(109.8, 40.6, 0.001))).toBeCloseTo(0.0001 * 111_195 * Math.cos((40.6005 * Math.PI) / 180), 1);
    const cw = [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]] as [number, number][][];
    const [[shell]] = rewindParts([cw]);
    expect(ringSignedArea(shell)).toBeGreaterThan(0);
  });
});
