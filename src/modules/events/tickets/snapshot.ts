import type { Selectable, Updateable } from 'kysely';
import type { TicketTable } from '../../../db/types.ts';
import { maskPhone } from '../../../kernel/privacy.ts';
import { OPEN_STATES, STATES, type Assignee, type TicketSnapshot } from '../workflow/states.ts';
import type { TicketOut } from './schema.ts';

/** Ticket rows ⇄ the workflow's TicketSnapshot, and rows → what the API answers. */

export type TicketRow = Selectable<TicketTable>;

export function assigneeOf(row: Pick<TicketRow, 'assignee_kind' | 'assignee_department' | 'assignee_path'>): Assignee | null {
  if (row.assignee_kind === 'department' && row.assignee_department) return { kind: 'department', department: row.assignee_department };
  if (row.assignee_kind === 'area' && row.assignee_path) return { kind: 'area', path: row.assignee_path };
  return null;
}

export function toSnapshot(row: TicketRow): TicketSnapshot {
  return {
    state: row.state,
    demandType: row.demand_type,
    urgent: row.urgent,
    assignee: assigneeOf(row),
    centreLevel: row.centre_level,
    signDueAt: row.sign_due_at,
    dueAt: row.due_at,
    extension: row.extension_days !== null ? { days: row.extension_days, reason: row.extension_reason ?? '' } : null,
    returnedFrom: row.returned_from,
    supervision: row.supervision,
    rating: row.rating,
    reopened: row.reopened,
    mergedInto: row.merged_into,
    actions: row.action_count,
  };
}

/** The columns a decided snapshot changes (the rest of the row is the intake's and stays). */
export function snapshotColumns(s: TicketSnapshot): Updateable<TicketTable> {
  return {
    state: s.state,
    centre_level: s.centreLevel,
    assignee_kind: s.assignee?.kind ?? null,
    assignee_department: s.assignee?.kind === 'department' ? s.assignee.department : null,
    assignee_path: s.assignee?.kind === 'area' ? s.assignee.path : null,
    sign_due_at: s.signDueAt,
    due_at: s.dueAt,
    extension_days: s.extension?.days ?? null,
    extension_reason: s.extension?.reason ?? null,
    returned_from: s.returnedFrom,
    supervision: s.supervision,
    rating: s.rating,
    reopened: s.reopened,
    merged_into: s.mergedInto,
    action_count: s.actions,
  };
}

/** 超期: the running deadline of an open ticket has passed (签收 while dispatched, else 办理). */
export function isOverdue(row: Pick<TicketRow, 'state' | 'sign_due_at' | 'due_at'>, now = new Date()): boolean {
  if (!OPEN_STATES.includes(row.state)) return false;
  if (row.state === 'dispatched' && row.sign_due_at && row.sign_due_at < now) return true;
  return !!row.due_at && row.due_at < now;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export interface Names { category?: string | null; area?: string | null; assigneeArea?: string | null }

export function toTicketOut(row: TicketRow, names: Names = {}): TicketOut {
  const a = assigneeOf(row);
  return {
    id: row.id, number: row.number, cityCode: row.city_code, channel: row.channel, demandType: row.demand_type,
    categoryCode: row.category_code, categoryName: names.category ?? null,
    suggestedCategory: row.suggested_category, suggestionConfidence: row.suggestion_confidence,
    title: row.title, description: row.description, urgent: row.urgent,
    location: row.lon !== null && row.lat !== null ? { lon: row.lon, lat: row.lat } : null, address: row.address,
    gridCode: row.grid_code, areaPath: row.area_path, areaName: names.area ?? null,
    reporterName: row.reporter_name, reporterPhone: maskPhone(row.reporter_phone),
    state: row.state, stateName: STATES[row.state].zh, centreLevel: row.centre_level,
    assignee: a ? { kind: a.kind, department: a.kind === 'department' ? a.department : null, path: a.kind === 'area' ? a.path : null, name: a.kind === 'area' ? names.assigneeArea ?? null : a.department } : null,
    signDueAt: iso(row.sign_due_at), dueAt: iso(row.due_at), overdue: isOverdue(row),
    extension: row.extension_days !== null ? { days: row.extension_days, reason: row.extension_reason ?? '' } : null,
    returnedFrom: row.returned_from, supervision: row.supervision, rating: row.rating, reopened: row.reopened, mergedInto: row.merged_into,
    receivedAt: row.received_at.toISOString(), closedAt: iso(row.closed_at), version: row.version,
  };
}
