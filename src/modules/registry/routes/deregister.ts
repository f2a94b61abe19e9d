import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { writers } from '../access.ts';
import { Deregistered, DeregisterHousehold, DeregisterPerson, deregisterHousehold, deregisterPerson } from '../deregister.ts';
import { IdParam } from '../schema.ts';

/** 注销: people who died or moved away, households that left; kept with their history, gone from lists and reports. */
export const deregisterRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  app.post('/api/registry/people/:id/deregister', {
    config: writers,
    schema: { tags: ['registry-people'], summary: 'Deregister a person (死亡/迁出/重复登记) with reason and date; a head of household with members must be replaced first', params: IdParam, body: DeregisterPerson, response: { 200: Deregistered } },
  }, async (req) => db.transaction().execute((trx) => deregisterPerson(trx, req.caller!, req.params.id, req.body)));

  app.post('/api/registry/households/:id/deregister', {
    config: writers,
    schema: { tags: ['registry-households'], summary: 'Deregister a household without registered members (整户迁出/拆除/并户)', params: IdParam, body: DeregisterHousehold, response: { 200: Deregistered } },
  }, async (req) => db.transaction().execute((trx) => deregisterHousehold(trx, req.caller!, req.params.id, req.body)));
};
