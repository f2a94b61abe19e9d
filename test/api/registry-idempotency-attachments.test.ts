import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { householdBody, personBody, registryGrids, type RegistryGrids } from './registry-fixtures.ts';

let t: TestApp;
let g: RegistryGrids;
let grid: string;
beforeAll(async () => { t = await createTestApp(); g = await registryGrids(t); grid = await t.login('kdl.grid'); });
afterAll(async () => { await t?.close(); });

const peopleWith = async (idNumber: string) => t.tdb.db.selectFrom('person').select('id').where('id_number', '=', idNumber).execute();

describe('Idempotency-Key on creates (a phone retrying on a bad network)', () => {
  it('a replay returns the first answer and creates one record', async () => {
    const body = personBody(g.kdlGrid);
    const headers = { 'idempotency-key': 'c1b6f2d0-0001-4e7a-9f00-000000000001' };
    const first = await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: body, headers });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replay']).toBeUndefined();
    const again = await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: { ...body }, headers });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(await peopleWith(body.idNumber)).toHaveLength(1);
    expect(await t.tdb.db.selectFrom('record_change').select('id').where('entity_type', '=', 'person').where('entity_id', '=', first.json().id).execute()).toHaveLength(1);
    // The same key with a different request: refused, nothing written.
    const other = await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: { ...body, name: '别人' }, headers });
    expect(other.statusCode).toBe(422);
    expect(other.json().error).toMatchObject({ code: 'idempotency_key_reused', details: { field: 'Idempotency-Key' } });
    const elsewhere = await t.as(grid, { method: 'POST', url: '/api/registry/households', payload: householdBody(g.kdlGrid), headers });
    expect(elsewhere.statusCode).toBe(422);
  });

  it('identical requests racing create one record and all get its answer', async () => {
    const body = householdBody(g.kdlGrid);
    const headers = { 'idempotency-key': 'race-0000-0000-0001' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.as(grid, { method: 'POST', url: '/api/registry/households', payload: body, headers })));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replay'] === 'true')).toHaveLength(5);
    expect(await peopleWith(body.members[0].idNumber)).toHaveLength(1);
  });

  it('keys are per user; a refused create stores nothing, so the fixed request may reuse the key', async () => {
    const headers = { 'idempotency-key': 'shared-key-between-users' };
    const a = await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid), headers });
    const b = await t.as(await t.login('kdl.community'), { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid), headers });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).not.toBe(b.json().id);
    const fixKey = { 'idempotency-key': 'fix-and-retry-0001' };
    const bad = await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid, { phone: '123' }), headers: fixKey });
    expect(bad.statusCode).toBe(400);
    const good = await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid), headers: fixKey });
    expect(good.statusCode).toBe(201);
    const short = await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid), headers: { 'idempotency-key': 'abc' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.field).toBe('Idempotency-Key');
  });
});

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function multipart(filename: string, contentType: string, data: Buffer) {
  const boundary = `----shiyu${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('attachments: images only, at most 10 MB, read within scope', () => {
  let personId: number;
  beforeAll(async () => { personId = (await t.as(grid, { method: 'POST', url: '/api/registry/people', payload: personBody(g.kdlGrid) })).json().id; });
  const upload = (filename: string, type: string, data: Buffer, extra: Record<string, string> = {}, cookie = grid, url = `/api/registry/people/${personId}/attachments`) => {
    const m = multipart(filename, type, data);
    return t.as(cookie, { method: 'POST', url, payload: m.payload, headers: { ...m.headers, ...extra } });
  };
  const count = async () => (await t.tdb.db.selectFrom('attachment').select('id').execute()).length;

  it('a PNG passes and is served back to those who may see the record', async () => {
    const res = await upload('证件照.png', 'image/png', PNG_1x1);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ filename: '证件照.png', mime: 'image/png', size: PNG_1x1.length });
    const detail = (await t.as(grid, { url: `/api/registry/people/${personId}` })).json();
    expect(detail.attachments.map((x: { id: number }) => x.id)).toEqual([a.id]);
    const got = await t.as(grid, { url: `/api/registry/attachments/${a.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(got.rawPayload, PNG_1x1)).toBe(0);
    expect((await t.as(await t.login('hlbe.admin'), { url: `/api/registry/attachments/${a.id}` })).statusCode).toBe(404);
    const history = (await t.as(grid, { url: `/api/registry/people/${personId}/history` })).json().items;
    expect(history[0].action).toBe('attach');
    // A JPEG named .png is stored as what it is.
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
    expect((await upload('photo.png', 'image/png', jpeg)).json().mime).toBe('image/jpeg');
  });

  it('a text file renamed .png is refused (415); an 11 MB file is refused (413); nothing stored', async () => {
    const n = await count();
    const text = await upload('evil.png', 'image/png', Buffer.from('<script>alert(1)</script> this is not an image at all'));
    expect(text.statusCode).toBe(415);
    expect(text.json().error).toMatchObject({ code: 'unsupported_media_type', details: { field: 'file' } });
    const big = Buffer.concat([PNG_1x1.subarray(0, 16), Buffer.alloc(11 * 1024 * 1024)]);
    const large = await upload('big.png', 'image/png', big);
    expect(large.statusCode).toBe(413);
    expect(large.json().error).toMatchObject({ code: 'file_too_large', details: { field: 'file' } });
    const json = await t.as(grid, { method: 'POST', url: `/api/registry/people/${personId}/attachments`, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(await count()).toBe(n);
  });

  it('a 3 MB photo passes (above the JSON body limit); retried with its key it is stored once', async () => {
    const photo = Buffer.concat([PNG_1x1.subarray(0, 16), Buffer.alloc(3 * 1024 * 1024, 7)]);
    const headers = { 'idempotency-key': 'upload-photo-0001' };
    const first = await upload('门牌.png', 'image/png', photo, headers);
    expect(first.statusCode, first.body).toBe(201);
    const again = await upload('门牌.png', 'image/png', photo, headers);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect((await t.tdb.db.selectFrom('attachment').select('id').where('sha256', '=', first.json().sha256).execute())).toHaveLength(1);
  });

  it('uploads to a record outside the area are refused as not found', async () => {
    const other = (await t.as(await t.login('admin'), { method: 'POST', url: '/api/registry/people', payload: personBody(g.siblingGrid) })).json();
    const res = await upload('x.png', 'image/png', PNG_1x1, {}, grid, `/api/registry/people/${other.id}/attachments`);
    expect(res.statusCode).toBe(404);
    const buildings = await t.as(grid, { method: 'POST', url: '/api/registry/buildings', payload: { gridCode: g.kdlGrid, name: '附件楼' } });
    const ok = await upload('楼.png', 'image/png', PNG_1x1, {}, grid, `/api/registry/buildings/${buildings.json().id}/attachments`);
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
