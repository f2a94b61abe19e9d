import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import type { Database } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import {
  BACKUP_FORMAT, BACKUP_VERSION, BackupFileError, scanBackup,
  type BackupHeader, type BackupTable, type BackupTrailer, type RowValues,
} from './backup-file.ts';
import {
  MIGRATION_LOCK_TABLE, MIGRATION_TABLE, TEXT_SETTINGS, fromClause, ident, readForeignKeys, readMaterializedViews,
  readOwnedSequences, readTables, readUserTriggers, tableRef, type CatalogTable,
} from './backup-catalog.ts';

export { BackupFileError } from './backup-file.ts';

/** Rows per FETCH adapt to the row size so that one batch stays around this many bytes of JSON. */
const BATCH_BYTES = 4 * 1024 * 1024;
const MAX_FETCH = 5000;
const MAX_INSERT_ROWS = 1000;
/** PostgreSQL's limit of bind parameters per statement is 65535. */
const MAX_PARAMS = 65_000;
const LOG_EVERY = 100_000;

async function connect(d: Database): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: d.url, application_name: 'shiyu-backup' });
  await client.connect();
  return client;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Writes a consistent backup of every table of the public schema (except Kysely's
 * migration lock) to `file`, as gzip'd JSON lines (format in backup-file.ts).
 *
 * One REPEATABLE READ, READ ONLY transaction gives one snapshot for all tables; each
 * table is streamed through a server-side cursor (DECLARE … FETCH), so no table is
 * ever held in memory. Every value is read as `col::text`, which round-trips ltree,
 * jsonb, timestamptz, arrays… exactly. The file is written as `file.partial` and only
 * renamed to `file` once complete and synced, so a failed backup never looks complete.
 */
export async function backupDatabase(d: Database, file: string, log: (m: string) => void): Promise<{ tables: number; rows: number }> {
  const partial = `${file}.partial`;
  const client = await connect(d);
  let inTransaction = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    inTransaction = true;
    for (const s of TEXT_SETTINGS) await client.query(s);
    // Row-level security must not silently hide rows from a backup: fail instead.
    await client.query('SET LOCAL row_security = off');

    const tables = await readTables(client);
    // Like pg_dump: hold ACCESS SHARE locks so no table is dropped or altered under the backup
    // (ordinary reads and writes go on; the snapshot keeps the backup consistent).
    if (tables.length) await client.query(`LOCK TABLE ${tables.map((t) => tableRef(t.name)).join(', ')} IN ACCESS SHARE MODE`);
    const migrations = tables.some((t) => t.name === MIGRATION_TABLE)
      ? (await client.query<{ name: string }>(`SELECT name FROM ${tableRef(MIGRATION_TABLE)} ORDER BY name`)).rows.map((r) => r.name)
      : [];
    const { rows: [{ server_version: postgres }] } = await client.query<{ server_version: string }>('SHOW server_version');

    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      postgres,
      migrations,
      tables: tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
    };
    log(`backup: ${tables.length} tables, schema at ${migrations.at(-1) ?? '(no migrations)'}`);

    const hash = crypto.createHash('sha256');
    const counts: { name: string; rows: number }[] = [];
    let total = 0;

    async function* content(): AsyncGenerator<string> {
      const emit = (text: string) => {
        hash.update(text, 'utf8');
        return text;
      };
      yield emit(`${JSON.stringify(header)}\n`);
      for (const t of tables) {
        yield emit(`${JSON.stringify({ table: t.name })}\n`);
        let rows = 0;
        if (t.columns.length) {
          const select = t.columns.map((c) => `${ident(c.name)}::text`).join(', ');
          await client.query(`DECLARE shiyu_backup NO SCROLL CURSOR FOR SELECT ${select} FROM ${fromClause(t)}`);
          let fetch = 1000;
          for (;;) {
            const res = await client.query<string[]>({ text: `FETCH ${fetch} FROM shiyu_backup`, rowMode: 'array' });
            if (!res.rows.length) break;
            let chunk = '';
            for (const r of res.rows) chunk += `${JSON.stringify(r)}\n`;
            rows += res.rows.length;
            yield emit(chunk);
            if (rows % LOG_EVERY < res.rows.length) log(`backup: ${t.name} … ${rows} rows`);
            fetch = Math.max(10, Math.min(MAX_FETCH, Math.floor(BATCH_BYTES / Math.max(1, chunk.length / res.rows.length))));
          }
          await client.query('CLOSE shiyu_backup');
        } else {
          // A table without (non-generated) columns still has a row count.
          const { rows: [{ n }] } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${fromClause(t)}`);
          rows = Number(n);
          for (let i = 0; i < rows; i++) yield emit('[]\n');
        }
        counts.push({ name: t.name, rows });
        total += rows;
        log(`backup: ${t.name} ${rows} rows`);
      }
      const trailer: BackupTrailer = { end: BACKUP_FORMAT, tables: counts, rows: total, sha256: hash.digest('hex') };
      yield `${JSON.stringify(trailer)}\n`;
    }

    await fs.promises.mkdir(path.dirname(path.resolve(partial)), { recursive: true });
    await pipeline(content, zlib.createGzip(), fs.createWriteStream(partial));
    await client.query('COMMIT');
    inTransaction = false;

    const fh = await fs.promises.open(partial, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(partial, file);
    await syncDir(path.dirname(path.resolve(file)));
    const { size } = await fs.promises.stat(file);
    log(`backup written to ${file}: ${tables.length} tables, ${total} rows, ${mb(size)}`);
    return { tables: tables.length, rows: total };
  } catch (err) {
    if (inTransaction) await client.query('ROLLBACK').catch(() => {});
    await fs.promises.rm(partial, { force: true }).catch(() => {});
    throw new Error(`backup failed, no backup was written: ${(err as Error).message}`, { cause: err });
  } finally {
    await client.end().catch(() => {});
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await fs.promises.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* not supported on every platform/file system; the rename itself is done */
  }
}

/** An error that explains why the restore refused to start; the database was not changed. */
class Refusal extends Error {}

function sameColumns(a: { name: string; type: string }[], b: { name: string; type: string }[]): boolean {
  if (a.length !== b.length) return false;
  const types = new Map(b.map((c) => [c.name, c.type]));
  return a.every((c) => types.get(c.name) === c.type);
}

/**
 * Restores a backup written by backupDatabase.
 *
 * 1. The whole file is read and checked first (header, section order, row shapes, row
 *    counts, sha256): a cut-off or altered file is refused before the database is touched.
 * 2. The target is migrated to the latest schema; its migrations must then be exactly the
 *    backup's (a backup from a newer Shiyu, or from an older schema, is refused).
 * 3. Everything else happens in ONE transaction on one connection, so a restore that fails
 *    at any point (bad value, constraint violation, checksum mismatch on the second read,
 *    lost connection…) leaves the database exactly as it was:
 *    - all data tables are locked (ACCESS EXCLUSIVE) and must be empty unless `replace`;
 *    - user triggers are disabled (see below), foreign keys are dropped (see below);
 *    - with `replace`, all data tables are emptied with one TRUNCATE;
 *    - rows are loaded with batched multi-row INSERT … OVERRIDING SYSTEM VALUE, every
 *      value a text parameter cast to its column's type;
 *    - the foreign keys are re-created (which checks all rows against them), identity and
 *      serial sequences are set past the highest restored value, materialized views are
 *      refreshed, the triggers are enabled again, and only then COMMIT.
 *
 * Triggers: audit_log's append-only trigger refuses TRUNCATE, and any BEFORE INSERT trigger
 * a later migration adds (e.g. one stamping updated_at, or one writing an audit row) would
 * change the restored data. So every enabled user trigger of the restored tables is switched
 * off with ALTER TABLE … DISABLE TRIGGER inside the transaction and switched back on (with its
 * original O/R/A mode) before commit. DDL is transactional in PostgreSQL and the ACCESS
 * EXCLUSIVE lock is held until commit, so no other session ever sees a table without its
 * triggers, and a rollback restores them too. This needs only table ownership (the user that
 * ran the migrations), not superuser; `session_replication_role = replica` was not used
 * because it needs superuser (or an explicit GRANT SET) which a managed database user
 * usually lacks, and it would not stop ENABLE ALWAYS triggers anyway.
 *
 * Foreign keys: rows are loaded with all foreign keys of the public schema dropped and
 * re-created afterwards from their pg_get_constraintdef() (same name, same definition,
 * NOT VALID/DEFERRABLE kept). This is what pg_dump does: it works for any load order,
 * self-references (area.parent_code), cycles between tables and non-deferrable keys, needs
 * no superuser, and is faster than row-by-row checks — ADD CONSTRAINT validates each key
 * with one query over the whole table, so the restored data is still fully checked.
 * (SET CONSTRAINTS ALL DEFERRED does not affect non-deferrable keys; ordering rows by tree
 * depth works only for the self-references one knows about.)
 */
export async function restoreDatabase(
  d: Database,
  file: string,
  opts: { replace: boolean; log: (m: string) => void },
): Promise<{ tables: number; rows: number }> {
  const { log } = opts;

  // 1. The file, before anything touches the database.
  const { header, trailer } = await scanBackup(file);
  log(`backup ${file}: made ${header.createdAt}${header.postgres ? ` on PostgreSQL ${header.postgres}` : ''}, ${header.tables.length} tables, ${trailer.rows} rows, checksum ok`);

  // 2. The schema.
  const applied = await migrateToLatest(d.db);
  if (applied.length) log(`restore: migrated the target: ${applied.join(', ')}`);

  const client = await connect(d);
  let inTransaction = false;
  try {
    await client.query('BEGIN');
    inTransaction = true;
    for (const s of TEXT_SETTINGS) await client.query(s);
    // A server still running on this database would wait on our locks (or we on its): fail clearly instead.
    await client.query(`SET LOCAL lock_timeout = '15s'`);

    const target = (await client.query<{ name: string }>(`SELECT name FROM ${tableRef(MIGRATION_TABLE)} ORDER BY name`)).rows.map((r) => r.name);
    const unknown = header.migrations.filter((m) => !target.includes(m));
    if (unknown.length) {
      throw new Refusal(`the backup was made by a newer version of Shiyu: its schema has migrations this version does not know (${unknown.join(', ')}); restore it with that version or newer`);
    }
    const missing = target.filter((m) => !header.migrations.includes(m));
    if (missing.length) {
      throw new Refusal(`the backup was made with an older schema (up to ${header.migrations.at(-1) ?? 'no migrations'}) than this version of Shiyu (up to ${target.at(-1)}; missing in the backup: ${missing.join(', ')}); restore it with the Shiyu version that made it, then upgrade and run \`shiyu migrate\``);
    }

    const tables = (await readTables(client)).filter((t) => t.name !== MIGRATION_TABLE);
    const byName = new Map(tables.map((t) => [t.name, t]));
    const loadable = header.tables.filter((t) => t.name !== MIGRATION_TABLE);
    const problems: string[] = [];
    for (const t of loadable) {
      const there = byName.get(t.name);
      if (!there) problems.push(`table ${t.name} does not exist`);
      else if (!sameColumns(t.columns, there.columns)) {
        problems.push(`table ${t.name} has columns (${there.columns.map((c) => `${c.name} ${c.type}`).join(', ')}), the backup (${t.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
      }
    }
    if (problems.length) throw new Refusal(`the database schema does not match the backup although the migrations do: ${problems.join('; ')}`);
    for (const t of tables) {
      if (!loadable.some((b) => b.name === t.name)) log(`restore: table ${t.name} is not in the backup; it will be empty`);
    }

    // 3. Lock, check emptiness, then change things.
    const names = tables.map((t) => t.name);
    if (names.length) await client.query(`LOCK TABLE ${names.map(tableRef).join(', ')} IN ACCESS EXCLUSIVE MODE`);
    const nonEmpty: string[] = [];
    for (const t of tables) {
      const { rows } = await client.query(`SELECT 1 FROM ${fromClause(t)} LIMIT 1`);
      if (rows.length) nonEmpty.push(t.name);
    }
    if (nonEmpty.length && !opts.replace) {
      throw new Refusal(`the database already has data (in ${nonEmpty.join(', ')}); restore into an empty database, or use --replace to delete the current data first`);
    }

    const triggers = await readUserTriggers(client, names);
    for (const tr of triggers) await client.query(`ALTER TABLE ${tableRef(tr.table)} DISABLE TRIGGER ${ident(tr.name)}`);
    const fks = await readForeignKeys(client);
    for (const fk of fks) await client.query(`ALTER TABLE ${tableRef(fk.table)} DROP CONSTRAINT ${ident(fk.name)}`);
    if (nonEmpty.length) {
      await client.query(`TRUNCATE TABLE ${names.map(tableRef).join(', ')}`);
      log(`restore: emptied ${nonEmpty.length} tables (${nonEmpty.join(', ')})`);
    }

    // The file is read a second time to load it; scanBackup checks everything again, and
    // any difference from the first read (a file changed in between) aborts the transaction.
    let loadedTables = 0;
    let loadedRows = 0;
    let batch: RowValues[] = [];
    let batchBytes = 0;
    let tableRows = 0;
    let current: { table: BackupTable; sql: (n: number) => string; maxRows: number } | null = null;

    const flush = async () => {
      if (!current || !batch.length) return;
      await client.query(current.sql(batch.length), batch.flat());
      batch = [];
      batchBytes = 0;
    };

    const second = await scanBackup(file, {
      table(t) {
        if (t.name === MIGRATION_TABLE) {
          current = null;
          return;
        }
        const target = byName.get(t.name)!;
        tableRows = 0;
        current = { table: t, sql: insertSql(t, target), maxRows: Math.max(1, Math.min(MAX_INSERT_ROWS, Math.floor(MAX_PARAMS / Math.max(1, t.columns.length)))) };
      },
      async row(values) {
        if (!current) return;
        if (!values.length) {
          // A table without insertable columns: one DEFAULT VALUES insert per row.
          await client.query(`INSERT INTO ${tableRef(current.table.name)} DEFAULT VALUES`);
          loadedRows++;
          return;
        }
        batch.push(values);
        for (const v of values) batchBytes += v === null ? 4 : v.length;
        loadedRows++;
        tableRows++;
        if (batch.length >= current.maxRows || batchBytes >= BATCH_BYTES) await flush();
        if (tableRows % LOG_EVERY === 0) log(`restore: ${current.table.name} … ${tableRows} rows`);
      },
      async tableEnd(t, rows) {
        if (t.name === MIGRATION_TABLE) return;
        await flush();
        loadedTables++;
        log(`restore: ${t.name} ${rows} rows`);
      },
    });
    if (second.trailer.sha256 !== trailer.sha256) throw new Error('the backup file changed while it was being restored');

    for (const fk of fks) await client.query(`ALTER TABLE ${tableRef(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition}`);
    log(`restore: ${fks.length} foreign keys checked`);

    const sequences = await readOwnedSequences(client, names);
    for (const s of sequences) {
      // Next value = highest restored value + increment (or the start value for an empty table).
      const col = ident(s.column);
      await client.query(
        `SELECT setval($1::regclass,
                       CASE WHEN seq.seqincrement > 0 THEN GREATEST(COALESCE(x.hi, seq.seqstart), seq.seqmin)
                            ELSE LEAST(COALESCE(x.lo, seq.seqstart), seq.seqmax) END,
                       x.hi IS NOT NULL)
         FROM (SELECT max(${col})::bigint AS hi, min(${col})::bigint AS lo FROM ${tableRef(s.table)}) x,
              pg_sequence seq
         WHERE seq.seqrelid = $1::regclass`,
        [s.sequence],
      );
    }
    for (const mv of await readMaterializedViews(client)) await client.query(`REFRESH MATERIALIZED VIEW ${tableRef(mv)}`);

    const enable = { O: 'ENABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' } as const;
    for (const tr of triggers) await client.query(`ALTER TABLE ${tableRef(tr.table)} ${enable[tr.enabled]} TRIGGER ${ident(tr.name)}`);

    await client.query('COMMIT');
    inTransaction = false;
    log(`restore done: ${loadedTables} tables, ${loadedRows} rows`);
    return { tables: loadedTables, rows: loadedRows };
  } catch (err) {
    if (inTransaction) await client.query('ROLLBACK').catch(() => {});
    if (err instanceof Refusal) throw new Error(`restore refused, the database was not changed: ${err.message}`);
    if (err instanceof BackupFileError) throw err;
    const e = err as Error & { code?: string };
    let hint = '';
    if (e.code === '55P03') hint = ' (the tables are in use: stop the Shiyu server using this database and try again)';
    else if (e.code === '42501') hint = ' (restore must run as the owner of the tables, i.e. the database user that ran the migrations)';
    throw new Error(`restore failed, the database was left unchanged: ${e.message}${hint}`, { cause: err });
  } finally {
    await client.end().catch(() => {});
  }
}

/** INSERT INTO t (cols) OVERRIDING SYSTEM VALUE VALUES ($1::type, …), (…) for n rows. */
function insertSql(t: BackupTable, target: CatalogTable): (n: number) => string {
  const types = new Map(target.columns.map((c) => [c.name, c.type]));
  const overriding = target.columns.some((c) => c.identity === 'a') ? ' OVERRIDING SYSTEM VALUE' : '';
  const head = `INSERT INTO ${tableRef(t.name)} (${t.columns.map((c) => ident(c.name)).join(', ')})${overriding} VALUES `;
  const cache = new Map<number, string>();
  return (n) => {
    let text = cache.get(n);
    if (!text) {
      const tuples: string[] = [];
      let p = 0;
      for (let i = 0; i < n; i++) tuples.push(`(${t.columns.map((c) => `$${++p}::${types.get(c.name)}`).join(', ')})`);
      text = head + tuples.join(', ');
      if (cache.size < 4) cache.set(n, text);
    }
    return text;
  };
}
