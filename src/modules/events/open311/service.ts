import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { callerFromApiKey } from '../../../kernel/auth/sessions.ts';
import { intakeTicket, type IntakeBody, type IntakeDeps } from '../tickets/intake-service.ts';
import { namesFor } from '../tickets/store.ts';
import type { TicketRow } from '../tickets/snapshot.ts';
import { DEMAND_TYPES, type DemandType } from '../workflow/states.ts';
import { invalid, keyRefused, missing, notFound, Open311Error, together } from './errors.ts';
import { DEFAULT_DEMAND, serviceCodeOf, servicesOf, toRequest, type Open311Request } from './mapping.ts';
import { attributes, datetime, list, number, required, text, type Params } from './params.ts';

/** The GeoReport v2 methods over the city's categories and tickets; jurisdiction_id is the city code (市 区划代码). */

const DAY = 86_400_000;
/** The spec's response volume: at most 90 days and 1000 requests. */
export const MAX_DAYS = 90;
export const MAX_REQUESTS = 1000;
const SERVICE_CODE = /^[A-Z0-9]+(\.[A-Z0-9]+)?$/;
const REQUEST_ID = /^[0-9]{8}-[0-9]{5}$/;

/** The city a call is about: required when the server holds several cities, 404 when unknown. */
export async function jurisdiction(db: Kysely<DB>, p: Params): Promise<{ code: string; name: string }> {
  const cities = await db.selectFrom('area').select(['code', 'name']).where('level', '=', 'city').orderBy('code').execute();
  const id = text(p, 'jurisdiction_id');
  if (id === undefined) {
    if (cities.length === 1) return cities[0];
    const codes = cities.map((c) => `${c.code} ${c.name}`).join(', ');
    throw missing('jurisdiction_id', `本接口服务多个城市，请指定城市代码（${codes}）/ this endpoint serves several jurisdictions; send one of: ${codes}`);
  }
  const city = cities.find((c) => c.code === id);
  if (!city) throw notFound('jurisdiction_id', id);
  return city;
}

const categoriesOf = (db: Kysely<DB>, city: string, activeOnly = true) => {
  let q = db.selectFrom('ticket_category').select(['code', 'parent_code', 'name', 'level']).where('city_code', '=', city).where('level', '<=', 3);
  if (activeOnly) q = q.where('active', '=', true);
  return q.orderBy('sort').orderBy('code').execute();
};

export async function listServices(db: Kysely<DB>, city: string) {
  return servicesOf(await categoriesOf(db, city));
}

/** A service of the city by code, else 404 naming service_code. */
export async function findService(db: Kysely<DB>, city: string, code: string) {
  const service = SERVICE_CODE.test(code) ? (await listServices(db, city)).find((s) => s.service_code === code) : undefined;
  if (!service) throw notFound('service_code', code);
  return service;
}

/** Runs each check, keeping every parameter error so the client learns them all at once. */
function collector() {
  const errors: Open311Error[] = [];
  return {
    errors,
    run<T>(f: () => T): T | undefined {
      try { return f(); } catch (e) { if (e instanceof Open311Error) { errors.push(e); return undefined; } throw e; }
    },
  };
}

function limited(p: Params, name: string, max: number): string | undefined {
  const v = text(p, name);
  if (v !== undefined && [...v].length > max) throw invalid(name, `不超过 ${max} 个字符 / at most ${max} characters`);
  return v;
}

function attributeValues(p: Params): { demandType: DemandType; urgent: boolean } {
  const attrs = attributes(p);
  const unknown = Object.keys(attrs).find((k) => k !== 'demand_type' && k !== 'urgent');
  if (unknown) throw invalid(`attribute[${unknown}]`, '服务定义中没有此属性 / not an attribute of this service definition');
  const demand = text(attrs, 'demand_type');
  if (demand !== undefined && !(demand in DEMAND_TYPES)) throw invalid('attribute[demand_type]', `应为 ${Object.keys(DEMAND_TYPES).join(', ')} 之一 / must be one of these keys`);
  const urgent = text(attrs, 'urgent');
  if (urgent !== undefined && urgent !== 'true' && urgent !== 'false') throw invalid('attribute[urgent]', '应为 true 或 false / must be true or false');
  return { demandType: (demand as DemandType | undefined) ?? DEFAULT_DEMAND, urgent: urgent === 'true' };
}

/**
 * POST Service Request: the api_key's user files a ticket with channel open311 through the one intake
 * (same checks, point → grid, category, number). A location is lat & long, or address_id = a grid or
 * area code of the city; an address_string alone cannot be placed in a grid and is refused.
 */
export async function createRequest(db: Kysely<DB>, deps: IntakeDeps, body: Params, query: Params) {
  const key = text(body, 'api_key') ?? text(query, 'api_key');
  if (!key) throw keyRefused('缺少 api_key，无法提交 / missing api_key -- cannot create a request');
  const caller = await callerFromApiKey(db, key);
  if (!caller) throw keyRefused('api_key 无效或已吊销，无法提交 / invalid api_key -- cannot create a request');
  const city = await jurisdiction(db, { ...query, ...body });
  if (city.code !== caller.cityCode) throw keyRefused(`该 api_key 不属于 jurisdiction_id ${city.code} / this api_key is not valid for jurisdiction_id ${city.code}`);

  const c = collector();
  const code = c.run(() => required(body, 'service_code'));
  const service = code === undefined ? undefined : await findService(db, city.code, code).catch((e) => { c.errors.push(e); return undefined; });
  const lat = c.run(() => number(body, 'lat', -90, 90));
  const long = c.run(() => number(body, 'long', -180, 180));
  const addressId = c.run(() => { const v = text(body, 'address_id'); if (v !== undefined && !/^[0-9]{6,15}$/.test(v)) throw invalid('address_id', '应为网格或区域编码 / must be a grid or area code of the city'); return v; });
  const addressString = c.run(() => limited(body, 'address_string', 200));
  const hasLat = text(body, 'lat') !== undefined;
  const hasLong = text(body, 'long') !== undefined;
  if (hasLat !== hasLong) c.errors.push(missing(hasLat ? 'long' : 'lat', 'lat 与 long 须同时提供 / lat and long must be sent together'));
  else if (!hasLat && text(body, 'address_id') === undefined) {
    c.errors.push(addressString !== undefined
      ? invalid('lat, long', '仅凭 address_string 无法落到网格，请同时提供 lat 和 long，或 address_id（网格或区域编码）/ an address_string alone cannot be placed; send lat & long, or address_id (a grid or area code)')
      : missing('lat, long', '缺少位置：请提供 lat 和 long，或 address_id（网格或区域编码）/ a location is required: lat & long, or address_id (a grid or area code)'));
  }
  const attrs = c.run(() => attributeValues(body));
  const description = c.run(() => limited(body, 'description', 4000));
  const first = c.run(() => limited(body, 'first_name', 25));
  const last = c.run(() => limited(body, 'last_name', 25));
  const phone = c.run(() => limited(body, 'phone', 30));
  const email = c.run(() => { const v = limited(body, 'email', 100); if (v !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) throw invalid('email', '不是有效的电子邮箱 / not an e-mail address'); return v; });
  const mediaUrl = c.run(() => { const v = limited(body, 'media_url', 500); if (v !== undefined && !/^https?:\/\/[^\s<>"]+$/i.test(v)) throw invalid('media_url', '应为 http(s) 链接 / must be an http(s) URL'); return v; });
  const deviceId = c.run(() => limited(body, 'device_id', 100));
  const accountId = c.run(() => limited(body, 'account_id', 100));
  if (c.errors.length) throw together(c.errors);

  // Chinese order (family name first) when either part is Chinese, else "first last".
  const cjk = /[\u3400-\u9fff]/.test(`${first ?? ''}${last ?? ''}`);
  const name = [first, last].some(Boolean) ? (cjk ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ')) : undefined;
  const intake: IntakeBody = {
    channel: 'open311', demandType: attrs!.demandType, urgent: attrs!.urgent, categoryCode: service!.service_code,
    description: description ?? service!.service_name,
    ...(lat !== undefined && long !== undefined ? { location: { lon: long, lat } } : {}),
    ...(addressId !== undefined ? { areaCode: addressId } : {}),
    ...(addressString !== undefined ? { address: addressString } : {}),
    ...(name !== undefined ? { reporterName: name } : {}),
    ...(phone !== undefined ? { reporterPhone: phone } : {}),
  };
  // Kept on the 受理 row for the staff (e-mail) and the public view (media_url); the media is not fetched.
  const open311 = { media_url: mediaUrl, email, device_id: deviceId, account_id: accountId };
  const ticket = await intakeTicket(db, deps, caller, intake, { open311 });
  return [{
    service_request_id: ticket.number,
    service_notice: `已受理，编号 ${ticket.number}，可凭编号查询办理进度 / received as ${ticket.number}; track it by this id`,
    account_id: accountId ?? null,
  }];
}

/** GET Service Requests: by ids (which override everything else), else services, a ≤ 90-day window and status; newest first, ≤ 1000. */
export async function findRequests(db: Kysely<DB>, city: string, p: Params): Promise<Open311Request[]> {
  let q = db.selectFrom('ticket as t').selectAll('t').where('t.city_code', '=', city);
  const ids = list(p, 'service_request_id');
  if (ids) {
    if (ids.length > MAX_REQUESTS) throw invalid('service_request_id', `一次最多 ${MAX_REQUESTS} 个 / at most ${MAX_REQUESTS} ids`);
    const wellFormed = ids.filter((id) => REQUEST_ID.test(id));
    if (!wellFormed.length) return [];
    q = q.where('t.number', 'in', wellFormed);
  } else {
    const c = collector();
    const codes = c.run(() => {
      const v = list(p, 'service_code');
      const bad = v?.find((x) => !SERVICE_CODE.test(x));
      if (bad) throw invalid('service_code', `${bad} 不是服务代码 / ${bad} is not a service code`);
      return v;
    });
    const start = c.run(() => datetime(p, 'start_date'));
    const end = c.run(() => datetime(p, 'end_date'));
    const statuses = c.run(() => {
      const v = list(p, 'status');
      if (v?.some((s) => s !== 'open' && s !== 'closed')) throw invalid('status', '应为 open 或 closed / must be open or closed');
      return v;
    });
    if (c.errors.length) throw together(c.errors);
    const to = end ?? (start ? new Date(Math.min(start.getTime() + MAX_DAYS * DAY, Date.now())) : new Date());
    const from = start ?? new Date(to.getTime() - MAX_DAYS * DAY);
    if (from > to) throw invalid('start_date', '不能晚于 end_date / must not be after end_date');
    if (to.getTime() - from.getTime() > MAX_DAYS * DAY) throw invalid('start_date, end_date', `时间范围不超过 ${MAX_DAYS} 天 / the range may not span more than ${MAX_DAYS} days`);
    q = q.where('t.received_at', '>=', from).where('t.received_at', '<=', to);
    if (codes?.length) q = q.where((eb) => eb.or(codes.flatMap((x) => [eb('t.category_code', '=', x), eb('t.category_code', 'like', `${x}.%`)])));
    const set = new Set(statuses ?? []);
    const finished = sql<boolean>`t.state IN ('closed', 'cancelled', 'merged')`;
    if (set.size === 1) q = q.where(set.has('closed') ? finished : sql<boolean>`NOT ${finished}`);
  }
  const rows = await q.orderBy('t.received_at', 'desc').orderBy('t.id', 'desc').limit(MAX_REQUESTS).execute();
  return toRequests(db, city, rows);
}

/** GET Service Request: one ticket by its number (工单编号), else 404 naming service_request_id. */
export async function getRequest(db: Kysely<DB>, city: string, id: string): Promise<Open311Request[]> {
  const row = REQUEST_ID.test(id) ? await db.selectFrom('ticket as t').selectAll('t').where('t.city_code', '=', city).where('t.number', '=', id).executeTakeFirst() : undefined;
  if (!row) throw notFound('service_request_id', id);
  return toRequests(db, city, [row]);
}

/** Rows → public requests, with what each needs from the action rows, names and merge targets in a few queries. */
async function toRequests(db: Kysely<DB>, city: string, rows: TicketRow[]): Promise<Open311Request[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const mergedIds = rows.map((r) => r.merged_into).filter((x): x is number => x !== null);
  const [categories, names, actions, merged] = await Promise.all([
    categoriesOf(db, city, false),
    namesFor(db, rows),
    db.selectFrom('ticket_action').select(['ticket_id', 'seq', 'action', 'data']).where('city_code', '=', city).where('ticket_id', 'in', ids)
      .where((eb) => eb.or([eb('seq', '=', 1), eb('action', 'in', ['reply', 'cancel'])])).orderBy('ticket_id').orderBy('seq').execute(),
    mergedIds.length ? db.selectFrom('ticket').select(['id', 'number']).where('city_code', '=', city).where('id', 'in', mergedIds).execute() : [],
  ]);
  const categoryName = new Map(categories.map((c) => [c.code, c.name]));
  const mergedNumber = new Map(merged.map((m) => [m.id, m.number]));
  const seen = new Map<number, { mediaUrl: string | null; answer: string | null; cancelReason: string | null }>();
  for (const a of actions) {
    const x = seen.get(a.ticket_id) ?? { mediaUrl: null, answer: null, cancelReason: null };
    const data = (a.data ?? {}) as { open311?: { media_url?: string }; result?: string; reason?: string };
    if (a.seq === 1) x.mediaUrl = data.open311?.media_url ?? null;
    if (a.action === 'reply') x.answer = data.result ?? null;
    if (a.action === 'cancel') x.cancelReason = data.reason ?? null;
    seen.set(a.ticket_id, x);
  }
  return rows.map((r, i) => {
    const service = serviceCodeOf(r.category_code);
    const agency = r.assignee_kind === 'department' ? r.assignee_department : r.assignee_kind === 'area' ? names[i].assigneeArea ?? null : null;
    return toRequest(r, {
      ...(seen.get(r.id) ?? { mediaUrl: null, answer: null, cancelReason: null }),
      mergedIntoNumber: r.merged_into !== null ? mergedNumber.get(r.merged_into) ?? null : null,
      agency, serviceName: service ? categoryName.get(service) ?? null : null,
    });
  });
}
