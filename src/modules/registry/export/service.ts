import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import { AppError } from '../../../kernel/errors.ts';
import { buildingsQuery, toOut as buildingOut } from '../building-service.ts';
import { householdsOut, householdsQuery } from '../household-service.ts';
import { organisationsOut, organisationsQuery } from '../organisation-service.ts';
import { peopleOut } from '../people-store.ts';
import { peopleQuery } from '../people-service.ts';
import { rentalsQuery, toOut as rentalOut } from '../rental-service.ts';
import { BUILDING_COLUMNS, HOUSEHOLD_COLUMNS, ORGANISATION_COLUMNS, PEOPLE_COLUMNS, RENTAL_COLUMNS, type ExportColumn } from './columns.ts';
import { csvStream, xlsxStream, type ExportFormat } from './write.ts';

/**
 * Export of a registry list 导出: the same scope and filters as the list route (its query is reused),
 * read in id order a batch at a time and written as it is read; at most MAX_EXPORT_ROWS rows, one
 * audit record with the filters and the row count.
 */

export const MAX_EXPORT_ROWS = 200_000;
const BATCH = 2000;
export type ExportKind = 'people' | 'households' | 'organisations' | 'rental-houses' | 'buildings';
export const EXPORT_KINDS: readonly ExportKind[] = ['people', 'households', 'organisations', 'rental-houses', 'buildings'];
const TITLES: Record<ExportKind, string> = { people: '人员信息', households: '住户信息', organisations: '组织信息', 'rental-houses': '出租房屋信息', buildings: '楼栋信息' };

type Filters = Record<string, unknown>;
interface Source<T> { count(): Promise<number>; batch(after: number): Promise<T[]>; idOf(r: T): number; columns: ExportColumn<T>[] }

/** The list's query of each kind, counted and read in id order after a given id. Kysely's builder types differ per table, hence the loose casts in one place. */
async function sourceOf(db: Kysely<DB>, caller: Caller, kind: ExportKind, q: Filters): Promise<Source<unknown>> {
  type Q = { clearSelect(): Q; select(s: unknown): Q; where(...a: unknown[]): Q; orderBy(c: string): Q; limit(n: number): Q; execute(): Promise<unknown[]> };
  const make = async <R, T>(base: Q, alias: string, out: (rows: R[]) => Promise<T[]> | T[], columns: ExportColumn<T>[]): Promise<Source<unknown>> => ({
    count: async () => ((await base.clearSelect().select(sql<number>`count(*)::int`.as('n')).execute()) as { n: number }[])[0].n,
    batch: async (after) => out((await base.where(`${alias}.id`, '>', after).orderBy(`${alias}.id`).limit(BATCH).execute()) as R[]) as Promise<unknown[]>,
    idOf: (r) => (r as { id: number }).id,
    columns: columns as ExportColumn<unknown>[],
  });
  switch (kind) {
    case 'people': return make(await peopleQuery(db, caller, q) as unknown as Q, 'p', (rows: never[]) => peopleOut(db, caller, rows), PEOPLE_COLUMNS);
    case 'households': return make(await householdsQuery(db, caller, q) as unknown as Q, 'h', (rows: never[]) => householdsOut(db, caller, rows), HOUSEHOLD_COLUMNS);
    case 'organisations': return make(await organisationsQuery(db, caller, q) as unknown as Q, 'o', (rows: never[]) => organisationsOut(db, caller, rows), ORGANISATION_COLUMNS);
    case 'rental-houses': return make(await rentalsQuery(db, caller, q) as unknown as Q, 'r', (rows: never[]) => rows.map(rentalOut), RENTAL_COLUMNS);
    case 'buildings': return make(await buildingsQuery(db, caller, q) as unknown as Q, 'b', (rows: never[]) => rows.map(buildingOut), BUILDING_COLUMNS);
  }
}

export function refuseTooMany(total: number): void {
  if (total > MAX_EXPORT_ROWS) {
    throw new AppError(400, 'too_many_rows', `导出结果有 ${total} 行，超过单次导出上限 ${MAX_EXPORT_ROWS} 行；请按网格、标签等条件筛选后分批导出 / ${total} rows exceed the export limit of ${MAX_EXPORT_ROWS}: narrow the filters`, { field: 'grid', limit: MAX_EXPORT_ROWS, total });
  }
}

/** The area named in the title: the filter's, else the caller's own. */
async function areaName(db: Kysely<DB>, caller: Caller, grid: unknown): Promise<string> {
  const r = typeof grid === 'string'
    ? await db.selectFrom('area').select('name').where('city_code', '=', caller.cityCode).where('code', '=', grid).executeTakeFirst()
    : await db.selectFrom('area').select('name').where(sql<boolean>`path = ${caller.scopePath}::ltree`).executeTakeFirst();
  return r?.name ?? '';
}

const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function exportList(db: Kysely<DB>, caller: Caller, kind: ExportKind, format: ExportFormat, filters: Filters, ip: string | null) {
  const src = await sourceOf(db, caller, kind, filters);
  const total = await src.count();
  refuseTooMany(total);
  await appendAudit(db, caller, { action: 'registry.export', targetType: kind, ip, detail: { format, filters, rows: total } });
  async function* batches() {
    let after = 0;
    for (;;) {
      const rows = await src.batch(after);
      if (!rows.length) return;
      yield rows;
      after = src.idOf(rows[rows.length - 1]);
    }
  }
  const now = new Date();
  const title = `${TITLES[kind]}导出　${await areaName(db, caller, filters.grid)}　导出时间：${chinaTime(now)}　共 ${total} 条（身份证号码、电话已脱敏）`;
  const filename = `${TITLES[kind]}-${chinaTime(now).replace(/[-: ]/g, '').slice(0, 12)}.${format}`;
  return { filename, total, stream: format === 'csv' ? csvStream(src.columns, batches()) : xlsxStream(title, src.columns, batches()) };
}
