import type { Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { formatShanghai, startOfDay, withEnteredYears, type EnteredYear } from '../../../kernel/calendar/index.ts';
import { later, type DeadlineClock } from '../workflow/decide.ts';
import type { DemandType } from '../workflow/states.ts';
import { clockFor, policyOf } from './clock.ts';
import { assigneeTarget, writeNotice } from './notifications.ts';
import { activeCategory, updateTicket } from './store.ts';

/**
 * 工作日历 entered → deadlines of open tickets recounted (期限重算). A ticket's deadlines were counted
 * at 派遣/重办/延期 on the calendar of that moment; when a year's holidays are entered later (the
 * package's data ended), those that reach into the year are counted again from the same action rows.
 * Only where the action rows, counted on the calendar as it was, give exactly the stored deadlines —
 * otherwise something else (a changed policy or category limit) set them, and they are left as they are.
 */

type ActionRow = { action: string; at: Date; data: unknown };
type Terms = { demandType: DemandType; urgent: boolean };
interface Deadlines { signDueAt: Date | null; dueAt: Date | null }

/** The deadlines the action rows give, step by step as the workflow sets them (decide.ts apply()). */
export function deadlinesFromActions(actions: readonly ActionRow[], t: Terms, clock: DeadlineClock): Deadlines {
  let signDueAt: Date | null = null;
  let dueAt: Date | null = null;
  let asked: number | null = null; // days of a 延期 request waiting for its ruling
  for (const a of actions) {
    const d = (a.data ?? {}) as { approve?: boolean; days?: number };
    switch (a.action) {
      case 'dispatch': case 'reopen':
        signDueAt = clock.signDue(a.at, t);
        dueAt = later(dueAt, clock.handleDue(a.at, t));
        break;
      case 'rule_return': if (d.approve) signDueAt = null; break;
      case 'escalate': signDueAt = null; asked = null; break;
      case 'request_extension': asked = Number(d.days); break;
      case 'rule_extension':
        if (d.approve && asked !== null && dueAt) dueAt = clock.extend(dueAt, asked);
        asked = null;
        break;
      default: break;
    }
  }
  return { signDueAt, dueAt };
}

const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const sameDeadlines = (a: Deadlines, b: Deadlines) => same(a.signDueAt, b.signDueAt) && same(a.dueAt, b.dueAt);

export interface RecalcChange { cityCode: string; number: string; before: Deadlines; after: Deadlines }
export interface RecalcResult { checked: number; changed: RecalcChange[]; leftAsSet: string[] }

/**
 * Recounts, in the entry's transaction, the open tickets with a deadline on or after 1 January of
 * `year`: `before` and `after` are the entered years without and with the new schedule. Each changed
 * ticket is updated (version + 1) and its unit told.
 */
export async function recalculateDeadlines(trx: Transaction<DB>, year: number, before: readonly EnteredYear[], after: readonly EnteredYear[]): Promise<RecalcResult> {
  const from = startOfDay(`${year}-01-01`);
  const tickets = await trx.selectFrom('ticket').selectAll()
    .where('state', 'not in', ['closed', 'cancelled', 'merged'])
    .where((eb) => eb.or([eb('sign_due_at', '>=', from), eb('due_at', '>=', from)]))
    .orderBy('city_code').orderBy('id').forUpdate().execute();
  const policies = new Map<string, Awaited<ReturnType<typeof policyOf>>>();
  const categories = new Map<string, Awaited<ReturnType<typeof activeCategory>>>();
  // Every action row of those tickets in one query (a city may have thousands open), in order.
  const rows = tickets.length ? await trx.selectFrom('ticket_action').select(['city_code', 'ticket_id', 'action', 'at', 'data'])
    .where('ticket_id', 'in', tickets.map((t) => t.id)).orderBy('city_code').orderBy('ticket_id').orderBy('seq').execute() : [];
  const actionsOf = new Map<string, ActionRow[]>();
  for (const a of rows) {
    const k = `${a.city_code} ${a.ticket_id}`;
    const list = actionsOf.get(k);
    if (list) list.push(a);
    else actionsOf.set(k, [a]);
  }
  const result: RecalcResult = { checked: tickets.length, changed: [], leftAsSet: [] };
  for (const row of tickets) {
    if (!policies.has(row.city_code)) policies.set(row.city_code, await policyOf(trx, row.city_code));
    const ck = `${row.city_code} ${row.category_code}`;
    if (row.category_code && !categories.has(ck)) categories.set(ck, await activeCategory(trx, row.city_code, row.category_code));
    const category = row.category_code ? categories.get(ck) : undefined;
    const clock = clockFor(policies.get(row.city_code)!, category ? { handleWorkdays: category.handle_workdays, urgentHours: category.urgent_hours } : null);
    const actions = actionsOf.get(`${row.city_code} ${row.id}`) ?? [];
    const terms = { demandType: row.demand_type as DemandType, urgent: row.urgent };
    const stored = { signDueAt: row.sign_due_at, dueAt: row.due_at };
    const was = withEnteredYears(before, () => deadlinesFromActions(actions, terms, clock));
    if (!sameDeadlines(was, stored)) { result.leftAsSet.push(row.number); continue; }
    const now = withEnteredYears(after, () => deadlinesFromActions(actions, terms, clock));
    if (sameDeadlines(now, stored)) continue;
    const updated = await updateTicket(trx, row, { sign_due_at: now.signDueAt, due_at: now.dueAt });
    result.changed.push({ cityCode: row.city_code, number: row.number, before: stored, after: now });
    const target = assigneeTarget(updated);
    if (target) {
      await writeNotice(trx, { cityCode: row.city_code, ticketId: row.id, kind: 'deadline_recalculated', target,
        message: `工单 ${row.number}「${row.title}」按 ${year} 年节假日安排重算期限：办理期限 ${now.dueAt ? formatShanghai(now.dueAt) : '—'}` });
    }
  }
  return result;
}
