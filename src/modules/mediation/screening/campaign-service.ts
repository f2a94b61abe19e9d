import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, MediationCampaignTable } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { dayOf } from '../../../kernel/calendar/index.ts';
import { AppError, invalidField } from '../../../kernel/errors.ts';
import { pathInScope } from '../../../kernel/scope.ts';
import { CATEGORIES, type Category } from '../terms.ts';
import { checkChecklist, TASK_STATUSES, type ChecklistItem, type TaskStatus } from './checklist.ts';
import type { CampaignQuery, CreateCampaign, GridQuery } from './schema.ts';
import { gridWorkersOf, progressOf, tasksWithNames, visibleCampaigns, visibleTasks, type Executor } from './store.ts';

type CampaignRow = Selectable<MediationCampaignTable>;
const notFound = (id: number) => new AppError(404, 'not_found', `排查活动 ${id} 不存在或不在您的范围内 / campaign ${id} not found or not yours`);
const EMPTY = { grids: 0, pending: 0, inProgress: 0, done: 0, findings: 0 };

export const itemOut = (it: ChecklistItem) => ({ key: it.key, name: it.name, category: it.category, categoryName: CATEGORIES[it.category as Category] ?? it.category });

async function toCampaignOut(db: Executor, caller: Caller, rows: CampaignRow[]) {
  const codes = [...new Set(rows.flatMap((r) => r.area_codes))];
  const [names, progress] = await Promise.all([
    codes.length ? db.selectFrom('area').select(['code', 'name']).where('city_code', '=', caller.cityCode).where('code', 'in', codes).execute() : [],
    progressOf(db, caller, rows.map((r) => r.id)),
  ]);
  const name = new Map(names.map((a) => [a.code, a.name]));
  return rows.map((r) => ({
    id: r.id, title: r.title, periodFrom: r.period_from, periodTo: r.period_to,
    areas: r.area_codes.map((code) => ({ code, name: name.get(code) ?? code })), checklist: r.checklist.map(itemOut),
    createdBy: r.created_by_name, createdAt: r.created_at.toISOString(), progress: progress.get(r.id) ?? EMPTY,
  }));
}

/**
 * 发起排查: a campaign of the caller's city over areas inside their own area, with one task per grid under
 * those areas (overlapping areas give a grid once), in one transaction, audited.
 */
export async function createCampaign(trx: Transaction<DB>, caller: Caller, body: CreateCampaign, ip: string | null) {
  const title = body.title.trim();
  if (title.length < 4) throw invalidField('title', '标题至少 4 个字 / at least 4 characters');
  if (body.periodTo < body.periodFrom) throw invalidField('periodTo', '结束日期不能早于开始日期 / the end is before the start');
  if (body.periodTo < dayOf(new Date())) throw invalidField('periodTo', '结束日期已过 / the period has already ended');
  if ((Date.parse(body.periodTo) - Date.parse(body.periodFrom)) / 86_400_000 > 366) throw invalidField('periodTo', '排查期限不超过一年 / at most a year');
  const checklist = checkChecklist(body.checklist);
  if (!checklist.ok) throw invalidField(checklist.field, `${checklist.zh} / ${checklist.en}`);
  const codes = [...new Set(body.areaCodes)];
  const areas = await trx.selectFrom('area').select(['code', 'path']).where('city_code', '=', caller.cityCode).where('code', 'in', codes).execute();
  for (const [i, code] of body.areaCodes.entries()) {
    const a = areas.find((x) => x.code === code);
    if (!a || !pathInScope(caller, a.path)) throw invalidField(`areaCodes[${i}]`, `区域 ${code} 不在您的辖区内 / area ${code} is not inside your area`);
  }
  const row = await trx.insertInto('mediation_campaign').values({
    city_code: caller.cityCode, title, period_from: body.periodFrom, period_to: body.periodTo, checklist: JSON.stringify(checklist.items),
    area_codes: codes, area_paths: sql<string[]>`${sql.val(codes.map((c) => areas.find((a) => a.code === c)!.path))}::ltree[]` as unknown as string[],
    owner_path: caller.scopePath, created_by: caller.id, created_by_name: caller.displayName,
  }).returningAll().executeTakeFirstOrThrow();
  const tasks = await sql<{ n: number }>`WITH t AS (
      INSERT INTO mediation_screening_task (city_code, campaign_id, grid_code, grid_path)
      SELECT city_code, ${row.id}, code, path FROM area
      WHERE city_code = ${caller.cityCode} AND level = 'grid' AND path <@ ${sql.val(areas.map((a) => a.path))}::ltree[]
      ORDER BY code RETURNING 1)
    SELECT count(*)::int AS n FROM t`.execute(trx);
  const n = tasks.rows[0].n;
  if (!n) throw invalidField('areaCodes', '所选区域下没有网格 / there is no grid under the areas given');
  await appendAudit(trx, caller, { action: 'mediation.campaign.create', targetType: 'mediation_campaign', targetId: row.id, ip, detail: { title, areaCodes: codes, grids: n, periodFrom: body.periodFrom, periodTo: body.periodTo } });
  return (await toCampaignOut(trx, caller, [row]))[0];
}

export async function listCampaigns(db: Kysely<DB>, caller: Caller, q: CampaignQuery) {
  const today = dayOf(new Date());
  let base = db.selectFrom('mediation_campaign as m').where(visibleCampaigns(caller));
  if (q.period === 'current') base = base.where('m.period_from', '<=', today).where('m.period_to', '>=', today);
  if (q.period === 'upcoming') base = base.where('m.period_from', '>', today);
  if (q.period === 'ended') base = base.where('m.period_to', '<', today);
  const [rows, total] = await Promise.all([
    base.selectAll('m').orderBy('m.period_to', 'desc').orderBy('m.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await toCampaignOut(db, caller, rows), total: total.n };
}

/** A campaign with the progress of each grid of it in the caller's area (filters: status, an area under mine), each with its 网格员. */
export async function campaignDetail(db: Kysely<DB>, caller: Caller, id: number, q: GridQuery) {
  const row = await db.selectFrom('mediation_campaign as m').selectAll('m').where(visibleCampaigns(caller)).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(id);
  let base = tasksWithNames(db).where(visibleTasks(caller)).where('t.campaign_id', '=', id);
  if (q.status) base = base.where('t.status', '=', q.status);
  if (q.area) base = base.where(sql<boolean>`t.grid_path <@ (SELECT path FROM area WHERE city_code = ${caller.cityCode} AND code = ${q.area})`);
  const [tasks, total] = await Promise.all([
    base.orderBy('t.grid_code').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const workers = await gridWorkersOf(db, caller.cityCode, tasks.map((t) => t.grid_code));
  return {
    campaign: (await toCampaignOut(db, caller, [row]))[0],
    grids: tasks.map((t) => {
      const answers = Object.values(t.answers);
      return {
        taskId: t.id, gridCode: t.grid_code, gridName: t.grid_name, communityName: t.community_name, workers: workers.get(t.grid_code) ?? [],
        status: t.status, statusName: TASK_STATUSES[t.status as TaskStatus],
        answered: answers.length, found: answers.filter((a) => a.found).length, findings: t.findings, doneAt: t.done_at?.toISOString() ?? null, updatedBy: t.updated_by_name,
      };
    }),
    gridTotal: total.n,
  };
}
