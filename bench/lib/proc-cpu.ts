import fs from 'node:fs';

/** Linux counts CPU time in /proc in ticks of 1/100 s. */
const TICKS_PER_S = 100;

/**
 * A /proc stat line, "pid (comm) state ppid …": the name, and the fields after the closing parenthesis
 * (utime and stime are fields 14 and 15 of the line, so [11] and [12] here; cutime and cstime [13] and [14]).
 */
function readStat(file: string): { comm: string; fields: string[] } {
  const stat = fs.readFileSync(file, 'utf8');
  const close = stat.lastIndexOf(')');
  return { comm: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).split(' ') };
}

/**
 * CPU seconds used so far by the calling thread, read from /proc/thread-self: how a phase's CPU splits
 * between the request thread, the load worker and the rest of the process (classifier thread, GC and
 * libuv helpers). Undefined where there is no /proc (not Linux).
 */
export function threadCpuSeconds(): number | undefined {
  try {
    const { fields: f } = readStat('/proc/thread-self/stat');
    return (Number(f[11]) + Number(f[12])) / TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by PostgreSQL's processes on this machine (every process named `postgres`, and
 * the ended ones they reaped): the server's share of a load, which the bench process's own cpuUsage()
 * does not see. Undefined where there is no /proc (not Linux).
 */
export function postgresCpuSeconds(): number | undefined {
  let dirs: string[];
  try {
    dirs = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const d of dirs) {
    try {
      const { comm, fields: f } = readStat(`/proc/${d}/stat`);
      if (comm !== 'postgres') continue;
      // utime + stime, and cutime + cstime: a backend that ended (a pool closing an idle connection) is counted in its postmaster's.
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / TICKS_PER_S;
}
