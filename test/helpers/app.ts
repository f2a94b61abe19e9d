import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { DEMO_PASSWORD } from '../../src/modules/users/demo.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  tdb: TestDatabase;
  config: Config;
  /** Logs in and returns the session cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** app.inject with the session cookie and the CSRF header set. */
  as(cookie: string, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The real server over a fresh database of its own (API tests go through HTTP, not services). */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const tdb = await createTestDatabase();
  const config = { ...loadConfig({}), ...overrides };
  const app = await buildApp({ db: tdb.db, config });
  await app.ready();
  const cookies = new Map<string, string>();
  return {
    app, tdb, config,
    async login(username, password = DEMO_PASSWORD) {
      const cached = cookies.get(`${username}\0${password}`);
      if (cached) return cached;
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const sid = res.cookies.find((c) => c.name === 'shiyu_sid');
      if (!sid) throw new Error('no session cookie');
      const cookie = `shiyu_sid=${sid.value}`;
      cookies.set(`${username}\0${password}`, cookie);
      return cookie;
    },
    as(cookie, opts) {
      return app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie, 'x-requested-with': 'shiyu' } });
    },
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}
