import { describe, it, expect } from 'vitest';
import { validateGridCollection, validatePolygonCollection, type GridCollectionResult } from './validate.ts';
import { METRES_PER_DEGREE, type AreaGeometry, type Position } from './geojson-utils.ts';

const PARENT_CODE = '150203010005';
const rect = (x0: number, y0: number, x1: number, y1: number): Position[][] => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
const parent = { code: PARENT_CODE, geometry: { type: 'Polygon', coordinates: rect(109.8, 40.6, 109.82, 40.62) } as AreaGeometry };
const feature = (code: unknown, coordinates: unknown, extra: Record<string, unknown> = {}, type = 'Polygon') => ({
  type: 'Feature', properties: { code, name: `网格 ${String(code)}`, ...extra }, geometry: { type, coordinates },
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const west = (code = `${PARENT_CODE}001`) => feature(code, rect(109.8, 40.6, 109.81, 40.62));
const east = (code = `${PARENT_CODE}002`) => feature(code, rect(109.81, 40.6, 109.82, 40.62));

function errorsOf(r: GridCollectionResult) {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

describe('validateGridCollection: good files', () => {
  it('accepts grids that tile their community', () => {
    const r = validateGridCollection(collection(west(), feature(`${PARENT_CODE}002`, rect(109.81, 40.6, 109.82, 40.62), { households: 380 })), parent);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.features.map((f) => f.code)).toEqual([`${PARENT_CODE}001`, `${PARENT_CODE}002`]);
    expect(r.features[1].households).toBe(380);
    expect(r.features[0].areaM2).toBeGreaterThan(1.5e6);
    expect(r.features[0].center[0]).toBeGreaterThan(109.8);
  });

  it('tolerates a boundary drawn a couple of metres outside the parent', () => {
    const d = 2 / (METRES_PER_DEGREE * Math.cos((40.61 * Math.PI) / 180)); // 2 m in longitude
    expect(validateGridCollection(collection(feature(`${PARENT_CODE}001`, rect(109.8 - d, 40.6, 109.81, 40.62))), parent).ok).toBe(true);
  });

  it('accepts a MultiPolygon, 3-D positions and clockwise rings', () => {
    const cw = [[[109.8, 40.6], [109.8, 40.605, 1050], [109.805, 40.605], [109.805, 40.6], [109.8, 40.6]]];
    const r = validateGridCollection(collection(feature(`${PARENT_CODE}001`, [cw, rect(109.81, 40.61, 109.815, 40.615)], {}, 'MultiPolygon')), parent);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.features[0].geometry.type).toBe('MultiPolygon');
  });
});

describe('validateGridCollection: problems, each named by its place', () => {
  it('rejects what is not a FeatureCollection', () => {
    for (const bad of [null, 'x', [], { type: 'Feature' }, { type: 'FeatureCollection' }]) {
      const [e] = errorsOf(validateGridCollection(bad, parent));
      expect(e.index).toBe(-1);
      expect(['type', 'features']).toContain(e.field);
    }
    expect(errorsOf(validateGridCollection(collection(), parent))[0].field).toBe('features');
    expect(errorsOf(validateGridCollection(collection('x'), parent))[0]).toMatchObject({ index: 0, field: 'features[0]' });
  });

  it('finds a boundary that crosses itself and says where', () => {
    const bowTie = [[[109.801, 40.601], [109.809, 40.609], [109.809, 40.601], [109.801, 40.609], [109.801, 40.601]]];
    const [e] = errorsOf(validateGridCollection(collection(east(), feature(`${PARENT_CODE}001`, bowTie)), parent));
    expect(e).toMatchObject({ index: 1, field: 'features[1].geometry' });
    expect(e.message).toContain('网格边界自相交');
    expect(e.message).toContain('the boundary crosses itself near (109.805, 40.605)');
  });

  it('finds a grid outside its parent', () => {
    const [e] = errorsOf(validateGridCollection(collection(feature(`${PARENT_CODE}001`, rect(109.815, 40.61, 109.83, 40.615))), parent));
    expect(e.field).toBe('features[0].geometry');
    expect(e.message).toMatch(/超出上级区域 150203010005.*outside its parent 150203010005/);
  });

  it('finds grids that overlap each other or an existing grid', () => {
    const big = feature(`${PARENT_CODE}003`, rect(109.805, 40.6, 109.815, 40.62));
    const [e] = errorsOf(validateGridCollection(collection(west(), big), parent));
    expect(e.field).toBe('features[1].geometry');
    expect(e.message).toContain(`overlaps features[0] (${PARENT_CODE}001)`);

    const existing = [{ code: `${PARENT_CODE}009`, geometry: { type: 'Polygon', coordinates: rect(109.805, 40.6, 109.82, 40.61) } as AreaGeometry }];
    const [s] = errorsOf(validateGridCollection(collection(west()), parent, existing));
    expect(s.message).toContain(`existing grid ${PARENT_CODE}009`);
    // The same code replaces the stored grid: no overlap with itself.
    expect(validateGridCollection(collection(west(`${PARENT_CODE}009`)), parent, existing).ok).toBe(true);
    // Grids that only share an edge are fine.
    expect(validateGridCollection(collection(west(), east()), parent).ok).toBe(true);
  });

  it('checks codes: the parent code + 3 digits, as a string, once', () => {
    const cases: [unknown, RegExp][] = [
      ['150203010006001', /followed by a 3-digit sequence/],
      [`${PARENT_CODE}01`, /followed by a 3-digit sequence/],
      [`${PARENT_CODE}000`, /followed by a 3-digit sequence/],
      [`${PARENT_CODE}0a1`, /digits only/],
      [150203010005001, /missing code/],
      [undefined, /missing code/],
    ];
    for (const [code, message] of cases) {
      const [e] = errorsOf(validateGridCollection(collection(feature(code, rect(109.8, 40.6, 109.81, 40.62))), parent));
      expect(e.field).toBe('features[0].properties.code');
      expect(e.message).toMatch(message);
    }
    const dup = errorsOf(validateGridCollection(collection(west(), east(`${PARENT_CODE}001`)), parent));
    expect(dup[0]).toMatchObject({ index: 1, field: 'features[1].properties.code' });
    expect(dup[0].message).toContain('duplicate code');
  });

  it('checks coordinates, rings and geometry types', () => {
    const first = (coords: unknown, type = 'Polygon') => errorsOf(validateGridCollection(collection(feature(`${PARENT_CODE}001`, coords, {}, type)), parent))[0];
    expect(first([[[109.8, 40.6], [109.81, 40.6], [109.81, 140.6], [109.8, 40.6]]])).toMatchObject({ field: 'features[0].geometry.coordinates[0][2]' });
    expect(first([[[109.8, 40.6], [109.81, 40.6], ['109.81', 40.61], [109.8, 40.6]]]).message).toContain('[longitude, latitude] numbers');
    expect(first([[[109.8, 40.6], [109.81, 40.6], [109.81, 40.61], [109.8, 40.61]]]).message).toContain('not closed');
    expect(first([[[109.8, 40.6], [109.81, 40.6], [109.8, 40.6]]]).message).toContain('at least 4 positions');
    expect(first([109.8, 40.6], 'Point')).toMatchObject({ field: 'features[0].geometry.type' });
    expect(first([[]], 'MultiPolygon').field).toBe('features[0].geometry.coordinates[0]');
    expect(first([[[40.6, 109.8], [40.61, 109.8], [40.61, 109.81], [40.6, 109.8]]]).message).toContain('swapped');
  });

  it('checks names and households, and reports every problem in one pass', () => {
    const errors = errorsOf(validateGridCollection(collection(
      feature(`${PARENT_CODE}001`, rect(109.8, 40.6, 109.81, 40.62), { name: ' ' }),
      feature(`${PARENT_CODE}002`, rect(109.81, 40.6, 109.82, 40.62), { households: -3 }),
      feature('x', rect(109.805, 40.6, 109.815, 40.61)),
    ), parent));
    expect(errors.map((e) => e.field)).toEqual([
      'features[0].properties.name', 'features[1].properties.households', 'features[2].properties.code', 'features[2].geometry',
    ]);
    // One overlap report per feature: the first grid it overlaps.
    expect(errors[3].message).toContain('overlaps features[0]');
  });
});

describe('validatePolygonCollection (police grids 警格)', () => {
  it('accepts own codes without a parent and still rejects overlaps', () => {
    expect(validatePolygonCollection(collection(feature('JG-001', rect(109.8, 40.6, 109.81, 40.61)), feature('JG-002', rect(109.81, 40.6, 109.82, 40.61)))).ok).toBe(true);
    const [e] = errorsOf(validatePolygonCollection(collection(feature('JG-001', rect(109.8, 40.6, 109.81, 40.61)), feature('JG-002', rect(109.805, 40.6, 109.82, 40.61)))));
    expect(e.field).toBe('features[1].geometry');
    expect(errorsOf(validatePolygonCollection(collection(feature('警格 1', rect(109.8, 40.6, 109.81, 40.61)))))[0].field).toBe('features[0].properties.code');
  });
});
