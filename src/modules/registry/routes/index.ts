import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../kernel/context.ts';
import { buildingRoutes } from './buildings.ts';
import { deregisterRoutes } from './deregister.ts';
import { householdRoutes } from './households.ts';
import { importRoutes } from './imports.ts';
import { exportRoutes } from './exports.ts';
import { lookupRoutes } from './lookup.ts';
import { organisationRoutes } from './organisations.ts';
import { peopleRoutes } from './people.ts';
import { recordRoutes } from './records.ts';
import { rentalRoutes } from './rental-houses.ts';
import { tagRoutes } from './tags.ts';

/** The registry API 基层一表通 under /api/registry: one plugin, registered once in app.ts. */
export const registryRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  for (const routes of [buildingRoutes, householdRoutes, peopleRoutes, organisationRoutes, rentalRoutes, tagRoutes, lookupRoutes, recordRoutes, deregisterRoutes, importRoutes, exportRoutes]) {
    await app.register(routes, { ctx });
  }
};
