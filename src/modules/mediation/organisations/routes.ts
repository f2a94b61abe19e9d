import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { MEDIATION_READERS, MEDIATOR_WRITERS, ORG_WRITERS } from '../access.ts';
import { IdParam } from '../schema-kit.ts';
import { CreateMediator, CreateOrg, MediatorList, MediatorOut, MediatorQuery, OrgList, OrgOut, OrgQuery, PatchMediator, PatchOrg } from './schema.ts';
import { createMediator, createOrg, listMediators, listOrgs, patchMediator, patchOrg } from './service.ts';

/** 调解组织 and 调解员: the directory everyone in mediation reads, kept by the city and districts (mediators also by streets). */
export const mediationOrgRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['mediation'];

  app.get('/api/mediation/organisations', {
    config: { access: { roles: MEDIATION_READERS } },
    schema: { tags, summary: 'Mediation organisations in my area and above it (by area, kind, level, field), with active mediators and open cases', querystring: OrgQuery, response: { 200: OrgList } },
  }, async (req) => listOrgs(db, req.caller!, req.query));

  app.post('/api/mediation/organisations', {
    config: { access: { roles: ORG_WRITERS } },
    schema: { tags, summary: 'Add an organisation in my area: committee (村/社区, 街道/乡镇, 区县, 市), industry committee with its field, studio, room or centre (audited; accepts Idempotency-Key)', body: CreateOrg, response: { 201: OrgOut } },
  }, async (req, reply) => idempotent(db, req, reply, (trx) => createOrg(trx, req.caller!, req.body, req.ip)));

  app.patch('/api/mediation/organisations/:id', {
    config: { access: { roles: ORG_WRITERS } },
    schema: { tags, summary: 'Change an organisation of my area: name, field, phone, address, active (audited)', params: IdParam, body: PatchOrg, response: { 200: OrgOut } },
  }, async (req) => db.transaction().execute((trx) => patchOrg(trx, req.caller!, req.params.id, req.body, req.ip)));

  app.get('/api/mediation/mediators', {
    config: { access: { roles: MEDIATION_READERS } },
    schema: { tags, summary: 'Mediators of the organisations I see, with workload (open cases now); phones masked', querystring: MediatorQuery, response: { 200: MediatorList } },
  }, async (req) => listMediators(db, req.caller!, req.query));

  app.post('/api/mediation/mediators', {
    config: { access: { roles: MEDIATOR_WRITERS } },
    schema: { tags, summary: 'Add a mediator to an organisation of my area, optionally linked to a login with role mediator (audited; accepts Idempotency-Key)', body: CreateMediator, response: { 201: MediatorOut } },
  }, async (req, reply) => idempotent(db, req, reply, (trx) => createMediator(trx, req.caller!, req.body, req.ip)));

  app.patch('/api/mediation/mediators/:id', {
    config: { access: { roles: MEDIATOR_WRITERS } },
    schema: { tags, summary: 'Change a mediator of my area: name, phone, kind, specialties, login, active (audited)', params: IdParam, body: PatchMediator, response: { 200: MediatorOut } },
  }, async (req) => db.transaction().execute((trx) => patchMediator(trx, req.caller!, req.params.id, req.body, req.ip)));
};
