import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.ts';
import { mediationCaseRoutes } from './cases/routes.ts';
import { mediationOrgRoutes } from './organisations/routes.ts';

/** 矛盾纠纷多元化解: organisations and mediators, cases and their records (see README.md). */
export const mediationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(mediationOrgRoutes, { ctx });
  await app.register(mediationCaseRoutes, { ctx });
};
