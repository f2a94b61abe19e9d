import type { Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { dayOf } from '../../../kernel/calendar/index.ts';
import { writeNotice, type Target } from '../../events/tickets/notifications.ts';
import { CATEGORIES, SOURCES, type Category } from '../terms.ts';
import type { CaseRow } from './store.ts';

/**
 * 站内通知 of dispute cases, written in the action's transaction through the notices of the event loop:
 * 指派 to the mediators named (and 改派 to those taken off), 回避 and 督办 to the committee's desk (the
 * organisation's own area) and the mediators on the case, a case registered into a committee by anyone but
 * its own desk (hand-offs, tickets, screening, referrals from another level) to that desk, 申请人撤回 on the phone
 * to the desk and the mediators. No personal data:
 * the number, the category and the organisation only. 第二十五条 sends nothing new: the police see the flag.
 */

/** Notice kinds (the console and the phone name them: i18n `notices.kind.*`). */
export const CASE_NOTICE_KINDS = ['mediation.register', 'mediation.assign', 'mediation.unassign', 'mediation.recuse', 'mediation.supervise', 'mediation.warning', 'mediation.withdraw'] as const;
type Kind = (typeof CASE_NOTICE_KINDS)[number];

const head = (row: CaseRow) => `纠纷案件 ${row.number}（${CATEGORIES[row.category as Category] ?? row.category}）`;
const COMMITTEE_DESK = ['city_admin', 'district_staff', 'street_staff', 'community_staff'];

async function send(trx: Transaction<DB>, row: CaseRow, kind: Kind, message: string, targets: Target[]) {
  for (const target of targets) await writeNotice(trx, { cityCode: row.city_code, kind, message, target, mediationCaseId: row.id });
}

/** The logins of mediator records (a mediator without a login gets no notice). */
async function usersOf(trx: Transaction<DB>, cityCode: string, mediatorIds: number[]): Promise<Target[]> {
  if (!mediatorIds.length) return [];
  const rows = await trx.selectFrom('mediator').select('user_id').where('city_code', '=', cityCode).where('id', 'in', mediatorIds).where('user_id', 'is not', null).execute();
  return [...new Set(rows.map((r) => r.user_id!))].map((user_id) => ({ user_id }));
}

const desk = (row: CaseRow): Target => ({ area_path: row.org_path });

/** 登记: the committee's desk learns of a case it did not register itself. */
export async function noticeOnRegister(trx: Transaction<DB>, caller: Caller, row: CaseRow, orgName: string): Promise<void> {
  const ownDesk = COMMITTEE_DESK.includes(caller.role) && caller.scopePath === row.org_path;
  if (ownDesk && (row.source === 'walk_in' || row.source === 'initiative')) return;
  const from = row.referring_body ? `${SOURCES[row.source]}（${row.referring_body}）` : SOURCES[row.source];
  await send(trx, row, 'mediation.register', `${head(row)}经${from}登记到${orgName}，请及时受理`, [desk(row)]);
}

/**
 * After an action, in its transaction: `before` and `after` are the mediators on the case around it.
 * 指派 → the new ones (and 改派 → those taken off); 回避 → the desk (and who is left); 督办 → the desk and the mediators;
 * 申请人撤回 on the phone → the desk and the mediators (a withdrawal the committee records itself tells no one).
 */
export async function noticeAfterAction(trx: Transaction<DB>, row: CaseRow, action: string, before: number[], after: number[], data: { level?: string; mediatorId?: number; byApplicant?: boolean }): Promise<void> {
  const due = row.due_at ? `，调解期限至 ${dayOf(row.due_at)}` : '';
  switch (action) {
    case 'assign': {
      const added = after.filter((id) => !before.includes(id));
      const gone = before.filter((id) => !after.includes(id));
      await send(trx, row, 'mediation.assign', `${head(row)}已指派您承办${due}`, await usersOf(trx, row.city_code, added));
      await send(trx, row, 'mediation.unassign', `${head(row)}已改派其他调解员，您不再承办`, await usersOf(trx, row.city_code, gone));
      return;
    }
    case 'recuse': {
      const who = await trx.selectFrom('mediator').select('name').where('city_code', '=', row.city_code).where('id', '=', data.mediatorId ?? -1).executeTakeFirst();
      const rest = after.length ? '，其他调解员继续承办' : '，案件已无调解员，请重新指派';
      await send(trx, row, 'mediation.recuse', `${head(row)}调解员${who?.name ?? ''}已回避${rest}`, [desk(row), ...(await usersOf(trx, row.city_code, after))]);
      return;
    }
    case 'supervise': {
      const level = data.level === 'red' ? '红牌' : '黄牌';
      await send(trx, row, 'mediation.supervise', `${head(row)}被${level}督办${due}`, [desk(row), ...(await usersOf(trx, row.city_code, after))]);
      return;
    }
    case 'withdraw': {
      if (!data.byApplicant) return;
      await send(trx, row, 'mediation.withdraw', `${head(row)}申请人已撤回调解申请，案件终止`, [desk(row), ...(await usersOf(trx, row.city_code, before))]);
      return;
    }
    default: return;
  }
}

/** 预警: to the desk of the case's organisation (the responsible level; above it, the warnings page shows it). */
export async function noticeOnWarning(trx: Transaction<DB>, row: CaseRow, ruleName: string, levelName: string, reason: string): Promise<void> {
  await send(trx, row, 'mediation.warning', `${head(row)}触发${levelName}「${ruleName}」：${reason}`, [desk(row)]);
}
