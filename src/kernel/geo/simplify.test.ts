import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distanceToRingsMeters, polygonsOf, type AreaGeometry, type Position } from './geojson-utils.ts';
import { simplifyTogether, vertexCount } from './simplify.ts';

// Two areas at Baotou's latitude split by a wiggly border of 200 points (amplitude ~2 m, so a
// 10 m tolerance may straighten it), and a third one below both (junctions where all three meet).
const X0 = 109.8, Y0 = 40.6, W = 0.02;
const border: Position[] = Array.from({ length: 200 }, (_, i) => [X0 + W / 2 + (i % 2 ? 0.00002 : -0.00002), Y0 + (W * i) / 199] as Position);
const west: AreaGeometry = { type: 'Polygon', coordinates: [[[X0, Y0], ...border, [X0, Y0 + W], [X0, Y0]]] };
const east: AreaGeometry = { type: 'Polygon', coordinates: [[[X0 + W, Y0], [X0 + W, Y0 + W], ...[...border].reverse(), [X0 + W, Y0]]] };
const south: AreaGeometry = { type: 'Polygon', coordinates: [[[X0, Y0 - W], [X0 + W, Y0 - W], [X0 + W, Y0], border[0], [X0, Y0], [X0, Y0 - W]]] };

const edgesOf = (g: AreaGeometry) => {
  const out = new Set<string>();
  for (const poly of polygonsOf(g)) for (const ring of poly) {
    for (let i = 0; i + 1 < ring.length; i++) out.add([String(ring[i]), String(ring[i + 1])].sort().join('|'));
  }
  return out;
};

describe('simplifyTogether', () => {
  it('straightens a wiggly shared border once, for both neighbours', () => {
    const [w, e, s] = simplifyTogether([west, east, south], { toleranceMeters: 10 });
    expect(vertexCount(w) + vertexCount(e)).toBeLessThan(20);
    // The border between west and east is the same edges on both sides.
    const shared = [...edgesOf(w)].filter((x) => edgesOf(e).has(x));
    expect(shared.length).toBeGreaterThan(0);
    const onBorder = (edge: string) => edge.split('|').every((p) => Math.abs(Number(p.split(',')[0]) - (X0 + W / 2)) < 0.0001);
    expect([...edgesOf(w)].filter(onBorder).sort()).toEqual([...edgesOf(e)].filter(onBorder).sort());
    // Junctions stay where they were.
    const bottom = [Number(border[0][0].toFixed(5)), border[0][1]];
    for (const g of [w, e, s]) expect(polygonsOf(g)[0][0].map(String)).toContain(String(bottom));
  });

  it('keeps a border the tolerance cannot reach (1 m tolerance, 2 m wiggle)', () => {
    const [w] = simplifyTogether([west, east], { toleranceMeters: 1, decimals: 6 });
    expect(vertexCount(w)).toBe(vertexCount(west));
  });

  it('never collapses a small area below a triangle', () => {
    const tiny: AreaGeometry = { type: 'Polygon', coordinates: [[[X0, Y0], [X0 + 0.00001, Y0], [X0 + 0.00001, Y0 + 0.00001], [X0, Y0 + 0.00001], [X0, Y0]]] };
    const [t] = simplifyTogether([tiny], { toleranceMeters: 50, decimals: 6 });
    const ring = polygonsOf(t)[0][0];
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it('moves no input vertex further than the tolerance (plus rounding) from the output', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: -0.0003, max: 0.0003, noNaN: true }), { minLength: 8, maxLength: 60 }),
      fc.integer({ min: 1, max: 40 }),
      (noise, tolerance) => {
        // A star-shaped ring round Baotou with noisy radii.
        const ring: Position[] = noise.map((d, i) => {
          const a = (2 * Math.PI * i) / noise.length;
          return [X0 + (0.002 + d) * Math.cos(a), Y0 + (0.002 + d) * Math.sin(a)];
        });
        ring.push(ring[0]);
        const g: AreaGeometry = { type: 'Polygon', coordinates: [ring] };
        const [s] = simplifyTogether([g], { toleranceMeters: tolerance });
        const out = polygonsOf(s)[0];
        expect(out[0]).toEqual(out[out.length - 1]);
        for (const p of ring) expect(distanceToRingsMeters(p[0], p[1], out)).toBeLessThanOrEqual(tolerance + 1);
      },
    ), { numRuns: 200 });
  });
});
