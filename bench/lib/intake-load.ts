import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { threadCpuSeconds } from './proc-cpu.ts';

/**
 * The load generator of bench/intake.ts, in a worker thread so its own work does not sit on the
 * server's event loop. Each request posts the next prepared ticket body with a fresh Idempotency-Key
 * (as the console's 受理台 and the phones send); every status is counted, so the bench can insist on
 * 201 for all of them.
 * - as fast as it goes (no rate): autocannon, closed loop over `connections`;
 * - at a fixed rate: requests sent evenly spaced (autocannon's overallRate sends each connection's
 *   quota in a burst at the top of every second, which measures the burst, not the rate), over at
 *   most `connections` sockets; latency counts from when a request was due, so a server that falls
 *   behind is not flattered (no coordinated omission).
 */

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  seconds: number;
  /** Requests per second over all connections; absent: as fast as the server answers. */
  rate?: number;
}

export interface LoadResult {
  requests: number;
  statuses: Record<string, number>;
  errors: number;
  /** Closed loop: autocannon's timeouts; fixed rate: requests not sent in time (every socket was busy). */
  timeouts: number;
  p50: number;
  p99: number;
  max: number;
  seconds: number;
  reqPerS: number;
  /** CPU seconds this load worker's thread used. */
  cpuSeconds?: number;
}

const o = workerData as LoadOptions;
const cpu0 = threadCpuSeconds();
let next = 0;
// Unique across the bench's runs (warm-up, fixed rate, closed loop), each its own worker.
const run = `${process.pid}-${Date.now().toString(36)}`;
const keyOf = (k: number) => `bench-${run}-${k}`;
const statuses: Record<string, number> = {};
const latencies: number[] = [];
const count = (status: number | string, ms: number) => { statuses[status] = (statuses[status] ?? 0) + 1; latencies.push(ms); };

function finish(errors: number, timeouts: number, seconds: number) {
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] * 10) / 10 : 0;
  const out: LoadResult = { requests, statuses, errors, timeouts, p50: at(0.5), p99: at(0.99), max: at(1), seconds, reqPerS: requests / seconds };
  const cpu1 = threadCpuSeconds();
  if (cpu0 !== undefined && cpu1 !== undefined) out.cpuSeconds = cpu1 - cpu0;
  parentPort!.postMessage(out);
}

function closedLoop() {
  const instance = autocannon({
    url: o.url, connections: o.connections, duration: o.seconds, timeout: 30,
    requests: [{ method: 'POST', path: '/api/tickets', headers: { ...o.headers, 'content-type': 'application/json' }, setupRequest: (req) => { const k = next++; return { ...req, headers: { ...o.headers, 'content-type': 'application/json', 'idempotency-key': keyOf(k) }, body: o.bodies[k % o.bodies.length] }; } }],
  }, (err, r) => {
    if (err) throw err;
    finish(r.errors, r.timeouts, r.duration);
  });
  instance.on('response', (_client, status, _bytes, ms) => count(status, ms));
}

function paced(rate: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const url = new URL('/api/tickets', o.url);
  const total = Math.round(rate * o.seconds);
  const t0 = performance.now();
  const end = t0 + o.seconds * 1000;
  const dueOf = (k: number) => t0 + (k * 1000) / rate;
  let sent = 0;
  let inFlight = 0;
  let errors = 0;
  let timer: NodeJS.Timeout | undefined;
  const post = (due: number) => {
    inFlight++;
    const k = next++;
    const body = o.bodies[k % o.bodies.length];
    const req = http.request(url, { method: 'POST', agent, timeout: 30_000, headers: { ...o.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': keyOf(k) } }, (res) => {
      res.resume();
      res.on('end', () => { count(res.statusCode ?? 0, performance.now() - due); settle(); });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => { errors++; settle(); });
    req.end(body);
  };
  const settle = () => { inFlight--; tick(); };
  // Everything due by now goes out while a socket is free; what is still unsent when the time is up is
  // counted as not sent (the server did not keep up), so the run ends on time.
  const tick = () => {
    if (timer) { clearTimeout(timer); timer = undefined; }
    const now = performance.now();
    if (now >= end && sent < total) { statuses.unsent = total - sent; sent = total; }
    while (sent < total && inFlight < o.connections && dueOf(sent) <= now) post(dueOf(sent++));
    if (sent < total) timer = setTimeout(tick, Math.max(0, Math.min(dueOf(sent), end) - performance.now()));
    else if (inFlight === 0) { agent.destroy(); const unsent = statuses.unsent ?? 0; delete statuses.unsent; finish(errors, unsent, (performance.now() - t0) / 1000); }
  };
  tick();
}

if (o.rate) paced(o.rate);
else closedLoop();
