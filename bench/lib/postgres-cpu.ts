import fs from 'node:fs';

/**
 * CPU seconds used so far by PostgreSQL's processes on this machine (every process named `postgres`, and the ended ones they reaped),
 * read from /proc: the server's share of a load, which the bench process's own cpuUsage() does not see.
 * Undefined where there is no /proc (not Linux). Linux counts in ticks of 1/100 s.
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
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      // "pid (comm) state ppid …": utime and stime are fields 14 and 15, counted after the closing parenthesis.
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const f = stat.slice(close + 2).split(' ');
      // utime + stime, and cutime + cstime: a backend that ended (a pool closing an idle connection) is counted in its postmaster's.
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100;
}
