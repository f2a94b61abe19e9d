import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { ROOT } from '../src/version.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';

/**
 * startup: seconds from `shiyu serve` to the first answer of /api/health on an already
 * seeded embedded database; baseline: starting and stopping the bare embedded PostgreSQL
 * on the same data directory in the same run.
 */
const dataDir = path.join(ROOT, '.tmp', 'bench-startup');
const freePort = () => new Promise<number>((res) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => res(p)); }); });

async function waitHealthy(port: number, child: ReturnType<typeof spawn>, t0: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return (performance.now() - t0) / 1000;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  const pgPort = await freePort();
  const env = { ...process.env, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn', DATABASE_URL: '' };
  if (!fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) {
    console.log('seeding the benchmark database once (not timed)…');
    const r = spawnSync(process.execPath, ['bin/shiyu.js', 'seed', '--demo'], { cwd: ROOT, env, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('seed failed');
  }
  const runs: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < 3; i++) {
    const tb = performance.now();
    const pg = await startEmbeddedPostgres(path.join(dataDir, 'pg'), pgPort);
    base.push((performance.now() - tb) / 1000);
    await pg.stop();

    const port = await freePort();
    const t0 = performance.now();
    const child = spawn(process.execPath, ['bin/shiyu.js', 'serve'], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
    runs.push(await waitHealthy(port, child, t0));
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log(`runs (s): ${runs.map((r) => r.toFixed(2)).join(', ')}; bare PostgreSQL start (s): ${base.map((r) => r.toFixed(2)).join(', ')}`);
  console.log(`startup-baseline-pg-s: ${median(base).toFixed(2)}`);
  console.log(`startup-ratio-to-pg: ${(median(runs) / median(base)).toFixed(1)}`);
  console.log(`startup-s: ${median(runs).toFixed(2)}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
