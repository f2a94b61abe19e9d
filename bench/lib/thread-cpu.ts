import fs from 'node:fs';

/**
 * CPU seconds used so far by the calling thread, read from /proc/thread-self: how a phase's CPU splits
 * between the request thread, the load worker and the rest of the process (classifier thread, GC and
 * libuv helpers). Undefined where there is no /proc (not Linux). Linux counts in ticks of 1/100 s.
 */
export function threadCpuSeconds(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}
