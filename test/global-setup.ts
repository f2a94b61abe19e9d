import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/db/embedded.ts';
import { kyselyFor } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedHierarchy } from '../src/modules/org/seed.ts';
import { seedDemoUsers } from '../src/modules/users/demo.ts';
import { seedRegistryReference } from '../src/modules/registry/vocabularies/index.ts';
import { seedBuiltinReports } from '../src/modules/reports/builtins.ts';
import { seedTicketCategories } from '../src/modules/events/categories/seed.ts';
import { seedMediationDemo } from '../src/modules/mediation/organisations/seed.ts';
import { adminQuery } from './helpers/admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

let server: EmbeddedServer | undefined;
let adminUrl = '';
const templateDb = `shiyu_tpl_${process.pid}`;

/**
 * One PostgreSQL per test run (embedded, or DATABASE_URL's server in CI) and one
 * migrated, seeded template database; each test file clones it (CREATE DATABASE … TEMPLATE),
 * which takes well under a second.
 */
export async function setup(project: TestProject) {
  const started = Date.now();
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = '/postgres';
    adminUrl = u.toString();
  } else {
    const dir = path.resolve('.tmp', `test-pg-${process.pid}`, 'pg');
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    server = await startEmbeddedPostgres(dir, await freePort());
    adminUrl = server.url();
  }
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${templateDb}"`);
  await adminQuery(adminUrl, `CREATE DATABASE "${templateDb}" ENCODING 'UTF8'`);
  const u = new URL(adminUrl);
  u.pathname = `/${templateDb}`;
  const db = kyselyFor(u.toString(), 2);
  try {
    await migrateToLatest(db);
    await seedHierarchy(db, ['150200', '150700']);
    await seedRegistryReference(db, ['150200', '150700']);
    await seedDemoUsers(db);
    await seedBuiltinReports(db);
    await seedTicketCategories(db, ['150200', '150700']);
    await seedMediationDemo(db, ['150200', '150700']);
  } finally {
    await db.destroy();
  }
  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  console.log(`test database ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${server ? 'embedded PostgreSQL' : 'DATABASE_URL'})`);
}

export async function teardown() {
  if (adminUrl) {
    // Drop what the run created, so a CI server does not fill up over runs.
    const dbs = await adminQuery(adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE 'shiyu_t%'`);
    for (const r of dbs.rows) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => {});
  }
  if (server) {
    await server.stop();
    fs.rmSync(path.resolve('.tmp', `test-pg-${process.pid}`), { recursive: true, force: true });
  }
}
