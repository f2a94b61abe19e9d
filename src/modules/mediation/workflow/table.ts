import type { ActionName, ActionRequest, Transition } from './actions.ts';
import { OPEN_STATES, RUNNING_STATES, type CaseSnapshot, type State } from './states.ts';

/** After a recusal: back to 受理 (to be assigned again) when no mediator is left on the case. */
function afterRecusal(req: ActionRequest, c: CaseSnapshot): State {
  const id = (req as Extract<ActionRequest, { action: 'recuse' }>).mediatorId;
  const left = c.mediators.filter((m) => m !== id);
  return left.length === 0 && (c.state === 'assigned' || c.state === 'mediating') ? 'accepted' : c.state;
}

/**
 * THE transition table of a dispute case: the only place that says which action may be taken in
 * which state by whom, and where it leads. Guards that need more than the state (a party of the
 * case, a deadline not passed, an agreement complete) live in decide.ts beside the field they read.
 */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'accept', from: ['registered'], by: ['committee'], to: 'accepted' },
  { action: 'reject', from: ['registered'], by: ['committee'], to: 'rejected' },
  // 第十七条/第二十三条: a party may refuse mediation or ask to end it at any time before an agreement.
  { action: 'refuse', from: OPEN_STATES, by: ['committee', 'mediator'], to: 'refused' },
  // 申请人撤回: recorded by the committee or the mediator, or done by the resident who applied through the app.
  { action: 'withdraw', from: OPEN_STATES, by: ['committee', 'mediator', 'applicant'], to: 'withdrawn' },
  // 第十九条: the committee names the mediators, or records those the parties chose; again after a recusal.
  { action: 'assign', from: RUNNING_STATES, by: ['committee'], to: (_req, c) => (c.state === 'mediating' ? 'mediating' : 'assigned') },
  { action: 'recuse', from: OPEN_STATES, by: ['committee', 'mediator'], to: afterRecusal },
  { action: 'record_session', from: ['assigned', 'mediating'], by: ['mediator', 'committee'], to: 'mediating' },
  { action: 'agree', from: ['mediating'], by: ['mediator', 'committee'], to: 'agreed' },
  { action: 'fail', from: ['assigned', 'mediating'], by: ['mediator', 'committee'], to: 'failed' },
  { action: 'extend', from: RUNNING_STATES, by: ['committee'], to: 'same' },
  { action: 'supervise', from: OPEN_STATES, by: ['supervisor', 'system'], to: 'same' },
  // 第二十五条: a dispute that may turn violent is reported to the police (the early-warning rules act as system).
  { action: 'flag_police', from: OPEN_STATES, by: ['committee', 'mediator', 'supervisor', 'system'], to: 'same' },
  { action: 'add_party', from: OPEN_STATES, by: ['committee', 'mediator'], to: 'same' },
  // 更正当事人: a party registered without an ID number or address, or with a typo, is corrected (not added twice).
  { action: 'correct_party', from: OPEN_STATES, by: ['committee', 'mediator'], to: 'same' },
  { action: 'follow_up', from: ['agreed'], by: ['mediator', 'committee'], to: 'same' },
  { action: 'judicial_apply', from: ['agreed'], by: ['mediator', 'committee'], to: 'same' },
  { action: 'judicial_result', from: ['agreed'], by: ['mediator', 'committee'], to: 'same' },
];

const BY_ACTION = new Map<ActionName, Transition>(TRANSITIONS.map((t) => [t.action, t]));
/** The row of an action (each action has exactly one). */
export const transitionOf = (action: ActionName): Transition | undefined => BY_ACTION.get(action);

/** The actions a state allows at all (for buttons and for the transition test). */
export const actionsFrom = (state: State): ActionName[] => TRANSITIONS.filter((t) => t.from.includes(state)).map((t) => t.action);
