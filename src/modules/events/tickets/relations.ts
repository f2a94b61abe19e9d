import type { Caller } from '../../../kernel/auth/caller.ts';
import { pathInScope } from '../../../kernel/scope.ts';
import type { Relation } from '../workflow/actions.ts';
import type { TicketRow } from './snapshot.ts';

type Row = Pick<TicketRow, 'city_code' | 'area_path' | 'centre_level' | 'assignee_kind' | 'assignee_department' | 'assignee_path' | 'reporter_user_id'>;

/**
 * How the caller stands to a ticket (the workflow decides what that allows):
 * centre — dispatcher or city admin whose area holds the ticket, or district/street staff whose area
 *   holds it while it is triaged at their level (centre_level; 上报 raises it);
 * handler — the department handler of the assigned department, or staff whose area holds the
 *   assigned area (community staff of that community, its street …);
 * verifier — the grid worker or community staff of the ticket's place (核查 on site);
 * reporter — the resident who filed it;
 * mediator — a mediator whose area holds the ticket (may turn it into a dispute case, nothing else).
 */
export function relationsOf(caller: Caller, t: Row): Set<Relation> {
  const out = new Set<Relation>();
  if (caller.cityCode !== t.city_code) return out;
  const here = pathInScope(caller, t.area_path);
  switch (caller.role) {
    case 'city_admin': case 'dispatcher': if (here) out.add('centre'); break;
    case 'district_staff': if (here && t.centre_level === 'district') out.add('centre'); break;
    case 'street_staff': if (here && t.centre_level === 'street') out.add('centre'); break;
    default: break;
  }
  if (caller.role === 'dept_handler') {
    if (t.assignee_kind === 'department' && caller.department && t.assignee_department === caller.department) out.add('handler');
  } else if (['district_staff', 'street_staff', 'community_staff', 'grid_worker'].includes(caller.role)) {
    if (t.assignee_kind === 'area' && t.assignee_path && pathInScope(caller, t.assignee_path)) out.add('handler');
  }
  if ((caller.role === 'grid_worker' || caller.role === 'community_staff') && here) out.add('verifier');
  if (t.reporter_user_id !== null && t.reporter_user_id === caller.id) out.add('reporter');
  if (caller.role === 'mediator' && here) out.add('mediator');
  return out;
}
