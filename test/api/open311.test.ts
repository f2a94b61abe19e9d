import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, ok, places, ZHUJIAN, type Places } from './tickets-fixtures.ts';

/** Open311 GeoReport v2 on the wire, as the spec shows it: JSON and XML, errors as the spec's array. */

type Node = { name: string; children: Node[]; text: string };
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** A strict little XML reader for what the spec uses (declaration, elements, text, the five entities); throws on anything else. */
function parseXml(doc: string): Node {
  const decl = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (!doc.startsWith(decl)) throw new Error('no XML declaration');
  const stack: Node[] = [{ name: '#doc', children: [], text: '' }];
  const re = /<(\/?)([a-z_]+)(\/?)>|([^<]+)|(<)/g;
  const body = doc.slice(decl.length);
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(body))) {
    if (m.index !== at) throw new Error(`gap at ${at}`);
    at = re.lastIndex;
    const top = stack[stack.length - 1];
    if (m[5]) throw new Error(`stray < at ${m.index}`);
    if (m[4] !== undefined) {
      if (stack.length === 1) throw new Error('text outside the root');
      top.text += m[4].replace(/&([a-z]+);|&/g, (all, name) => { if (!name || !ENTITIES[name]) throw new Error(`bad entity ${all}`); return ENTITIES[name]; });
    } else if (m[1]) {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const node = { name: m[2], children: [], text: '' };
      if (stack.length === 1 && top.children.length) throw new Error('two roots');
      top.children.push(node);
      if (!m[3]) stack.push(node);
    }
  }
  if (at !== body.length || stack.length !== 1 || stack[0].children.length !== 1) throw new Error('unbalanced document');
  return stack[0].children[0];
}
const child = (n: Node, name: string) => n.children.find((c) => c.name === name);

let t: TestApp;
let p: Places;
let dispatcherKey: string;
let hlbeKey: string;
const O = '/open311/v2';
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const form = (o: Record<string, string | number>) => Object.entries(o).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');

function isJson(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return res.json();
}
function isXml(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  return parseXml(res.body);
}
const post = (format: 'json' | 'xml', payload: Record<string, string | number>, asJson = false) =>
  t.app.inject({ method: 'POST', url: `${O}/requests.${format}`, ...(asJson ? { payload } : { payload: form(payload), headers: FORM }) });

beforeAll(async () => {
  t = await createTestApp();
  p = await places(t);
  dispatcherKey = ok(await t.as(await t.login('dispatcher'), { method: 'POST', url: '/api/api-keys', payload: { name: 'open311 app' } }), 201).key;
  hlbeKey = ok(await t.as(await t.login('hlbe.admin'), { method: 'POST', url: '/api/api-keys', payload: { name: 'open311 app' } }), 201).key;
  // 呼伦贝尔's catalogue cut to one branch, so its service list can be compared whole.
  await t.tdb.db.updateTable('ticket_category').set({ active: false }).where('city_code', '=', '150700').where('code', 'not in', ['T01', 'T01.01', 'T01.01.01']).execute();
});
afterAll(async () => { await t?.close(); });

describe('services', () => {
  it('lists the city’s level-1 and level-2 categories, exactly in JSON and in XML', async () => {
    const json = await t.app.inject({ url: `${O}/services.json?jurisdiction_id=150700` });
    isJson(json, 200);
    expect(json.body).toBe(JSON.stringify([
      { service_code: 'T01', service_name: '城乡建设', description: '城乡建设（大类）/ 城乡建设 (general)', metadata: true, type: 'realtime', keywords: '安全生产', group: '城乡建设' },
      { service_code: 'T01.01', service_name: '安全生产', description: '城乡建设 / 安全生产', metadata: true, type: 'realtime', keywords: '事故处理', group: '城乡建设' },
    ]));
    const xml = await t.app.inject({ url: `${O}/services.xml?jurisdiction_id=150700` });
    isXml(xml, 200);
    expect(xml.body).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<services>'
      + '<service><service_code>T01</service_code><service_name>城乡建设</service_name><description>城乡建设（大类）/ 城乡建设 (general)</description><metadata>true</metadata><type>realtime</type><keywords>安全生产</keywords><group>城乡建设</group></service>'
      + '<service><service_code>T01.01</service_code><service_name>安全生产</service_name><description>城乡建设 / 安全生产</description><metadata>true</metadata><type>realtime</type><keywords>事故处理</keywords><group>城乡建设</group></service>'
      + '</services>');
  });

  it('Baotou lists every active level-1 and level-2 category', async () => {
    const list = isJson(await t.app.inject({ url: `${O}/services.json?jurisdiction_id=150200` }), 200) as { service_code: string; group: string }[];
    const n = await t.tdb.db.selectFrom('ticket_category').select((eb) => eb.fn.countAll<string>().as('n')).where('city_code', '=', '150200').where('active', '=', true).where('level', '<=', 2).executeTakeFirstOrThrow();
    expect(list).toHaveLength(Number(n.n));
    expect(list.find((s) => s.service_code === 'S01')).toMatchObject({ service_name: '市容环境', group: '市容环境' });
  });

  it('defines each service’s attributes (demand type, urgent), exactly in JSON and in XML', async () => {
    const def = isJson(await t.app.inject({ url: `${O}/services/T01.01.json?jurisdiction_id=150700` }), 200);
    expect(def).toEqual({
      service_code: 'T01.01',
      attributes: [
        {
          variable: true, code: 'demand_type', datatype: 'singlevaluelist', required: false, datatype_description: '不填时为“求助” / help when absent', order: 1,
          description: '诉求类型：决定办理时限 / type of demand; it sets the deadline',
          values: [{ key: 'consult', name: '咨询' }, { key: 'complaint', name: '投诉' }, { key: 'help', name: '求助' }, { key: 'suggestion', name: '建议' }, { key: 'report', name: '举报' }, { key: 'other', name: '其他' }],
        },
        {
          variable: true, code: 'urgent', datatype: 'singlevaluelist', required: false, datatype_description: '不填时为“否” / false when absent', order: 2,
          description: '是否紧急（危及安全，需按小时处置）/ urgent: a danger to be handled within hours', values: [{ key: 'false', name: '否' }, { key: 'true', name: '是' }],
        },
      ],
    });
    const xml = await t.app.inject({ url: `${O}/services/T01.01.xml?jurisdiction_id=150700` });
    isXml(xml, 200);
    const values = (pairs: [string, string][]) => `<values>${pairs.map(([k, n]) => `<value><key>${k}</key><name>${n}</name></value>`).join('')}</values>`;
    expect(xml.body).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<service_definition><service_code>T01.01</service_code><attributes>'
      + '<attribute><variable>true</variable><code>demand_type</code><datatype>singlevaluelist</datatype><required>false</required><datatype_description>不填时为“求助” / help when absent</datatype_description><order>1</order><description>诉求类型：决定办理时限 / type of demand; it sets the deadline</description>'
      + values([['consult', '咨询'], ['complaint', '投诉'], ['help', '求助'], ['suggestion', '建议'], ['report', '举报'], ['other', '其他']]) + '</attribute>'
      + '<attribute><variable>true</variable><code>urgent</code><datatype>singlevaluelist</datatype><required>false</required><datatype_description>不填时为“否” / false when absent</datatype_description><order>2</order><description>是否紧急（危及安全，需按小时处置）/ urgent: a danger to be handled within hours</description>'
      + values([['false', '否'], ['true', '是']]) + '</attribute>'
      + '</attributes></service_definition>');
  });
});

describe('requests', () => {
  const phone = '13912345678';
  let formId = '';
  let jsonId = '';

  it('files a form-encoded POST as a ticket of the key’s user and shows it by id, without the reporter', async () => {
    const [lon, lat] = p.kdlGrid.center;
    const res = await post('json', {
      api_key: dispatcherKey, jurisdiction_id: '150200', service_code: 'T01.02', lat, long: lon, address_string: '幸福路 12 号 A&B 楼前',
      description: `路灯坏了 & 温度<0度，请回电 ${phone}`, first_name: '三', last_name: '张', phone, email: 'zhang@example.cn',
      media_url: 'https://img.example.cn/p/1.jpg', 'attribute[demand_type]': 'complaint', 'attribute[urgent]': 'false',
    });
    const created = isJson(res, 200);
    expect(created).toEqual([{ service_request_id: expect.stringMatching(/^[0-9]{8}-[0-9]{5}$/), service_notice: expect.stringContaining('已受理'), account_id: null }]);
    formId = created[0].service_request_id;
    const row = await t.tdb.db.selectFrom('ticket').selectAll().where('number', '=', formId).where('city_code', '=', '150200').executeTakeFirstOrThrow();
    const dispatcher = await t.tdb.db.selectFrom('app_user').select('id').where('username', '=', 'dispatcher').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'open311', demand_type: 'complaint', category_code: 'T01.02', reporter_name: '张三', reporter_phone: phone, grid_code: p.kdlGrid.code, created_by: dispatcher.id, state: 'received' });

    const one = await t.app.inject({ url: `${O}/requests/${formId}.json?jurisdiction_id=150200` });
    const [r] = isJson(one, 200);
    expect(Object.keys(r)).toEqual(['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
      'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url']);
    expect(r).toMatchObject({
      service_request_id: formId, status: 'open', status_notes: '受理 / received', service_name: '城市建设和市政管理', service_code: 'T01.02',
      description: '路灯坏了 & 温度<0度，请回电 139****5678', agency_responsible: null, address: '幸福路 12 号 A&B 楼前', address_id: p.kdlGrid.code,
      lat, long: lon, media_url: 'https://img.example.cn/p/1.jpg', zipcode: null,
    });
    expect(r.requested_datetime).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00$/);
    expect(Date.parse(r.requested_datetime)).toBe(row.received_at.getTime() - row.received_at.getMilliseconds());
    for (const secret of [phone, '张三', 'zhang@example.cn']) expect(one.body).not.toContain(secret);

    const xml = await t.app.inject({ url: `${O}/requests/${formId}.xml?jurisdiction_id=150200` });
    const doc = isXml(xml, 200);
    expect(doc.name).toBe('service_requests');
    const req = child(doc, 'request')!;
    expect(req.children.map((c) => c.name)).toEqual(Object.keys(r));
    expect(child(req, 'description')!.text).toBe('路灯坏了 & 温度<0度，请回电 139****5678');
    expect(xml.body).toContain('<description>路灯坏了 &amp; 温度&lt;0度，请回电 139****5678</description>');
    expect(xml.body).toContain('<zipcode/>');
    expect(xml.body).not.toContain(phone);
  });

  it('accepts a JSON body and answers in XML; GET requests finds both by id, and by service and status', async () => {
    const res = await post('xml', { api_key: dispatcherKey, jurisdiction_id: '150200', service_code: 'S01', address_id: p.kdlGrid.code, description: '垃圾桶满了没人清运', account_id: 'app-42' }, true);
    const doc = isXml(res, 200);
    const req = child(doc, 'request')!;
    expect(req.children.map((c) => c.name)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(child(req, 'account_id')!.text).toBe('app-42');
    jsonId = child(req, 'service_request_id')!.text;
    const row = await t.tdb.db.selectFrom('ticket').select(['channel', 'demand_type', 'grid_code', 'lon']).where('number', '=', jsonId).where('city_code', '=', '150200').executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'open311', demand_type: 'help', grid_code: p.kdlGrid.code, lon: null });

    const both = isJson(await t.app.inject({ url: `${O}/requests.json?jurisdiction_id=150200&service_request_id=${formId},${jsonId}` }), 200);
    expect(both.map((x: { service_request_id: string }) => x.service_request_id).sort()).toEqual([formId, jsonId].sort());
    const byService = isJson(await t.app.inject({ url: `${O}/requests.json?jurisdiction_id=150200&service_code=S01&status=open` }), 200);
    expect(byService.map((x: { service_request_id: string }) => x.service_request_id)).toEqual([jsonId]);
    const list = isXml(await t.app.inject({ url: `${O}/requests.xml?jurisdiction_id=150200&service_code=T01,S01` }), 200);
    expect(list.children.map((c) => child(c, 'service_request_id')!.text).sort()).toEqual([formId, jsonId].sort());
    expect(isJson(await t.app.inject({ url: `${O}/requests.json?jurisdiction_id=150200&status=closed` }), 200)).toEqual([]);
  });

  it('follows the ticket to its close: status closed, the unit’s answer in status_notes, the department as agency', async () => {
    const id = (await t.tdb.db.selectFrom('ticket').select('id').where('number', '=', formId).where('city_code', '=', '150200').executeTakeFirstOrThrow()).id;
    for (const [who, body] of [
      ['dispatcher', { action: 'register' }], ['dispatcher', { action: 'dispatch', assignee: { kind: 'department', department: ZHUJIAN } }], ['dept.zhujian', { action: 'sign' }],
      ['dept.zhujian', { action: 'reply', result: '已更换路灯灯头，恢复照明' }], ['kdl.grid', { action: 'verify', passed: true, note: '现场查看路灯已亮' }], ['dispatcher', { action: 'close', note: '办结' }],
    ] as const) ok(await act(t, who, id, body));
    const [r] = isJson(await t.app.inject({ url: `${O}/requests/${formId}.json?jurisdiction_id=150200` }), 200);
    expect(r).toMatchObject({ status: 'closed', status_notes: '已结案 / closed：已更换路灯灯头，恢复照明', agency_responsible: ZHUJIAN, expected_datetime: null });
    const closed = isJson(await t.app.inject({ url: `${O}/requests.json?jurisdiction_id=150200&status=closed` }), 200);
    expect(closed.map((x: { service_request_id: string }) => x.service_request_id)).toEqual([formId]);
  });

  it('answers no request with the reporter’s phone, in any list', async () => {
    for (const f of ['json', 'xml']) {
      const res = await t.app.inject({ url: `${O}/requests.${f}?jurisdiction_id=150200` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(formId);
      expect(res.body).not.toContain(phone);
      expect(res.body).not.toContain('张三');
    }
  });
});

describe('errors, as the spec’s array', () => {
  const [lon, lat] = [0, 0];
  const cases: [string, () => Promise<LightMyRequestResponse>, number, string][] = [];
  const both = (name: string, status: number, description: string, req: (f: 'json' | 'xml') => Promise<LightMyRequestResponse>) => {
    cases.push([`${name} (json)`, () => req('json'), status, description], [`${name} (xml)`, () => req('xml'), status, description]);
  };
  const at = () => ({ lat: p.kdlGrid.center[1], long: p.kdlGrid.center[0] });
  both('a missing api_key', 403, 'api_key: 缺少 api_key，无法提交 / missing api_key -- cannot create a request', (f) => post(f, { jurisdiction_id: '150200', service_code: 'T01', ...at() }));
  both('a bad api_key', 403, 'api_key: api_key 无效或已吊销，无法提交 / invalid api_key -- cannot create a request', (f) => post(f, { api_key: 'sy_abcdefgh_not-a-real-secret-at-all-000', jurisdiction_id: '150200', service_code: 'T01', ...at() }));
  both('a missing service_code', 400, 'service_code: 缺少参数 / was not provided', (f) => post(f, { api_key: dispatcherKey, jurisdiction_id: '150200', ...at() }));
  both('an unknown service_code', 404, 'service_code: T99 不存在 / T99 was not found', (f) => post(f, { api_key: dispatcherKey, jurisdiction_id: '150200', service_code: 'T99', ...at() }));
  both('a missing location', 400, 'lat, long: 缺少位置：请提供 lat 和 long，或 address_id（网格或区域编码）/ a location is required: lat & long, or address_id (a grid or area code)', (f) => post(f, { api_key: dispatcherKey, jurisdiction_id: '150200', service_code: 'T01', description: '无位置' }));
  both('a point in no grid of the city', 400, 'lat, long: 该位置不在本市任何网格内 / the point lies in no grid of your city', (f) => post(f, { api_key: dispatcherKey, jurisdiction_id: '150200', service_code: 'T01', lat, long: lon }));
  both('an unknown jurisdiction_id', 404, 'jurisdiction_id: 150300 不存在 / 150300 was not found', (f) => t.app.inject({ url: `${O}/services.${f}?jurisdiction_id=150300` }));
  both('a key of another city', 403, 'api_key: 该 api_key 不属于 jurisdiction_id 150200 / this api_key is not valid for jurisdiction_id 150200', (f) => post(f, { api_key: hlbeKey, jurisdiction_id: '150200', service_code: 'T01', ...at() }));
  both('a request id not found', 404, 'service_request_id: 20000101-00001 不存在 / 20000101-00001 was not found', (f) => t.app.inject({ url: `${O}/requests/20000101-00001.${f}?jurisdiction_id=150200` }));
  both('a bad attribute value', 400, 'attribute[demand_type]: 应为 consult, complaint, help, suggestion, report, other 之一 / must be one of these keys', (f) => post(f, { api_key: dispatcherKey, jurisdiction_id: '150200', service_code: 'T01', ...at(), 'attribute[demand_type]': '投诉' }));

  it.each(cases.map((c) => [c[0], c] as const))('%s', async (_n, [name, req, status, description]) => {
    const res = await req();
    if (name.endsWith('(json)')) {
      expect(isJson(res, status)).toEqual([{ code: status, description }]);
    } else {
      isXml(res, status);
      const esc = description.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
      expect(res.body).toBe(`<?xml version="1.0" encoding="UTF-8"?>\n<errors><error><code>${status}</code><description>${esc}</description></error></errors>`);
    }
  });

  it('names every missing parameter at once, and requires jurisdiction_id when the server holds several cities', async () => {
    const res = await post('json', { api_key: dispatcherKey, jurisdiction_id: '150200' });
    expect(isJson(res, 400).map((e: { description: string }) => e.description.split(':')[0])).toEqual(['service_code', 'lat, long']);
    const noCity = isJson(await t.app.inject({ url: `${O}/requests.json` }), 400);
    expect(noCity).toHaveLength(1);
    expect(noCity[0].description).toMatch(/^jurisdiction_id: .*150200 包头市, 150700 呼伦贝尔市/);
  });

  it('refuses a date range over 90 days and an unknown status, naming the parameter', async () => {
    const wide = isJson(await t.app.inject({ url: `${O}/requests.json?jurisdiction_id=150200&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z` }), 400);
    expect(wide[0].description).toMatch(/^start_date, end_date: /);
    const status = isJson(await t.app.inject({ url: `${O}/requests.json?jurisdiction_id=150200&status=pending` }), 400);
    expect(status[0].description).toMatch(/^status: /);
    const date = isXml(await t.app.inject({ url: `${O}/requests.xml?jurisdiction_id=150200&start_date=yesterday` }), 400);
    expect(child(child(date, 'error')!, 'description')!.text).toMatch(/^start_date: /);
  });

  it('wrote nothing for any refused POST', async () => {
    const n = await t.tdb.db.selectFrom('ticket').select((eb) => eb.fn.countAll<string>().as('n')).where('channel', '=', 'open311').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
  });
});

describe('the XML reader of these tests', () => {
  it('refuses what is not well-formed', () => {
    for (const bad of ['<a></a>', '<?xml version="1.0" encoding="UTF-8"?>\n<a><b></a></b>', '<?xml version="1.0" encoding="UTF-8"?>\n<a>x & y</a>', '<?xml version="1.0" encoding="UTF-8"?>\n<a>1 < 2</a>', '<?xml version="1.0" encoding="UTF-8"?>\n<a/><b/>']) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    expect(parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a><b>x &amp; y</b><c/></a>')).toEqual({ name: 'a', text: '', children: [{ name: 'b', text: 'x & y', children: [] }, { name: 'c', text: '', children: [] }] });
  });
});
