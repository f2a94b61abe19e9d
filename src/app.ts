import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { DB } from './db/types.ts';
import { installGuard } from './kernel/auth/guard.ts';
import { installErrorHandler } from './kernel/error-handler.ts';
import { installValidation } from './kernel/validation.ts';
import type { AppContext } from './kernel/context.ts';
import type { Access } from './kernel/access.ts';
import { CategorySuggester } from './modules/events/tickets/suggestion.ts';
import { GridLocator } from './modules/org/grid-locator.ts';
import { systemRoutes } from './modules/system/routes.ts';
import { authRoutes } from './modules/users/auth-routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { areaRoutes } from './modules/org/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { registryRoutes } from './modules/registry/routes/index.ts';
import { reportRoutes } from './modules/reports/routes.ts';
import { ticketRoutes } from './modules/events/tickets/routes.ts';
import { open311Routes } from './modules/events/open311/routes.ts';
import { eventsAdminRoutes } from './modules/events/admin/routes.ts';
import { ticketKpiRoutes } from './modules/events/kpi/routes.ts';
import { duplicateRoutes } from './modules/events/duplicates/routes.ts';
import { departmentRoutes } from './modules/events/departments/routes.ts';
import { mediationRoutes } from './modules/mediation/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { ROOT as root, VERSION } from './version.ts';


export interface BuildOptions {
  db: Kysely<DB>;
  config: Config;
  /** A pino logger to use (the server's); tests run without logs. */
  logger?: FastifyBaseLogger;
  /** Serve the built console from web/dist (off in API tests). */
  serveWeb?: boolean;
}

/** Builds the HTTP server from the modules. */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const grids = new GridLocator(opts.db);
  await grids.load();
  const suggester = CategorySuggester.fromConfig(opts.config);
  app.addHook('onClose', () => suggester.close());
  const ctx: AppContext = { db: opts.db, config: opts.config, grids, suggester };
  app.decorate('ctx', ctx);

  // Every route with its access rule, for the scope-matrix test and the docs.
  const routeTable: RouteEntry[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method !== 'HEAD' && !r.url.startsWith('/docs')) routeTable.push({ method, url: r.url, access: r.config?.access });
    }
  });
  app.decorate('routeTable', routeTable);

  installErrorHandler(app);
  installValidation(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Shiyu 市域社会治理平台 API', version: VERSION, description: 'Open platform for city-level social governance.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'shiyu_sid' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key sy_xxxxxxxx_… for integrations' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  installGuard(app, opts.db, opts.config.sessionHours);

  await app.register(systemRoutes, { ctx });
  await app.register(authRoutes, { ctx });
  await app.register(userRoutes, { ctx });
  await app.register(areaRoutes, { ctx });
  await app.register(auditRoutes, { ctx });
  await app.register(registryRoutes, { ctx });
  await app.register(reportRoutes, { ctx });
  await app.register(ticketRoutes, { ctx });
  await app.register(open311Routes, { ctx });
  await app.register(eventsAdminRoutes, { ctx });
  await app.register(ticketKpiRoutes, { ctx });
  await app.register(duplicateRoutes, { ctx });
  await app.register(departmentRoutes, { ctx });
  await app.register(mediationRoutes, { ctx });
  await app.register(calendarRoutes, { ctx });

  const webDist = path.join(root, 'web', 'dist');
  if (opts.serveWeb && fs.existsSync(path.join(webDist, 'index.html'))) {
    // serve: false: the one route below serves files and the SPA fallback, under the public access rule.
    await app.register(fastifyStatic, { root: webDist, serve: false });
    app.get('/*', { config: { access: { public: true } }, schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      const file = path.join(webDist, req.url.split('?')[0]);
      if (file.startsWith(webDist) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        // The phone page's service worker (web/src/mobile/sw): revalidated on every check so a new deploy reaches the phones; it serves /m.
        if (req.url.split('?')[0] === '/m-sw.js') return reply.header('Cache-Control', 'no-cache').header('Service-Worker-Allowed', '/m').sendFile('m-sw.js', { cacheControl: false });
        return reply.sendFile(path.relative(webDist, file));
      }
      // SPA fallback for client-side routes: /m and /m/* are the phone pages (社工E通), the rest the console.
      return reply.sendFile(/^\/m(\/|\?|$)/.test(req.url) ? 'mobile.html' : 'index.html');
    });
  }
  return app;
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    routeTable: RouteEntry[];
  }
}
