// Reads the vendored 统计用区划代码 (statistical division codes) for districts 区/旗/县 (6 digits),
// streets 街道/镇/乡/苏木 (9 digits) and communities/villages 社区/村/嘎查 (12 digits).
import { readFileSync } from 'node:fs';

export const DIVISIONS_DIR = new URL('../../../../resources/divisions/', import.meta.url);
const FILE_SUFFIX = '_1502_1507.csv';

export interface DistrictRecord { code: string; name: string; cityCode: string; provinceCode: string }
export interface StreetRecord { code: string; name: string; districtCode: string; cityCode: string }
export interface CommunityRecord { code: string; name: string; streetCode: string; districtCode: string; cityCode: string }
export interface Divisions { districts: DistrictRecord[]; streets: StreetRecord[]; communities: CommunityRecord[] }

/** RFC 4180 CSV: quoted fields, doubled quotes inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** Rows as objects keyed by the header; throws naming the file when a column is missing. */
function readTable(dir: URL, name: string, columns: string[]): Record<string, string>[] {
  const file = new URL(name + FILE_SUFFIX, dir);
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  for (const c of columns) {
    if (!header.includes(c)) throw new Error(`${file.pathname}: missing column "${c}"`);
  }
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '').trim()])));
}

/** The CSVs write city codes with 4 digits (1502); the platform uses GB/T 2260's 6 (150200). */
function sixDigitCity(code: string): string {
  return code.length === 4 ? code + '00' : code;
}

export function loadDivisions(dir: URL = DIVISIONS_DIR): Divisions {
  const districts = readTable(dir, 'areas', ['code', 'name', 'cityCode', 'provinceCode']).map((r) => ({
    code: r.code, name: r.name, cityCode: sixDigitCity(r.cityCode), provinceCode: r.provinceCode,
  }));
  const streets = readTable(dir, 'streets', ['code', 'name', 'areaCode', 'cityCode']).map((r) => ({
    code: r.code, name: r.name, districtCode: r.areaCode, cityCode: sixDigitCity(r.cityCode),
  }));
  const communities = readTable(dir, 'villages', ['code', 'name', 'streetCode', 'areaCode', 'cityCode']).map((r) => ({
    code: r.code, name: r.name, streetCode: r.streetCode, districtCode: r.areaCode, cityCode: sixDigitCity(r.cityCode),
  }));
  return { districts, streets, communities };
}

/**
 * Urban or rural by the 城乡 part of the code (the last three digits): 001–199 居委会 and
 * 400–499 (居委会-like, in development zones) are urban; 200–399 村委会 and 500+ (farm/forest
 * team 生产队, 生活区) are rural. More reliable than names ("新村社区" is urban).
 */
export function isUrbanCommunity(code: string): boolean {
  const seq = Number(code.slice(9, 12));
  return seq < 200 || (seq >= 400 && seq < 500);
}

/** 街道 (sub-district, urban) have street sequence 001–099; 镇/乡/苏木 and farms come after. */
export function isUrbanStreet(code: string): boolean {
  return Number(code.slice(6, 9)) < 100;
}

/**
 * The everyday name of a community or village: the committee suffix dropped
 * ("环西社区居委会" → "环西社区", "丰收村民委员会" → "丰收村", "巴彦嘎查委员会" → "巴彦嘎查").
 * Names that would lose their meaning keep the official form ("金星居委会").
 */
export function communityShortName(official: string): string {
  const resident = official.match(/^(.*社区)(居民委员会|居委会)$/);
  if (resident) return resident[1];
  const village = official.match(/^(.+?)(村民委员会|村委会|村委)$/);
  if (village) return village[1].endsWith('村') ? village[1] : village[1] + '村';
  const other = official.match(/^(.*(社区|村|嘎查))委员会$/);
  if (other) return other[1];
  return official;
}
