import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import { DEFAULT_DEADLINE_POLICY, validateDeadlinePolicy } from '../../../kernel/calendar/index.ts';
import { RED_AFTER_WORKDAYS } from '../sweeper/levels.ts';

/** 办理时限 policy of the caller's city: its row, else the default; redAfterWorkdays always shown. */
export async function getPolicy(db: Kysely<DB>, caller: Caller) {
  const row = await db.selectFrom('deadline_policy').select(['policy', 'updated_at']).where('city_code', '=', caller.cityCode).executeTakeFirst();
  const policy = row ? validateDeadlinePolicy(row.policy) : DEFAULT_DEADLINE_POLICY;
  return { policy: { ...policy, redAfterWorkdays: policy.redAfterWorkdays ?? RED_AFTER_WORKDAYS }, isDefault: !row, updatedAt: row ? row.updated_at.toISOString() : null };
}

/** Replaces the city's policy, checked by the calendar (400 naming the field); tickets dispatched later use it. */
export async function putPolicy(db: Kysely<DB>, caller: Caller, body: unknown) {
  const policy = validateDeadlinePolicy(body);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('deadline_policy').select('policy').where('city_code', '=', caller.cityCode).forUpdate().executeTakeFirst();
    const row = await trx.insertInto('deadline_policy').values({ city_code: caller.cityCode, policy: JSON.stringify(policy), updated_by: caller.id })
      .onConflict((oc) => oc.column('city_code').doUpdateSet({ policy: JSON.stringify(policy), updated_by: caller.id, updated_at: new Date() }))
      .returning(['updated_at']).executeTakeFirstOrThrow();
    await appendAudit(trx, caller, { action: 'deadline_policy.update', targetType: 'deadline_policy', targetId: caller.cityCode, detail: { before: before?.policy ?? null, after: policy } });
    return { policy: { ...policy, redAfterWorkdays: policy.redAfterWorkdays ?? RED_AFTER_WORKDAYS }, isDefault: false, updatedAt: row.updated_at.toISOString() };
  });
}
