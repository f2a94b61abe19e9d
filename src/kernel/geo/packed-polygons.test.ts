import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import pointInPolygon from 'point-in-polygon-hao';
import { PackedPolygons } from './packed-polygons.ts';
import { distanceToRingsMeters, type PolygonCoords } from './geojson-utils.ts';

const polygons: PolygonCoords[] = [
  // Square with a square hole.
  [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]],
  // Concave, with coordinates like real grids (6 decimals).
  [[[109.8, 40.6], [109.812345, 40.600001], [109.806, 40.605432], [109.812, 40.611111], [109.799999, 40.61], [109.8, 40.6]]],
  // A long, thin sliver: near-collinear edges stress the floating-point filter.
  [[[121.738369, 50.409803], [121.904746, 49.98559], [121.837915, 50.155992], [121.738369, 50.409803]]],
];
const packed = new PackedPolygons(polygons);

describe('PackedPolygons', () => {
  it('answers exactly like point-in-polygon-hao on vertices and edges', () => {
    polygons.forEach((poly, i) => {
      for (const ring of poly) {
        for (let k = 0; k + 1 < ring.length; k++) {
          const [a, b] = [ring[k], ring[k + 1]];
          for (const t of [0, 0.5, 0.25, 1 / 3, 0.999999]) {
            const p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
            expect(packed.contains(i, p[0], p[1])).toBe(pointInPolygon(p, poly));
          }
        }
      }
    });
    expect(packed.contains(0, 2, 0)).toBe(0);
    expect(packed.contains(0, 2, 2)).toBe(false);
    expect(packed.contains(0, 0.5, 0.5)).toBe(true);
  });

  it('answers exactly like point-in-polygon-hao at random points', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: polygons.length - 1 }), fc.double({ min: -0.1, max: 1.1, noNaN: true }), fc.double({ min: -0.1, max: 1.1, noNaN: true }),
      (i, u, v) => {
        const xs = polygons[i][0].map((p) => p[0]), ys = polygons[i][0].map((p) => p[1]);
        const x = Math.min(...xs) + u * (Math.max(...xs) - Math.min(...xs));
        const y = Math.min(...ys) + v * (Math.max(...ys) - Math.min(...ys));
        expect(packed.contains(i, x, y)).toBe(pointInPolygon([x, y], polygons[i]));
      },
    ), { numRuns: 2000 });
  });

  it('measures the distance to the nearest edge like geojson-utils', () => {
    for (const [x, y] of [[109.79, 40.605], [109.806, 40.6054], [121.8, 50.3]]) {
      polygons.forEach((poly, i) => {
        expect(packed.distanceMeters(i, x, y)).toBeCloseTo(distanceToRingsMeters(x, y, poly), 6);
      });
    }
  });
});
