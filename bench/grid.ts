// Point → grid lookup: the R-tree index (GridIndex) against a linear scan of the same polygons,
// in the same process, over the generated grids of Baotou and Hulunbuir.
// Run: npx tsx bench/grid.ts
import { pathToFileURL } from 'node:url';
import { GridIndex, LinearGridScan, type GridLocation, type GridShape } from '../src/kernel/geo/grid-index.ts';
import { bbox, type BBox, type Position } from '../src/kernel/geo/geojson-utils.ts';
import { generateHierarchy } from '../src/modules/org/hierarchy/generate.ts';
import { createRng } from '../src/modules/org/hierarchy/prng.ts';

const INDEX_POINTS = 1_000_000;
const SCAN_POINTS = 2_000;
const TOLERANCE_M = 50;

/**
 * Half the points uniform over each city's bounding box (many outside any grid, most in big
 * rural grids), half within ~500 m of a random grid's centre (dense urban grids and borders).
 */
function samplePoints(count: number, cityBoxes: BBox[], centres: Position[], seed: string): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      const b = cityBoxes[(i >> 1) % cityBoxes.length];
      out[2 * i] = rng.range(b[0], b[2]);
      out[2 * i + 1] = rng.range(b[1], b[3]);
    } else {
      const c = centres[Math.floor(rng.next() * centres.length)];
      out[2 * i] = c[0] + rng.range(-0.006, 0.006);
      out[2 * i + 1] = c[1] + rng.range(-0.0045, 0.0045);
    }
  }
  return out;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function same(a: GridLocation | null, b: GridLocation | null): boolean {
  if (a === null || b === null) return a === b;
  return a.code === b.code && a.exact === b.exact && Math.abs(a.distanceMeters - b.distanceMeters) < 1e-9;
}

export async function run(): Promise<Record<string, number>> {
  let areas: ReturnType<typeof generateHierarchy> = [];
  const generateMs = time(() => { areas = generateHierarchy(['150200', '150700']); });
  const grids: GridShape[] = areas.filter((a) => a.level === 'grid' && a.geometry).map((a) => ({ code: a.code, geometry: a.geometry! }));
  const cityBoxes = areas.filter((a) => a.level === 'city' && a.geometry).map((a) => bbox(a.geometry!));
  const centres = areas.filter((a) => a.level === 'grid' && a.center).map((a) => a.center!);

  let index!: GridIndex;
  const buildMs = time(() => { index = new GridIndex(grids); });
  const scan = new LinearGridScan(grids);

  const points = samplePoints(INDEX_POINTS, cityBoxes, centres, 'bench:grid:index');
  const scanPoints = samplePoints(SCAN_POINTS, cityBoxes, centres, 'bench:grid:scan');

  // Same answers from both, on every scan point.
  let mismatches = 0, inside = 0, near = 0, outside = 0;
  for (let i = 0; i < SCAN_POINTS; i++) {
    const a = index.locate(scanPoints[2 * i], scanPoints[2 * i + 1], TOLERANCE_M);
    const b = scan.locate(scanPoints[2 * i], scanPoints[2 * i + 1], TOLERANCE_M);
    if (!same(a, b)) mismatches++;
    if (a === null) outside++; else if (a.exact) inside++; else near++;
  }
  if (mismatches > 0) throw new Error(`grid bench: index and linear scan disagree on ${mismatches} of ${SCAN_POINTS} points`);

  let found = 0;
  const locateAll = (n: number, pts: Float64Array, f: (x: number, y: number) => GridLocation | null) => {
    for (let i = 0; i < n; i++) if (f(pts[2 * i], pts[2 * i + 1])) found++;
  };
  locateAll(50_000, points, (x, y) => index.locate(x, y, TOLERANCE_M)); // warm up the JIT
  const indexMs = time(() => locateAll(INDEX_POINTS, points, (x, y) => index.locate(x, y, TOLERANCE_M)));
  const scanMs = time(() => locateAll(SCAN_POINTS, scanPoints, (x, y) => scan.locate(x, y, TOLERANCE_M)));

  const indexNs = (indexMs * 1e6) / INDEX_POINTS;
  const scanNs = (scanMs * 1e6) / SCAN_POINTS;
  return {
    'grid-generate-ms': Math.round(generateMs),
    'grid-count': grids.length,
    'grid-index-build-ms': Math.round(buildMs * 10) / 10,
    'grid-sample-inside-pct': Math.round((inside / SCAN_POINTS) * 1000) / 10,
    'grid-sample-near-pct': Math.round((near / SCAN_POINTS) * 1000) / 10,
    'grid-sample-outside-pct': Math.round((outside / SCAN_POINTS) * 1000) / 10,
    'grid-lookup-index-ns': Math.round(indexNs),
    'grid-lookup-linear-ns': Math.round(scanNs),
    'grid-lookup-found': found,
    'grid-lookup-ratio': Math.round(scanNs / indexNs),
    'grid-lookups-per-s': Math.round(1e9 / indexNs),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run();
  const last = ['grid-lookup-ratio', 'grid-lookups-per-s'];
  console.log(`grid lookup: ${INDEX_POINTS.toLocaleString('en')} points through GridIndex, ${SCAN_POINTS.toLocaleString('en')} through a linear scan (pip over every grid), tolerance ${TOLERANCE_M} m`);
  for (const [k, v] of Object.entries(figures)) if (!last.includes(k)) console.log(`${k}: ${v}`);
  for (const k of last) console.log(`${k}: ${figures[k]}`);
}
