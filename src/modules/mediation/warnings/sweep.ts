import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { OPEN_STATES } from '../workflow/states.ts';
import { evaluateCase, type Raised } from './evaluate.ts';
import type { RuleSet } from './rules.ts';
import { loadRules } from './store.ts';

export interface WarningSweepResult {
  at: string;
  /** Open cases evaluated (locked by this pass; those another node or a request holds were skipped). */
  checked: number;
  raised: Raised[];
  /** Kept for the runner's log line. */
  held: never[];
  refused: never[];
}

const OPEN = sql.join(OPEN_STATES.map((s) => sql.lit(s)));

/**
 * One periodic pass of the early-warning rules (预警巡检): every open case, in batches locked FOR UPDATE
 * SKIP LOCKED — several nodes share the cases out — each evaluated as on a write. It catches what no write
 * announces: a deadline passing, and thresholds a city has just lowered. The unique indexes keep a case
 * from getting the same warning twice, whoever evaluates it.
 */
export async function sweepWarningsOnce(db: Kysely<DB>, now: Date = new Date(), opts: { batchSize?: number; cityCode?: string } = {}): Promise<WarningSweepResult> {
  const batchSize = opts.batchSize ?? 200;
  const out: WarningSweepResult = { at: now.toISOString(), checked: 0, raised: [], held: [], refused: [] };
  const rules = new Map<string, RuleSet>();
  let cursor: [string, number] = ['', 0];
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('mediation_case').select(['city_code', 'id'])
        .where(sql<boolean>`state IN (${OPEN})`).where(sql<boolean>`(city_code, id) > (${cursor[0]}, ${cursor[1]})`);
      if (opts.cityCode) q = q.where('city_code', '=', opts.cityCode);
      const rows = await q.orderBy('city_code').orderBy('id').limit(batchSize).forUpdate().skipLocked().execute();
      for (const r of rows) {
        if (!rules.has(r.city_code)) rules.set(r.city_code, await loadRules(trx, r.city_code));
        out.raised.push(...await evaluateCase(trx, r.city_code, r.id, now, rules.get(r.city_code)));
      }
      return rows;
    });
    out.checked += batch.length;
    if (batch.length < batchSize) return out;
    const last = batch[batch.length - 1];
    cursor = [last.city_code, last.id];
  }
}
