import type { Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { AppError } from '../../../kernel/errors.ts';
import { flagForPolice } from '../cases/action-service.ts';
import { noticeOnWarning } from '../cases/notices.ts';
import { loadCase, type CaseRow } from '../cases/store.ts';
import { OPEN_STATES } from '../workflow/states.ts';
import { fire, LEVELS, policeReason, RULES, type Hit, type RuleSet } from './rules.ts';
import { caseFacts, loadRules } from './store.ts';

export interface Raised { cityCode: string; warningId: number; caseId: number; rule: string; level: string; policeFlagged: boolean }

const SYSTEM = { actor_id: null, actor_name: '系统', actor_role: 'system' } as const;

/**
 * Runs the city's rules on one open case, in the caller's transaction (the case row locked): each rule that
 * fires raises a warning unless one is open for that rule and case, or one was ever raised for the same
 * trigger (a handled warning stays handled while nothing new happens). A rule under 第二十五条 reports the
 * case to the police through `flagForPolice` with the rule's reason, once per case.
 */
export async function evaluateCase(trx: Transaction<DB>, cityCode: string, caseId: number, now: Date, rules?: RuleSet): Promise<Raised[]> {
  const row = await loadCase(trx, cityCode, caseId, true);
  if (!row || !OPEN_STATES.includes(row.state)) return [];
  const set = rules ?? (await loadRules(trx, cityCode));
  const hits = fire(await caseFacts(trx, row, set), set, now);
  const out: Raised[] = [];
  let flagged = row.police_flag;
  for (const h of hits) {
    const w = await insertWarning(trx, row, h, now);
    if (!w) continue;
    await trx.insertInto('mediation_warning_action').values({ city_code: cityCode, warning_id: w, action: 'raise', ...SYSTEM, note: h.reason, at: now }).execute();
    await noticeOnWarning(trx, row, RULES[h.rule].zh, LEVELS[h.level].zh, h.reason);
    let police = false;
    if (h.police) {
      if (!flagged) flagged = await flag(trx, row, h, now);
      if (flagged) {
        police = true;
        await trx.updateTable('mediation_warning').set({ police_flagged: true }).where('city_code', '=', cityCode).where('id', '=', w).execute();
        await trx.insertInto('mediation_warning_action').values({ city_code: cityCode, warning_id: w, action: 'flag_police', ...SYSTEM, note: '依《人民调解法》第二十五条报告公安机关', at: now }).execute();
      }
    }
    out.push({ cityCode, warningId: w, caseId, rule: h.rule, level: h.level, policeFlagged: police });
  }
  return out;
}

/** The new warning's id, or null when the unique indexes say it is a duplicate (open, or the same trigger before). */
async function insertWarning(trx: Transaction<DB>, row: CaseRow, h: Hit, now: Date): Promise<number | null> {
  const r = await trx.insertInto('mediation_warning').values({
    city_code: row.city_code, rule: h.rule, case_id: row.id, level: h.level, reason: h.reason, trigger: h.trigger.slice(0, 2000),
    area_path: row.area_path, grid_code: row.grid_code, data: JSON.stringify(h.data), raised_at: now,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return r ? r.id : null;
}

/** Reports the case under 第二十五条 as 系统; true when it is (now) reported. */
async function flag(trx: Transaction<DB>, row: CaseRow, h: Hit, now: Date): Promise<boolean> {
  try {
    await flagForPolice(trx, row.city_code, row.id, policeReason(h), h.rule, now);
    return true;
  } catch (e) {
    // Refused before anything was written (a state that takes no report); the warning stands without it.
    if (e instanceof AppError && e.status < 500) return e.code === 'already_flagged';
    throw e;
  }
}
