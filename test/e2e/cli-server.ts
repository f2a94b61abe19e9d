import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** The real CLI server (`node bin/shiyu.js serve`) as a child process, for tests that kill it. */

export interface CliServer {
  url: string;
  proc: ChildProcess;
  /** What it wrote, for a failure message. */
  output(): string;
  /** kill -9, resolved once the process is gone. */
  kill(): Promise<void>;
}

export const freePort = () => new Promise<number>((resolve, reject) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  s.on('error', reject);
});

/** Starts the server on `port` over DATABASE_URL and resolves once it answers a login, or rejects after `timeoutMs`. */
export async function startCliServer(env: Record<string, string>, port: number, timeoutMs = 60_000): Promise<CliServer> {
  const proc = spawn(process.execPath, [path.resolve('bin/shiyu.js'), 'serve'], {
    cwd: path.resolve('.'), env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-4000); });
  proc.stderr!.on('data', (d: Buffer) => { out = (out + d.toString()).slice(-4000); });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const server: CliServer = {
    url: `http://127.0.0.1:${port}`, proc, output: () => out,
    async kill() { if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL'); await exited; },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode} during start-up:\n${out}`);
    try {
      // Any HTTP answer means it listens; the login route needs no session.
      const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(2000) });
      if (res.status > 0) return server;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { await server.kill(); throw new Error(`server did not answer within ${timeoutMs} ms:\n${out}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
}
