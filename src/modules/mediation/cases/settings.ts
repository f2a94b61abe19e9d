import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { invalidField } from '../../../kernel/errors.ts';
import { DEFAULT_TERMS, type MediationTerms } from '../workflow/clock.ts';
import type { Settings } from './schema.ts';
import { termsRow, type Executor } from './store.ts';

/** The city's terms of mediation (调解期限 …): its mediation_setting row, else the defaults. */
export async function loadTerms(db: Executor, cityCode: string): Promise<MediationTerms> {
  const r = await termsRow(db, cityCode);
  return r ? { conclusionDays: r.conclusion_days, courtDays: r.court_days, courtExtensionDays: r.court_extension_days, redAfterWorkdays: r.red_after_workdays } : DEFAULT_TERMS;
}

export const getSettings = (db: Kysely<DB>, caller: Caller): Promise<Settings> => loadTerms(db, caller.cityCode);

/**
 * Sets the city's terms, audited. Applies to deadlines set from now on (a case keeps the deadline it
 * was given). 诉前调解 is 30 days by the courts' rules: a shorter court period is allowed, a longer refused.
 */
export async function putSettings(trx: Transaction<DB>, caller: Caller, input: Settings, ip: string | null): Promise<Settings> {
  if (input.courtDays > 30) throw invalidField('courtDays', '诉前调解期限不超过 30 日 / a court-referred mediation lasts at most 30 days');
  if (input.courtExtensionDays > 30) throw invalidField('courtExtensionDays', '诉前调解延长不超过 30 日 / the extension is at most 30 days');
  const before = await loadTerms(trx, caller.cityCode);
  const values = { conclusion_days: input.conclusionDays, court_days: input.courtDays, court_extension_days: input.courtExtensionDays, red_after_workdays: input.redAfterWorkdays, updated_by: caller.id, updated_at: new Date() };
  await trx.insertInto('mediation_setting').values({ city_code: caller.cityCode, ...values })
    .onConflict((oc) => oc.column('city_code').doUpdateSet(values)).execute();
  await appendAudit(trx, caller, { action: 'mediation.settings.update', targetType: 'mediation_setting', targetId: caller.cityCode, ip, detail: { before, after: input } });
  return input;
}
