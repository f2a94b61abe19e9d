import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { readers, writers } from '../access.ts';
import { CreateRental, RentalDetail, RentalOut, RentalQuery, UpdateRental } from '../rental-schema.ts';
import { createRental, getRental, listRentals, updateRental } from '../rental-service.ts';
import { IdParam, listOf } from '../schema.ts';

/** 出租房屋 rental houses. */
export const rentalRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['registry-rental-houses'];

  app.get('/api/registry/rental-houses', { logLevel: 'warn', config: readers, schema: { tags, summary: 'Rental houses in my area, by grid, status, purpose, address or landlord', querystring: RentalQuery, response: { 200: listOf(RentalOut) } } },
    async (req) => listRentals(db, req.caller!, req.query));

  app.post('/api/registry/rental-houses', { config: writers, schema: { tags, summary: 'Register a rental house (accepts Idempotency-Key)', body: CreateRental, response: { 201: RentalDetail } } },
    async (req, reply) => idempotent(db, req, reply, (trx) => createRental(trx, req.caller!, req.body)));

  app.get('/api/registry/rental-houses/:id', { config: readers, schema: { tags, summary: 'One rental house', params: IdParam, response: { 200: RentalDetail } } },
    async (req) => getRental(db, req.caller!, req.params.id));

  app.patch('/api/registry/rental-houses/:id', { config: writers, schema: { tags, summary: 'Change a rental house (send the version you read; 409 when stale)', params: IdParam, body: UpdateRental, response: { 200: RentalDetail } } },
    async (req) => db.transaction().execute((trx) => updateRental(trx, req.caller!, req.params.id, req.body)));
};
