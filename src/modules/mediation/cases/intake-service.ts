import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { dayOf } from '../../../kernel/calendar/index.ts';
import { AppError, invalidField } from '../../../kernel/errors.ts';
import { actOnTicket } from '../../events/tickets/action-service.ts';
import { resolvePlace } from '../../events/tickets/place.ts';
import { loadVisible } from '../../events/tickets/read-service.ts';
import type { GridLocator } from '../../org/grid-locator.ts';
import { orgVisibleTo, within } from '../access.ts';
import { findOrg, membershipOf, type OrgRow } from '../organisations/store.ts';
import { clockFor } from '../workflow/clock.ts';
import { checkIntake, openCase, type CheckedIntake } from '../workflow/intake.ts';
import type { CreateCase } from './schema.ts';
import { noticeOnRegister } from './notices.ts';
import { loadTerms } from './settings.ts';
import { toCaseOut } from './snapshot.ts';
import { insertAction, insertParties, namesFor, nextCaseNumber } from './store.ts';

interface Place { areaPath: string; gridCode: string | null; lon: number | null; lat: number | null; address: string | null }
export interface PreparedCase { caller: Caller; body: CreateCase; checked: CheckedIntake; org: OrgRow; place: Place }

/**
 * Checks a new case outside any transaction (登记 from every door): the door's rules (a hand-off names
 * its referring body and number), the receiving organisation (one the caller may refer to, active),
 * and the place — a ticket's own place, else a grid, the point's grid (落格, as ticket intake) or an
 * area — which must lie in that organisation's area.
 */
export async function prepareCase(db: Kysely<DB>, grids: GridLocator, caller: Caller, body: CreateCase): Promise<PreparedCase> {
  const checked = checkIntake(body, dayOf(new Date()));
  if (!checked.ok) throw new AppError(checked.status, checked.code, checked.message, { field: checked.field });
  const me = await membershipOf(db, caller);
  const org = await findOrg(db, caller.cityCode, body.orgId);
  if (!org || !orgVisibleTo(caller, me, org)) throw invalidField('orgId', `调解组织 ${body.orgId} 不存在或不在您的范围内 / organisation ${body.orgId} not found or not one you may refer to`);
  if (!org.active) throw invalidField('orgId', `「${org.name}」已停用 / the organisation is not active`);
  let place: Place;
  if (body.source === 'ticket') {
    if (body.location || body.gridCode || body.areaCode) throw invalidField('ticketId', '事件转入的案件使用工单的位置 / a case from a ticket takes the ticket’s place');
    const t = await loadVisible(db, caller, body.ticketId!);
    place = { areaPath: t.area_path, gridCode: t.grid_code, lon: t.lon, lat: t.lat, address: body.address ?? t.address };
  } else {
    const p = await resolvePlace(db, grids, caller, body);
    place = { areaPath: p.areaPath, gridCode: p.gridCode, lon: p.lon, lat: p.lat, address: body.address ?? null };
  }
  if (!within(place.areaPath, org.area_path)) throw invalidField('orgId', `纠纷发生地不在「${org.name}」的辖区内 / the place lies outside the organisation’s area`);
  return { caller, body, checked: checked.value, org, place };
}

/**
 * Writes a prepared case in one transaction: its number, the case, its parties and the 登记 action row;
 * for a ticket, the ticket's 转人民调解 row through the event loop's action service (which checks the
 * caller's relation to the ticket and refuses a second hand-off of it: then nothing is written).
 */
export async function writeCase(db: Kysely<DB>, p: PreparedCase) {
  // idempotent() runs this inside a transaction (it is not a one-statement write); say so out loud.
  if (!db.isTransaction) throw new Error('writeCase must run inside a transaction');
  const trx = db as Transaction<DB>;
  const { caller, body, checked, org, place } = p;
  const now = new Date();
  const number = await nextCaseNumber(trx, caller.cityCode, Number(dayOf(now).slice(0, 4)));
  const clock = clockFor(await loadTerms(trx, caller.cityCode));
  const draft = openCase({ source: body.source, category: body.category, orgId: org.id, parties: [] }, now, clock);
  const row = await trx.insertInto('mediation_case').values({
    city_code: caller.cityCode, number, source: body.source, referring_body: checked.referringBody, referral_number: checked.referralNumber,
    ticket_id: body.ticketId ?? null, category: body.category, summary: body.summary.trim(), amount: body.amount ?? null, people_involved: checked.peopleInvolved,
    lon: place.lon, lat: place.lat, address: place.address, grid_code: place.gridCode, area_path: place.areaPath, org_id: org.id, org_path: org.area_path,
    state: draft.state, due_at: draft.dueAt, registered_at: now, action_count: draft.actions, created_by: caller.id,
  }).returningAll().executeTakeFirstOrThrow().catch((err: { code?: string; constraint?: string }) => {
    if (err.code === '23505' && err.constraint === 'mediation_case_ticket') throw new AppError(409, 'ticket_taken', 'ticketId: 该工单已转为纠纷案件 / this ticket is a dispute case already', { field: 'ticketId' });
    throw err;
  });
  const parties = await insertParties(trx, checked.parties.map((x) => ({
    city_code: row.city_code, case_id: row.id, kind: x.kind, role: x.role, name: x.name, id_number: x.idNumber, credit_code: x.creditCode,
    phone: x.phone, address: x.address, legal_rep: x.legalRep, action_seq: 1,
  })));
  await insertAction(trx, {
    city_code: row.city_code, case_id: row.id, seq: 1, action: 'register', from_state: null, to_state: 'registered',
    actor_id: caller.id, actor_name: caller.displayName, actor_role: caller.role, note: null, at: now,
    data: JSON.stringify({ source: body.source, referringBody: checked.referringBody, referralNumber: checked.referralNumber, ticketId: body.ticketId ?? null, parties: parties.map((x) => x.id), dueAt: draft.dueAt }),
  });
  await noticeOnRegister(trx, caller, row, org.name);
  if (body.source === 'ticket') await actOnTicket(trx, caller, body.ticketId!, { action: 'to_mediation', caseId: row.id, caseNumber: number, note: `转${org.name}调解，案件编号 ${number}` });
  const [names] = await namesFor(trx, [row]);
  return toCaseOut(row, names);
}
