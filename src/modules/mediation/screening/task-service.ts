import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { dayOf } from '../../../kernel/calendar/index.ts';
import { AppError, conflict, invalidField } from '../../../kernel/errors.ts';
import type { GridLocator } from '../../org/grid-locator.ts';
import { prepareCase, writeCase, type PreparedCase } from '../cases/intake-service.ts';
import type { Category } from '../terms.ts';
import { evaluateCase } from '../warnings/evaluate.ts';
import { applyAnswers, TASK_STATUSES, type TaskStatus } from './checklist.ts';
import { itemOut } from './campaign-service.ts';
import type { AnswersBody, FindingBody, TaskQuery } from './schema.ts';
import { findingsOf, nearestCommittee, tasksWithNames, visibleTasks, type Executor, type TaskRow } from './store.ts';

const notFound = (id: number) => new AppError(404, 'not_found', `排查任务 ${id} 不存在或不在您的范围内 / screening task ${id} not found or not yours`);

function toTaskOut(t: TaskRow, today = dayOf(new Date())) {
  const answers = Object.values(t.answers);
  const status = t.status as TaskStatus;
  const late = status === 'done' ? dayOf(t.done_at!) > t.period_to : today > t.period_to;
  return {
    id: t.id, campaignId: t.campaign_id, campaignTitle: t.title, periodFrom: t.period_from, periodTo: t.period_to,
    gridCode: t.grid_code, gridName: t.grid_name, status, statusName: TASK_STATUSES[status],
    items: t.checklist.length, answered: answers.length, found: answers.filter((a) => a.found).length, findings: t.findings,
    late, doneAt: t.done_at?.toISOString() ?? null, version: t.version,
  };
}

/** The grid worker's 排查任务 (the tasks of the grids in the caller's area): open ones first, the nearest end first. */
export async function listTasks(db: Kysely<DB>, caller: Caller, q: TaskQuery) {
  const today = dayOf(new Date());
  let base = tasksWithNames(db).where(visibleTasks(caller));
  if (q.status) base = base.where('t.status', '=', q.status);
  if (q.campaignId) base = base.where('t.campaign_id', '=', q.campaignId);
  if (q.open) base = base.where('t.status', '<>', 'done').where('m.period_to', '>=', today);
  const [rows, total] = await Promise.all([
    base.orderBy(sql`t.status = 'done'`).orderBy('m.period_to').orderBy('t.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toTaskOut(r, today)), total: total.n };
}

async function loadTask(db: Executor, caller: Caller, id: number, forUpdate = false): Promise<TaskRow> {
  let q = tasksWithNames(db).where(visibleTasks(caller)).where('t.id', '=', id);
  if (forUpdate) q = q.forUpdate('t');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound(id);
  return row;
}

/** One task: the checklist with the answers and the cases filed under each item. */
export async function taskDetail(db: Executor, caller: Caller, id: number) {
  const t = await loadTask(db, caller, id);
  const findings = await findingsOf(db, t.city_code, t.id);
  return {
    task: toTaskOut(t),
    checklist: t.checklist.map((it) => ({
      ...itemOut(it), answer: t.answers[it.key] ?? null,
      findings: findings.filter((f) => f.item === it.key).map((f) => ({ id: f.id, caseId: f.case_id, caseNumber: f.number, at: f.created_at.toISOString() })),
    })),
  };
}

/** A task may be worked on from the campaign's first day until it is done (late answers are kept, and shown late). */
function checkOpen(t: TaskRow) {
  if (dayOf(new Date()) < t.period_from) throw new AppError(409, 'not_started', `排查活动 ${t.period_from} 开始 / the campaign starts on ${t.period_from}`, { field: 'id' });
  if (t.status === 'done') throw new AppError(409, 'task_done', '该网格的排查任务已完成 / this task is done already', { field: 'id' });
}

/** 填写排查清单: answers merged into the task's, `done` to finish it (every item answered), version + 1. */
export async function answerTask(trx: Transaction<DB>, caller: Caller, id: number, body: AnswersBody) {
  const t = await loadTask(trx, caller, id, true);
  if (body.version !== undefined && body.version !== t.version) throw conflict('version: 任务已被他人修改，请刷新后重试 / the task was changed meanwhile; reload and retry', { field: 'version' });
  checkOpen(t);
  const r = applyAnswers(t.checklist, t.answers, body.answers, body.done ?? false);
  if (!r.ok) throw invalidField(r.field, `${r.zh} / ${r.en}`);
  const now = new Date();
  await trx.updateTable('mediation_screening_task').set({
    answers: JSON.stringify(r.answers), status: r.status, started_at: t.started_at ?? (r.status === 'pending' ? null : now), done_at: r.status === 'done' ? now : null,
    updated_by: caller.id, updated_by_name: caller.displayName, updated_at: now, version: t.version + 1,
  }).where('city_code', '=', t.city_code).where('id', '=', t.id).execute();
  return taskDetail(trx, caller, id);
}

export interface PreparedFinding { task: TaskRow; item: string; prepared: PreparedCase }

/**
 * Checks a finding outside the transaction: the task (the caller's grid, open), the item, and the case it
 * becomes — source 排查发现, placed in the task's grid, received by the organisation named or the nearest
 * people's mediation committee above the grid — through the case intake's own checks.
 */
export async function prepareFinding(db: Kysely<DB>, grids: GridLocator, caller: Caller, id: number, body: FindingBody): Promise<PreparedFinding> {
  const task = await loadTask(db, caller, id);
  checkOpen(task);
  const item = task.checklist.find((it) => it.key === body.item);
  if (!item) throw invalidField('item', `清单中没有 ${body.item}，应为 ${task.checklist.map((it) => `${it.key} ${it.name}`).join('、')} 之一 / no such checklist item`);
  const orgId = body.orgId ?? (await nearestCommittee(db, caller.cityCode, task.grid_path))?.id;
  if (!orgId) throw invalidField('orgId', '网格所在区域没有人民调解委员会，请选择受理的调解组织 / no committee above the grid; name the organisation');
  const prepared = await prepareCase(db, grids, caller, {
    source: 'screening', orgId, category: body.category ?? (item.category as Category), summary: body.summary, amount: body.amount, peopleInvolved: body.peopleInvolved,
    gridCode: task.grid_code, location: body.location, address: body.address, parties: body.parties,
  });
  return { task, item: item.key, prepared };
}

/**
 * Files the finding in one transaction: the case (through the case intake), the finding row linking it to
 * the task, the item marked found, the task under way; then the warning rules on the new case.
 */
export async function writeFinding(db: Kysely<DB>, p: PreparedFinding) {
  if (!db.isTransaction) throw new Error('writeFinding must run inside a transaction');
  const trx = db as Transaction<DB>;
  const caller = p.prepared.caller;
  const t = await loadTask(trx, caller, p.task.id, true);
  checkOpen(t);
  const c = await writeCase(trx, p.prepared);
  const f = await trx.insertInto('mediation_screening_finding').values({ city_code: t.city_code, task_id: t.id, item: p.item, case_id: c.id, created_by: caller.id })
    .returning('id').executeTakeFirstOrThrow();
  const now = new Date();
  const answers = { ...t.answers };
  if (!answers[p.item]?.found) answers[p.item] = { found: true, note: c.summary.slice(0, 500) };
  await trx.updateTable('mediation_screening_task').set({
    answers: JSON.stringify(answers), status: 'in_progress', started_at: t.started_at ?? now, updated_by: caller.id, updated_by_name: caller.displayName, updated_at: now, version: t.version + 1,
  }).where('city_code', '=', t.city_code).where('id', '=', t.id).execute();
  await evaluateCase(trx, c.cityCode, c.id, now);
  return { finding: { id: f.id, item: p.item, caseId: c.id, caseNumber: c.number, orgName: c.org.name }, task: toTaskOut(await loadTask(trx, caller, t.id)) };
}
