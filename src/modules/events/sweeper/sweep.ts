import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError } from '../../../kernel/errors.ts';
import { actOnTicket } from '../tickets/action-service.ts';
import { policyOf } from '../tickets/clock.ts';
import { OPEN_STATES } from '../workflow/states.ts';
import { RED_AFTER_WORKDAYS, supervisionDue, supervisionNote } from './levels.ts';

export interface SweepOptions {
  /** Tickets locked and handled per transaction. */
  batchSize?: number;
  /** Sweep one city only (default: all). */
  cityCode?: string;
}

export interface SweepResult {
  at: string;
  /** Overdue open tickets looked at (locked by this sweeper; those locked by another were skipped). */
  checked: number;
  raised: { cityCode: string; id: number; number: string; level: 'yellow' | 'red'; from: string; deadline: string; workdaysLate: number }[];
  /** Red was due but a 延期 request waits: kept at yellow. */
  held: { cityCode: string; id: number; number: string }[];
  /** Refused by the workflow meanwhile (e.g. another node got there first). */
  refused: { cityCode: string; id: number; message: string }[];
}

/** The sweeper acts in no one's name: relation 'system', shown as 系统 on the timeline. */
function systemCaller(cityCode: string): Caller {
  return { id: 0, username: 'system', displayName: '系统', role: 'dispatcher', cityCode, scopePath: cityCode, department: null, via: 'api_key' };
}

const OPEN = sql.join(OPEN_STATES.map((s) => sql.lit(s)));

/**
 * One pass of the deadline sweeper (督办): open tickets whose running deadline has passed, in
 * batches locked FOR UPDATE SKIP LOCKED (a ticket another node holds is left to that node), each
 * raised through the same action service as a person's 督办 — action row, notice and the
 * workflow's "supervision only rises" check in the batch's transaction.
 */
export async function sweepOnce(db: Kysely<DB>, now: Date = new Date(), opts: SweepOptions = {}): Promise<SweepResult> {
  const batchSize = opts.batchSize ?? 200;
  const out: SweepResult = { at: now.toISOString(), checked: 0, raised: [], held: [], refused: [] };
  const policies = new Map<string, number>();
  const redAfter = async (city: string) => {
    if (!policies.has(city)) policies.set(city, (await policyOf(db, city)).redAfterWorkdays ?? RED_AFTER_WORKDAYS);
    return policies.get(city)!;
  };
  let cursor: [string, number] = ['', 0];
  for (;;) {
    const rows = await db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('ticket').selectAll()
        .where(sql<boolean>`state IN (${OPEN}) AND supervision <> 'red'`)
        .where(sql<boolean>`(CASE WHEN state = 'dispatched' THEN coalesce(sign_due_at, due_at) ELSE due_at END) < ${now}`)
        .where(sql<boolean>`(city_code, id) > (${cursor[0]}, ${cursor[1]})`);
      if (opts.cityCode) q = q.where('city_code', '=', opts.cityCode);
      const batch = await q.orderBy('city_code').orderBy('id').limit(batchSize).forUpdate().skipLocked().execute();
      for (const row of batch) {
        const due = supervisionDue(row, now, await redAfter(row.city_code));
        if (!due) continue;
        if (due.held) out.held.push({ cityCode: row.city_code, id: row.id, number: row.number });
        if (!due.raise) continue;
        try {
          await actOnTicket(trx, systemCaller(row.city_code), row.id, { action: 'supervise', level: due.level, note: supervisionNote(due) }, { now });
          out.raised.push({ cityCode: row.city_code, id: row.id, number: row.number, level: due.level, from: row.supervision, deadline: due.deadline.at.toISOString(), workdaysLate: due.workdaysLate });
        } catch (e) {
          // A refusal is decided before anything is written, so the batch's transaction goes on.
          if (!(e instanceof AppError) || e.status >= 500) throw e;
          out.refused.push({ cityCode: row.city_code, id: row.id, message: e.message });
        }
      }
      return batch;
    });
    out.checked += rows.length;
    if (rows.length < batchSize) return out;
    const last = rows[rows.length - 1];
    cursor = [last.city_code, last.id];
  }
}
