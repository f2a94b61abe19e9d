import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError, invalidField } from '../../../kernel/errors.ts';
import { likePattern } from '../../../kernel/sql-like.ts';
import { checkPhone } from '../../../kernel/validators/index.ts';
import { ACTIONS, type ActionName } from '../workflow/actions.ts';
import { OPEN_STATES, STATES, type State } from '../workflow/states.ts';
import { OPERATOR_ROLES, visibleTickets } from './access.ts';
import { relationsOf } from './relations.ts';
import { CHANNEL_NAMES, type TicketQuery } from './schema.ts';
import { toTicketOut, type TicketRow } from './snapshot.ts';
import { actionsOf, areaByCode, attachmentsOf, namesFor, ticketNotFound, toActionOut, type Executor } from './store.ts';

/** A ticket the caller may see (visibleTickets), optionally locked; else 404, the same as one that does not exist. */
export async function loadVisible(db: Executor, caller: Caller, id: number, forUpdate = false): Promise<TicketRow> {
  let q = db.selectFrom('ticket as t').selectAll('t').where(visibleTickets(caller)).where('t.id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw ticketNotFound(id);
  return row;
}

const OPEN = sql.join(OPEN_STATES.map((s) => sql.lit(s)));
const OVERDUE = sql<boolean>`(t.state IN (${OPEN}) AND ((t.state = 'dispatched' AND t.sign_due_at < now()) OR t.due_at < now()))`;

export async function listTickets(db: Kysely<DB>, caller: Caller, q: TicketQuery) {
  let base = db.selectFrom('ticket as t').where(visibleTickets(caller));
  if (q.state) {
    const states = q.state.split(',');
    const bad = states.find((s) => !(s in STATES));
    if (bad) throw invalidField('state', `未知状态 ${bad} / unknown state; one of ${Object.keys(STATES).join(', ')}`);
    base = base.where('t.state', 'in', states as State[]);
  }
  if (q.channel) {
    if (!(q.channel in CHANNEL_NAMES)) throw invalidField('channel', `未知渠道 / unknown channel; one of ${Object.keys(CHANNEL_NAMES).join(', ')}`);
    base = base.where('t.channel', '=', q.channel as TicketRow['channel']);
  }
  if (q.demandType) base = base.where('t.demand_type', '=', q.demandType);
  if (q.category) { const c = q.category; base = base.where((eb) => eb.or([eb('t.category_code', '=', c), eb('t.category_code', 'like', `${c}.%`)])); }
  if (q.area) {
    const area = await areaByCode(db, caller.cityCode, q.area);
    if (!area) throw invalidField('area', `区域 ${q.area} 不在本市 / area ${q.area} is not in your city`);
    base = base.where(sql<boolean>`t.area_path <@ ${area.path}::ltree`);
  }
  if (q.department) base = base.where('t.assignee_department', '=', q.department);
  if (q.overdue !== undefined) base = base.where(q.overdue ? OVERDUE : sql<boolean>`NOT ${OVERDUE}`);
  if (q.supervision) base = base.where('t.supervision', q.supervision === 'any' ? '!=' : '=', q.supervision === 'any' ? 'none' : q.supervision);
  if (q.q) { const p = likePattern(q.q); const n = q.q; base = base.where((eb) => eb.or([eb('t.title', 'ilike', p), eb('t.description', 'ilike', p), eb('t.number', '=', n)])); }
  if (q.reporterPhone !== undefined) {
    // 来电历史: the 12345 desk sees a repeat caller's earlier tickets; no one else searches by phone.
    if (!OPERATOR_ROLES.includes(caller.role)) throw new AppError(403, 'forbidden', 'reporterPhone: 仅热线坐席可按来电号码查询 / only the hotline desk searches by phone', { field: 'reporterPhone' });
    const p = checkPhone(q.reporterPhone);
    if (!p.ok) throw invalidField('reporterPhone', p.reason);
    base = base.where('t.reporter_phone', '=', p.phone);
  }
  if (q.mine) base = base.where((eb) => eb.or([eb('t.created_by', '=', caller.id), eb('t.reporter_user_id', '=', caller.id)]));
  const [rows, count] = await Promise.all([
    base.selectAll('t').orderBy('t.received_at', 'desc').orderBy('t.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await namesFor(db, rows);
  return { items: rows.map((r, i) => toTicketOut(r, names[i])), total: Number(count.n) };
}

export async function ticketDetail(db: Kysely<DB>, caller: Caller, id: number) {
  const row = await loadVisible(db, caller, id);
  const [names] = await namesFor(db, [row]);
  const [timeline, attachments] = await Promise.all([actionsOf(db, row.city_code, row.id), attachmentsOf(db, row.city_code, row.id)]);
  return { ticket: toTicketOut(row, names), timeline: timeline.map(toActionOut), attachments, relations: [...relationsOf(caller, row)] };
}

const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
const samePhone = (a: string | null, b: string) => crypto.timingSafeEqual(digest(a ?? ''), digest(b)) && a !== null;
const trackRefused = () => new AppError(404, 'not_found', '编号或电话不符 / no ticket with this number and phone');

/**
 * 进度查询 for a resident with the number and the phone they gave: the steps and the answer, nothing
 * of the staff, notes or other people. A wrong phone and a wrong number look the same.
 */
export async function trackTicket(db: Kysely<DB>, number: string, phoneRaw: string, city?: string) {
  const p = checkPhone(phoneRaw);
  if (!p.ok) throw invalidField('phone', p.reason);
  let q = db.selectFrom('ticket').selectAll().where('number', '=', number);
  if (city) q = q.where('city_code', '=', city);
  const matches = (await q.execute()).filter((r) => samePhone(r.reporter_phone, p.phone));
  if (!matches.length) throw trackRefused();
  if (matches.length > 1) throw invalidField('city', '多个城市有此编号，请指定城市 / several cities have this number; give the city');
  const t = matches[0];
  const steps = await actionsOf(db, t.city_code, t.id);
  return {
    number: t.number, title: t.title, state: t.state, stateName: STATES[t.state].zh, receivedAt: t.received_at.toISOString(),
    dueAt: t.due_at ? t.due_at.toISOString() : null, closedAt: t.closed_at ? t.closed_at.toISOString() : null, rating: t.rating,
    steps: steps.map((a) => ({
      action: a.action, actionName: ACTIONS[a.action as ActionName]?.zh ?? '受理', to: a.to_state, at: a.at.toISOString(),
      result: a.action === 'reply' ? String((a.data as { result?: unknown }).result ?? '') : null,
    })),
  };
}
