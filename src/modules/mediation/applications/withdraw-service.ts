import type { Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError } from '../../../kernel/errors.ts';
import { actOnCase } from '../cases/action-service.ts';
import { loadCase, partiesOf } from '../cases/store.ts';
import { STATES } from '../workflow/states.ts';
import { applicationDetail, ownCase } from './read-service.ts';
import type { WithdrawBody } from './schema.ts';

/** The workflow names its own fields (`note`, `action`); the resident sent `reason`, and a case's state stops it. */
const FIELD_OF: Record<string, string> = { note: 'reason', action: 'state' };

/**
 * 申请人撤回 from the phone: the resident who applied withdraws their own application through the case's one
 * action service (relation `applicant`, the workflow's `withdraw`), as the applicant party the account became
 * at intake; the committee's desk and the mediators on the case are told, the action row says the applicant
 * withdrew, audited. Another's application is 404; a concluded one 409 naming its state. Answers the application.
 */
export async function withdrawApplication(trx: Transaction<DB>, caller: Caller, id: number, body: WithdrawBody, ip: string | null) {
  const row = await ownCase(trx, caller, id);
  // The applicant party the account became at intake (the first party registered).
  const applicant = (await partiesOf(trx, row.city_code, row.id)).find((p) => p.role === 'applicant' && p.action_seq === 1)!;
  let done;
  try {
    done = await actOnCase(trx, caller, id, { action: 'withdraw', partyId: applicant.id, note: body.reason }, undefined, ip);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const was = (err.details as { field?: string } | undefined)?.field ?? '';
    const field = FIELD_OF[was];
    if (!field) throw err;
    const now = field === 'state' ? (await loadCase(trx, row.city_code, id))!.state : undefined;
    const state = now ? { state: now, stateName: STATES[now].zh } : {};
    throw new AppError(err.status, err.code, err.message.replace(new RegExp(`^${was}: `), `${field}: `), { field, ...state });
  }
  await appendAudit(trx, caller, { action: 'mediation.application.withdraw', targetType: 'mediation_case', targetId: id, ip, detail: { caseId: id, seq: done.action.seq } });
  return applicationDetail(trx, caller, id);
}
