import { addWorkdays, deadlineFor, DEFAULT_DEADLINE_POLICY, validateDeadlinePolicy, type DeadlinePolicy, type DemandType as DemandTypeZh } from '../../../kernel/calendar/index.ts';
import type { Executor } from './store.ts';
import type { DeadlineClock } from '../workflow/decide.ts';
import { DEMAND_TYPES, type DemandType } from '../workflow/states.ts';

/** The one place where the ticket's English demand keys meet the calendar's Chinese ones (咨询 投诉 …). */
export const demandTypeZh = (t: DemandType): DemandTypeZh => DEMAND_TYPES[t];

/** The city's 办理时限 policy: its deadline_policy row, else the default. */
export async function policyOf(db: Executor, cityCode: string): Promise<DeadlinePolicy> {
  const row = await db.selectFrom('deadline_policy').select('policy').where('city_code', '=', cityCode).executeTakeFirst();
  return row ? validateDeadlinePolicy(row.policy) : DEFAULT_DEADLINE_POLICY;
}

/** A category's own limits (事项分类 handle_workdays, urgent_hours) override the demand type's. */
export interface CategoryLimits { handleWorkdays: number | null; urgentHours: number | null }

/** The workflow's clock from the policy: working days for normal tickets, hours for urgent ones. */
export function clockFor(policy: DeadlinePolicy, category: CategoryLimits | null): DeadlineClock {
  const override = category ? {
    ...(category.handleWorkdays !== null ? { handleWorkdays: category.handleWorkdays } : {}),
    ...(category.urgentHours !== null ? { urgentHandleHours: category.urgentHours } : {}),
  } : undefined;
  const terms = (t: { demandType: DemandType; urgent: boolean }) => ({ demandType: demandTypeZh(t.demandType), urgent: t.urgent, ...(override ? { categoryOverride: override } : {}) });
  return {
    signDue: (now, t) => deadlineFor(policy, terms(t), now).sign.at,
    handleDue: (now, t) => deadlineFor(policy, terms(t), now).handle.at,
    extend: (due, days) => addWorkdays(due, days).at,
  };
}
