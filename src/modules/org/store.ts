import { sql, type Kysely, type Transaction } from 'kysely';
import type { AreaLevel, DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { inScope } from '../../kernel/scope.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface AreaNode {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
  households: number;
  childCount: number;
  gridCount: number;
}

const LEVEL_DEPTH: Record<AreaLevel, number> = { city: 1, district: 2, street: 3, community: 4, grid: 5 };

/** One area by code, any city, no scope check (for kernel use only). */
export function findArea(db: Executor, code: string) {
  return db.selectFrom('area').selectAll().where('code', '=', code).executeTakeFirst();
}

/** One area by code, only if it lies inside the caller's scope. */
export function findAreaInScope(db: Executor, caller: Caller, code: string) {
  return db.selectFrom('area').selectAll()
    .where('city_code', '=', caller.cityCode)
    .where('code', '=', code)
    .where(inScope(caller, 'path'))
    .executeTakeFirst();
}

/** Areas as tree nodes with counts of their children and of the grids below them. */
export async function areaNodes(db: Executor, where: (qb: any) => any): Promise<AreaNode[]> {
  const rows = await where(
    db.selectFrom('area as a')
      .select(['a.code', 'a.name', 'a.level', 'a.parent_code', 'a.households', 'a.path'])
      .select((eb: any) => [
        eb.selectFrom('area as c').whereRef('c.city_code', '=', 'a.city_code').whereRef('c.parent_code', '=', 'a.code')
          .select(sql<number>`count(*)::int`.as('n')).as('child_count'),
        eb.selectFrom('area as g').whereRef('g.city_code', '=', 'a.city_code').where('g.level', '=', 'grid')
          .where(sql<boolean>`g.path <@ a.path`).select(sql<number>`count(*)::int`.as('n')).as('grid_count'),
      ])
      .orderBy('a.code'),
  ).execute();
  return rows.map((r: any) => ({
    code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, households: r.households,
    childCount: r.child_count, gridCount: r.level === 'grid' ? 1 : r.grid_count,
  }));
}

/** Counts per level below (and including) a path. */
export async function levelCounts(db: Executor, cityCode: string, path: string): Promise<Record<AreaLevel, number>> {
  const rows = await db.selectFrom('area').select(['level', sql<number>`count(*)::int`.as('n')])
    .where('city_code', '=', cityCode).where(sql<boolean>`path <@ ${path}::ltree`).groupBy('level').execute();
  const out: Record<AreaLevel, number> = { city: 0, district: 0, street: 0, community: 0, grid: 0 };
  for (const r of rows) out[r.level] = r.n;
  return out;
}

export async function ancestorsOf(db: Executor, cityCode: string, path: string) {
  const codes = path.split('.').slice(0, -1);
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('area').select(['code', 'name', 'level']).where('city_code', '=', cityCode).where('code', 'in', codes).execute();
  return rows.sort((a, b) => LEVEL_DEPTH[a.level] - LEVEL_DEPTH[b.level]);
}

export async function buildingCount(db: Executor, cityCode: string, path: string): Promise<number> {
  const r = await db.selectFrom('building as b')
    .innerJoin('area as g', (j) => j.onRef('g.city_code', '=', 'b.city_code').onRef('g.code', '=', 'b.grid_code'))
    .select(sql<number>`count(*)::int`.as('n'))
    .where('b.city_code', '=', cityCode).where(sql<boolean>`g.path <@ ${path}::ltree`).executeTakeFirstOrThrow();
  return r.n;
}
