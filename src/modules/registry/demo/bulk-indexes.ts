// For a load that adds more rows than a table holds, building the secondary indexes and checking
// the foreign keys once at the end is several times faster than maintaining them row by row (what
// pg_restore does too). Everything runs inside the caller's transaction: the definitions are
// read from the catalogue and put back exactly, and a row that breaks a key or a unique index
// fails the rebuild and so rolls the whole load back.
import type pg from 'pg';

interface Saved { table: string; name: string; def: string }

/** Drops the secondary indexes and foreign keys of `tables`; the returned function recreates them. */
export async function suspendIndexes(client: pg.Client, tables: readonly string[], log: (m: string) => void = () => {}): Promise<() => Promise<void>> {
  const indexes = (await client.query<Saved>(
    `SELECT c.relname AS table, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE c.relname = ANY($1) AND pg_table_is_visible(c.oid) AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname, ic.relname`, [tables])).rows;
  const keys = (await client.query<Saved>(
    `SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      WHERE k.contype = 'f' AND c.relname = ANY($1) AND pg_table_is_visible(c.oid)
      ORDER BY c.relname, k.conname`, [tables])).rows;
  const id = (s: string) => `"${s.replace(/"/g, '""')}"`;
  for (const k of keys) await client.query(`ALTER TABLE ${id(k.table)} DROP CONSTRAINT ${id(k.name)}`);
  for (const i of indexes) await client.query(`DROP INDEX ${id(i.name)}`);
  return async () => {
    for (const i of indexes) {
      const t = performance.now();
      await client.query(i.def);
      log(`index ${i.name} rebuilt in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    for (const k of keys) await client.query(`ALTER TABLE ${id(k.table)} ADD CONSTRAINT ${id(k.name)} ${k.def}`);
  };
}
