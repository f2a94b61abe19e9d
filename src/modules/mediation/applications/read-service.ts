import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError } from '../../../kernel/errors.ts';
import { actionsOf, agreementOf, assignmentsOf, followUpsOf, judicialOf, partiesOf, sessionsOf, type ActionRow, type CaseRow } from '../cases/store.ts';
import { CATEGORIES, JUDICIAL_RESULTS, PARTY_ROLES, PERFORMANCE, REFERRALS, REJECT_REASONS, type Category, type JudicialResult, type Performance, type Referral, type RejectReason } from '../terms.ts';
import type { State } from '../workflow/states.ts';
import { PLAIN_STATES } from './schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;
type Plain = (typeof PLAIN_STATES)[number];

/**
 * The case's state as the applicant understands it: 待受理 until the committee takes it, 已受理 until a
 * mediator is on it, 调解中 while mediated, then the outcome; a refusal or withdrawal ends it (已终止).
 */
const PLAIN: Record<State, [Plain, string]> = {
  registered: ['waiting', '待受理'], accepted: ['accepted', '已受理'], assigned: ['mediating', '调解中'], mediating: ['mediating', '调解中'],
  agreed: ['agreed', '已达成协议'], failed: ['failed', '调解不成'], rejected: ['rejected', '不予受理'],
  refused: ['ended', '已终止（当事人拒绝调解）'], withdrawn: ['ended', '已撤回'],
};

const notYours = (id: number) => new AppError(404, 'not_found', `调解申请 ${id} 不存在或不是您提交的 / application ${id} not found or not yours`);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The caller's own application (city and account); anyone else's is 404, as one that does not exist. */
export async function ownCase(db: Executor, caller: Caller, id: number): Promise<CaseRow> {
  const row = await db.selectFrom('mediation_case').selectAll().where('city_code', '=', caller.cityCode).where('id', '=', id)
    .where('applicant_user_id', '=', caller.id).executeTakeFirst();
  if (!row) throw notYours(id);
  return row;
}

function summaryOf(row: CaseRow, orgName: string) {
  const [plainState, stateName] = PLAIN[row.state];
  return {
    id: row.id, number: row.number, state: row.state, plainState, stateName, category: row.category,
    categoryName: CATEGORIES[row.category as Category] ?? row.category, summary: row.summary, orgName, registeredAt: row.registered_at.toISOString(),
  };
}

/** 我的调解: the caller's applications, newest first. */
export async function listApplications(db: Kysely<DB>, caller: Caller, q: { page: number; pageSize: number }) {
  const base = db.selectFrom('mediation_case as c').innerJoin('mediation_org as o', (j) => j.onRef('o.city_code', '=', 'c.city_code').onRef('o.id', '=', 'c.org_id'))
    .where('c.city_code', '=', caller.cityCode).where('c.applicant_user_id', '=', caller.id);
  const [rows, count] = await Promise.all([
    base.selectAll('c').select('o.name as org_name').orderBy('c.registered_at', 'desc').orderBy('c.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => summaryOf(r, r.org_name)), total: Number(count.n) };
}

const lastOf = (actions: ActionRow[], action: string) => [...actions].reverse().find((a) => a.action === action);

/** The progress for the phone's steps: 申请 → 受理 → 调解 → 结果 (the outcome's own name once there is one). */
function stepsOf(row: CaseRow, actions: ActionRow[]) {
  const at = (a: ActionRow | undefined) => (a ? a.at.toISOString() : null);
  const ending = actions.find((a) => ['agree', 'fail', 'reject', 'refuse', 'withdraw'].includes(a.action));
  const started = actions.find((a) => a.action === 'assign');
  const accepted = actions.find((a) => a.action === 'accept');
  const outcome = ending ? PLAIN[row.state][1] : '调解结果';
  const steps = [
    { key: 'applied', title: '提交申请', at: at(actions[0]), done: true },
    { key: 'accepted', title: row.state === 'rejected' ? '不予受理' : '受理', at: at(accepted ?? (row.state === 'rejected' ? ending : undefined)), done: !!accepted || row.state === 'rejected' },
    { key: 'mediating', title: '调解', at: at(started), done: !!started },
    { key: 'result', title: outcome, at: at(ending), done: !!ending },
  ];
  // A refusal before 受理 ends the case at the second step; a case that ended early (撤回 while waiting,
  // a refusal before any session) shows only the steps that happened, then its end.
  if (row.state === 'rejected') return steps.slice(0, 2);
  return ending ? steps.filter((s) => s.done) : steps;
}

/**
 * One application as its applicant sees it: the state in plain words, the committee and its contact, the
 * mediators by name, the session dates (not the minutes), 不予受理 with its reason, 调解不成 with the route
 * it was referred to, and — once signed — the agreement's terms and its printable copy.
 */
export async function applicationDetail(db: Executor, caller: Caller, id: number) {
  const row = await ownCase(db, caller, id);
  const city = row.city_code;
  const [org, area, parties, assignments, actions, sessions, agreement, judicial, followUps] = await Promise.all([
    db.selectFrom('mediation_org').select(['id', 'name', 'phone', 'address']).where('city_code', '=', city).where('id', '=', row.org_id).executeTakeFirstOrThrow(),
    db.selectFrom('area').select('name').where('city_code', '=', city).where('path', '=', row.area_path).executeTakeFirst(),
    partiesOf(db, city, row.id), assignmentsOf(db, city, [row.id]), actionsOf(db, city, row.id), sessionsOf(db, city, row.id),
    agreementOf(db, city, row.id), judicialOf(db, city, row.id), followUpsOf(db, city, row.id),
  ]);
  const reject = row.state === 'rejected' ? lastOf(actions, 'reject') : undefined;
  const fail = row.state === 'failed' ? lastOf(actions, 'fail') : undefined;
  const applicantParty = parties.find((p) => p.role === 'applicant' && p.action_seq === 1);
  return {
    ...summaryOf(row, org.name),
    address: row.address, areaName: area?.name ?? null,
    org: { id: org.id, name: org.name, phone: org.phone, address: org.address },
    mediators: assignments.filter((a) => !a.removed_at).map((a) => a.name),
    // Names and roles only: the other side's numbers are not the applicant's to read.
    parties: parties.map((p) => ({ role: p.role, roleName: PARTY_ROLES[p.role], kind: p.kind, name: p.name, me: p.id === applicantParty?.id })),
    dueAt: iso(row.due_at),
    steps: stepsOf(row, actions),
    sessions: sessions.map((s) => ({ heldAt: s.held_at.toISOString(), place: s.place })),
    rejection: reject ? { reason: String((reject.data as { reason: string }).reason), reasonName: REJECT_REASONS[(reject.data as { reason: RejectReason }).reason] ?? '', note: reject.note, at: reject.at.toISOString() } : null,
    referral: fail && row.referral ? { referral: row.referral, referralName: REFERRALS[row.referral as Referral], note: fail.note, at: fail.at.toISOString() } : null,
    agreement: agreement ? {
      signedOn: agreement.signed_on, judicialDueOn: agreement.judicial_due_on,
      terms: (agreement.terms as { content: string; manner: string; deadline: string }[]).map((t) => ({ content: t.content, manner: t.manner, deadline: t.deadline })),
      documentUrl: `/api/mediation/cases/${row.id}/agreement.html`,
    } : null,
    judicial: judicial ? { appliedOn: judicial.applied_on, court: judicial.court, resultName: judicial.result ? JUDICIAL_RESULTS[judicial.result as JudicialResult] : null, decidedOn: judicial.decided_on } : null,
    followUps: followUps.map((f) => ({ visitedOn: f.visited_on, performanceName: PERFORMANCE[f.performance as Performance] })),
  };
}
