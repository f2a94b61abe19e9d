import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { AppError, invalidField } from '../../kernel/errors.ts';
import { inScope } from '../../kernel/scope.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

/** The registry's record kinds, with the names users and URLs know them by. */
export const ENTITIES = {
  person: { zh: '人员', en: 'person', path: 'people' },
  household: { zh: '住户', en: 'household', path: 'households' },
  organisation: { zh: '组织', en: 'organisation', path: 'organisations' },
  rental_house: { zh: '出租房屋', en: 'rental house', path: 'rental-houses' },
  building: { zh: '楼栋', en: 'building', path: 'buildings' },
} as const;
export type EntityType = keyof typeof ENTITIES;

/** A record that does not exist and one outside the caller's area look the same: no one learns what lies beyond their scope. */
export function notInScope(type: EntityType, id: number | string): AppError {
  const e = ENTITIES[type];
  return new AppError(404, 'not_found', `${e.zh} ${id} 不存在或不在您的管辖范围内 / ${e.en} ${id} not found or outside your area`);
}

/**
 * The one filter every registry read goes through: the caller's city, inside the caller's
 * area (kernel inScope on the row's grid_path) and, where records are soft-deleted, not deleted.
 */
export function visibleTo(caller: Caller, alias: string, softDelete = true): Expression<SqlBool> {
  const city = sql<SqlBool>`${sql.ref(`${alias}.city_code`)} = ${caller.cityCode}`;
  const live = softDelete ? sql<SqlBool>` AND ${sql.ref(`${alias}.deleted_at`)} IS NULL` : sql``;
  return sql<SqlBool>`(${city} AND ${inScope(caller, `${alias}.grid_path`)}${live})`;
}

export interface GridRef { code: string; path: string; name: string }

async function gridInScope(db: Executor, caller: Caller, code: string): Promise<GridRef | undefined> {
  return db.selectFrom('area').select(['code', 'path', 'name'])
    .where('city_code', '=', caller.cityCode).where('code', '=', code).where('level', '=', 'grid')
    .where(inScope(caller, 'path')).executeTakeFirst();
}

/** The grid a record is written into: a grid of the caller's area, else 400 naming the field. */
export async function gridForWrite(db: Executor, caller: Caller, code: string, field = 'gridCode'): Promise<GridRef> {
  const g = await gridInScope(db, caller, code);
  if (!g) throw invalidField(field, `网格 ${code} 不存在或不在您的管辖范围内 / grid ${code} does not exist or is outside your area`);
  return g;
}

/** The grids of `codes` a record may be written into (those of the caller's area), by code: one query for a whole import. */
export async function gridsForWrite(db: Executor, caller: Caller, codes: readonly string[]): Promise<Map<string, GridRef>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('area').select(['code', 'path', 'name'])
    .where('city_code', '=', caller.cityCode).where('code', 'in', [...codes]).where('level', '=', 'grid')
    .where(inScope(caller, 'path')).execute();
  return new Map(rows.map((g) => [g.code, g]));
}

/** An area used as a list filter (grid, community, street …): inside the caller's scope, else 404. */
export async function areaForFilter(db: Executor, caller: Caller, code: string): Promise<{ code: string; path: string }> {
  const a = await db.selectFrom('area').select(['code', 'path'])
    .where('city_code', '=', caller.cityCode).where('code', '=', code).where(inScope(caller, 'path')).executeTakeFirst();
  if (!a) throw new AppError(404, 'not_found', `区划 ${code} 不存在或不在您的管辖范围内 / area ${code} not found or outside your area`);
  return a;
}

/** Rows under an area path (the filter `?grid=` takes any area code, a grid most often). */
export function under(column: string, path: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} <@ ${path}::ltree`;
}

export { likePattern } from '../../kernel/sql-like.ts';

/** The record (alias.city_code, alias.id) carries the tag. */
export function hasTag(alias: string, entityType: 'person' | 'household' | 'organisation', tag: string): Expression<SqlBool> {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM entity_tag e WHERE e.city_code = ${sql.ref(`${alias}.city_code`)}
    AND e.entity_type = ${entityType} AND e.entity_id = ${sql.ref(`${alias}.id`)} AND e.tag_code = ${tag})`;
}

const TABLES: Record<EntityType, { table: 'person' | 'household' | 'organisation' | 'rental_house' | 'building'; softDelete: boolean }> = {
  person: { table: 'person', softDelete: true },
  household: { table: 'household', softDelete: true },
  organisation: { table: 'organisation', softDelete: true },
  rental_house: { table: 'rental_house', softDelete: true },
  building: { table: 'building', softDelete: false },
};

/** Whether a record of any registry kind exists inside the caller's scope; `deregistered` counts 注销 records too (their history stays readable). */
export async function entityInScope(db: Executor, caller: Caller, type: EntityType, id: number, deregistered = false): Promise<boolean> {
  const { table, softDelete } = TABLES[type];
  const r = await sql<{ ok: number }>`SELECT 1 AS ok FROM ${sql.table(table)} AS x WHERE x.id = ${id} AND ${visibleTo(caller, 'x', softDelete && !deregistered)}`.execute(db);
  return r.rows.length > 0;
}
