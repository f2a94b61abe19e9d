import path from 'node:path';

/** One typed configuration, read from the environment with defaults. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** External PostgreSQL; when absent an embedded server under dataDir/pg is used. */
  databaseUrl?: string;
  /** Port of the embedded PostgreSQL server. */
  embeddedPgPort: number;
  logLevel: string;
  /** Optional raster tile URL template for the console map; the map works without one. */
  tileUrl?: string;
  sessionHours: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
  /** Cities loaded by `seed` (GB/T 2260 city codes). */
  cities: string[];
  /** Seconds between passes of the deadline sweeper (督办); 0 turns it off on this node. */
  sweepSeconds: number;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`config: ${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int('PORT', env.PORT, 3000),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: int('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 54329),
    logLevel: env.LOG_LEVEL || 'info',
    tileUrl: env.TILE_URL || undefined,
    sessionHours: int('SESSION_HOURS', env.SESSION_HOURS, 12),
    lockoutAttempts: int('LOCKOUT_ATTEMPTS', env.LOCKOUT_ATTEMPTS, 5),
    lockoutMinutes: int('LOCKOUT_MINUTES', env.LOCKOUT_MINUTES, 15),
    sweepSeconds: int('SWEEP_SECONDS', env.SWEEP_SECONDS, 60),
    cities: (env.CITIES || '150200,150700').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
