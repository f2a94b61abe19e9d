import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { GridIndex, LinearGridScan, type GridShape } from './grid-index.ts';
import { bbox, METRES_PER_DEGREE, polygonsOf, type AreaGeometry, type BBox } from './geojson-utils.ts';
import { generateHierarchy } from '../../modules/org/hierarchy/generate.ts';

const square = (code: string, x: number, y: number, s: number): GridShape => ({
  code, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] },
});
/** Degrees of longitude for `m` metres at latitude `lat`. */
const lonDeg = (m: number, lat: number) => m / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180));

describe('GridIndex on hand-made grids', () => {
  // Two 0.01° squares side by side at Baotou's latitude, one MultiPolygon with a hole far away.
  const a = square('A', 109.8, 40.6, 0.01);
  const b = square('B', 109.81, 40.6, 0.01);
  const ring: AreaGeometry = {
    type: 'MultiPolygon',
    coordinates: [
      [[[110, 40.6], [110.03, 40.6], [110.03, 40.63], [110, 40.63], [110, 40.6]], [[110.01, 40.61], [110.01, 40.62], [110.02, 40.62], [110.02, 40.61], [110.01, 40.61]]],
      [[[110.1, 40.6], [110.11, 40.6], [110.11, 40.61], [110.1, 40.61], [110.1, 40.6]]],
    ],
  };
  const index = new GridIndex([a, b, { code: 'C', geometry: ring }]);

  it('finds the grid that contains a point', () => {
    expect(index.size).toBe(3);
    expect(index.locate(109.805, 40.605)).toEqual({ code: 'A', exact: true, distanceMeters: 0 });
    expect(index.locate(109.815, 40.605)).toEqual({ code: 'B', exact: true, distanceMeters: 0 });
    expect(index.locate(110.105, 40.605)?.code).toBe('C'); // second part of the MultiPolygon
  });

  it('gives a point exactly on a shared border to the first grid', () => {
    expect(index.locate(109.81, 40.605)).toEqual({ code: 'A', exact: true, distanceMeters: 0 });
  });

  it('snaps a point just outside to the nearest grid within the tolerance', () => {
    const lat = 40.605;
    const hit = index.locate(109.8 - lonDeg(20, lat), lat);
    expect(hit?.code).toBe('A');
    expect(hit?.exact).toBe(false);
    expect(hit?.distanceMeters).toBeCloseTo(20, 1);
    expect(index.locate(109.8 - lonDeg(60, lat), lat)).toBeNull();
    expect(index.locate(109.8 - lonDeg(60, lat), lat, 100)?.code).toBe('A');
    expect(index.locate(109.8 - lonDeg(20, lat), lat, 0)).toBeNull();
  });

  it('treats a hole as outside, with the tolerance measured to the hole edge', () => {
    expect(index.locate(110.015, 40.615)).toBeNull();
    const nearEdge = index.locate(110.01 + lonDeg(10, 40.615), 40.615);
    expect(nearEdge).toMatchObject({ code: 'C', exact: false });
    expect(nearEdge!.distanceMeters).toBeCloseTo(10, 1);
  });

  it('returns null far away, for bad input and from an empty index', () => {
    expect(index.locate(0, 0)).toBeNull();
    expect(index.locate(Number.NaN, 40.6)).toBeNull();
    const empty = new GridIndex([]);
    expect(empty.size).toBe(0);
    expect(empty.locate(109.8, 40.6)).toBeNull();
  });
});

describe('GridIndex on the generated grids of Baotou', () => {
  let grids: GridShape[] = [];
  let index: GridIndex;
  let scan: LinearGridScan;
  let box: BBox;
  let centres: [number, number][] = [];

  beforeAll(() => {
    const areas = generateHierarchy(['150200']);
    grids = areas.filter((g) => g.level === 'grid').map((g) => ({ code: g.code, geometry: g.geometry! }));
    centres = areas.filter((g) => g.level === 'grid').map((g) => g.center!);
    box = bbox(areas[0].geometry!);
    index = new GridIndex(grids);
    scan = new LinearGridScan(grids);
  });

  it('indexes every grid', () => {
    expect(index.size).toBe(grids.length);
    expect(grids.length).toBeGreaterThan(3000);
  });

  it('answers like a linear scan for random points over the city', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      (u, v) => {
        const lon = box[0] + u * (box[2] - box[0]), lat = box[1] + v * (box[3] - box[1]);
        expect(index.locate(lon, lat)).toEqual(scan.locate(lon, lat));
      },
    ), { numRuns: 300 });
  });

  it('answers like a linear scan near grid borders (within ±300 m of grid centres)', () => {
    fc.assert(fc.property(
      fc.nat({ max: 1_000_000 }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }),
      fc.constantFrom(0, 5, 50, 200),
      (k, dx, dy, tolerance) => {
        const [x, y] = centres[k % centres.length];
        const lon = x + dx * lonDeg(300, y), lat = y + (dy * 300) / METRES_PER_DEGREE;
        expect(index.locate(lon, lat, tolerance)).toEqual(scan.locate(lon, lat, tolerance));
      },
    ), { numRuns: 300 });
  });

  it('finds points on the extreme vertices of grids (boxes are stored as widened float32)', () => {
    grids.forEach((g, i) => {
      if (i % 5 !== 0) return;
      for (const ring of polygonsOf(g.geometry).flat()) {
        for (const [x, y] of ring) expect(index.locate(x, y, 0)?.exact, `${g.code} ${x},${y}`).toBe(true);
      }
    });
  });

  it('locates each grid from its own centre', () => {
    grids.forEach((g, i) => {
      if (i % 7 === 0) expect(index.locate(centres[i][0], centres[i][1])).toEqual({ code: g.code, exact: true, distanceMeters: 0 });
    });
  });
});
