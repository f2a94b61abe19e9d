import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { sweepOnce } from './sweep.ts';

interface Log { info(obj: object, msg: string): void; error(obj: object, msg: string): void }

export interface SweeperRunner { stop(): Promise<void> }

/** One pass of a deadline sweeper (tickets by default; the mediation module passes its own). */
export type SweepPass = (db: Kysely<DB>) => Promise<{ raised: unknown[]; held: unknown[]; refused: unknown[] }>;

/**
 * Runs the sweeper every `seconds` on this node (0: never). Passes do not overlap; several nodes
 * may run it at once (SKIP LOCKED shares the tickets out). stop() waits for a running pass.
 */
export function startSweeper(db: Kysely<DB>, seconds: number, log: Log, pass: SweepPass = sweepOnce, name = '督办 sweep'): SweeperRunner {
  if (seconds <= 0) return { stop: async () => {} };
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = pass(db)
      .then((r) => { if (r.raised.length || r.refused.length) log.info({ raised: r.raised.length, held: r.held.length, refused: r.refused.length }, `${name}: ${r.raised.length} raised`); })
      .catch((err: unknown) => log.error({ err }, `${name} failed`))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
