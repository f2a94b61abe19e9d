// Splits a parent area into one child per seed point: the Voronoi cell of each seed (d3-delaunay),
// clipped to the parent (polygon-clipping). Children then lie inside the parent and never overlap.
import { Delaunay } from 'd3-delaunay';
import pointInPolygon from 'point-in-polygon-hao';
import polygonClipping from 'polygon-clipping';
import {
  bboxOfRings, polygonAreaM2, rewindParts, round6, type MultiPolygonCoords, type Position, type Ring,
} from '../../../kernel/geo/geojson-utils.ts';
import { findValidityProblem, segmentContact } from '../../../kernel/geo/polygon-validity.ts';

/** Clipping leftovers below this are dropped (a numeric sliver, not land anyone manages). */
const MIN_PART_M2 = 500;
/** Holes and parts below this are rounding noise. */
const NOISE_M2 = 1;
/** A cell's detached piece smaller than this share of its main part goes to a neighbour. */
const FRAGMENT_SHARE = 0.1;

/** The parent's edges with their boxes, to tell cheaply whether a cell lies wholly inside it. */
class ParentEdges {
  private readonly e: Float64Array; // ax, ay, bx, by per edge
  readonly count: number;
  constructor(private readonly parts: MultiPolygonCoords) {
    const rings = parts.flat();
    this.count = rings.reduce((n, r) => n + r.length - 1, 0);
    this.e = new Float64Array(this.count * 4);
    let k = 0;
    for (const r of rings) {
      for (let i = 0; i + 1 < r.length; i++, k += 4) {
        this.e[k] = r[i][0]; this.e[k + 1] = r[i][1]; this.e[k + 2] = r[i + 1][0]; this.e[k + 3] = r[i + 1][1];
      }
    }
  }

  /** True when the convex cell is inside the parent with no parent edge touching it. */
  containsCell(cell: Ring): boolean {
    const [minX, minY, maxX, maxY] = bboxOfRings([cell]);
    const e = this.e;
    for (let k = 0; k < e.length; k += 4) {
      if (Math.max(e[k], e[k + 2]) < minX || Math.min(e[k], e[k + 2]) > maxX) continue;
      if (Math.max(e[k + 1], e[k + 3]) < minY || Math.min(e[k + 1], e[k + 3]) > maxY) continue;
      for (let i = 0; i + 1 < cell.length; i++) {
        const c = segmentContact(cell[i][0], cell[i][1], cell[i + 1][0], cell[i + 1][1], e[k], e[k + 1], e[k + 2], e[k + 3]);
        if (c.kind !== 'none') return false;
      }
    }
    // No edge meets the cell: it is inside when one vertex is, unless a hole or part sits in it.
    if (!this.parts.some((poly) => pointInPolygon(cell[0], poly) === true)) return false;
    for (const ring of this.parts.flat()) if (pointInPolygon(ring[0], [cell]) !== false) return false;
    return true;
  }
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Rounds to 6 decimals and removes what rounding leaves behind: repeated points and spikes. */
function tidyRing(ring: Ring): Ring | null {
  const pts: Position[] = [];
  for (const p of ring) {
    const q: Position = [round6(p[0]), round6(p[1])];
    if (pts.length && samePoint(pts[pts.length - 1], q)) continue;
    pts.push(q);
    // A-B-A: the last step folds straight back; keep the first A only.
    while (pts.length >= 3 && samePoint(pts[pts.length - 1], pts[pts.length - 3])) pts.splice(-2, 2);
  }
  if (pts.length && !samePoint(pts[0], pts[pts.length - 1])) pts.push(pts[0]);
  return pts.length >= 4 ? pts : null;
}

function tidyParts(parts: MultiPolygonCoords, minPartM2 = MIN_PART_M2): MultiPolygonCoords {
  const polys: MultiPolygonCoords = [];
  for (const poly of parts) {
    const shell = tidyRing(poly[0]);
    if (!shell) continue;
    const holes = poly.slice(1).map(tidyRing).filter((r): r is Ring => r !== null && polygonAreaM2([r]) > NOISE_M2);
    polys.push([shell, ...holes]);
  }
  const areas = polys.map((p) => polygonAreaM2(p));
  const largest = Math.max(0, ...areas);
  return rewindParts(polys.filter((_, i) => areas[i] >= minPartM2 || areas[i] === largest));
}

/** Tidy, and if rounding broke validity, let polygon-clipping rebuild the rings once. */
export function finishParts(parts: MultiPolygonCoords, label: string): MultiPolygonCoords {
  let out = tidyParts(parts);
  if (findValidityProblem(out)) out = tidyParts(polygonClipping.union(out));
  const problem = findValidityProblem(out);
  if (problem || out.length === 0) {
    throw new Error(`partition: invalid polygon for ${label}: ${problem?.kind ?? 'empty'} at ${problem?.at.join(',')}`);
  }
  return out;
}

/**
 * A convex cell clipped to a concave parent can fall apart: the piece beyond a bend of the
 * parent's border. Small pieces join the nearby sibling they touch (the union gains no part), so
 * children still tile the parent without odd specks; pieces nobody touches stay where they are.
 */
function absorbFragments(cells: MultiPolygonCoords[], seeds: Position[]): void {
  cells.forEach((parts, i) => {
    if (parts.length < 2) return;
    const areas = parts.map((p) => polygonAreaM2(p));
    const main = areas.indexOf(Math.max(...areas));
    const keep: MultiPolygonCoords = [];
    parts.forEach((piece, k) => {
      if (k === main || areas[k] >= FRAGMENT_SHARE * areas[main]) { keep.push(piece); return; }
      const [x, y] = piece[0][0];
      const nearest = seeds
        .map((s, j) => ({ j, d: (s[0] - x) ** 2 + (s[1] - y) ** 2 }))
        .filter((c) => c.j !== i)
        .sort((a, b) => a.d - b.d || a.j - b.j)
        .slice(0, 6);
      for (const { j } of nearest) {
        const merged = polygonClipping.union(cells[j], [piece]);
        if (merged.length <= cells[j].length) { cells[j] = tidyParts(merged, NOISE_M2); return; }
      }
      if (areas[k] >= MIN_PART_M2) keep.push(piece);
    });
    cells[i] = keep;
  });
}

/**
 * One child polygon per seed (same order). Seeds must lie inside the parent; labels name the
 * children in error messages.
 */
export function partitionArea(parent: MultiPolygonCoords, seeds: Position[], labels: string[]): MultiPolygonCoords[] {
  if (seeds.length === 1) return [parent];
  const [minX, minY, maxX, maxY] = bboxOfRings(parent.flat());
  const padX = (maxX - minX) * 0.01 + 1e-4, padY = (maxY - minY) * 0.01 + 1e-4;
  const voronoi = Delaunay.from(seeds).voronoi([minX - padX, minY - padY, maxX + padX, maxY + padY]);
  const edges = new ParentEdges(parent);
  const cells = seeds.map((_, i) => {
    const raw = voronoi.cellPolygon(i) as Position[] | null;
    if (!raw) throw new Error(`partition: no Voronoi cell for ${labels[i]} (duplicate seed?)`);
    // Round the cell first: neighbours then share bit-identical edges.
    const cell = tidyRing(raw);
    if (!cell) throw new Error(`partition: degenerate Voronoi cell for ${labels[i]}`);
    return edges.containsCell(cell) ? [[cell]] : tidyParts(polygonClipping.intersection([cell], parent), NOISE_M2);
  });
  absorbFragments(cells, seeds);
  return cells.map((c, i) => finishParts(c, labels[i]));
}
