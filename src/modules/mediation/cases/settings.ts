import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { conflict, invalidField } from '../../../kernel/errors.ts';
import { DEFAULT_TERMS, type MediationTerms } from '../workflow/clock.ts';
import type { SettingsBody, SettingsOut } from './schema.ts';
import { termsRow, type Executor } from './store.ts';

/** The city's terms of mediation (调解期限 …): its mediation_setting row, else the defaults. */
export async function loadTerms(db: Executor, cityCode: string): Promise<MediationTerms> {
  const r = await termsRow(db, cityCode);
  return r ? { conclusionDays: r.conclusion_days, courtDays: r.court_days, courtExtensionDays: r.court_extension_days, redAfterWorkdays: r.red_after_workdays } : DEFAULT_TERMS;
}

/** The terms with the version an edit must send back (0 while the city keeps the defaults). */
export async function getSettings(db: Executor, caller: Caller): Promise<SettingsOut> {
  const [terms, row] = await Promise.all([loadTerms(db, caller.cityCode), termsRow(db, caller.cityCode)]);
  return { ...terms, version: row?.version ?? 0 };
}

/**
 * Sets the city's terms, audited. Applies to deadlines set from now on (a case keeps the deadline it
 * was given). 诉前调解 is 30 days by the courts' rules: a shorter court period is allowed, a longer refused.
 */
export async function putSettings(trx: Transaction<DB>, caller: Caller, body: SettingsBody, ip: string | null): Promise<SettingsOut> {
  const { version, ...input } = body;
  if (input.courtDays > 30) throw invalidField('courtDays', '诉前调解期限不超过 30 日 / a court-referred mediation lasts at most 30 days');
  if (input.courtExtensionDays > 30) throw invalidField('courtExtensionDays', '诉前调解延长不超过 30 日 / the extension is at most 30 days');
  // One editor at a time per city, also while no row exists yet.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`mediation_setting:${caller.cityCode}`}))`.execute(trx);
  const current = await getSettings(trx, caller);
  if (version !== undefined && version !== current.version) throw conflict('version: 调解设置已被他人修改，请刷新后重试 / the settings were changed meanwhile; reload and retry', { field: 'version' });
  const { version: _, ...before } = current;
  const values = { conclusion_days: input.conclusionDays, court_days: input.courtDays, court_extension_days: input.courtExtensionDays, red_after_workdays: input.redAfterWorkdays, updated_by: caller.id, updated_at: new Date(), version: current.version + 1 };
  await trx.insertInto('mediation_setting').values({ city_code: caller.cityCode, ...values })
    .onConflict((oc) => oc.column('city_code').doUpdateSet(values)).execute();
  await appendAudit(trx, caller, { action: 'mediation.settings.update', targetType: 'mediation_setting', targetId: caller.cityCode, ip, detail: { before, after: input } });
  return { ...input, version: values.version };
}
