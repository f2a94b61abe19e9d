import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { idempotent } from '../../../kernel/idempotency.ts';
import { readers, writers } from '../access.ts';
import { BuildingDetail, BuildingOut, BuildingQuery, CreateBuilding, UpdateBuilding } from '../building-schema.ts';
import { createBuilding, getBuilding, listBuildings, updateBuilding } from '../building-service.ts';
import { IdParam, listOf } from '../schema.ts';

/** 楼栋 buildings and 单元 units of a grid. */
export const buildingRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  const tags = ['registry-buildings'];

  app.get('/api/registry/buildings', { config: readers, schema: { tags, summary: 'Buildings in my area, by grid (?grid=CODE) or name', querystring: BuildingQuery, response: { 200: listOf(BuildingOut) } } },
    async (req) => listBuildings(db, req.caller!, req.query));

  app.post('/api/registry/buildings', { config: writers, schema: { tags, summary: 'Add a building with its units to a grid (accepts Idempotency-Key)', body: CreateBuilding, response: { 201: BuildingDetail } } },
    async (req, reply) => idempotent(db, req, reply, (trx) => createBuilding(trx, req.caller!, req.body)));

  app.get('/api/registry/buildings/:id', { config: readers, schema: { tags, summary: 'One building with its units and the households of each unit', params: IdParam, response: { 200: BuildingDetail } } },
    async (req) => getBuilding(db, req.caller!, req.params.id));

  app.patch('/api/registry/buildings/:id', { config: writers, schema: { tags, summary: 'Change a building or add units', params: IdParam, body: UpdateBuilding, response: { 200: BuildingDetail } } },
    async (req) => db.transaction().execute((trx) => updateBuilding(trx, req.caller!, req.params.id, req.body)));
};
