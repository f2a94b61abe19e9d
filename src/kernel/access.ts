import type { Role } from '../db/types.ts';

/**
 * Every route declares who may call it in `config.access`; a route without a rule
 * is refused at start-up, so no route is left open by forgetting.
 * - public: no login needed.
 * - roles: logged-in users with one of these roles; the handler then applies the
 *   caller's area scope through kernel/scope.ts.
 */
export type Access = { public: true } | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}
