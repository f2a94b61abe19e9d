import { generateHierarchy } from './modules/org/hierarchy/generate.ts';
import { GridIndex } from './kernel/geo/grid-index.ts';
import { bbox } from './kernel/geo/geojson-utils.ts';
import { createRng } from './modules/org/hierarchy/prng.ts';
const areas = generateHierarchy();
const grids = areas.filter(a => a.level === 'grid').map(a => ({ code: a.code, geometry: a.geometry! }));
const boxes = areas.filter(a => a.level === 'city').map(a => bbox(a.geometry!));
const centres = areas.filter(a => a.level === 'grid').map(a => a.center!);
const rng = createRng('x'); const N = 1000000; const pts = new Float64Array(N * 2);
for (let i = 0; i < N; i++) { if (i % 2 === 0) { const b = boxes[(i >> 1) % 2]; pts[2*i] = rng.range(b[0], b[2]); pts[2*i+1] = rng.range(b[1], b[3]); } else { const c = centres[Math.floor(rng.next() * centres.length)]; pts[2*i] = c[0] + rng.range(-0.006, 0.006); pts[2*i+1] = c[1] + rng.range(-0.0045, 0.0045); } }
const idx = new GridIndex(grids);
for (let r = 0; r < 4; r++) {
  let t = performance.now();
  for (let i = 0; i < N; i++) idx.locate(pts[2*i], pts[2*i+1]);
  console.log('locate ns', ((performance.now() - t) * 1e6 / N).toFixed(0));
}
// split: inside-type vs uniform
for (const which of [0, 1]) { let t = performance.now(); for (let i = which; i < N; i += 2) idx.locate(pts[2*i], pts[2*i+1]); console.log(which ? 'near-centre' : 'uniform', ((performance.now() - t) * 1e6 / (N/2)).toFixed(0)); }
import Flatbush from 'flatbush';
import { bboxOfRings, polygonsOf } from './kernel/geo/geojson-utils.ts';
const parts = grids.flatMap(g => polygonsOf(g.geometry));
for (const ns of [4, 8, 16, 32]) {
  const tree = new Flatbush(parts.length, ns);
  for (const p of parts) { const b = bboxOfRings(p); tree.add(b[0], b[1], b[2], b[3]); }
  tree.finish();
  let c = 0; const f = () => { c++; return false; };
  for (const which of [0, 1]) {
    c = 0;
    const t = performance.now();
    for (let i = which; i < N; i += 2) tree.search(pts[2*i], pts[2*i+1], pts[2*i], pts[2*i+1], f);
    console.log('nodeSize', ns, which ? 'near' : 'uniform', 'search-only ns', ((performance.now() - t) * 1e6 / (N/2)).toFixed(0), 'cands', (c / (N/2)).toFixed(2));
  }
}
