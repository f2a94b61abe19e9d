// Checks a GeoJSON FeatureCollection of grids 网格 before import: shape of the file, codes that
// extend the parent's code, coordinates, valid polygons, inside the parent, no overlaps.
// Every problem names its place (`features[3].geometry`) in Chinese and English.
import Flatbush from 'flatbush';
import polygonClipping from 'polygon-clipping';
import {
  areaM2, bbox, bboxesIntersect, distanceToRingsMeters, formatPosition, geometryFromParts, interiorPoint,
  partsAreaM2, polygonsOf, rewindParts,
  type AreaGeometry, type MultiPolygonCoords, type Position, type Ring,
} from './geojson-utils.ts';
import { findValidityProblem, type ValidityProblemKind } from './polygon-validity.ts';

export interface AreaShape { code: string; geometry: AreaGeometry | null }

export interface ValidFeature {
  /** Position in the file's `features` array. */
  index: number;
  code: string;
  name: string;
  /** 2-D, with RFC 7946 winding. */
  geometry: AreaGeometry;
  properties: Record<string, unknown>;
  /** properties.households when given (a whole number ≥ 0). */
  households?: number;
  areaM2: number;
  center: Position;
}

export interface GeoValidationError { index: number; field: string; message: string }

export type GridCollectionResult =
  | { ok: true; features: ValidFeature[] }
  | { ok: false; errors: GeoValidationError[] };

export interface ValidateGridOptions {
  maxFeatures?: number;
  /** Share of a grid's area allowed outside its parent (drawing slack). */
  outsideShare?: number;
  /** …or how far outside (metres) its outside pieces may reach. */
  outsideMeters?: number;
  /** Overlap between two grids ignored below this many m² … */
  overlapM2?: number;
  /** … or below this share of the smaller grid. */
  overlapShare?: number;
}

const DEFAULTS: Required<ValidateGridOptions> = {
  maxFeatures: 5000, outsideShare: 0.01, outsideMeters: 5, overlapM2: 10, overlapShare: 0.005,
};
const MAX_ERRORS = 200;

/** Child codes by the parent's length: district 6 → street 9 → community 12 → grid 15. */
export function expectedChildCodeLength(parentCode: string): number {
  return parentCode.length <= 6 ? 9 : parentCode.length + 3;
}

const PROBLEM_TEXT: Record<ValidityProblemKind, [zh: string, en: string]> = {
  'self-intersection': ['网格边界自相交', 'the boundary crosses itself'],
  'degenerate-ring': ['边界环退化为线或点（面积为零）', 'a ring has no area'],
  'hole-outside-shell': ['内环（洞）不在外环之内', 'a hole lies outside its outer ring'],
  'parts-overlap': ['多边形的各部分相互重叠', 'parts of the MultiPolygon lie on each other'],
};

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Reads coordinates, reporting the first malformed spot by its path; 2-D positions out. */
function readCoordinates(type: 'Polygon' | 'MultiPolygon', raw: unknown, field: string): { parts: MultiPolygonCoords } | { field: string; message: string } {
  const readRing = (r: unknown, f: string): Ring | { field: string; message: string } => {
    if (!Array.isArray(r)) return { field: f, message: '环应为坐标数组 / a ring must be an array of positions' };
    if (r.length < 4) return { field: f, message: `环至少需要 4 个点（首尾相同），实际 ${r.length} 个 / a ring needs at least 4 positions (first = last), got ${r.length}` };
    const ring: Ring = [];
    for (let k = 0; k < r.length; k++) {
      const p = r[k];
      const pf = `${f}[${k}]`;
      if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        return { field: pf, message: '坐标应为 [经度, 纬度] 数字 / a position must be [longitude, latitude] numbers' };
      }
      if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
        return { field: pf, message: `坐标超出范围 ${formatPosition(p)}：经度 -180…180，纬度 -90…90（是否把纬度、经度写反或用了投影坐标？）/ position out of range: longitude -180…180, latitude -90…90 (swapped, or projected coordinates?)` };
      }
      ring.push([p[0], p[1]]);
    }
    const [a, b] = [ring[0], ring[ring.length - 1]];
    if (a[0] !== b[0] || a[1] !== b[1]) return { field: f, message: '环未闭合：首尾坐标必须相同 / the ring is not closed: the first and last positions must be equal' };
    return ring;
  };
  const readPolygon = (p: unknown, f: string): Ring[] | { field: string; message: string } => {
    if (!Array.isArray(p) || p.length === 0) return { field: f, message: '多边形应为非空的环数组 / a polygon must be a non-empty array of rings' };
    const rings: Ring[] = [];
    for (let j = 0; j < p.length; j++) {
      const r = readRing(p[j], `${f}[${j}]`);
      if (!Array.isArray(r)) return r;
      rings.push(r);
    }
    return rings;
  };
  if (type === 'Polygon') {
    const poly = readPolygon(raw, field);
    return Array.isArray(poly) ? { parts: [poly] } : poly;
  }
  if (!Array.isArray(raw) || raw.length === 0) return { field, message: 'MultiPolygon 应为非空的多边形数组 / a MultiPolygon must be a non-empty array of polygons' };
  const parts: MultiPolygonCoords = [];
  for (let i = 0; i < raw.length; i++) {
    const poly = readPolygon(raw[i], `${field}[${i}]`);
    if (!Array.isArray(poly)) return poly;
    parts.push(poly);
  }
  return { parts };
}

/** Largest piece of a clipping result and the point to show for it. */
function describePieces(pieces: MultiPolygonCoords): { m2: number; at: Position } {
  let best = pieces[0], bestArea = -1;
  for (const p of pieces) { const a = partsAreaM2([p]); if (a > bestArea) { bestArea = a; best = p; } }
  return { m2: partsAreaM2(pieces), at: interiorPoint(geometryFromParts([best])) };
}

/** How far (metres) the pieces outside the parent reach from the parent's edge. */
function reachOutside(pieces: MultiPolygonCoords, parent: AreaGeometry): number {
  const parentRings = polygonsOf(parent).flat();
  let reach = 0;
  for (const ring of pieces.flat()) for (const p of ring) reach = Math.max(reach, distanceToRingsMeters(p[0], p[1], parentRings));
  return reach;
}

function m2Text(m2: number): string {
  return m2 >= 1e5 ? `${(m2 / 1e6).toFixed(2)} km²` : `${Math.round(m2)} m²`;
}

interface Checked { index: number; code: string | null; name: string | null; parts: MultiPolygonCoords; area: number; box: ReturnType<typeof bbox>; properties: Record<string, unknown> }

/**
 * Grids for one parent area (normally a community 社区/村): codes extend the parent's code, every
 * grid lies inside the parent, none overlaps another in the file or an existing sibling.
 */
export function validateGridCollection(
  fc: unknown, parent: AreaShape, existingSiblings: AreaShape[] = [], options: ValidateGridOptions = {},
): GridCollectionResult {
  const length = expectedChildCodeLength(parent.code);
  const digits = length - parent.code.length;
  const codeProblem = (code: string): string | null => {
    if (!/^\d+$/.test(code)) return `网格编码只能包含数字："${code}" / the grid code must be digits only: "${code}"`;
    if (code.startsWith(parent.code) && code.length === length && !/^0+$/.test(code.slice(parent.code.length))) return null;
    return `网格编码应为上级编码 ${parent.code} 加 ${digits} 位顺序号（如 ${parent.code}${'1'.padStart(digits, '0')}），实际为 "${code}" / the code must be the parent's code ${parent.code} followed by a ${digits}-digit sequence, got "${code}"`;
  };
  return validateCollection(fc, { parent, siblings: existingSiblings, codeProblem, options });
}

/**
 * Polygons with their own codes and no parent, e.g. police grids 警格 ("网格+警格"): the same
 * checks of file, coordinates, validity, duplicate codes and overlaps.
 */
export function validatePolygonCollection(fc: unknown, options: ValidateGridOptions = {}): GridCollectionResult {
  const codeProblem = (code: string): string | null =>
    /^[0-9A-Za-z_.-]{1,50}$/.test(code) ? null : `编码只能包含字母、数字、_ . -，最长 50 个字符："${code}" / the code may hold letters, digits, _ . - (at most 50): "${code}"`;
  return validateCollection(fc, { parent: null, siblings: [], codeProblem, options });
}

interface CollectionRules {
  parent: AreaShape | null;
  siblings: AreaShape[];
  codeProblem: (code: string) => string | null;
  options: ValidateGridOptions;
}

function validateCollection(fc: unknown, rules: CollectionRules): GridCollectionResult {
  const { parent } = rules;
  const opt = { ...DEFAULTS, ...rules.options };
  const errors: GeoValidationError[] = [];
  const fail = (index: number, field: string, message: string) => { if (errors.length < MAX_ERRORS) errors.push({ index, field, message }); };

  if (!isObject(fc) || fc.type !== 'FeatureCollection') {
    fail(-1, 'type', '不是 GeoJSON 要素集合（type 应为 "FeatureCollection"）/ not a GeoJSON FeatureCollection (type must be "FeatureCollection")');
    return { ok: false, errors };
  }
  if (!Array.isArray(fc.features)) {
    fail(-1, 'features', '缺少 features 数组 / "features" must be an array');
    return { ok: false, errors };
  }
  if (fc.features.length === 0) fail(-1, 'features', '要素集合为空 / the collection has no features');
  if (fc.features.length > opt.maxFeatures) {
    fail(-1, 'features', `要素过多：${fc.features.length} 个，上限 ${opt.maxFeatures} / too many features: ${fc.features.length}, at most ${opt.maxFeatures}`);
    return { ok: false, errors };
  }

  const checked: Checked[] = [];
  const firstWithCode = new Map<string, number>();
  fc.features.forEach((feature: unknown, i: number) => {
    const at = `features[${i}]`;
    if (!isObject(feature) || feature.type !== 'Feature') { fail(i, at, '不是 GeoJSON 要素（type 应为 "Feature"）/ not a GeoJSON Feature (type must be "Feature")'); return; }
    const props = feature.properties;
    let code: string | null = null, name: string | null = null;
    if (!isObject(props)) fail(i, `${at}.properties`, '缺少 properties 对象 / "properties" must be an object with code and name');
    else {
      const c = props.code;
      const problem = typeof c === 'string' && c.trim() !== '' ? rules.codeProblem(c.trim()) : null;
      if (typeof c !== 'string' || c.trim() === '') fail(i, `${at}.properties.code`, '缺少编码（应为字符串）/ missing code (a string)');
      else if (problem) fail(i, `${at}.properties.code`, problem);
      else {
        code = c.trim();
        const first = firstWithCode.get(code);
        if (first !== undefined) { fail(i, `${at}.properties.code`, `编码 ${code} 与 features[${first}] 重复 / duplicate code ${code}, also used by features[${first}]`); code = null; }
        else firstWithCode.set(code, i);
      }
      const h = props.households;
      if (h !== undefined && h !== null && !(typeof h === 'number' && Number.isInteger(h) && h >= 0 && h <= 1e6)) {
        fail(i, `${at}.properties.households`, `户数应为 0 到 1000000 的整数，实际为 ${JSON.stringify(h)} / households must be a whole number from 0 to 1000000, got ${JSON.stringify(h)}`);
      }
      const n = props.name;
      if (typeof n !== 'string' || n.trim() === '') fail(i, `${at}.properties.name`, '缺少名称 / missing name');
      else if (n.trim().length > 100) fail(i, `${at}.properties.name`, `名称过长（${n.trim().length} 字，上限 100）/ the name is too long (${n.trim().length} characters, at most 100)`);
      else name = n.trim();
    }

    const g = feature.geometry;
    if (!isObject(g)) { fail(i, `${at}.geometry`, '缺少几何图形 / missing geometry'); return; }
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
      fail(i, `${at}.geometry.type`, `几何类型应为 Polygon 或 MultiPolygon，实际为 ${JSON.stringify(g.type)} / geometry must be a Polygon or MultiPolygon, got ${JSON.stringify(g.type)}`);
      return;
    }
    const read = readCoordinates(g.type, g.coordinates, `${at}.geometry.coordinates`);
    if ('field' in read) { fail(i, read.field, read.message); return; }
    const problem = findValidityProblem(read.parts);
    if (problem) {
      const [zh, en] = PROBLEM_TEXT[problem.kind];
      fail(i, `${at}.geometry`, `${zh}，位置 ${formatPosition(problem.at)} / ${en} near ${formatPosition(problem.at)}`);
      return;
    }
    const parts = rewindParts(read.parts);
    const area = partsAreaM2(parts);
    if (!(area >= 1)) { fail(i, `${at}.geometry`, '面积为零 / the polygon has no area'); return; }

    if (parent?.geometry) {
      const outside = safeClip(() => polygonClipping.difference(parts, polygonsOf(parent.geometry!)));
      if (outside === null) { fail(i, `${at}.geometry`, '无法计算与上级区域的关系 / could not compare the boundary with its parent'); return; }
      if (outside.length > 0) {
        const { m2, at: where } = describePieces(outside);
        if (m2 > opt.outsideShare * area && reachOutside(outside, parent.geometry) > opt.outsideMeters) {
          fail(i, `${at}.geometry`, `网格超出上级区域 ${parent.code} 约 ${m2Text(m2)}（${((m2 / area) * 100).toFixed(1)}%），位置 ${formatPosition(where)} / the grid extends outside its parent ${parent.code} by about ${m2Text(m2)} (${((m2 / area) * 100).toFixed(1)}%) near ${formatPosition(where)}`);
          return;
        }
      }
    }
    // Kept even with a bad code or name, so overlaps are reported in the same pass.
    checked.push({ index: i, code, name, parts, area, box: bbox(geometryFromParts(parts)), properties: isObject(props) ? props : {} });
  });

  checkOverlaps(checked, rules.siblings, opt, fail);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    features: checked.map((c) => {
      const geometry = geometryFromParts(c.parts);
      const households = typeof c.properties.households === 'number' ? c.properties.households : undefined;
      return { index: c.index, code: c.code!, name: c.name!, geometry, properties: c.properties, households, areaM2: c.area, center: interiorPoint(geometry) };
    }),
  };
}

function safeClip(f: () => MultiPolygonCoords): MultiPolygonCoords | null {
  try { return f(); } catch { return null; }
}

function checkOverlaps(
  checked: Checked[], existing: AreaShape[], opt: Required<ValidateGridOptions>,
  fail: (index: number, field: string, message: string) => void,
): void {
  const tooMuch = (m2: number, a: number, b: number) => m2 > opt.overlapM2 && m2 > opt.overlapShare * Math.min(a, b);
  if (checked.length > 1) {
    const tree = new Flatbush(checked.length);
    for (const c of checked) tree.add(c.box[0], c.box[1], c.box[2], c.box[3]);
    tree.finish();
    for (let j = 0; j < checked.length; j++) {
      const b = checked[j];
      for (const i of tree.search(b.box[0], b.box[1], b.box[2], b.box[3]).sort((x, y) => x - y)) {
        if (i >= j) continue; // each pair once, reported on the later feature
        const a = checked[i];
        const common = safeClip(() => polygonClipping.intersection(a.parts, b.parts));
        if (!common || common.length === 0) continue;
        const { m2, at } = describePieces(common);
        if (tooMuch(m2, a.area, b.area)) {
          fail(b.index, `features[${b.index}].geometry`, `与 features[${a.index}]（${a.code ?? '?'}）重叠约 ${m2Text(m2)}，位置 ${formatPosition(at)} / overlaps features[${a.index}] (${a.code ?? '?'}) by about ${m2Text(m2)} near ${formatPosition(at)}`);
          break;
        }
      }
    }
  }
  for (const s of existing) {
    if (!s.geometry) continue;
    const sBox = bbox(s.geometry), sArea = areaM2(s.geometry);
    for (const c of checked) {
      if (c.code === s.code || !bboxesIntersect(c.box, sBox)) continue; // same code: the import replaces it
      const common = safeClip(() => polygonClipping.intersection(c.parts, polygonsOf(s.geometry!)));
      if (!common || common.length === 0) continue;
      const { m2, at } = describePieces(common);
      if (tooMuch(m2, c.area, sArea)) {
        fail(c.index, `features[${c.index}].geometry`, `与已有网格 ${s.code} 重叠约 ${m2Text(m2)}，位置 ${formatPosition(at)} / overlaps the existing grid ${s.code} by about ${m2Text(m2)} near ${formatPosition(at)}`);
      }
    }
  }
}
