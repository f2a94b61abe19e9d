import crypto from 'node:crypto';
import { inject } from 'vitest';
import type { Kysely } from 'kysely';
import { kyselyFor } from '../../src/db/database.ts';
import type { DB } from '../../src/db/types.ts';
import { adminQuery } from './admin.ts';

export interface TestDatabase {
  db: Kysely<DB>;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated and seeded template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('templateDb');
  const name = `shiyu_t_${crypto.randomBytes(5).toString('hex')}`;
  // Several files may clone at once; PostgreSQL refuses a template in use, so retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (err) {
      if (attempt > 40 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = kyselyFor(u.toString(), 5);
  return {
    db,
    url: u.toString(),
    async drop() {
      await db.destroy();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
