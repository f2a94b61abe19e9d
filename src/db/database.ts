import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
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

export function kyselyFor(url: string, max = 10): Kysely<DB> {
  const pool = new pg.Pool({ connectionString: url, max });
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
