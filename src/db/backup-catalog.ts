import type pg from 'pg';

/**
 * What backup and restore learn from the PostgreSQL catalog instead of a fixed list,
 * so tables added by later migrations are covered without touching this code.
 * All queries run inside the caller's transaction (with search_path = public, so type
 * and table names print unqualified when they live in public and qualified otherwise).
 */

/** Kysely's bookkeeping: the lock table is never backed up, the migration list is compared, not loaded. */
export const MIGRATION_TABLE = 'kysely_migration';
export const MIGRATION_LOCK_TABLE = 'kysely_migration_lock';

export interface CatalogColumn {
  name: string;
  type: string;
  /** '' | 'a' (GENERATED ALWAYS AS IDENTITY) | 'd' (BY DEFAULT) */
  identity: string;
}

export interface CatalogTable {
  name: string;
  /** r: plain table, p: partitioned table (its rows live in the partitions, it is read and loaded as a whole). */
  kind: 'r' | 'p';
  columns: CatalogColumn[];
}

export interface ForeignKey {
  table: string;
  name: string;
  references: string;
  /** pg_get_constraintdef(), e.g. "FOREIGN KEY (city_code) REFERENCES city(code) ON DELETE CASCADE". */
  definition: string;
}

export interface UserTrigger {
  table: string;
  name: string;
  /** pg_trigger.tgenabled: O (origin/local), R (replica), A (always); disabled ones are not listed. */
  enabled: 'O' | 'R' | 'A';
}

export interface OwnedSequence {
  table: string;
  column: string;
  sequence: string;
}

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** public."name" */
export function tableRef(name: string): string {
  return `public.${ident(name)}`;
}

/** `FROM ONLY t` for plain tables (not the rows of inheritance children, which are tables of their own); partitioned tables as a whole. */
export function fromClause(t: CatalogTable): string {
  return t.kind === 'p' ? tableRef(t.name) : `ONLY ${tableRef(t.name)}`;
}

/**
 * The data tables of the public schema: plain and partitioned tables, not partitions
 * (their rows are read through the parent), not tables that belong to an extension,
 * not Kysely's migration lock. Sorted parents first by their foreign keys (ties and
 * cycles by name), so files read naturally; restore does not depend on this order.
 */
export async function readTables(client: pg.ClientBase): Promise<CatalogTable[]> {
  const { rows: tables } = await client.query<{ name: string; kind: 'r' | 'p' }>(`
    SELECT c.relname AS name, c.relkind AS kind
    FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace
      AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname <> $1
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY c.relname`, [MIGRATION_LOCK_TABLE]);
  // Generated columns are computed by the server and cannot be inserted: left out of both.
  const { rows: columns } = await client.query<{ table: string; name: string; type: string; identity: string }>(`
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attidentity AS identity
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
      AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`);
  const byName = new Map<string, CatalogTable>();
  for (const t of tables) byName.set(t.name, { name: t.name, kind: t.kind, columns: [] });
  for (const c of columns) byName.get(c.table)?.columns.push({ name: c.name, type: c.type, identity: c.identity });

  const fks = await readForeignKeys(client);
  const parents = new Map<string, Set<string>>();
  for (const t of byName.keys()) parents.set(t, new Set());
  for (const fk of fks) {
    if (fk.table !== fk.references && byName.has(fk.table) && byName.has(fk.references)) parents.get(fk.table)!.add(fk.references);
  }
  const ordered: CatalogTable[] = [];
  const placed = new Set<string>();
  const names = [...byName.keys()].sort();
  while (placed.size < names.length) {
    let next = names.find((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p)));
    next ??= names.find((n) => !placed.has(n))!; // a cycle: break it by name
    placed.add(next);
    ordered.push(byName.get(next)!);
  }
  return ordered;
}

/** Foreign keys declared on tables of the public schema (on partitioned tables once, not per partition). */
export async function readForeignKeys(client: pg.ClientBase): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(`
    SELECT c.relname AS table, con.conname AS name, r.relname AS references, pg_get_constraintdef(con.oid) AS definition
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_class r ON r.oid = con.confrelid
    WHERE con.contype = 'f' AND con.conparentid = 0 AND c.relnamespace = 'public'::regnamespace
    ORDER BY c.relname, con.conname`);
  return rows;
}

/** Enabled user (not internal/constraint) triggers on the given tables. */
export async function readUserTriggers(client: pg.ClientBase, tables: string[]): Promise<UserTrigger[]> {
  const { rows } = await client.query<UserTrigger>(`
    SELECT c.relname AS table, t.tgname AS name, t.tgenabled AS enabled
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1::text[])
      AND NOT t.tgisinternal AND t.tgparentid = 0 AND t.tgenabled <> 'D'
    ORDER BY c.relname, t.tgname`, [tables]);
  return rows;
}

/** Sequences owned by columns of the given tables: identity columns and serials. */
export async function readOwnedSequences(client: pg.ClientBase, tables: string[]): Promise<OwnedSequence[]> {
  const { rows } = await client.query<OwnedSequence>(`
    SELECT x.table, x.column, x.sequence FROM (
      SELECT c.relname AS table, a.attname AS column,
             pg_get_serial_sequence(format('public.%I', c.relname), a.attname) AS sequence
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1::text[])
        AND a.attnum > 0 AND NOT a.attisdropped
    ) x WHERE x.sequence IS NOT NULL
    ORDER BY x.table, x.column`, [tables]);
  return rows;
}

/** Populated materialized views of the public schema (refreshed after a restore). */
export async function readMaterializedViews(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`
    SELECT relname AS name FROM pg_class
    WHERE relnamespace = 'public'::regnamespace AND relkind = 'm' AND relispopulated
    ORDER BY relname`);
  return rows.map((r) => r.name);
}

/**
 * Session settings for both backup and restore, so every type's text form is
 * unambiguous and reads back identically: ISO dates, UTC, shortest exact floats, hex bytea.
 * Applied with SET LOCAL: they end with the transaction.
 */
export const TEXT_SETTINGS = [
  `SET LOCAL search_path = public`,
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL DateStyle = 'ISO, YMD'`,
  `SET LOCAL IntervalStyle = 'postgres'`,
  `SET LOCAL extra_float_digits = 3`,
  `SET LOCAL bytea_output = 'hex'`,
  `SET LOCAL statement_timeout = 0`,
  `SET LOCAL idle_in_transaction_session_timeout = 0`,
];
