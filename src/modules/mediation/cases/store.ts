import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { DB, MediationCaseActionTable, MediationCaseTable, MediationPartyTable } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError, conflict } from '../../../kernel/errors.ts';
import { maskIdNumber, maskPhone } from '../../../kernel/privacy.ts';
import { visibleCases, type Membership } from '../access.ts';
import { ACTIONS, type ActionName } from '../workflow/actions.ts';

/** The SQL of dispute cases: rows, facts the workflow needs, action rows, numbers. Services hold the rules. */

export type Executor = Kysely<DB> | Transaction<DB>;
export type CaseRow = Selectable<MediationCaseTable>;
export type PartyRow = Selectable<MediationPartyTable>;

export const caseNotFound = (id: number | string) =>
  new AppError(404, 'not_found', `纠纷案件 ${id} 不存在或不在您的范围内 / dispute case ${id} not found or not yours`);

export async function loadCase(db: Executor, cityCode: string, id: number, forUpdate = false): Promise<CaseRow | undefined> {
  let q = db.selectFrom('mediation_case').selectAll().where('city_code', '=', cityCode).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A case the caller may see (visibleCases), optionally locked; else 404, the same as one that does not exist. */
export async function loadVisibleCase(db: Executor, caller: Caller, me: Membership, id: number, forUpdate = false): Promise<CaseRow> {
  let q = db.selectFrom('mediation_case as c').selectAll('c').where(visibleCases(caller, me)).where('c.id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw caseNotFound(id);
  return row;
}

/** The next number of the city's year: TJ2026-00001. The counter row is held until commit (a few cases a minute at most). */
export async function nextCaseNumber(trx: Transaction<DB>, cityCode: string, year: number): Promise<string> {
  const { last } = await trx.insertInto('mediation_counter').values({ city_code: cityCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['city_code', 'year']).doUpdateSet({ last: sql`mediation_counter.last + 1` }))
    .returning('last').executeTakeFirstOrThrow();
  return `TJ${year}-${String(last).padStart(5, '0')}`;
}

export async function partiesOf(db: Executor, cityCode: string, caseId: number): Promise<PartyRow[]> {
  return db.selectFrom('mediation_party').selectAll().where('city_code', '=', cityCode).where('case_id', '=', caseId).orderBy('id').execute();
}

export async function insertParties(trx: Transaction<DB>, rows: Insertable<MediationPartyTable>[]): Promise<PartyRow[]> {
  return rows.length ? trx.insertInto('mediation_party').values(rows).returningAll().execute() : [];
}

/** Every assignment of the case (current ones have no removed_at), with the mediator's name and organisation. */
export async function assignmentsOf(db: Executor, cityCode: string, caseIds: number[]) {
  if (!caseIds.length) return [];
  return db.selectFrom('mediation_case_mediator as cm')
    .innerJoin('mediator as m', (j) => j.onRef('m.city_code', '=', 'cm.city_code').onRef('m.id', '=', 'cm.mediator_id'))
    .innerJoin('mediation_org as o', (j) => j.onRef('o.city_code', '=', 'm.city_code').onRef('o.id', '=', 'm.org_id'))
    .select(['cm.case_id', 'cm.mediator_id', 'cm.assigned_seq', 'cm.chosen_by', 'cm.lead', 'cm.assigned_at', 'cm.removed_at', 'cm.removed_reason', 'm.name', 'm.kind', 'o.name as org_name'])
    .where('cm.city_code', '=', cityCode).where('cm.case_id', 'in', caseIds).orderBy('cm.assigned_seq').orderBy('cm.lead', 'desc').orderBy('cm.mediator_id').execute();
}

export async function recusalsOf(db: Executor, cityCode: string, caseId: number) {
  return db.selectFrom('mediation_recusal as r').innerJoin('mediator as m', (j) => j.onRef('m.city_code', '=', 'r.city_code').onRef('m.id', '=', 'r.mediator_id'))
    .select(['r.mediator_id', 'm.name', 'r.requested_by', 'r.party_id', 'r.reason', 'r.at']).where('r.city_code', '=', cityCode).where('r.case_id', '=', caseId).orderBy('r.id').execute();
}

export async function sessionsOf(db: Executor, cityCode: string, caseId: number) {
  return db.selectFrom('mediation_session').selectAll().where('city_code', '=', cityCode).where('case_id', '=', caseId).orderBy('held_at').orderBy('id').execute();
}

export async function agreementOf(db: Executor, cityCode: string, caseId: number) {
  const row = await db.selectFrom('mediation_agreement').selectAll().where('city_code', '=', cityCode).where('case_id', '=', caseId).executeTakeFirst();
  // bigint[] arrays come back as text from pg; the ids are numbers everywhere else.
  return row && { ...row, party_ids: row.party_ids.map(Number), signed_parties: row.signed_parties.map(Number), signed_mediators: row.signed_mediators.map(Number) };
}

export async function judicialOf(db: Executor, cityCode: string, caseId: number) {
  return db.selectFrom('mediation_judicial').selectAll().where('city_code', '=', cityCode).where('case_id', '=', caseId).executeTakeFirst();
}

export async function followUpsOf(db: Executor, cityCode: string, caseId: number) {
  return db.selectFrom('mediation_follow_up').selectAll().where('city_code', '=', cityCode).where('case_id', '=', caseId).orderBy('visited_on').orderBy('id').execute();
}

/** Optimistic write: the row must still be at the version read (it is, under FOR UPDATE; the check says so out loud). */
export async function updateCase(trx: Transaction<DB>, row: CaseRow, set: Updateable<MediationCaseTable>): Promise<CaseRow> {
  const out = await trx.updateTable('mediation_case').set({ ...set, version: row.version + 1, updated_at: new Date() })
    .where('city_code', '=', row.city_code).where('id', '=', row.id).where('version', '=', row.version)
    .returningAll().executeTakeFirst();
  if (!out) throw conflict('version: 案件已被他人修改，请刷新后重试 / the case was changed meanwhile; reload and retry', { field: 'version' });
  return out;
}

export type ActionRow = Pick<Selectable<MediationCaseActionTable>, 'seq' | 'action' | 'from_state' | 'to_state' | 'actor_id' | 'actor_name' | 'actor_role' | 'note' | 'data' | 'at'>;
const ACTION_COLUMNS = ['seq', 'action', 'from_state', 'to_state', 'actor_id', 'actor_name', 'actor_role', 'note', 'data', 'at'] as const;

export async function insertAction(trx: Transaction<DB>, values: Insertable<MediationCaseActionTable>): Promise<ActionRow> {
  return trx.insertInto('mediation_case_action').values(values).returning(ACTION_COLUMNS).executeTakeFirstOrThrow();
}

export async function actionsOf(db: Executor, cityCode: string, caseId: number): Promise<ActionRow[]> {
  return db.selectFrom('mediation_case_action').select(ACTION_COLUMNS).where('city_code', '=', cityCode).where('case_id', '=', caseId).orderBy('seq').execute();
}

type Change = { before: string | null; after: string | null };
const MASKS: Record<string, (v: string | null) => string | null> = { idNumber: maskIdNumber, creditCode: maskIdNumber, phone: maskPhone };

/**
 * A correction's row keeps the old and new values in full; answers mask ID numbers, credit codes and phones
 * (the clear ones only through the audited reveal) and show addresses only to those involved.
 */
function maskCorrection(data: unknown, involved: boolean): unknown {
  const d = data as { partyId?: number; changes?: Record<string, Change> };
  const changes = Object.fromEntries(Object.entries(d.changes ?? {}).map(([k, v]) => {
    if (MASKS[k]) return [k, { before: MASKS[k](v.before), after: MASKS[k](v.after) }];
    if (k === 'address' && !involved) return [k, { before: null, after: null, hidden: true }];
    return [k, v];
  }));
  return { ...d, changes };
}

/** An action row as answered; `involved` (committee, mediators, supervisors) may see a corrected address. */
export const toActionOut = (a: ActionRow, involved = false) => ({
  seq: a.seq, action: a.action, actionName: a.action === 'register' ? '登记' : ACTIONS[a.action as ActionName]?.zh ?? a.action,
  from: a.from_state, to: a.to_state, by: { id: a.actor_id, name: a.actor_name, role: a.actor_role }, note: a.note,
  data: a.action === 'correct_party' ? maskCorrection(a.data, involved) : a.data, at: a.at.toISOString(),
});

/** Names for a page of cases, in a few queries: areas, organisations, tickets, mediators on them now. */
export async function namesFor(db: Executor, rows: CaseRow[]) {
  if (!rows.length) return [];
  const city = rows[0].city_code;
  const paths = [...new Set(rows.map((r) => r.area_path))];
  const orgIds = [...new Set(rows.map((r) => r.org_id))];
  const ticketIds = [...new Set(rows.map((r) => r.ticket_id).filter((t): t is number => t !== null))];
  const [areas, orgs, tickets, assignments] = await Promise.all([
    db.selectFrom('area').select(['path', 'name']).where('city_code', '=', city).where(sql<boolean>`path = ANY(${sql.val(paths)}::ltree[])`).execute(),
    db.selectFrom('mediation_org').select(['id', 'name', 'kind', 'level']).where('city_code', '=', city).where('id', 'in', orgIds).execute(),
    ticketIds.length ? db.selectFrom('ticket').select(['id', 'number']).where('city_code', '=', city).where('id', 'in', ticketIds).execute() : [],
    assignmentsOf(db, city, rows.map((r) => r.id)),
  ]);
  const areaName = new Map(areas.map((a) => [a.path, a.name]));
  const org = new Map(orgs.map((o) => [o.id, o]));
  const ticket = new Map(tickets.map((t) => [t.id, t.number]));
  return rows.map((r) => ({
    area: areaName.get(r.area_path) ?? null,
    org: org.get(r.org_id)!,
    ticketNumber: r.ticket_id !== null ? ticket.get(r.ticket_id) ?? null : null,
    mediators: assignments.filter((a) => a.case_id === r.id && !a.removed_at).map((a) => ({ id: a.mediator_id, name: a.name })),
  }));
}
export type CaseNames = Awaited<ReturnType<typeof namesFor>>[number];

export async function termsRow(db: Executor, cityCode: string) {
  return db.selectFrom('mediation_setting').selectAll().where('city_code', '=', cityCode).executeTakeFirst();
}
