// Which workflow actions to offer: the server's own transition table (pure, no server imports),
// narrowed by the ticket's state and how the caller stands to it (the detail's `relations`).
import { TRANSITIONS } from '../../../../src/modules/events/workflow/table.ts';
import type { Relation, Ticket, TicketState } from '../../api/tickets';

export type ActionName = (typeof TRANSITIONS)[number]['action'];

/** Actions the table allows in this state for one of these relations, with the guards a button can see. */
export function allowedActions(t: Pick<Ticket, 'state' | 'extension' | 'rating' | 'supervision'>, relations: Relation[]): ActionName[] {
  return TRANSITIONS.filter((row) => row.from.includes(t.state as never) && row.by.some((r) => relations.includes(r as Relation)))
    .map((row) => row.action)
    .filter((a) => {
      if (a === 'to_mediation') return false; // 转人民调解 is written by opening a dispute case (POST /api/mediation/cases), not here
      if (a === 'request_extension') return !t.extension; // one request at a time
      if (a === 'rule_extension') return !!t.extension; // something to rule on
      if (a === 'reopen') return t.rating === 'dissatisfied'; // 重办 follows 不满意
      if (a === 'rate') return !t.rating;
      if (a === 'supervise') return t.supervision !== 'red'; // it only rises
      return true;
    });
}

/** Element Plus tag type per state: open work blue/orange, done green, dead grey. */
export const STATE_TAG: Record<TicketState, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  received: 'warning', registered: 'warning', dispatched: 'primary', accepted: 'primary', returned: 'danger',
  handled: 'primary', verified: 'success', closed: 'success', cancelled: 'info', merged: 'info',
};

/** Primary button for the main step forward, plain for side paths. */
export const MAIN_ACTIONS: ActionName[] = ['register', 'dispatch', 'sign', 'reply', 'verify', 'close', 'rule_return', 'rule_extension', 'rate'];
