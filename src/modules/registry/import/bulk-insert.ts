import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';

/**
 * Many rows in one statement: every column sent as one array and spread by unnest() — one round trip
 * per few thousand rows inside the caller's transaction (a row-by-row INSERT would take minutes for 100k).
 */

export type BulkColumn = { name: string; type: string } & ({ values: readonly unknown[] } | { value: unknown });

export const CHUNK = 5000;

/** Inserts rows given column-wise; `overriding` lets ids reserved beforehand into GENERATED ALWAYS identity columns. */
export async function bulkInsert(trx: Transaction<DB>, table: string, columns: BulkColumn[], overriding = true): Promise<void> {
  const arrays = columns.filter((c): c is BulkColumn & { values: readonly unknown[] } => 'values' in c);
  if (!arrays.length || !arrays[0].values.length) return;
  let k = 0;
  const names = new Map(arrays.map((c) => [c, `c${k++}`]));
  const select = columns.map((c) => ('values' in c ? sql.ref(`u.${names.get(c as never)}`) : sql`${c.value}::${sql.raw(c.type)}`));
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))}) ${overriding ? sql`OVERRIDING SYSTEM VALUE` : sql``}
    SELECT ${sql.join(select)} FROM unnest(${sql.join(arrays.map((c) => sql`${c.values}::${sql.raw(c.type)}[]`))}) AS u(${sql.join(arrays.map((c) => sql.ref(names.get(c)!)))})`.execute(trx);
}

/** `n` ids of the table's identity sequence, for rows that refer to each other before they are written. */
export async function reserveIds(trx: Transaction<DB>, table: string, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const r = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::bigint AS id FROM generate_series(1, ${n})`.execute(trx);
  return r.rows.map((x) => Number(x.id));
}

/** Runs `fn` over `items` in chunks of CHUNK, reporting how many are done after each. */
export async function inChunks<T>(items: readonly T[], fn: (chunk: readonly T[]) => Promise<void>, done: (n: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    await fn(chunk);
    await done(chunk.length);
  }
}
