import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError } from '../../../kernel/errors.ts';
import { formatShanghai } from '../../../kernel/calendar/index.ts';
import type { ActionName } from '../workflow/actions.ts';
import { CENTRE_LEVELS } from '../workflow/states.ts';
import type { TicketRow } from './snapshot.ts';

/**
 * 站内通知: who needs to know after an action — the assigned unit on 派遣/重办/督办, the centre on
 * 反馈/上报, the resident on 结案. A notice goes to a user, a department (every handler of it) or an
 * area (staff whose own area is exactly that one); one reader marks a shared notice read for all.
 */

/** The area of the centre that triages a ticket: its place cut to the centre's level (street: city.district.street). */
export function centreAreaOf(t: Pick<TicketRow, 'area_path' | 'centre_level'>): string {
  const depth = 3 - CENTRE_LEVELS.indexOf(t.centre_level); // street 3, district 2, city 1
  return t.area_path.split('.').slice(0, depth).join('.');
}

export type Target = { user_id?: number; department?: string; area_path?: string };

/** One notice in the caller's transaction; other modules write theirs through this (a dispute case names `mediationCaseId`). */
export async function writeNotice(trx: Transaction<DB>, n: { cityCode: string; kind: string; message: string; target: Target; ticketId?: number; mediationCaseId?: number }): Promise<void> {
  await trx.insertInto('notification').values({ city_code: n.cityCode, kind: n.kind, message: n.message, ticket_id: n.ticketId ?? null, mediation_case_id: n.mediationCaseId ?? null, ...n.target }).execute();
}

export function assigneeTarget(t: TicketRow): Target | null {
  if (t.assignee_kind === 'department' && t.assignee_department) return { department: t.assignee_department };
  if (t.assignee_kind === 'area' && t.assignee_path) return { area_path: t.assignee_path };
  return null;
}

const when = (d: Date | null) => (d ? formatShanghai(d) : '');

/** The notice an action calls for, if any, written in the action's transaction. */
export async function notifyAfter(trx: Transaction<DB>, action: ActionName, t: TicketRow): Promise<void> {
  const head = `工单 ${t.number}「${t.title}」`;
  let target: Target | null = null;
  let message = '';
  switch (action) {
    case 'dispatch': case 'reopen':
      target = assigneeTarget(t);
      message = `${head}${action === 'reopen' ? '群众不满意，已重办' : '已派遣'}，请于 ${when(t.sign_due_at)} 前签收`;
      break;
    case 'supervise':
      target = assigneeTarget(t) ?? { area_path: centreAreaOf(t) };
      message = `${head}被${t.supervision === 'red' ? '红牌' : '黄牌'}督办，办理期限 ${when(t.due_at)}`;
      break;
    case 'reply': target = { area_path: centreAreaOf(t) }; message = `${head}已反馈处置结果，请安排核查`; break;
    case 'escalate': target = { area_path: centreAreaOf(t) }; message = `${head}已上报，请重新派遣`; break;
    case 'return': target = { area_path: centreAreaOf(t) }; message = `${head}被退单，请裁定`; break;
    case 'close':
      if (t.reporter_user_id) { target = { user_id: t.reporter_user_id }; message = `您反映的${head}已办结，欢迎评价`; }
      break;
    default: break;
  }
  if (!target) return;
  await trx.insertInto('notification').values({ city_code: t.city_code, ticket_id: t.id, kind: action, message, ...target }).execute();
}

/** A dispute case's area notice is for the committee's desk and the command centre, not police, grid workers or mediators of that area. */
const CASE_AREA_ROLES: readonly string[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff'];

/** Notices for the caller: addressed to them (a mediator's: by user), to their department, or to their own area. */
function mine(caller: Caller): Expression<SqlBool> {
  const parts = [sql<SqlBool>`n.user_id = ${caller.id}`];
  if (caller.role === 'dept_handler' && caller.department) parts.push(sql<SqlBool>`n.department = ${caller.department}`);
  if (CASE_AREA_ROLES.includes(caller.role)) parts.push(sql<SqlBool>`n.area_path = ${caller.scopePath}::ltree`);
  else if (caller.role !== 'resident') parts.push(sql<SqlBool>`(n.area_path = ${caller.scopePath}::ltree AND n.mediation_case_id IS NULL)`);
  return sql<SqlBool>`(n.city_code = ${caller.cityCode} AND (${sql.join(parts, sql` OR `)}))`;
}

export async function listNotifications(db: Kysely<DB>, caller: Caller, q: { unread?: boolean; page: number; pageSize: number }) {
  let base = db.selectFrom('notification as n').where(mine(caller));
  if (q.unread) base = base.where('n.read_at', 'is', null);
  const [rows, count, unread] = await Promise.all([
    base.leftJoin('ticket as t', (j) => j.onRef('t.city_code', '=', 'n.city_code').onRef('t.id', '=', 'n.ticket_id'))
      .leftJoin('mediation_case as mc', (j) => j.onRef('mc.city_code', '=', 'n.city_code').onRef('mc.id', '=', 'n.mediation_case_id'))
      .select(['n.id', 'n.kind', 'n.message', 'n.ticket_id', 't.number', 'n.mediation_case_id', 'mc.number as case_number', 'n.created_at', 'n.read_at'])
      .orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('notification as n').where(mine(caller)).where('n.read_at', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, message: r.message, ticketId: r.ticket_id, ticketNumber: r.number ?? null, caseId: r.mediation_case_id, caseNumber: r.case_number ?? null, createdAt: r.created_at.toISOString(), readAt: r.read_at ? r.read_at.toISOString() : null })),
    total: Number(count.n), unread: Number(unread.n),
  };
}

export async function markRead(db: Kysely<DB>, caller: Caller, id: number) {
  const row = await db.updateTable('notification as n').set({ read_at: sql`coalesce(n.read_at, now())` }).where('n.id', '=', id).where(mine(caller))
    .returning(['n.id', 'n.read_at']).executeTakeFirst();
  if (!row) throw new AppError(404, 'not_found', `通知 ${id} 不存在 / notification ${id} not found`);
  return { id: row.id, readAt: row.read_at!.toISOString() };
}

/** 全部已读: every unread notice of mine (my own, my department's, my area's) read at once. */
export async function markAllRead(db: Kysely<DB>, caller: Caller) {
  const rows = await db.updateTable('notification as n').set({ read_at: sql`now()` }).where('n.read_at', 'is', null).where(mine(caller))
    .returning('n.id').execute();
  return { read: rows.length };
}
