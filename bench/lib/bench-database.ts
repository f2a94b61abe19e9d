import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { ROOT } from '../../src/version.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/db/embedded.ts';
import { ensureDatabase, kyselyFor } from '../../src/db/database.ts';
import type { DB } from '../../src/db/types.ts';

export interface BenchDatabase {
  db: Kysely<DB>;
  url: string;
  /** False when a kept database from an earlier run was reopened (its data is already loaded). */
  fresh: boolean;
  close(): Promise<void>;
}

const freePort = () => new Promise<number>((res) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => res(p)); }); });

/**
 * A database of a bench's own: on the server of DATABASE_URL, else on an embedded server under
 * .tmp/<dir>. Dropped (or the embedded server's files removed) on close, unless `keep`, which
 * reopens it next run for profiling.
 */
export async function openBenchDatabase(name: string, dir: string, opts: { keep?: boolean; poolSize?: number } = {}): Promise<BenchDatabase> {
  const keep = opts.keep ?? false;
  const dataDir = path.join(ROOT, '.tmp', dir);
  let server: EmbeddedServer | undefined;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = '/postgres';
    adminUrl = u.toString();
  } else {
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
    server = await startEmbeddedPostgres(path.join(dataDir, 'pg'), await freePort());
    adminUrl = server.url();
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = Boolean((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount);
  if (!keep || !exists) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await ensureDatabase(adminUrl, name);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = kyselyFor(u.toString(), opts.poolSize ?? 8);
  return {
    db, url: u.toString(), fresh: !keep || !exists,
    async close() {
      await db.destroy();
      if (server) {
        await server.stop();
        if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
      } else if (!keep) {
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
        await a.end();
      }
    },
  };
}
