import type { Updateable } from 'kysely';
import type { MediationCaseTable } from '../../../db/types.ts';
import { maskIdNumber, maskPhone } from '../../../kernel/privacy.ts';
import { CATEGORIES, PARTY_ROLES, REFERRALS, SOURCES, type Category, type Referral } from '../terms.ts';
import { OPEN_STATES, STATES, type CaseSnapshot, type State } from '../workflow/states.ts';
import type { CaseOut } from './schema.ts';
import type { CaseNames, CaseRow, Executor, PartyRow } from './store.ts';
import { agreementOf, assignmentsOf, followUpsOf, judicialOf, partiesOf, recusalsOf } from './store.ts';

/** Case rows ⇄ the workflow's CaseSnapshot, and rows → what the API answers. */

export async function loadSnapshot(db: Executor, row: CaseRow) {
  const city = row.city_code;
  const [parties, assignments, recusals, sessions, agreement, judicial, followUps] = await Promise.all([
    partiesOf(db, city, row.id), assignmentsOf(db, city, [row.id]), recusalsOf(db, city, row.id),
    db.selectFrom('mediation_session').select((eb) => eb.fn.countAll<number>().as('n')).where('city_code', '=', city).where('case_id', '=', row.id).executeTakeFirstOrThrow(),
    agreementOf(db, city, row.id), judicialOf(db, city, row.id), followUpsOf(db, city, row.id),
  ]);
  const current = assignments.filter((a) => !a.removed_at).map((a) => a.mediator_id);
  const snapshot: CaseSnapshot = {
    state: row.state, source: row.source, category: row.category as Category, orgId: row.org_id, registeredAt: row.registered_at,
    dueAt: row.due_at, extensions: row.extensions, supervision: row.supervision, policeFlag: row.police_flag,
    mediators: current, recused: recusals.map((r) => r.mediator_id),
    parties: parties.map((p) => ({ id: p.id, role: p.role, kind: p.kind, name: p.name, identified: !!(p.id_number || p.credit_code), hasAddress: !!p.address, phone: p.phone })),
    sessions: Number(sessions.n),
    agreement: agreement ? { signedOn: agreement.signed_on, judicialDueOn: agreement.judicial_due_on } : null,
    judicial: judicial ? { appliedOn: judicial.applied_on, result: judicial.result } : null,
    followUps: followUps.length, referral: row.referral as Referral | null, actions: row.action_count,
  };
  return { snapshot, parties, current };
}

const CONCLUDED: readonly State[] = ['agreed', 'failed', 'rejected', 'refused', 'withdrawn'];

/** The columns a decided snapshot changes (the rest of the row is the intake's and stays). */
export function snapshotColumns(s: CaseSnapshot, before: CaseRow, now: Date): Updateable<MediationCaseTable> {
  return {
    state: s.state, due_at: s.dueAt, extensions: s.extensions, supervision: s.supervision, police_flag: s.policeFlag,
    referral: s.referral, action_count: s.actions,
    ...(before.state === 'registered' && s.state === 'accepted' ? { accepted_at: now } : {}),
    ...(!CONCLUDED.includes(before.state) && CONCLUDED.includes(s.state) ? { concluded_at: now } : {}),
  };
}

/** 超期: an open case whose conclusion deadline has passed. */
export const isOverdue = (row: Pick<CaseRow, 'state' | 'due_at'>, now = new Date()) => OPEN_STATES.includes(row.state) && !!row.due_at && row.due_at < now;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCaseOut(row: CaseRow, n: CaseNames): CaseOut {
  return {
    id: row.id, number: row.number, cityCode: row.city_code, source: row.source, sourceName: SOURCES[row.source],
    referringBody: row.referring_body, referralNumber: row.referral_number,
    ticket: row.ticket_id !== null ? { id: row.ticket_id, number: n.ticketNumber } : null,
    category: row.category, categoryName: CATEGORIES[row.category as Category] ?? row.category, summary: row.summary,
    amount: row.amount === null ? null : Number(row.amount), peopleInvolved: row.people_involved,
    location: row.lon !== null && row.lat !== null ? { lon: row.lon, lat: row.lat } : null, address: row.address,
    gridCode: row.grid_code, areaPath: row.area_path, areaName: n.area,
    org: { id: n.org.id, name: n.org.name, kind: n.org.kind, level: n.org.level }, mediators: n.mediators,
    state: row.state, stateName: STATES[row.state].zh, dueAt: iso(row.due_at), overdue: isOverdue(row), extensions: row.extensions,
    supervision: row.supervision, policeFlag: row.police_flag, policeReason: row.police_reason,
    referral: row.referral, referralName: row.referral ? REFERRALS[row.referral as Referral] ?? null : null,
    registeredAt: row.registered_at.toISOString(), acceptedAt: iso(row.accepted_at), concludedAt: iso(row.concluded_at), version: row.version,
  };
}

/** A party as answered: identity numbers and phone masked always; the address only for those involved. */
export function toPartyOut(p: PartyRow, involved: boolean) {
  return {
    id: p.id, kind: p.kind, role: p.role, roleName: PARTY_ROLES[p.role], name: p.name,
    idNumber: maskIdNumber(p.id_number), creditCode: maskIdNumber(p.credit_code), phone: maskPhone(p.phone),
    address: involved ? p.address : null, legalRep: p.legal_rep,
  };
}
