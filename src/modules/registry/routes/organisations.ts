import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { readers, writers } from '../access.ts';
import { CreateOrganisation, OrganisationDetail, OrganisationOut, OrganisationQuery, UpdateOrganisation } from '../organisation-schema.ts';
import { createOrganisation, getOrganisation, listOrganisations, updateOrganisation } from '../organisation-service.ts';
import { IdParam, listOf } from '../schema.ts';

/** 非公经济组织和社会组织 organisations. */
export const organisationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['registry-organisations'];

  app.get('/api/registry/organisations', { config: readers, schema: { tags, summary: 'Organisations in my area, by grid, kind, status, tag, name or credit code', querystring: OrganisationQuery, response: { 200: listOf(OrganisationOut) } } },
    async (req) => listOrganisations(db, req.caller!, req.query));

  app.post('/api/registry/organisations', { config: writers, schema: { tags, summary: 'Register an enterprise or social organisation (accepts Idempotency-Key)', body: CreateOrganisation, response: { 201: OrganisationDetail } } },
    async (req, reply) => idempotent(db, req, reply, (trx) => createOrganisation(trx, req.caller!, req.body)));

  app.get('/api/registry/organisations/:id', { config: readers, schema: { tags, summary: 'One organisation', params: IdParam, response: { 200: OrganisationDetail } } },
    async (req) => getOrganisation(db, req.caller!, req.params.id));

  app.patch('/api/registry/organisations/:id', { config: writers, schema: { tags, summary: 'Change an organisation (send the version you read; 409 when stale)', params: IdParam, body: UpdateOrganisation, response: { 200: OrganisationDetail } } },
    async (req) => db.transaction().execute((trx) => updateOrganisation(trx, req.caller!, req.params.id, req.body)));
};
