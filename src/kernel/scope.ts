import { sql, type Expression, type SqlBool } from 'kysely';
import type { Caller } from './auth/caller.ts';

/**
 * Data scope (数据权限): every query that returns places, people or cases goes through
 * these helpers, so a grid worker sees their grid, a street its communities, a city
 * the city, and another city nothing.
 */

/** SQL condition: the ltree column lies inside the caller's scope. */
export function inScope(caller: Caller, column: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} <@ ${caller.scopePath}::ltree`;
}

/** Same check in memory, for a path already loaded. */
export function pathInScope(caller: Caller, path: string): boolean {
  return path === caller.scopePath || path.startsWith(caller.scopePath + '.');
}

/** The code of the area at the end of an ltree path. */
export function codeOfPath(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? path : path.slice(i + 1);
}

/** The city code (first label) of a path. */
export function cityOfPath(path: string): string {
  const i = path.indexOf('.');
  return i < 0 ? path : path.slice(0, i);
}
