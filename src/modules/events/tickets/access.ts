import { sql, type Expression, type SqlBool } from 'kysely';
import type { Role } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { ALL_ROLES } from '../../../kernel/roles.ts';
import { inScope } from '../../../kernel/scope.ts';

/** Who may call the ticket routes; what each may see of them is `visibleTickets`, what each may do is relations.ts. */
export const TICKET_READERS: readonly Role[] = ALL_ROLES;
/** Residents file 随手拍 for themselves; staff file from every channel. */
export const TICKET_FILERS: readonly Role[] = ALL_ROLES;
/** Everyone who can stand in a relation to a ticket (a mediator never does: disputes are their own module; nor does the police role, which sees only disputes flagged for it). */
export const TICKET_ACTORS: readonly Role[] = ALL_ROLES.filter((r) => r !== 'mediator' && r !== 'police');
/** The 12345 desk: takes a call about any place of the city and looks up a caller's history by phone. */
export const OPERATOR_ROLES: readonly Role[] = ['city_admin', 'dispatcher'];

/**
 * The one filter of every ticket read (alias `t`): the caller's city, and — residents: tickets they
 * filed; department handlers: tickets assigned to their department or that they acted on; other
 * staff: tickets placed in their area, assigned to an area inside it, or filed by them.
 */
export function visibleTickets(caller: Caller): Expression<SqlBool> {
  const city = sql<SqlBool>`t.city_code = ${caller.cityCode}`;
  if (caller.role === 'resident') return sql<SqlBool>`(${city} AND t.reporter_user_id = ${caller.id})`;
  if (caller.role === 'dept_handler') {
    return sql<SqlBool>`(${city} AND (t.assignee_department = ${caller.department ?? ''} OR t.created_by = ${caller.id}
      OR EXISTS (SELECT 1 FROM ticket_action a WHERE a.city_code = t.city_code AND a.ticket_id = t.id AND a.actor_id = ${caller.id})))`;
  }
  return sql<SqlBool>`(${city} AND (${inScope(caller, 't.area_path')} OR ${inScope(caller, 't.assignee_path')} OR t.created_by = ${caller.id}))`;
}
