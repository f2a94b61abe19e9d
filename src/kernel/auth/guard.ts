import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError, forbidden, unauthorized } from '../errors.ts';
import { callerFromApiKey, callerFromSession, SESSION_COOKIE } from './sessions.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function apiKeyOf(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-api-key'];
  if (typeof header === 'string') return header;
  return undefined;
}

/**
 * Authenticates every request (session cookie or API key) and enforces the route's
 * `config.access` rule. Routes without a rule are refused when they are registered.
 */
export function installGuard(app: FastifyInstance, db: Kysely<DB>, sessionHours: number): void {
  app.decorateRequest('caller', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    // HEAD routes are generated from GET ones and share their config.
    if (!access && !route.url.startsWith('/docs') && route.method !== 'HEAD') {
      throw new Error(`route ${String(route.method)} ${route.url} has no access rule (config.access)`);
    }
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || 'public' in access) {
      // Public routes still learn who is calling, when they can, without failing.
      const token = req.cookies?.[SESSION_COOKIE];
      if (token) req.caller = await callerFromSession(db, token, sessionHours);
      return;
    }
    const key = apiKeyOf(req);
    if (key) {
      req.caller = await callerFromApiKey(db, key);
      if (!req.caller) throw new AppError(401, 'invalid_api_key', 'API key is unknown or revoked');
    } else {
      const token = req.cookies?.[SESSION_COOKIE];
      if (token) req.caller = await callerFromSession(db, token, sessionHours);
      if (!req.caller) throw unauthorized(token ? '登录已过期，请重新登录 / session expired, please log in again' : undefined);
      // CSRF: a cross-site form or script cannot set this header without a CORS preflight we never allow.
      if (MUTATING.has(req.method) && req.headers['x-requested-with'] !== 'shiyu') {
        throw new AppError(403, 'csrf', 'missing X-Requested-With: shiyu header on a state-changing request');
      }
    }
    if (!access.roles.includes(req.caller.role)) throw forbidden();
  });
}
