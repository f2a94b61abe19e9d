// 注销 deregistration as the phone keeps it: who or which household, why, when; turned into the one
// request that carries it (POST …/deregister, see src/modules/registry/deregister.ts).
import type { DraftStep } from '../offline/outbox';

/** The server's reason codes (PERSON_REASONS, HOUSEHOLD_REASONS in deregister.ts). */
export const PERSON_REASONS = ['death', 'moved_out', 'duplicate', 'other'] as const;
export const HOUSEHOLD_REASONS = ['moved_out', 'demolished', 'merged', 'duplicate', 'other'] as const;

export interface DeregisterInput {
  target: 'person' | 'household';
  /** The person or household deregistered. */
  id: number;
  householdId: number;
  /** The person's name or the household's address, for the outbox and the messages. */
  name: string;
  reason: string;
  /** YYYY-MM-DD: the day it happened, as the worker was told. */
  on: string;
  note: string;
}

/** Today on the phone's calendar (the worker's day, not UTC). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * One POST. No `version`: the worker's copy may be days old (edited since, offline), and a changed
 * phone number does not make "moved out" less true. The key is sent for when the route keeps keys;
 * until then a resend that meets 404 asks the history (doneIfGone).
 */
export function deregisterSteps(d: DeregisterInput, key: string): DraftStep[] {
  const path = `/api/registry/${d.target === 'person' ? 'people' : 'households'}/${d.id}`;
  const note = d.note.trim();
  return [{ method: 'POST', url: `${path}/deregister`, key, body: { reason: d.reason, on: d.on, ...(note ? { note } : {}) }, doneIfGone: `${path}/history` }];
}
