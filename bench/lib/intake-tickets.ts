import type { DemandType } from '../../src/modules/events/workflow/states.ts';
import { bbox, containsPoint, interiorPoint, type AreaGeometry } from '../../src/kernel/geo/geojson-utils.ts';

/** Realistic 12345 hotline tickets for the intake bench: a point inside a grid, a citizen's text, a caller. */

export interface BenchGrid { code: string; path: string; geometry: AreaGeometry }
export interface BenchTicket {
  body: { channel: 'hotline'; demandType: DemandType; description: string; location: { lon: number; lat: number }; address: string; reporterName: string; reporterPhone: string };
  /** Where intake must place it (the grid the point was drawn in). */
  grid: BenchGrid;
}

const DEMANDS: DemandType[] = ['complaint', 'complaint', 'complaint', 'consult', 'help', 'suggestion', 'report'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const ROADS = ['钢铁大街', '阿尔丁大街', '林荫路', '昆区团结大街', '友谊大街', '市府东路', '包钢东路'];

/** A small seeded generator (mulberry32), so every run files the same tickets. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A point strictly inside the grid: drawn in its box until it falls inside, else its interior point. */
function pointIn(g: AreaGeometry, rnd: () => number): [number, number] {
  const [x0, y0, x1, y1] = bbox(g);
  for (let i = 0; i < 50; i++) {
    const lon = x0 + (x1 - x0) * rnd();
    const lat = y0 + (y1 - y0) * rnd();
    if (containsPoint(g, lon, lat) === true) return [lon, lat];
  }
  return interiorPoint(g);
}

/** The corpus's texts are word-segmented; a caller's words run together. */
export const callerText = (segmented: string) => segmented.replace(/\s+/g, '').slice(0, 600);

export function benchTickets(n: number, grids: readonly BenchGrid[], texts: readonly string[], seed = 1): BenchTicket[] {
  const rnd = seeded(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const out: BenchTicket[] = [];
  for (let i = 0; i < n; i++) {
    const grid = pick(grids);
    const [lon, lat] = pointIn(grid.geometry, rnd);
    out.push({
      grid,
      body: {
        channel: 'hotline', demandType: pick(DEMANDS), description: pick(texts),
        location: { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 },
        address: `昆都仑区${pick(ROADS)}${1 + Math.floor(rnd() * 300)}号`,
        reporterName: `${pick([...SURNAMES])}${rnd() < 0.5 ? '先生' : '女士'}`,
        reporterPhone: `1${pick(['39', '58', '86', '35', '77'])}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
      },
    });
  }
  return out;
}
