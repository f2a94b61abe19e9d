import type { Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError, invalidField } from '../../../kernel/errors.ts';
import { resolveAssignee } from '../routing/resolve.ts';
import { ASSIGNEE_DEPARTMENT, requireActiveDepartment } from '../departments/service.ts';
import type { ActionRequest } from '../workflow/actions.ts';

/** 转人民调解, written by the mediation module only (the tickets route does not accept it). */
type ToMediation = Extract<ActionRequest, { action: 'to_mediation' }>;
import { decide } from '../workflow/decide.ts';
import type { Assignee } from '../workflow/states.ts';
import { clockFor, policyOf } from './clock.ts';
import { notifyAfter } from './notifications.ts';
import { relationsOf } from './relations.ts';
import type { ActionBody } from './schema.ts';
import { snapshotColumns, toSnapshot, toTicketOut } from './snapshot.ts';
import { activeCategory, areaByCode, insertAction, loadTicket, namesFor, ticketNotFound, toActionOut, updateTicket } from './store.ts';
import type { Relation } from '../workflow/actions.ts';
import { loadVisible } from './read-service.ts';

/** 派遣 without a named unit: the routing rules (category × area) choose, else 属地 (the place's community). */
async function assigneeFor(trx: Transaction<DB>, cityCode: string, body: Extract<ActionBody, { action: 'dispatch' }>, category: string | null, areaPath: string): Promise<{ assignee: Assignee; ruleId: number | null; routed: boolean }> {
  const a = body.assignee;
  if (!a) return { ...(await resolveAssignee(trx, cityCode, category, areaPath)), routed: true };
  if (a.kind === 'department') {
    // Only a switched-on department of the city's register (decide() refuses an empty name, this an unknown one).
    const name = a.department.trim();
    const department = name ? await requireActiveDepartment(trx, cityCode, name, 'assignee.department', ASSIGNEE_DEPARTMENT) : name;
    return { assignee: { kind: 'department', department }, ruleId: null, routed: false };
  }
  const area = await areaByCode(trx, cityCode, a.code);
  if (!area) throw invalidField('assignee', `区域 ${a.code} 不在本市 / area ${a.code} is not in your city`);
  return { assignee: { kind: 'area', path: area.path }, ruleId: null, routed: false };
}

/** 合并 into a live ticket of the same city, not into itself. */
async function checkMergeTarget(trx: Transaction<DB>, cityCode: string, id: number, into: number): Promise<void> {
  if (into === id) throw invalidField('into', '不能并入工单本身 / a ticket cannot be merged into itself');
  const target = await loadTicket(trx, cityCode, into);
  if (!target) throw invalidField('into', `工单 ${into} 不存在 / ticket ${into} does not exist`);
  if (target.state === 'merged' || target.state === 'cancelled') throw invalidField('into', `工单 ${target.number} 已${target.state === 'merged' ? '合并' : '注销'}，不能并入 / ticket ${target.number} is ${target.state}`);
}

/** The sweeper's standing: no person, relation 'system', the time it sweeps at. */
export interface SystemActor { now: Date }

/**
 * One action on a ticket, in the caller's transaction: the ticket locked, the caller's relations,
 * the workflow's decision, then the ticket row (version + 1), its action row and any notice together.
 */
export async function actOnTicket(trx: Transaction<DB>, caller: Caller, id: number, body: ActionBody | ToMediation, system?: SystemActor) {
  // The deadline sweeper (../sweeper) acts as relation 'system' on any ticket of its city, at its own clock.
  const row = system ? (await loadTicket(trx, caller.cityCode, id, true)) ?? (() => { throw ticketNotFound(id); })() : await loadVisible(trx, caller, id, true);
  const relations = system ? new Set<Relation>(['system']) : relationsOf(caller, row);
  let request = body as ActionRequest;
  const extra: Record<string, unknown> = {};
  if (body.action === 'dispatch') {
    const { assignee, ruleId, routed } = await assigneeFor(trx, row.city_code, body, row.category_code, row.area_path);
    request = { ...body, assignee };
    Object.assign(extra, { assignee, ...(routed ? { routed: true, ruleId } : {}) });
  }
  const category = row.category_code ? await activeCategory(trx, row.city_code, row.category_code) : undefined;
  const clock = clockFor(await policyOf(trx, row.city_code), category ? { handleWorkdays: category.handle_workdays, urgentHours: category.urgent_hours } : null);
  const now = system?.now ?? new Date();
  const outcome = decide(toSnapshot(row), request, relations, now, clock);
  if (!outcome.ok) throw new AppError(outcome.status, outcome.code, outcome.message, { field: outcome.field });
  if (body.action === 'merge') await checkMergeTarget(trx, row.city_code, row.id, body.into);

  const set = snapshotColumns(outcome.ticket);
  if (body.action === 'close') set.closed_at = now;
  if (body.action === 'reopen') set.closed_at = null;
  const after = await updateTicket(trx, row, set);
  if (['dispatch', 'reopen', 'rule_extension'].includes(body.action)) Object.assign(extra, { signDueAt: after.sign_due_at, dueAt: after.due_at });
  const { action: _a, note, ...payload } = body as { action: string; note?: string };
  const action = await insertAction(trx, {
    city_code: row.city_code, ticket_id: row.id, seq: outcome.ticket.actions, action: body.action, from_state: outcome.from, to_state: outcome.to,
    actor_id: system ? null : caller.id, actor_name: caller.displayName, actor_role: system ? 'system' : caller.role, note: note ?? null, at: now,
    data: JSON.stringify({ ...payload, ...extra }),
  });
  await notifyAfter(trx, body.action, after);
  const [names] = await namesFor(trx, [after]);
  return { ticket: toTicketOut(after, names), action: toActionOut(action) };
}
