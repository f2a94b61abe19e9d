import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from './types.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded.ts';

// bigint (int8) and numeric come back as strings by default; counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
// A calendar date (birth date, deadline day) stays 'YYYY-MM-DD', never shifted by a time zone.
pg.types.setTypeParser(1082, (v) => v);

export interface Database {
  db: Kysely<DB>;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export const EMBEDDED_DB_NAME = 'shiyu';

/**
 * Marks a statement to be prepared once per connection (`sql\`${PREPARED} …\``): the intake's batch
 * statements run hundreds of times a second, and parsing and planning them again each time cost the
 * database about as much as running them. Only for statements whose text is fixed (the values are parameters).
 */
const PREPARED_TEXT = '/* prepared */';
export const PREPARED = sql.raw(PREPARED_TEXT);

/** pg's client, naming the marked statements by their text's hash: pg then parses them once per connection. */
class PreparingClient extends pg.Client {
  // pg's query() has many overloads; this only adds a name to the (text, values) form Kysely uses.
  query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && text.startsWith(PREPARED_TEXT) && Array.isArray(values) && args.length === 2) {
      const name = `p_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      return super.query({ name, text, values }) as never;
    }
    return (super.query as (...a: unknown[]) => unknown)(...args) as never;
  }
}

export function kyselyFor(url: string, max = 10): Kysely<DB> {
  const pool = new pg.Pool({ connectionString: url, max, Client: PreparingClient });
  // An idle connection closed by the server (restart, shutdown) must not crash the process;
  // the pool drops it and the next query opens a new one.
  pool.on('error', () => {});
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/** Creates `name` on the server of `adminUrl` if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''} ENCODING 'UTF8'`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Opens the configured database: DATABASE_URL if set, otherwise the embedded
 * PostgreSQL under DATA_DIR/pg, started (and later stopped) by this process.
 */
export async function openDatabase(config: Config, log: (msg: string) => void = () => {}): Promise<Database> {
  if (config.databaseUrl) {
    const db = kyselyFor(config.databaseUrl);
    return { db, url: config.databaseUrl, embedded: false, close: () => db.destroy() };
  }
  const server: EmbeddedServer = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), config.embeddedPgPort, log);
  try {
    await ensureDatabase(server.url(), EMBEDDED_DB_NAME);
  } catch (err) {
    await server.stop();
    throw err;
  }
  const url = server.url(EMBEDDED_DB_NAME);
  const db = kyselyFor(url);
  return {
    db,
    url,
    embedded: true,
    async close() {
      await db.destroy();
      await server.stop();
    },
  };
}
