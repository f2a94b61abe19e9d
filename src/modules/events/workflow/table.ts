import type { ActionName, ActionRequest, Transition } from './actions.ts';
import { OPEN_STATES, type State } from './states.ts';

/**
 * THE transition table of the event loop: the only place that says which action may be taken in
 * which state by whom, and where it leads. Guards that need more than the state (a deadline not
 * yet passed, a rating given) live in decide.ts beside the field they read.
 */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'register', from: ['received'], by: ['centre'], to: 'registered' },
  { action: 'cancel', from: ['received', 'registered'], by: ['centre'], to: 'cancelled' },
  { action: 'merge', from: ['received', 'registered'], by: ['centre'], to: 'merged' },
  { action: 'dispatch', from: ['registered'], by: ['centre'], to: 'dispatched' },
  { action: 'sign', from: ['dispatched'], by: ['handler'], to: 'accepted' },
  { action: 'return', from: ['dispatched', 'accepted'], by: ['handler'], to: 'returned' },
  // Upheld: back to the centre to dispatch again; refused: back to the unit, in the step it returned from.
  { action: 'rule_return', from: ['returned'], by: ['centre'], to: (req, _from, back) => ((req as Extract<ActionRequest, { action: 'rule_return' }>).approve ? 'registered' : (back ?? 'dispatched')) },
  { action: 'request_extension', from: ['accepted'], by: ['handler'], to: 'same' },
  { action: 'rule_extension', from: ['accepted'], by: ['centre'], to: 'same' },
  // 上报: the unit hands the ticket up a level; the centre there dispatches it again.
  { action: 'escalate', from: ['dispatched', 'accepted'], by: ['handler'], to: 'registered' },
  { action: 'reply', from: ['accepted'], by: ['handler'], to: 'handled' },
  { action: 'verify', from: ['handled'], by: ['verifier', 'centre'], to: (req) => ((req as Extract<ActionRequest, { action: 'verify' }>).passed ? 'verified' : 'accepted') },
  { action: 'close', from: ['verified'], by: ['centre'], to: 'closed' },
  { action: 'rate', from: ['closed'], by: ['reporter', 'centre'], to: 'same' },
  { action: 'reopen', from: ['closed'], by: ['centre'], to: 'dispatched' },
  { action: 'supervise', from: OPEN_STATES, by: ['centre', 'system'], to: 'same' },
  // A dispute goes to a mediation case (src/modules/mediation); the ticket keeps its unit and clock and is answered as usual.
  { action: 'to_mediation', from: ['registered', 'dispatched', 'accepted'], by: ['centre', 'handler', 'mediator'], to: 'same' },
];

const BY_ACTION = new Map<ActionName, Transition>(TRANSITIONS.map((t) => [t.action, t]));
/** The row of an action (each action has exactly one). */
export const transitionOf = (action: ActionName): Transition => BY_ACTION.get(action)!;

/** The actions a state allows at all (for buttons and for the transition test). */
export const actionsFrom = (state: State): ActionName[] => TRANSITIONS.filter((t) => t.from.includes(state)).map((t) => t.action);
