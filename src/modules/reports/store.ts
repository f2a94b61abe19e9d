import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, ReportTemplateTable } from '../../db/types.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type TemplateRow = Selectable<ReportTemplateTable>;

/** All templates of a city, built-ins first, then by department and code. */
export function listTemplates(db: Executor, cityCode: string): Promise<TemplateRow[]> {
  return db.selectFrom('report_template').selectAll().where('city_code', '=', cityCode)
    .orderBy('builtin', 'desc').orderBy('department').orderBy('code').execute();
}

/** One template of the city by numeric id or code. */
export function findTemplate(db: Executor, cityCode: string, ref: string): Promise<TemplateRow | undefined> {
  const q = db.selectFrom('report_template').selectAll().where('city_code', '=', cityCode);
  return (/^[0-9]+$/.test(ref) ? q.where('id', '=', Number(ref)) : q.where('code', '=', ref)).executeTakeFirst();
}

/** Tag codes of the city with what they apply to, and their names. */
export async function cityTags(db: Executor, cityCode: string): Promise<Map<string, { name: string; appliesTo: string }>> {
  const rows = await db.selectFrom('tag').select(['code', 'name', 'applies_to']).where('city_code', '=', cityCode).execute();
  return new Map(rows.map((r) => [r.code, { name: r.name, appliesTo: r.applies_to }]));
}

/** The names of an area and its ancestors from the city down, e.g. 包头市昆都仑区. */
export async function fullAreaName(db: Executor, cityCode: string, path: string): Promise<string> {
  const rows = await db.selectFrom('area').select('name').where('city_code', '=', cityCode)
    .where(sql<boolean>`path @> ${path}::ltree`).orderBy(sql`nlevel(path)`).execute();
  return rows.map((r) => r.name).join('');
}
