import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { readers, writers } from '../access.ts';
import { CreateHousehold, HouseholdDetail, HouseholdOut, HouseholdQuery, UpdateHousehold } from '../household-schema.ts';
import { createHousehold, getHousehold, listHouseholds, updateHousehold } from '../household-service.ts';
import { IdParam, listOf } from '../schema.ts';

/** 户 households with their members. */
export const householdRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['registry-households'];

  app.get('/api/registry/households', { logLevel: 'warn', config: readers, schema: { tags, summary: 'Households in my area, by grid, building, unit, tag, address or head’s name', querystring: HouseholdQuery, response: { 200: listOf(HouseholdOut) } } },
    async (req) => listHouseholds(db, req.caller!, req.query));

  app.post('/api/registry/households', { config: writers, schema: { tags, summary: 'Register a household with its members in one request (accepts Idempotency-Key)', body: CreateHousehold, response: { 201: HouseholdDetail } } },
    async (req, reply) => idempotent(db, req, reply, (trx) => createHousehold(trx, req.caller!, req.body)));

  app.get('/api/registry/households/:id', { config: readers, schema: { tags, summary: 'One household: members, tags, rental houses, attachments', params: IdParam, response: { 200: HouseholdDetail } } },
    async (req) => getHousehold(db, req.caller!, req.params.id));

  app.patch('/api/registry/households/:id', { config: writers, schema: { tags, summary: 'Change a household (send the version you read; 409 when stale)', params: IdParam, body: UpdateHousehold, response: { 200: HouseholdDetail } } },
    async (req) => db.transaction().execute((trx) => updateHousehold(trx, req.caller!, req.params.id, req.body)));
};
