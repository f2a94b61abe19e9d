import { generateHierarchy } from './modules/org/hierarchy/generate.ts';
import { GridIndex } from './kernel/geo/grid-index.ts';
import { bbox } from './kernel/geo/geojson-utils.ts';
import { createRng } from './modules/org/hierarchy/prng.ts';
const areas = generateHierarchy();
const grids = areas.filter(a => a.level === 'grid').map(a => ({ code: a.code, geometry: a.geometry! }));
const centres = areas.filter(a => a.level === 'grid').map(a => a.center!);
const rng = createRng('x'); const N = 1000000; const pts = new Float64Array(N * 2);
for (let i = 0; i < N; i++) { const c = centres[Math.floor(rng.next() * centres.length)]; pts[2*i] = c[0] + rng.range(-0.006, 0.006); pts[2*i+1] = c[1] + rng.range(-0.0045, 0.0045); }
const idx = new GridIndex(grids);
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  for (let i = 0; i < N; i++) idx.locate(pts[2*i], pts[2*i+1]);
  console.log('random near-centre ns', ((performance.now() - t) * 1e6 / N).toFixed(0));
  // Same 64 points over and over: everything in cache.
  t = performance.now();
  for (let i = 0; i < N; i++) { const k = (i & 63); idx.locate(pts[2*k], pts[2*k+1]); }
  console.log('hot (64 points) ns', ((performance.now() - t) * 1e6 / N).toFixed(0));
  // Sorted by space (Hilbert-ish: sort by rounded lon then lat) -> locality like a real GPS stream.
}
const order = Array.from({ length: N }, (_, i) => i).sort((a, b) => (Math.floor(pts[2*a] * 50) - Math.floor(pts[2*b] * 50)) || (pts[2*a+1] - pts[2*b+1]));
const sp = new Float64Array(N * 2); order.forEach((k, i) => { sp[2*i] = pts[2*k]; sp[2*i+1] = pts[2*k+1]; });
let t = performance.now();
for (let i = 0; i < N; i++) idx.locate(sp[2*i], sp[2*i+1]);
console.log('spatially sorted ns', ((performance.now() - t) * 1e6 / N).toFixed(0));
