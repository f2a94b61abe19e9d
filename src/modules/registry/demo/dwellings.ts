// Where households live: buildings 楼栋 of 2–4 units 单元, 2 flats a floor, 6 to 18 floors (the
// walk-ups of Baotou's old 街坊 are mostly six storeys), filled to about 90%; in villages 村/嘎查,
// bungalows 平房 numbered by 组 (village group) and house number.
import { bbox, containsPoint, interiorPoint, round6, type AreaGeometry } from '../../../kernel/geo/geojson-utils.ts';
import type { Draw } from './random.ts';

export interface LaidBuilding {
  /** Number within the community (楼号 / 组号). */
  number: number;
  name: string;
  floors: number;
  kind: 'residential' | 'bungalow';
  units: { name: string; floors: number; roomsPerFloor: number }[];
  location: [number, number] | null;
}

export interface Dwelling { building: number; unit: number | null; room: string; label: string }

const FLOORS = [6, 6, 6, 6, 7, 11, 12, 18, 18];

/** A point inside the grid for a building (rejection sampling in the bounding box), else its centre. */
function pointIn(d: Draw, geometry: AreaGeometry | null, fallback: [number, number] | null): [number, number] | null {
  if (!geometry) return fallback;
  const [x0, y0, x1, y1] = bbox(geometry);
  for (let i = 0; i < 30; i++) {
    const x = x0 + d.next() * (x1 - x0), y = y0 + d.next() * (y1 - y0);
    if (containsPoint(geometry, x, y) === true) return [round6(x), round6(y)];
  }
  return fallback ?? interiorPoint(geometry);
}

/**
 * Lays out enough buildings for `households` and returns one dwelling per household, in building
 * order. `firstNumber` continues the community's numbering across its grids.
 */
export function layOutGrid(d: Draw, households: number, village: boolean, firstNumber: number, geometry: AreaGeometry | null, center: [number, number] | null): { buildings: LaidBuilding[]; dwellings: Dwelling[] } {
  const buildings: LaidBuilding[] = [];
  const dwellings: Dwelling[] = [];
  if (households === 0) return { buildings, dwellings };
  if (village) {
    let left = households;
    for (let n = firstNumber; left > 0; n++) {
      const houses = Math.min(left, d.int(25, 60));
      buildings.push({ number: n, name: `${n}组`, floors: 1, kind: 'bungalow', units: [], location: pointIn(d, geometry, center) });
      const b = buildings.length - 1;
      // House numbers with gaps: some plots stand empty or were merged.
      let no = 0;
      for (let h = 0; h < houses; h++) {
        no += d.chance(0.12) ? 2 : 1;
        dwellings.push({ building: b, unit: null, room: `${no}号`, label: `${n}组${no}号` });
      }
      left -= houses;
    }
    return { buildings, dwellings };
  }
  // Enough flats for about 90% occupancy, then a random choice of exactly `households` of them.
  let capacity = 0;
  for (let n = firstNumber; capacity * 0.9 < households; n++) {
    const floors = d.pick(FLOORS);
    const unitCount = floors >= 18 ? d.int(1, 2) : d.int(2, 4);
    const units = Array.from({ length: unitCount }, (_, u) => ({ name: `${u + 1}单元`, floors, roomsPerFloor: 2 }));
    buildings.push({ number: n, name: `${n}栋`, floors, kind: 'residential', units, location: pointIn(d, geometry, center) });
    capacity += unitCount * floors * 2;
  }
  let need = households, rest = capacity;
  buildings.forEach((b, bi) => {
    b.units.forEach((u, ui) => {
      for (let f = 1; f <= u.floors; f++) {
        for (let r = 1; r <= u.roomsPerFloor; r++, rest--) {
          // Selection sampling: each flat is taken with probability need/rest, exactly `households` in all.
          if (need > 0 && d.next() * rest < need) {
            const room = `${f}${String(r).padStart(2, '0')}`;
            dwellings.push({ building: bi, unit: ui, room, label: `${b.number}栋${ui + 1}单元${room}室` });
            need--;
          }
        }
      }
    });
  });
  return { buildings, dwellings };
}
