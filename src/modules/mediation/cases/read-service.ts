import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError, invalidField } from '../../../kernel/errors.ts';
import { likePattern } from '../../../kernel/sql-like.ts';
import { isInvolved, relationsOf, visibleCases, type Membership } from '../access.ts';
import { areaByCode, membershipOf } from '../organisations/store.ts';
import { JUDICIAL_RESULTS, PERFORMANCE, type JudicialResult, type Performance } from '../terms.ts';
import type { Relation } from '../workflow/actions.ts';
import { OPEN_STATES, STATES, type State } from '../workflow/states.ts';
import { TRANSITIONS } from '../workflow/table.ts';
import type { CaseQuery } from './schema.ts';
import { toCaseOut, toPartyOut } from './snapshot.ts';
import {
  actionsOf, agreementOf, assignmentsOf, followUpsOf, judicialOf, loadVisibleCase, namesFor, partiesOf, recusalsOf, sessionsOf, toActionOut, type CaseRow,
} from './store.ts';

const OPEN = sql.join(OPEN_STATES.map((s) => sql.lit(s)));
const OVERDUE = sql<boolean>`(c.state IN (${OPEN}) AND c.due_at < now())`;

export async function listCases(db: Kysely<DB>, caller: Caller, q: CaseQuery) {
  const me = await membershipOf(db, caller);
  let base = db.selectFrom('mediation_case as c').where(visibleCases(caller, me));
  if (q.state) {
    const states = q.state.split(',');
    const bad = states.find((s) => !(s in STATES));
    if (bad) throw invalidField('state', `未知状态 ${bad} / unknown state; one of ${Object.keys(STATES).join(', ')}`);
    base = base.where('c.state', 'in', states as State[]);
  }
  if (q.source) base = base.where('c.source', '=', q.source);
  if (q.category) base = base.where('c.category', '=', q.category);
  if (q.orgId) base = base.where('c.org_id', '=', q.orgId);
  if (q.area) {
    const area = await areaByCode(db, caller.cityCode, q.area);
    if (!area) throw invalidField('area', `区域 ${q.area} 不在本市 / area ${q.area} is not in your city`);
    base = base.where(sql<boolean>`c.area_path <@ ${area.path}::ltree`);
  }
  const onCase = (ids: number[]) => sql<boolean>`EXISTS (SELECT 1 FROM mediation_case_mediator cm WHERE cm.city_code = c.city_code AND cm.case_id = c.id
    AND cm.removed_at IS NULL AND cm.mediator_id = ANY(${sql.val(ids.length ? ids : [-1])}::int[]))`;
  if (q.mediatorId) base = base.where(onCase([q.mediatorId]));
  if (q.mine) base = base.where(onCase(me.mediatorIds));
  if (q.overdue !== undefined) base = base.where(q.overdue ? OVERDUE : sql<boolean>`NOT ${OVERDUE}`);
  if (q.supervision) base = base.where('c.supervision', q.supervision === 'any' ? '!=' : '=', q.supervision === 'any' ? 'none' : q.supervision);
  if (q.police !== undefined) base = base.where('c.police_flag', '=', q.police);
  if (q.ticketId) base = base.where('c.ticket_id', '=', q.ticketId);
  if (q.q) { const p = likePattern(q.q); const n = q.q; base = base.where((eb) => eb.or([eb('c.summary', 'ilike', p), eb('c.number', '=', n)])); }
  const [rows, count] = await Promise.all([
    base.selectAll('c').orderBy('c.registered_at', 'desc').orderBy('c.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await namesFor(db, rows);
  return { items: rows.map((r, i) => toCaseOut(r, names[i])), total: Number(count.n) };
}

/** A visible case with how the caller stands to it (relations need the mediators on it now). */
async function caseWithRelations(db: Kysely<DB> | Transaction<DB>, caller: Caller, id: number): Promise<{ row: CaseRow; me: Membership; relations: Set<Relation> }> {
  const me = await membershipOf(db, caller);
  const row = await loadVisibleCase(db, caller, me, id);
  const current = (await assignmentsOf(db, row.city_code, [row.id])).filter((a) => !a.removed_at).map((a) => a.mediator_id);
  return { row, me, relations: relationsOf(caller, row, current, me) };
}

/** The actions the state allows that the caller's relations may take (the guards still decide). */
function actionsFor(state: State, relations: Set<Relation>): string[] {
  return TRANSITIONS.filter((t) => t.from.includes(state) && t.by.some((r) => relations.has(r))).map((t) => t.action);
}

/** One case with its whole history; the minutes, the agreement and addresses only for those involved. */
export async function caseDetail(db: Kysely<DB>, caller: Caller, id: number) {
  const { row, relations } = await caseWithRelations(db, caller, id);
  const involved = isInvolved(relations);
  const city = row.city_code;
  const [[names], parties, assignments, recusals, timeline, sessions, agreement, judicial, followUps] = await Promise.all([
    namesFor(db, [row]), partiesOf(db, city, row.id), assignmentsOf(db, city, [row.id]), recusalsOf(db, city, row.id), actionsOf(db, city, row.id),
    sessionsOf(db, city, row.id), agreementOf(db, city, row.id), judicialOf(db, city, row.id), followUpsOf(db, city, row.id),
  ]);
  return {
    case: toCaseOut(row, names),
    parties: parties.map((p) => toPartyOut(p, involved)),
    mediators: assignments.map((a) => ({
      id: a.mediator_id, name: a.name, kind: a.kind, orgName: a.org_name, chosenBy: a.chosen_by, lead: a.lead,
      assignedAt: a.assigned_at.toISOString(), removedAt: a.removed_at ? a.removed_at.toISOString() : null, removedReason: a.removed_reason,
    })),
    recusals: recusals.map((r) => ({ mediatorId: r.mediator_id, mediatorName: r.name, requestedBy: r.requested_by, partyId: r.party_id, reason: r.reason, at: r.at.toISOString() })),
    timeline: timeline.map((a) => toActionOut(a, involved)),
    sessions: sessions.map((s) => ({ id: s.id, heldAt: s.held_at.toISOString(), place: s.place, attendees: s.attendees, minutes: involved ? s.minutes : null })),
    agreement: agreement ? { signedOn: agreement.signed_on, judicialDueOn: agreement.judicial_due_on, readable: involved } : null,
    judicial: judicial ? { appliedOn: judicial.applied_on, court: judicial.court, result: judicial.result, resultName: judicial.result ? JUDICIAL_RESULTS[judicial.result as JudicialResult] : null, decidedOn: judicial.decided_on } : null,
    followUps: followUps.map((f) => ({ id: f.id, visitedOn: f.visited_on, performance: f.performance, performanceName: PERFORMANCE[f.performance as Performance], note: f.note })),
    relations: [...relations],
    actions: actionsFor(row.state, relations),
  };
}

const agreementNotFound = (id: number) => new AppError(404, 'not_found', `案件 ${id} 的调解协议书不存在或您无权查看 / no agreement of case ${id} that you may read`);

/**
 * 调解协议书 as structured content, for the case's mediators, its committee and supervisors up the
 * area tree; anyone else — also staff who see the case because it lies in their area — gets 404.
 */
export async function readAgreement(db: Kysely<DB>, caller: Caller, id: number) {
  const { row, relations } = await caseWithRelations(db, caller, id).catch((e) => { throw e instanceof AppError && e.status === 404 ? agreementNotFound(id) : e; });
  if (!isInvolved(relations)) throw agreementNotFound(id);
  const a = await agreementOf(db, row.city_code, row.id);
  if (!a) throw agreementNotFound(id);
  const [parties, [names], mediators] = await Promise.all([
    partiesOf(db, row.city_code, row.id), namesFor(db, [row]),
    db.selectFrom('mediator').select(['id', 'name']).where('city_code', '=', row.city_code).where('id', 'in', a.signed_mediators.length ? a.signed_mediators : [-1]).execute(),
  ]);
  const bound = a.party_ids.map((pid) => parties.find((p) => p.id === pid)!).filter(Boolean);
  return {
    caseId: row.id, caseNumber: row.number, org: { id: names.org.id, name: names.org.name },
    parties: bound.map((p) => toPartyOut(p, true)), facts: a.facts, disputes: a.disputes, responsibilities: a.responsibilities, terms: a.terms,
    signedOn: a.signed_on, signedBy: { parties: a.signed_parties, mediators: a.signed_mediators.map((m) => ({ id: m, name: mediators.find((x) => x.id === m)?.name ?? String(m) })) },
    judicialDueOn: a.judicial_due_on, createdAt: a.created_at.toISOString(),
  };
}

/** The clear ID number, credit code or phone of a party, for those involved, with the reason in the audit log (PIPL). */
export async function revealParty(trx: Transaction<DB>, caller: Caller, id: number, partyId: number, input: { field: 'idNumber' | 'creditCode' | 'phone'; reason: string; seq?: number }, ip: string | null) {
  const { row, relations } = await caseWithRelations(trx, caller, id);
  const notYours = new AppError(404, 'not_found', `当事人 ${partyId} 不存在或您无权查看 / party ${partyId} not found or not yours to reveal`);
  if (!isInvolved(relations)) throw notYours;
  const p = (await partiesOf(trx, row.city_code, row.id)).find((x) => x.id === partyId);
  if (!p) throw notYours;
  const reason = input.reason.trim();
  if (reason.length < 4) throw invalidField('reason', '请说明查看原因（至少4个字）/ give a reason of at least 4 characters');
  // `seq`: the value a correction (更正当事人) replaced, as its action row keeps it.
  let value = input.field === 'idNumber' ? p.id_number : input.field === 'creditCode' ? p.credit_code : p.phone;
  if (input.seq !== undefined) {
    const a = (await actionsOf(trx, row.city_code, row.id)).find((x) => x.seq === input.seq);
    const d = a?.action === 'correct_party' ? (a.data as { partyId: number; changes: Record<string, { before: string | null }> }) : null;
    if (!d || d.partyId !== partyId || !d.changes[input.field]) throw invalidField('seq', `第 ${input.seq} 条记录不是对该当事人${input.field}的更正 / action ${input.seq} did not correct this party’s ${input.field}`);
    value = d.changes[input.field].before;
  }
  await appendAudit(trx, caller, { action: 'mediation.party.reveal', targetType: 'mediation_party', targetId: partyId, ip, detail: { caseId: row.id, field: input.field, reason, ...(input.seq !== undefined && { seq: input.seq }) } });
  return { partyId, field: input.field, value };
}

