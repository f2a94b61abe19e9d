import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import type { AppContext } from '../../../kernel/context.ts';
import { notFound, toOpen311Error } from './errors.ts';
import { serviceDefinition } from './mapping.ts';
import type { Params } from './params.ts';
import { createRequest, findRequests, findService, getRequest, jurisdiction, listServices, MAX_DAYS, MAX_REQUESTS } from './service.ts';
import { toXml, type XmlValue } from './xml.ts';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2, so existing civic
 * apps can file and track reports: services = the city's categories, requests = tickets (工单).
 * XML (the spec's required format) and JSON by the path's suffix; errors as the spec's array.
 * Public like the spec: reading needs no key; POST needs an api_key (a platform API key) in the body.
 */
export const PREFIX = '/open311/v2';
const FORMATS = ['json', 'xml'] as const;
type Format = (typeof FORMATS)[number];
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint's behaviour last changed (service discovery's changeset). */
const CHANGESET = '2026-11-24T00:00:00+08:00';

function formatOf(req: FastifyRequest): Format {
  const given = (req.params as { format?: string } | undefined)?.format ?? /\.([a-z]+)(\?|$)/.exec(req.url)?.[1];
  return given === 'json' ? 'json' : 'xml';
}

function checkedFormat(req: FastifyRequest): Format {
  const f = (req.params as { format: string }).format;
  if (!(FORMATS as readonly string[]).includes(f)) throw notFound('format', f);
  return f as Format;
}

function send(reply: FastifyReply, format: Format, root: string, value: XmlValue, status = 200) {
  return format === 'json'
    ? reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(value))
    : reply.status(status).type('text/xml; charset=utf-8').send(toXml(root, value));
}

const tags = ['open311'];
const access = { public: true } as const;
const Format = Type.String({ description: 'xml or json' });
const Jurisdiction = Type.Optional(Type.String({ description: 'city code 城市区划代码, e.g. 150200; required when the server holds several cities' }));

const api: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const deps = { grids: ctx.grids, suggester: ctx.suggester };
  // Form posts are the spec's wire format; JSON bodies are accepted too. Only here, not for the rest of the API.
  await app.register(formbody);

  app.setErrorHandler((err, req, reply) => {
    const e = toOpen311Error(err as Error);
    if (e.status >= 500) req.log.error({ err }, 'open311 request failed');
    return send(reply, formatOf(req), 'errors', e.errors, e.status);
  });
  app.setNotFoundHandler((req, reply) => send(reply, formatOf(req), 'errors', [{ code: 404, description: `${req.method} ${req.url.split('?')[0]}: 无此资源 / no such resource` }], 404));

  app.get('/discovery.:format', {
    config: { access }, schema: { tags, summary: 'Service discovery: where this GeoReport v2 endpoint is and what it speaks', params: Type.Object({ format: Format }) },
  }, async (req, reply) => send(reply, checkedFormat(req), 'discovery', {
    changeset: CHANGESET, contact: '市域社会治理平台 12345 / Shiyu city governance platform', key_service: '向平台管理员申请 API 密钥 / ask the platform administrator for an API key',
    endpoints: [{ specification: SPEC, url: `${req.protocol}://${req.host}${PREFIX}`, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
  }));

  app.get('/services.:format', {
    config: { access }, schema: { tags, summary: 'GET Service List: the city’s level-1 and level-2 ticket categories', params: Type.Object({ format: Format }), querystring: Type.Object({ jurisdiction_id: Jurisdiction }) },
  }, async (req, reply) => {
    const format = checkedFormat(req);
    const city = await jurisdiction(db, req.query as Params);
    return send(reply, format, 'services', await listServices(db, city.code));
  });

  app.get('/services/:service_code.:format', {
    config: { access }, schema: { tags, summary: 'GET Service Definition: the attributes of a service (demand type, urgent)', params: Type.Object({ service_code: Type.String(), format: Format }), querystring: Type.Object({ jurisdiction_id: Jurisdiction }) },
  }, async (req, reply) => {
    const format = checkedFormat(req);
    const city = await jurisdiction(db, req.query as Params);
    const service = await findService(db, city.code, req.params.service_code);
    return send(reply, format, 'service_definition', serviceDefinition(service.service_code));
  });

  app.post('/requests.:format', {
    config: { access },
    schema: {
      tags, summary: 'POST Service Request: files a ticket (channel open311) as the api_key’s user; application/x-www-form-urlencoded or JSON',
      params: Type.Object({ format: Format }), consumes: ['application/x-www-form-urlencoded', 'application/json'],
    },
  }, async (req, reply) => {
    const format = checkedFormat(req);
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Params;
    return send(reply, format, 'service_requests', await createRequest(db, deps, body, req.query as Params));
  });

  app.get('/requests.:format', {
    config: { access },
    schema: {
      tags, summary: `GET Service Requests: public view (no reporter data), by service_request_id, service_code, start_date/end_date (≤ ${MAX_DAYS} days, default the last ${MAX_DAYS}), status; newest ${MAX_REQUESTS} at most`,
      params: Type.Object({ format: Format }),
      querystring: Type.Object({ jurisdiction_id: Jurisdiction, service_request_id: Type.Optional(Type.String()), service_code: Type.Optional(Type.String()), start_date: Type.Optional(Type.String()), end_date: Type.Optional(Type.String()), status: Type.Optional(Type.String()) }),
    },
  }, async (req, reply) => {
    const format = checkedFormat(req);
    const city = await jurisdiction(db, req.query as Params);
    return send(reply, format, 'service_requests', await findRequests(db, city.code, req.query as Params));
  });

  app.get('/requests/:service_request_id.:format', {
    config: { access }, schema: { tags, summary: 'GET Service Request: one request by its id (工单编号)', params: Type.Object({ service_request_id: Type.String(), format: Format }), querystring: Type.Object({ jurisdiction_id: Jurisdiction }) },
  }, async (req, reply) => {
    const format = checkedFormat(req);
    const city = await jurisdiction(db, req.query as Params);
    return send(reply, format, 'service_requests', await getRequest(db, city.code, req.params.service_request_id));
  });
};

export const open311Routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(api, { ctx, prefix: PREFIX });
};
