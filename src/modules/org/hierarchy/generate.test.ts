import { describe, it, expect, beforeAll } from 'vitest';
import polygonClipping from 'polygon-clipping';
import { areaM2, containsPoint, distanceMeters, partsAreaM2, polygonsOf } from '../../../kernel/geo/geojson-utils.ts';
import { findValidityProblem } from '../../../kernel/geo/polygon-validity.ts';
import { generateHierarchy, type GeneratedArea } from './generate.ts';
import { loadDivisions } from './load-divisions.ts';
import { createRng } from './prng.ts';

let areas: GeneratedArea[] = [];
let byCode = new Map<string, GeneratedArea>();
const childrenOf = new Map<string, GeneratedArea[]>();
const grids = () => areas.filter((a) => a.level === 'grid');
const under = (path: string, level: GeneratedArea['level']) => areas.filter((a) => a.level === level && a.path.startsWith(path + '.'));

/** m² of `a` outside `b`. */
const outsideM2 = (a: GeneratedArea, b: GeneratedArea) => partsAreaM2(polygonClipping.difference(polygonsOf(a.geometry!), polygonsOf(b.geometry!)));
const overlapM2 = (a: GeneratedArea, b: GeneratedArea) => partsAreaM2(polygonClipping.intersection(polygonsOf(a.geometry!), polygonsOf(b.geometry!)));

/**
 * Rounding to 6 decimals moves a vertex up to ≈5 cm, which leaves slivers along shared edges:
 * allow a band 10 cm wide along the boundary (m²), never more than 0.1% of the area.
 */
const slack = (a: GeneratedArea) => {
  let perimeter = 0;
  for (const ring of polygonsOf(a.geometry!).flat()) for (let i = 1; i < ring.length; i++) perimeter += distanceMeters(ring[i - 1], ring[i]);
  return Math.min(perimeter * 0.1, Math.max(1, areaM2(a.geometry!) * 1e-3));
};

beforeAll(() => {
  areas = generateHierarchy();
  byCode = new Map(areas.map((a) => [a.code, a]));
  for (const a of areas) if (a.parentCode) (childrenOf.get(a.parentCode) ?? childrenOf.set(a.parentCode, []).get(a.parentCode)!).push(a);
});

describe('generateHierarchy: the tree', () => {
  it('is deterministic: a second run (of one city) gives the same areas', () => {
    const again = generateHierarchy(['150200']);
    expect(JSON.stringify(again)).toBe(JSON.stringify(areas.filter((a) => a.cityCode === '150200')));
  });

  it('contains every official district, street and community exactly once', () => {
    const d = loadDivisions();
    const codes = areas.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const x of [...d.districts, ...d.streets, ...d.communities]) expect(byCode.has(x.code)).toBe(true);
    expect(areas.filter((a) => a.level === 'street')).toHaveLength(d.streets.length);
    expect(areas.filter((a) => a.level === 'community')).toHaveLength(d.communities.length);
  });

  it('has consistent codes, parents (listed first) and ltree paths', () => {
    const seen = new Set<string>();
    const digits = { city: 6, district: 6, street: 9, community: 12, grid: 15 } as const;
    for (const a of areas) {
      expect(a.code).toHaveLength(digits[a.level]);
      if (a.level === 'city') {
        expect(a.parentCode).toBeNull();
        expect(a.path).toBe(a.code);
      } else {
        const parent = byCode.get(a.parentCode!)!;
        expect(seen.has(parent.code)).toBe(true);
        expect(a.path).toBe(`${parent.path}.${a.code}`);
        expect(a.cityCode).toBe(parent.cityCode);
        if (a.level !== 'district') expect(a.code.startsWith(parent.code)).toBe(true);
      }
      expect(a.path).toMatch(/^\d+(\.\d+)*$/);
      seen.add(a.code);
    }
    expect(byCode.get('150203010005001')?.path).toBe('150200.150203.150203010.150203010005.150203010005001');
    expect(byCode.get('150203010005001')?.name).toBe('锡华世纪花园社区第1网格');
  });

  it('numbers grids 001… within each community and names them after it', () => {
    for (const c of areas.filter((a) => a.level === 'community')) {
      const gs = childrenOf.get(c.code) ?? [];
      expect(gs.length).toBeGreaterThan(0);
      gs.forEach((g, i) => {
        expect(g.code).toBe(c.code + String(i + 1).padStart(3, '0'));
        expect(g.name).toBe(`${c.name}第${i + 1}网格`);
      });
    }
  });

  it('adds households up the tree', () => {
    for (const a of areas) {
      const kids = childrenOf.get(a.code);
      if (kids) expect(kids.reduce((s, k) => s + k.households, 0)).toBe(a.households);
    }
  });
});

describe('generateHierarchy: counts match the seeds', () => {
  it('gives 昆都仑区 1,391 grids, 青山区 529 and Hulunbuir 6,997', () => {
    expect(under('150200.150203', 'grid')).toHaveLength(1391);
    expect(under('150200.150204', 'grid')).toHaveLength(529);
    expect(under('150700', 'grid')).toHaveLength(6997);
    expect(under('150200', 'grid').length).toBeGreaterThan(3500);
    expect(under('150200', 'grid').length).toBeLessThan(6000);
  });

  it('sizes grids at ≈400 households in 青山区 and keeps all grids plausible', () => {
    const qs = under('150200.150204', 'grid');
    const mean = qs.reduce((s, g) => s + g.households, 0) / qs.length;
    expect(mean).toBeGreaterThan(380);
    expect(mean).toBeLessThan(440);
    for (const g of grids()) {
      expect(g.households).toBeGreaterThanOrEqual(20);
      expect(g.households).toBeLessThanOrEqual(800);
    }
    // Household counts from census populations: Baotou ≈ 2.7 M people, Hulunbuir ≈ 2.2 M.
    expect(byCode.get('150200')!.households).toBeGreaterThan(1_000_000);
    expect(byCode.get('150700')!.households).toBeGreaterThan(800_000);
  });

  it('gives rural grids fewer households than urban ones', () => {
    const mean = (xs: GeneratedArea[]) => xs.reduce((s, g) => s + g.households, 0) / xs.length;
    const urban = grids().filter((g) => Number(g.code.slice(9, 12)) < 200);
    const rural = grids().filter((g) => { const n = Number(g.code.slice(9, 12)); return n >= 200 && n < 400; });
    expect(mean(rural)).toBeLessThan(mean(urban));
  });
});

describe('generateHierarchy: geometry', () => {
  it('gives every area a valid polygon with 6-decimal coordinates and a centre inside it', () => {
    for (const a of areas) {
      expect(a.geometry, a.code).not.toBeNull();
      const parts = polygonsOf(a.geometry!);
      expect(findValidityProblem(parts), a.code).toBeNull();
      for (const ring of parts.flat()) {
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (let i = 1; i < ring.length; i++) expect(ring[i], `${a.code} repeats a point`).not.toEqual(ring[i - 1]);
        for (const [x, y] of ring) {
          expect(Math.round(x * 1e6) / 1e6).toBe(x);
          expect(Math.round(y * 1e6) / 1e6).toBe(y);
        }
      }
      expect(containsPoint(a.geometry!, a.center![0], a.center![1]), a.code).toBe(true);
    }
  });

  it('keeps official district boundaries and carves 稀土高新区 out of 昆都仑区/九原区', () => {
    const zone = byCode.get('150271')!;
    expect(zone.source).toBe('generated');
    expect(byCode.get('150203')!.source).toBe('official');
    expect(areaM2(zone.geometry!) / 1e6).toBeGreaterThan(30);
    for (const code of ['150203', '150204', '150207']) expect(overlapM2(zone, byCode.get(code)!)).toBeLessThan(slack(zone));
    expect(outsideM2(zone, byCode.get('150200')!)).toBeLessThan(slack(zone));
    expect(containsPoint(zone.geometry!, 109.83, 40.61)).toBe(true);
  });

  it('puts every street, community and grid inside its parent', () => {
    for (const a of areas) {
      if (a.level === 'city' || a.level === 'district') continue;
      const parent = byCode.get(a.parentCode!)!;
      expect(outsideM2(a, parent), a.code).toBeLessThan(slack(a));
    }
  });

  it('tiles each parent: children cover it and do not overlap (sample)', () => {
    const rng = createRng('test:overlap-sample');
    const parents = areas.filter((a) => a.level !== 'grid' && a.level !== 'city' && (a.level === 'district' || rng.next() < 0.1));
    expect(parents.length).toBeGreaterThan(150);
    for (const p of parents) {
      const kids = childrenOf.get(p.code) ?? [];
      const total = kids.reduce((s, k) => s + areaM2(k.geometry!), 0);
      // Covered up to the rounding slivers and specks (< 500 m²) dropped while clipping.
      expect(Math.abs(total - areaM2(p.geometry!)) / areaM2(p.geometry!), p.code).toBeLessThan(5e-4);
      for (let i = 0; i < kids.length; i++) {
        for (let j = i + 1; j < kids.length; j++) {
          expect(overlapM2(kids[i], kids[j]), `${kids[i].code} × ${kids[j].code}`).toBeLessThan(Math.min(slack(kids[i]), slack(kids[j])));
        }
      }
    }
  });

  it('crowds urban communities towards the seat: smaller areas in 街道 than villages', () => {
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
    const comm = areas.filter((a) => a.level === 'community' && a.cityCode === '150200');
    const urban = median(comm.filter((c) => Number(c.code.slice(6, 9)) < 100 && Number(c.code.slice(9, 12)) < 200).map((c) => areaM2(c.geometry!)));
    const villages = median(comm.filter((c) => Number(c.code.slice(9, 12)) >= 200).map((c) => areaM2(c.geometry!)));
    expect(urban * 10).toBeLessThan(villages);
  });
});
