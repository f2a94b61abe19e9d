import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { inScope } from '../../../kernel/scope.ts';

/** The SQL of campaigns, tasks and findings; the services hold the rules. */

export type Executor = Kysely<DB> | Transaction<DB>;

/** Campaigns that cover the caller's area or part of it (alias m): an area of it above, at or below their scope. */
export function visibleCampaigns(caller: Caller): Expression<SqlBool> {
  return sql<SqlBool>`(m.city_code = ${caller.cityCode} AND (m.area_paths @> ${caller.scopePath}::ltree OR m.area_paths <@ ${caller.scopePath}::ltree))`;
}

/** Tasks of grids in the caller's area (alias t). */
export function visibleTasks(caller: Caller): Expression<SqlBool> {
  return sql<SqlBool>`(t.city_code = ${caller.cityCode} AND ${inScope(caller, 't.grid_path')})`;
}

/** Per campaign, the progress over the caller's grids. */
export async function progressOf(db: Executor, caller: Caller, campaignIds: number[]) {
  if (!campaignIds.length) return new Map<number, { grids: number; pending: number; inProgress: number; done: number; findings: number }>();
  const rows = await db.selectFrom('mediation_screening_task as t').where(visibleTasks(caller)).where('t.campaign_id', 'in', campaignIds)
    .select(['t.campaign_id',
      sql<number>`count(*)::int`.as('grids'),
      sql<number>`count(*) FILTER (WHERE t.status = 'pending')::int`.as('pending'),
      sql<number>`count(*) FILTER (WHERE t.status = 'in_progress')::int`.as('in_progress'),
      sql<number>`count(*) FILTER (WHERE t.status = 'done')::int`.as('done'),
      sql<number>`coalesce(sum((SELECT count(*) FROM mediation_screening_finding f WHERE f.city_code = t.city_code AND f.task_id = t.id)), 0)::int`.as('findings'),
    ]).groupBy('t.campaign_id').execute();
  return new Map(rows.map((r) => [r.campaign_id, { grids: r.grids, pending: r.pending, inProgress: r.in_progress, done: r.done, findings: r.findings }]));
}

/** Tasks (alias t) with their campaign, grid and community names, and how many findings they filed. */
export function tasksWithNames(db: Executor) {
  return db.selectFrom('mediation_screening_task as t')
    .innerJoin('mediation_campaign as m', (j) => j.onRef('m.city_code', '=', 't.city_code').onRef('m.id', '=', 't.campaign_id'))
    .innerJoin('area as g', (j) => j.onRef('g.city_code', '=', 't.city_code').onRef('g.code', '=', 't.grid_code'))
    .leftJoin('area as cm', (j) => j.onRef('cm.city_code', '=', 'g.city_code').onRef('cm.code', '=', 'g.parent_code'))
    .selectAll('t')
    .select(['m.title', 'm.period_from', 'm.period_to', 'm.checklist', 'g.name as grid_name', 'cm.name as community_name'])
    .select(sql<number>`(SELECT count(*)::int FROM mediation_screening_finding f WHERE f.city_code = t.city_code AND f.task_id = t.id)`.as('findings'));
}
export type TaskRow = Awaited<ReturnType<ReturnType<typeof tasksWithNames>['executeTakeFirstOrThrow']>>;

export async function findingsOf(db: Executor, cityCode: string, taskId: number) {
  return db.selectFrom('mediation_screening_finding as f')
    .innerJoin('mediation_case as c', (j) => j.onRef('c.city_code', '=', 'f.city_code').onRef('c.id', '=', 'f.case_id'))
    .select(['f.id', 'f.item', 'f.case_id', 'c.number', 'f.created_at']).where('f.city_code', '=', cityCode).where('f.task_id', '=', taskId).orderBy('f.id').execute();
}

/** The nearest active people's mediation committee at or above a grid (the community's, else the street's …). */
export async function nearestCommittee(db: Executor, cityCode: string, gridPath: string) {
  return db.selectFrom('mediation_org').select(['id']).where('city_code', '=', cityCode).where('active', '=', true).where('kind', '=', 'people_committee')
    .where(sql<boolean>`area_path @> ${gridPath}::ltree`).orderBy(sql`nlevel(area_path)`, 'desc').orderBy('id').limit(1).executeTakeFirst();
}

/**
 * 网格员 of each grid: the active grid-worker accounts placed on it (scope = the grid), by name — the
 * campaign page and its Excel form name them. Names only: nothing personal.
 */
export async function gridWorkersOf(db: Executor, cityCode: string, gridCodes: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!gridCodes.length) return out;
  const rows = await db.selectFrom('app_user as u')
    .innerJoin('area as a', (j) => j.onRef('a.city_code', '=', 'u.city_code').onRef('a.path', '=', 'u.scope_path'))
    .select(['a.code', 'u.display_name']).where('u.city_code', '=', cityCode).where('u.role', '=', 'grid_worker').where('u.active', '=', true)
    .where('a.code', 'in', gridCodes).orderBy('u.display_name').execute();
  for (const r of rows) out.set(r.code, [...(out.get(r.code) ?? []), r.display_name]);
  return out;
}
