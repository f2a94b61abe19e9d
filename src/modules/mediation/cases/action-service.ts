import type { Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import { AppError, invalidField } from '../../../kernel/errors.ts';
import { relationsOf, NO_MEMBERSHIP } from '../access.ts';
import { mediatorFacts, membershipOf } from '../organisations/store.ts';
import type { ActionRequest, AgreementInput, Relation, SessionInput } from '../workflow/actions.ts';
import { dayOf } from '../../../kernel/calendar/index.ts';
import { clockFor } from '../workflow/clock.ts';
import { decide } from '../workflow/decide.ts';
import { checkParty, checkPartyChanges, type PartyInput } from '../workflow/parties.ts';
import type { CaseSnapshot } from '../workflow/states.ts';
import type { ActionBody } from './schema.ts';
import { noticeAfterAction } from './notices.ts';
import { loadTerms } from './settings.ts';
import { loadSnapshot, snapshotColumns, toCaseOut } from './snapshot.ts';
import { caseNotFound, insertAction, insertParties, loadCase, loadVisibleCase, namesFor, toActionOut, updateCase, type CaseRow, type PartyRow } from './store.ts';

/** Everything done to a case: the actions route's bodies and the records that have routes of their own. */
export type CaseAction =
  | ActionBody
  | { action: 'record_session'; session: SessionInput }
  | { action: 'agree'; agreement: AgreementInput }
  | { action: 'add_party'; party: PartyInput }
  | Extract<ActionRequest, { action: 'follow_up' | 'judicial_apply' | 'judicial_result' }>;

/** The sweeper's and the early-warning rules' standing: no person, relation 'system', their own clock. */
export interface SystemActor { now: Date; data?: Record<string, unknown> }

/** The sweeper and the warning rules act in no one's name: shown as 系统 on the timeline. */
export function systemCaller(cityCode: string): Caller {
  return { id: 0, username: 'system', displayName: '系统', role: 'dispatcher', cityCode, scopePath: cityCode, department: null, via: 'api_key' };
}

/** The request the workflow decides on: mediators looked up for an assignment, and those on the case for a party's 回避, the rest as sent. */
async function requestOf(trx: Transaction<DB>, row: CaseRow, body: CaseAction, current: number[]): Promise<ActionRequest> {
  if (body.action === 'assign') {
    const facts = await mediatorFacts(trx, row.city_code, body.mediatorIds);
    const unknown = body.mediatorIds.find((id) => !facts.some((f) => f.id === id));
    if (unknown !== undefined) throw invalidField('mediatorIds', `调解员 ${unknown} 不存在 / no mediator ${unknown} in your city`);
    return { action: 'assign', mediators: facts, chosenBy: body.chosenBy, note: body.note };
  }
  if (body.action === 'recuse' && !(await mediatorFacts(trx, row.city_code, [body.mediatorId])).length) {
    throw invalidField('mediatorId', `调解员 ${body.mediatorId} 不存在 / no mediator ${body.mediatorId} in your city`);
  }
  if (body.action === 'add_party' || body.action === 'correct_party') return { ...body, onCase: await mediatorFacts(trx, row.city_code, current) };
  return body as ActionRequest;
}

/** What the action row says besides its note (no personal data: the timeline is seen by all who see the case). */
function rowData(body: CaseAction, after: CaseSnapshot, ids: { record?: number; corrected?: Corrected; byApplicant?: boolean }): { note: string | null; data: Record<string, unknown> } {
  switch (body.action) {
    case 'accept': return { note: body.note ?? null, data: { dueAt: after.dueAt } };
    case 'reject': return { note: body.note, data: { reason: body.reason } };
    case 'refuse': return { note: body.note, data: { partyId: body.partyId } };
    // 申请人撤回 on the phone says so: the applicant withdrew, not the committee recording it.
    case 'withdraw': return { note: body.note, data: { partyId: body.partyId, ...(ids.byApplicant && { by: 'applicant' }) } };
    case 'assign': return { note: body.note ?? null, data: { mediatorIds: body.mediatorIds, chosenBy: body.chosenBy } };
    case 'recuse': return { note: body.reason, data: { mediatorId: body.mediatorId, requestedBy: body.requestedBy, partyId: body.partyId ?? null } };
    case 'record_session': return { note: null, data: { sessionId: ids.record, heldAt: body.session.heldAt, place: body.session.place } };
    case 'agree': return { note: null, data: { signedOn: after.agreement!.signedOn, judicialDueOn: after.agreement!.judicialDueOn } };
    case 'fail': return { note: body.note, data: { referral: body.referral } };
    case 'extend': return { note: body.note, data: { days: body.days, dueAt: after.dueAt } };
    case 'supervise': return { note: body.note ?? null, data: { level: body.level } };
    case 'flag_police': return { note: body.reason, data: {} };
    case 'add_party': return { note: null, data: { partyId: ids.record, role: body.party.role, kind: body.party.kind } };
    // The old and new values in full: this row is the correction's record; answers mask them (store.ts toActionOut).
    case 'correct_party': return { note: body.reason, data: { partyId: body.partyId, changes: ids.corrected } };
    case 'follow_up': return { note: body.note, data: { followUpId: ids.record, visitedOn: body.visitedOn, performance: body.performance } };
    case 'judicial_apply': return { note: body.note ?? null, data: { appliedOn: body.appliedOn, court: body.court } };
    case 'judicial_result': return { note: body.note ?? null, data: { result: body.result, decidedOn: body.decidedOn } };
  }
}

/** The rows an action adds or closes beside the case row: assignments, recusals, sessions, the agreement, parties … */
async function writeRecords(trx: Transaction<DB>, row: CaseRow, req: ActionRequest, after: CaseSnapshot, seq: number, current: number[], now: Date, userId: number | null): Promise<number | undefined> {
  const key = { city_code: row.city_code, case_id: row.id };
  switch (req.action) {
    case 'assign': {
      const next = req.mediators.map((m) => m.id);
      const gone = current.filter((id) => !next.includes(id));
      if (gone.length) {
        await trx.updateTable('mediation_case_mediator').set({ removed_at: now, removed_seq: seq, removed_reason: 'reassigned' })
          .where('city_code', '=', row.city_code).where('case_id', '=', row.id).where('mediator_id', 'in', gone).where('removed_at', 'is', null).execute();
      }
      const added = next.filter((id) => !current.includes(id));
      if (added.length) {
        await trx.insertInto('mediation_case_mediator')
          .values(added.map((id) => ({ ...key, mediator_id: id, assigned_seq: seq, chosen_by: req.chosenBy, lead: id === next[0], assigned_at: now }))).execute();
      }
      return undefined;
    }
    case 'recuse':
      await trx.updateTable('mediation_case_mediator').set({ removed_at: now, removed_seq: seq, removed_reason: 'recusal' })
        .where('city_code', '=', row.city_code).where('case_id', '=', row.id).where('mediator_id', '=', req.mediatorId).where('removed_at', 'is', null).execute();
      await trx.insertInto('mediation_recusal').values({ ...key, mediator_id: req.mediatorId, requested_by: req.requestedBy, party_id: req.requestedBy === 'party' ? req.partyId ?? null : null, reason: req.reason.trim(), action_seq: seq, at: now }).execute();
      return undefined;
    case 'record_session': {
      const s = req.session;
      const r = await trx.insertInto('mediation_session').values({ ...key, action_seq: seq, held_at: new Date(s.heldAt), place: s.place.trim(), attendees: s.attendees.map((a) => a.trim()).filter(Boolean), minutes: s.minutes, recorded_by: userId })
        .returning('id').executeTakeFirstOrThrow();
      return r.id;
    }
    case 'agree': {
      const a = req.agreement;
      await trx.insertInto('mediation_agreement').values({
        ...key, action_seq: seq, party_ids: a.parties, facts: a.facts.trim(), disputes: a.disputes.trim(), responsibilities: a.responsibilities.trim(),
        terms: JSON.stringify(a.terms.map((t) => ({ content: t.content.trim(), manner: t.manner.trim(), deadline: t.deadline }))),
        signed_on: a.signedOn, signed_parties: a.signedBy.parties, signed_mediators: a.signedBy.mediators,
        judicial_due_on: after.agreement!.judicialDueOn, created_by: userId,
      }).execute();
      return undefined;
    }
    case 'add_party': {
      const checked = checkParty(req.party, 'party');
      if (!checked.ok) throw new AppError(checked.status, checked.code, checked.message, { field: checked.field });
      const p = checked.party;
      const [r] = await insertParties(trx, [{ ...key, kind: p.kind, role: p.role, name: p.name, id_number: p.idNumber, credit_code: p.creditCode, phone: p.phone, address: p.address, legal_rep: p.legalRep, action_seq: seq }]);
      return r.id;
    }
    case 'follow_up': {
      const r = await trx.insertInto('mediation_follow_up').values({ ...key, action_seq: seq, visited_on: req.visitedOn, performance: req.performance, note: req.note.trim(), recorded_by: userId })
        .returning('id').executeTakeFirstOrThrow();
      return r.id;
    }
    case 'judicial_apply':
      await trx.insertInto('mediation_judicial').values({ ...key, applied_on: req.appliedOn, court: req.court.trim(), applied_seq: seq }).execute();
      return undefined;
    case 'judicial_result':
      await trx.updateTable('mediation_judicial').set({ result: req.result, decided_on: req.decidedOn, result_seq: seq })
        .where('city_code', '=', row.city_code).where('case_id', '=', row.id).execute();
      return undefined;
    default:
      return undefined;
  }
}

/** What a correction changed, column by column: { idNumber: { before, after } … }. */
type Corrected = Record<string, { before: string | null; after: string | null }>;
const COLUMN = { name: 'name', idNumber: 'id_number', creditCode: 'credit_code', phone: 'phone', address: 'address', legalRep: 'legal_rep' } as const;

/**
 * 更正当事人: the party row takes the corrected values with the action's seq (the database allows no other
 * change of it); a correction that changes nothing is refused, so every correction row says something.
 */
async function correctParty(trx: Transaction<DB>, row: CaseRow, parties: PartyRow[], req: Extract<ActionRequest, { action: 'correct_party' }>, seq: number, now: Date): Promise<Corrected> {
  const p = parties.find((x) => x.id === req.partyId)!;
  const checked = checkPartyChanges(p.kind, req.changes, dayOf(now));
  if (!checked.ok) throw new AppError(checked.status, checked.code, checked.message, { field: checked.field });
  const corrected: Corrected = {};
  const set: Record<string, string | null> = {};
  for (const [k, after] of Object.entries(checked.changes) as [keyof typeof COLUMN, string | null][]) {
    const before = p[COLUMN[k]];
    if (before === after) continue;
    corrected[k] = { before, after };
    set[COLUMN[k]] = after;
  }
  if (!Object.keys(corrected).length) throw invalidField('changes', '与已登记的信息相同，没有需要更正的内容 / the values are those on record: nothing to correct');
  await trx.updateTable('mediation_party').set({ ...set, corrected_seq: seq })
    .where('city_code', '=', row.city_code).where('case_id', '=', row.id).where('id', '=', p.id).execute();
  return corrected;
}

/**
 * One action on a case, in the caller's transaction: the case locked, the caller's relations, the
 * workflow's decision, then the case row (version + 1), its action row and the records it makes
 * (assignment, recusal, session, agreement, party, 回访, 司法确认) together — or nothing at all.
 */
export async function actOnCase(trx: Transaction<DB>, caller: Caller, id: number, body: CaseAction, system?: SystemActor, ip: string | null = null) {
  const me = system ? NO_MEMBERSHIP : await membershipOf(trx, caller);
  const row = system ? (await loadCase(trx, caller.cityCode, id, true)) ?? (() => { throw caseNotFound(id); })() : await loadVisibleCase(trx, caller, me, id, true);
  const { snapshot, current, parties } = await loadSnapshot(trx, row);
  const relations: Set<Relation> = system ? new Set(['system']) : relationsOf(caller, row, current, me);
  const request = await requestOf(trx, row, body, current);
  const now = system?.now ?? new Date();
  const outcome = decide(snapshot, request, relations, now, clockFor(await loadTerms(trx, row.city_code)));
  if (!outcome.ok) throw new AppError(outcome.status, outcome.code, outcome.message, { field: outcome.field, ...(outcome.missing && { missing: outcome.missing }) });

  const seq = outcome.case.actions;
  const set = snapshotColumns(outcome.case, row, now);
  if (body.action === 'flag_police') Object.assign(set, { police_reason: body.reason.trim(), police_flagged_at: now });
  const after = await updateCase(trx, row, set);
  const userId = system ? null : caller.id;
  const record = await writeRecords(trx, row, request, outcome.case, seq, current, now, userId);
  const corrected = request.action === 'correct_party' ? await correctParty(trx, row, parties, request, seq, now) : undefined;
  // Only the applicant relation allows it: the one who applied withdrew it themselves.
  const byApplicant = body.action === 'withdraw' && relations.has('applicant') && !relations.has('committee') && !relations.has('mediator');
  const { note, data } = rowData(body, outcome.case, { record, corrected, byApplicant });
  const action = await insertAction(trx, {
    city_code: row.city_code, case_id: row.id, seq, action: body.action, from_state: outcome.from, to_state: outcome.to,
    actor_id: userId, actor_name: caller.displayName, actor_role: system ? 'system' : caller.role, note: note?.trim() || null, at: now,
    data: JSON.stringify({ ...data, ...system?.data }),
  });
  if (request.action === 'correct_party') {
    // Which fields, not their values: the audit log keeps no personal data.
    await appendAudit(trx, caller, { action: 'mediation.party.correct', targetType: 'mediation_party', targetId: request.partyId, ip, detail: { caseId: row.id, seq, fields: Object.keys(corrected!), reason: request.reason.trim() } });
  }
  await noticeAfterAction(trx, after, body.action, current, outcome.case.mediators, { level: (body as { level?: string }).level, mediatorId: (body as { mediatorId?: number }).mediatorId, byApplicant });
  const [names] = await namesFor(trx, [after]);
  // The actor is on the case (committee, mediator) or is the system: addresses in a correction are theirs to see.
  return { case: toCaseOut(after, names), action: toActionOut(action, true) };
}

/**
 * 第二十五条: marks a case for the police with the reason, as 系统 — for the early-warning rules (排查预警),
 * which name themselves in `rule`. Refused (409 already_flagged) when it is flagged already.
 */
export function flagForPolice(trx: Transaction<DB>, cityCode: string, caseId: number, reason: string, rule: string, now = new Date()) {
  return actOnCase(trx, systemCaller(cityCode), caseId, { action: 'flag_police', reason }, { now, data: { rule } });
}
