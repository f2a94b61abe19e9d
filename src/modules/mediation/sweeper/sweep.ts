import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { formatShanghai } from '../../../kernel/calendar/index.ts';
import { AppError } from '../../../kernel/errors.ts';
import { workdaysLate } from '../../events/sweeper/levels.ts';
import { SUPERVISION } from '../../events/workflow/states.ts';
import { actOnCase, systemCaller } from '../cases/action-service.ts';
import { loadTerms } from '../cases/settings.ts';
import { OPEN_STATES } from '../workflow/states.ts';

export interface MediationSweepResult {
  at: string;
  /** Overdue open cases looked at (locked by this sweeper; those another node holds were skipped). */
  checked: number;
  raised: { cityCode: string; id: number; number: string; level: 'yellow' | 'red'; from: string; deadline: string; workdaysLate: number }[];
  /** Kept for the runner's log line (mediation has no pending request that holds the clock). */
  held: never[];
  refused: { cityCode: string; id: number; message: string }[];
}

const OPEN = sql.join(OPEN_STATES.map((s) => sql.lit(s)));

/** The 督办 an overdue case calls for: yellow once its deadline has passed, red when more than `redAfter` working days late. */
export function caseSupervisionDue(due: Date, now: Date, redAfter: number): { level: 'yellow' | 'red'; late: number } | null {
  if (now <= due) return null;
  const late = workdaysLate(due, now);
  return { level: late > redAfter ? 'red' : 'yellow', late };
}

/**
 * One pass of the mediation deadline sweeper (调解督办): open cases whose conclusion deadline
 * (one month from 受理, 30 days for 诉前调解, as extended) has passed, in batches locked FOR UPDATE
 * SKIP LOCKED — several nodes share the cases out — each raised through the same action service as a
 * person's 督办 (relation system, actor 系统), so the rise-only rule and the action row are the workflow's.
 */
export async function sweepMediationOnce(db: Kysely<DB>, now: Date = new Date(), opts: { batchSize?: number; cityCode?: string } = {}): Promise<MediationSweepResult> {
  const batchSize = opts.batchSize ?? 200;
  const out: MediationSweepResult = { at: now.toISOString(), checked: 0, raised: [], held: [], refused: [] };
  const redAfter = new Map<string, number>();
  let cursor: [string, number] = ['', 0];
  for (;;) {
    const rows = await db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('mediation_case').select(['city_code', 'id', 'number', 'due_at', 'supervision'])
        .where(sql<boolean>`state IN (${OPEN}) AND supervision <> 'red' AND due_at < ${now}`)
        .where(sql<boolean>`(city_code, id) > (${cursor[0]}, ${cursor[1]})`);
      if (opts.cityCode) q = q.where('city_code', '=', opts.cityCode);
      const batch = await q.orderBy('city_code').orderBy('id').limit(batchSize).forUpdate().skipLocked().execute();
      for (const row of batch) {
        if (!redAfter.has(row.city_code)) redAfter.set(row.city_code, (await loadTerms(trx, row.city_code)).redAfterWorkdays);
        const due = caseSupervisionDue(row.due_at!, now, redAfter.get(row.city_code)!);
        if (!due || SUPERVISION.indexOf(due.level) <= SUPERVISION.indexOf(row.supervision)) continue;
        const note = `系统督办：已超过调解期限 ${formatShanghai(row.due_at!)}${due.late > 0 ? `，已逾期 ${due.late} 个工作日` : ''}`;
        try {
          await actOnCase(trx, systemCaller(row.city_code), row.id, { action: 'supervise', level: due.level, note }, { now });
          out.raised.push({ cityCode: row.city_code, id: row.id, number: row.number, level: due.level, from: row.supervision, deadline: row.due_at!.toISOString(), workdaysLate: due.late });
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
