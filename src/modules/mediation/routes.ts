import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.ts';
import { mediationApplicationRoutes } from './applications/routes.ts';
import { mediationCaseRoutes } from './cases/routes.ts';
import { mediationDocumentRoutes } from './documents/routes.ts';
import { mediationOrgRoutes } from './organisations/routes.ts';
import { mediationScreeningRoutes } from './screening/routes.ts';
import { mediationScreeningXlsxRoutes } from './screening/xlsx.ts';
import { warnAfterCaseWrites } from './warnings/hook.ts';
import { mediationWarningRoutes } from './warnings/routes.ts';
import { mediationStatsRoutes } from './stats/routes.ts';

/** 矛盾纠纷多元化解: organisations and mediators, cases and their records (see README.md). */
export const mediationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  warnAfterCaseWrites(app, ctx.db); // 预警 rules after every case write (before the case routes, so they inherit it)
  await app.register(mediationOrgRoutes, { ctx });
  await app.register(mediationCaseRoutes, { ctx });
  await app.register(mediationApplicationRoutes, { ctx });
  await app.register(mediationScreeningRoutes, { ctx });
  await app.register(mediationScreeningXlsxRoutes, { ctx });
  await app.register(mediationWarningRoutes, { ctx });
  await app.register(mediationDocumentRoutes, { ctx });
  await app.register(mediationStatsRoutes, { ctx });
};
