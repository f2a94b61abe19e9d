import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../kernel/context.ts';
import { VERSION } from '../../version.ts';

export const systemRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/health', {
    config: { access: { public: true } },
    schema: { tags: ['system'], summary: 'Liveness and database check', response: { 200: Type.Object({ status: Type.String(), version: Type.String(), database: Type.String(), grids: Type.Integer() }) } },
  }, async () => {
    await sql`SELECT 1`.execute(ctx.db);
    return { status: 'ok', version: VERSION, database: 'ok', grids: ctx.grids.size };
  });

  app.get('/api/config', {
    config: { access: { public: true } },
    schema: { tags: ['system'], summary: 'Settings the console needs before login', response: { 200: Type.Object({ tileUrl: Type.Union([Type.String(), Type.Null()]), productName: Type.String(), version: Type.String() }) } },
  }, async () => ({ tileUrl: ctx.config.tileUrl ?? null, productName: '市域社会治理平台 Shiyu', version: VERSION }));
};
