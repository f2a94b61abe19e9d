import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kyselyFor, PREPARED } from '../../src/db/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let tdb: TestDatabase;
beforeAll(async () => { tdb = await createTestDatabase(); });
afterAll(async () => { await tdb?.drop(); });

describe('statements marked PREPARED', () => {
  it('are prepared once per connection and run with their own values; others are not prepared', async () => {
    const db = kyselyFor(tdb.url, 1); // one connection, so every statement below meets the same one
    try {
      const twice = async (n: number) => (await sql<{ n: number }>`${PREPARED} SELECT ${n}::int * 2 AS n`.execute(db)).rows[0].n;
      expect([await twice(1), await twice(2), await twice(21)]).toEqual([2, 4, 42]);
      await sql`SELECT ${1}::int AS plain`.execute(db);
      const prepared = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db);
      expect(prepared.rows.map((r) => r.statement)).toEqual(['/* prepared */ SELECT $1::int * 2 AS n']);
    } finally {
      await db.destroy();
    }
  });
});
