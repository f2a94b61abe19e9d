import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import { calendarCoverage, dayOf, deadlineFor, DEFAULT_DEADLINE_POLICY, validateDeadlinePolicy } from '../../../kernel/calendar/index.ts';
import { RED_AFTER_WORKDAYS, redFrom } from '../sweeper/levels.ts';
import { DEMAND_TYPES } from '../workflow/states.ts';

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

const DEMANDS = Object.entries(DEMAND_TYPES) as [keyof typeof DEMAND_TYPES, (typeof DEMAND_TYPES)[keyof typeof DEMAND_TYPES]][];

/**
 * "Received now → due": the 签收 and 办结 deadlines and the 红牌 line of a ticket of each demand
 * type, and of an urgent one, under a policy (the form's unsaved values) — so the admin sees the
 * working-day calendar's answer before saving. Nothing is written.
 */
export function previewPolicy(body: unknown, receivedAt = new Date()) {
  const policy = validateDeadlinePolicy(body);
  const red = policy.redAfterWorkdays ?? RED_AFTER_WORKDAYS;
  const at = (d: Date) => d.toISOString();
  const covered = calendarCoverage().years;
  const warnings: { year: number }[] = [];
  const items = DEMANDS.map(([demandType, zh]) => {
    const d = deadlineFor(policy, { demandType: zh, urgent: false }, receivedAt);
    warnings.push(...d.warnings);
    return { demandType, demandName: zh, signDueAt: at(d.sign.at), handleDueAt: at(d.handle.at), redFrom: at(redFrom(d.handle.at, red)), handleWorkdays: policy.handleWorkdays[zh] };
  });
  const u = deadlineFor(policy, { demandType: '其他', urgent: true }, receivedAt);
  warnings.push(...u.warnings);
  return {
    receivedAt: at(receivedAt), redAfterWorkdays: red, items,
    urgent: { signDueAt: at(u.sign.at), handleDueAt: at(u.handle.at), signHours: policy.urgent.signHours, handleHours: policy.urgent.handleHours, mode: policy.urgent.mode },
    // A year past the official holiday list is counted as plain weekdays: say so beside the dates.
    uncoveredYears: [...new Set([...warnings.map((w) => w.year), ...items.map((i) => Number(dayOf(new Date(i.redFrom)).slice(0, 4))).filter((y) => !covered.includes(y))])].sort(),
  };
}
