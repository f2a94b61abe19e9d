import { sql } from 'kysely';
import { makeCreditCode, makeIdNumber } from '../../src/kernel/validators/index.ts';
import type { TestApp } from '../helpers/app.ts';

/** Shared by the registry API tests and the scope matrix: grids to write into, fresh valid ID numbers and credit codes. */

export interface RegistryGrids {
  /** The demo grid worker's grid (inside every 昆都仑区 demo user's scope). */
  kdlGrid: string;
  /** Another grid of the same community: outside the grid worker's scope only. */
  siblingGrid: string;
  /** A grid of 青山区: outside the district, street, community and grid users. */
  qsGrid: string;
  /** A grid of 呼伦贝尔 (the other city). */
  hlbeGrid: string;
}

export async function registryGrids(t: TestApp): Promise<RegistryGrids> {
  const me = (await t.as(await t.login('kdl.grid'), { url: '/api/auth/me' })).json().user;
  const first = async (under: string, not?: string) => (await t.tdb.db.selectFrom('area').select('code').where('level', '=', 'grid')
    .where(sql<boolean>`path <@ (SELECT path FROM area WHERE code = ${under})`).$if(!!not, (q) => q.where('code', '!=', not!))
    .orderBy('code').limit(1).executeTakeFirstOrThrow()).code;
  const community = (await t.tdb.db.selectFrom('area').select('parent_code').where('code', '=', me.scopeCode).executeTakeFirstOrThrow()).parent_code!;
  return { kdlGrid: me.scopeCode, siblingGrid: await first(community, me.scopeCode), qsGrid: await first('150204'), hlbeGrid: await first('150702') };
}

let counter = 0;
// Each call gives a number never used before in this process: birth dates walk forward a day at a time.
export function newIdNumber(sex: '1' | '2' = '1', area = '150203'): string {
  const n = counter++;
  const birth = new Date(Date.UTC(1950, 0, 1) + (n % 20000) * 86400_000 + Math.floor(Math.random() * 50) * 20000 * 86400_000 / 50);
  const seq = (Math.floor(Math.random() * 450) * 2 + (sex === '1' ? 1 : 2)) % 1000;
  return makeIdNumber(area, birth.toISOString().slice(0, 10), seq);
}

let orgCounter = 0;
export function newCreditCode(prefix = '91', area = '150203'): string {
  const body = (Date.now().toString(36).slice(-4) + (orgCounter++).toString(36).padStart(4, '0')).toUpperCase().replace(/[IOSVZ]/g, '1');
  return makeCreditCode(prefix, area, body);
}

export const personBody = (gridCode: string, over: Record<string, unknown> = {}) => ({
  name: '王建国', idNumber: newIdNumber(), gridCode, ethnicity: '01', politicalStatus: '13', education: '20', phone: '13912345678', ...over,
});

export const householdBody = (gridCode: string, over: Record<string, unknown> = {}) => ({
  gridCode, address: '昆都仑区钢铁大街 12 号 3 单元 501', room: '501', phone: '0472-5123456',
  members: [
    { name: '李大山', idNumber: newIdNumber('1'), relation: '02', ethnicity: '01', phone: '13800138000' },
    { name: '赵小红', idNumber: newIdNumber('2'), relation: '10', ethnicity: '02' },
  ],
  ...over,
});

/** Any 18-character ID number in clear (17 digits and a digit or X), as a regex over a whole response body. */
export const CLEAR_ID = /(?<![0-9])[0-9]{17}[0-9X](?![0-9])/;

/** A 1×1 PNG as a multipart upload (field "file"), ready for app.inject. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
export function pngUpload(filename = 'photo.png'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----shiyu${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`);
  return { payload: Buffer.concat([head, PNG_1X1, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export type RegistryKind = 'people' | 'households' | 'buildings' | 'organisations' | 'rental-houses';
/** spare: a lone person and an empty household, for the 注销 (deregister) rows of the scope matrix. */
export type RegistryRecords = Record<RegistryKind, number> & { idNumber: string; attachment: number; spare: { person: number; household: number } };

export interface RegistryMatrixFixture {
  grids: RegistryGrids;
  /** Records in the grid worker's grid (inside every 昆都仑区 user), in 青山区 (outside them), in 呼伦贝尔 (other city). */
  kdl: RegistryRecords; qs: RegistryRecords; hlbe: RegistryRecords;
  /** One set per writer, for the rows that change a record once (PATCH with version 1, move, tag removal). */
  own: Record<string, RegistryRecords>;
  /** A tag only one city has, by city; a tag each city admin may delete, by username. */
  cityOnlyTag: Record<string, string>; deletableTag: Record<string, string>;
}

/** Builds the registry records the scope matrix reads and changes, through the API as each city's admin. */
export async function registryMatrixFixture(t: TestApp, users: Record<string, { username: string; role: string; cityCode: string }>): Promise<RegistryMatrixFixture> {
  const grids = await registryGrids(t);
  const admins: Record<string, string> = { '150200': await t.login('admin'), '150700': await t.login('hlbe.admin') };
  const post = async (cookie: string, url: string, payload: unknown) => {
    const res = await t.as(cookie, { method: 'POST', url, payload: payload as Record<string, unknown> });
    if (res.statusCode !== 201) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const records = async (city: string, gridCode: string): Promise<RegistryRecords> => {
    const cookie = admins[city];
    const area = city === '150700' ? '150702' : '150203';
    const body = householdBody(gridCode);
    body.members[0].idNumber = newIdNumber('1', area);
    body.members[1].idNumber = newIdNumber('2', area);
    const h = await post(cookie, '/api/registry/households', body);
    await t.as(cookie, { method: 'POST', url: `/api/registry/people/${h.headPersonId}/tags`, payload: { code: 'VETERAN' } });
    const b = await post(cookie, '/api/registry/buildings', { gridCode, name: '矩阵楼' });
    const o = await post(cookie, '/api/registry/organisations', { kind: 'enterprise', name: '矩阵公司', creditCode: newCreditCode('91', area), gridCode });
    const r = await post(cookie, '/api/registry/rental-houses', { householdId: h.id, landlordPersonId: h.headPersonId, tenants: 1 });
    const up = pngUpload();
    const a = await t.as(cookie, { method: 'POST', url: `/api/registry/people/${h.headPersonId}/attachments`, payload: up.payload, headers: up.headers });
    const lone = await post(cookie, '/api/registry/people', personBody(gridCode, { idNumber: newIdNumber('1', area) }));
    const emptied = await post(cookie, '/api/registry/households', householdBody(gridCode, { members: [{ ...body.members[0], idNumber: newIdNumber('1', area) }] }));
    const gone = await t.as(cookie, { method: 'POST', url: `/api/registry/people/${emptied.headPersonId}/deregister`, payload: { reason: 'moved_out' } });
    if (gone.statusCode !== 200) throw new Error(`fixture deregister: ${gone.statusCode} ${gone.body}`);
    return {
      people: h.headPersonId, households: h.id, buildings: b.id, organisations: o.id, 'rental-houses': r.id, idNumber: body.members[0].idNumber, attachment: a.json().id,
      spare: { person: lone.id, household: emptied.id },
    };
  };
  const own: Record<string, RegistryRecords> = {};
  for (const w of Object.values(users)) {
    if (['city_admin', 'district_staff', 'street_staff', 'community_staff', 'grid_worker'].includes(w.role)) {
      own[w.username] = await records(w.cityCode, w.cityCode === '150700' ? grids.hlbeGrid : grids.kdlGrid);
    }
  }
  const cityOnlyTag: Record<string, string> = {};
  const deletableTag: Record<string, string> = {};
  for (const [city, cookie] of Object.entries(admins)) {
    cityOnlyTag[city] = (await post(cookie, '/api/registry/tags', { code: `MX_ONLY_${city}`, name: '矩阵专用', category: 'care', appliesTo: 'person' })).code;
    const admin = city === '150700' ? 'hlbe.admin' : 'admin';
    deletableTag[admin] = (await post(cookie, '/api/registry/tags', { code: `MX_DEL_${city}`, name: '矩阵删除', category: 'care', appliesTo: 'person' })).code;
  }
  return {
    grids, own, cityOnlyTag, deletableTag,
    kdl: await records('150200', grids.kdlGrid), qs: await records('150200', grids.qsGrid), hlbe: await records('150700', grids.hlbeGrid),
  };
}
