import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

export interface E2EServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The real server with the built console (web/dist) on a free loopback port, over a fresh
 * database cloned from the seeded template; or SHIYU_E2E_URL when pointing at a running one.
 */
export async function startE2EServer(): Promise<E2EServer> {
  if (process.env.SHIYU_E2E_URL) return { url: process.env.SHIYU_E2E_URL.replace(/\/$/, ''), close: async () => {} };
  const tdb: TestDatabase = await createTestDatabase();
  const app: FastifyInstance = await buildApp({ db: tdb.db, config: loadConfig({}), serveWeb: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

/** Chromium flags for this sandbox: no network chatter, software WebGL for MapLibre. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic',
];
