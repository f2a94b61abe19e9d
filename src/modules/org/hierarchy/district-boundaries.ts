// Official district boundaries (resources/geo/<city>_districts.json, WGS84) plus the one district
// with none: 150271 包头稀土高新技术产业开发区 (稀土高新区), a development zone administered apart
// from the districts whose land it sits on.
import { readFileSync } from 'node:fs';
import polygonClipping from 'polygon-clipping';
import {
  containsPoint, geometryFromParts, interiorPoint, rewindParts, roundParts,
  type MultiPolygonCoords, type Position,
} from '../../../kernel/geo/geojson-utils.ts';

export const GEO_DIR = new URL('../../../../resources/geo/', import.meta.url);

export interface DistrictBoundary {
  code: string;
  name: string;
  parts: MultiPolygonCoords;
  /** The seat of government (the file's `center`), used as the urban centre. */
  seat: Position;
  source: 'official' | 'generated';
}

interface DistrictFeature {
  properties: { adcode: number | string; name: string; center?: [number, number] };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/**
 * 稀土高新区 has no published boundary. We draw it where its streets are (稀土路街道, 民馨路街道,
 * 万水泉镇: south of 昆都仑区's centre, around lon 109.83, lat 40.61) and cut it out of
 * 昆都仑区 (150203) and 九原区 (150207), so districts still tile the city without overlap.
 * An approximation for demo data only, marked source 'generated'.
 */
export const HIGH_TECH_ZONE = {
  code: '150271',
  takesFrom: ['150203', '150207'],
  outline: [
    [109.755, 40.59], [109.757, 40.568], [109.788, 40.55], [109.845, 40.545], [109.89, 40.558], [109.89, 40.603],
    [109.855, 40.626], [109.832, 40.638], [109.8, 40.632], [109.757, 40.617], [109.755, 40.59],
  ] as Position[],
  seat: [109.836, 40.612] as Position,
};

/**
 * Rounded to 6 decimals and normalised by a self-union: the file gives 达茂旗 (150223) as two
 * parts sharing edges around the 白云鄂博矿区 enclave; as one polygon with a hole it is valid.
 */
function clean(parts: MultiPolygonCoords): MultiPolygonCoords {
  return rewindParts(roundParts(polygonClipping.union(roundParts(parts))));
}

function seatOrInterior(parts: MultiPolygonCoords, seat: Position | undefined): Position {
  const g = geometryFromParts(parts);
  if (seat && containsPoint(g, seat[0], seat[1]) === true) return seat;
  return interiorPoint(g);
}

export function loadDistrictBoundaries(cityCode: string, dir: URL = GEO_DIR): Map<string, DistrictBoundary> {
  const fc = JSON.parse(readFileSync(new URL(`${cityCode}_districts.json`, dir), 'utf8')) as { features: DistrictFeature[] };
  const out = new Map<string, DistrictBoundary>();
  for (const f of fc.features) {
    const code = String(f.properties.adcode);
    const parts = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as MultiPolygonCoords;
    const rounded = clean(parts);
    out.set(code, { code, name: f.properties.name, parts: rounded, seat: seatOrInterior(rounded, f.properties.center), source: 'official' });
  }
  const donors = HIGH_TECH_ZONE.takesFrom.map((c) => out.get(c));
  if (cityCode === HIGH_TECH_ZONE.code.slice(0, 4) + '00' && donors.every((d) => d !== undefined)) {
    carveHighTechZone(out, donors as DistrictBoundary[]);
  }
  return out;
}

function carveHighTechZone(out: Map<string, DistrictBoundary>, donors: DistrictBoundary[]): void {
  const outline = [HIGH_TECH_ZONE.outline];
  const donorLand = polygonClipping.union(donors[0].parts, ...donors.slice(1).map((d) => d.parts));
  const zone = clean(polygonClipping.intersection(outline, donorLand));
  for (const d of donors) {
    out.set(d.code, { ...d, parts: clean(polygonClipping.difference(d.parts, outline)) });
  }
  out.set(HIGH_TECH_ZONE.code, {
    code: HIGH_TECH_ZONE.code,
    name: '包头稀土高新技术产业开发区',
    parts: zone,
    seat: seatOrInterior(zone, HIGH_TECH_ZONE.seat),
    source: 'generated',
  });
}
