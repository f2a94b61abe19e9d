import { sql, type Kysely } from 'kysely';
import type { DB, RegistryImportJobTable } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { Executor } from '../area-scope.ts';
import type { ImportKind } from './columns.ts';
import type { RowError } from './problems.ts';
import type { FileFormat } from './read-file.ts';
import type { ImportJob } from './schema.ts';

/** SQL of import jobs. A job is seen by its creator and by users whose area contains the creator's. */

export type JobStatus = RegistryImportJobTable['status'];
export const ACTIVE: JobStatus[] = ['checking', 'importing'];
export const REPORT_LIMIT = 500;
export interface JobKey { cityCode: string; id: number }

const COLUMNS = ['id', 'city_code', 'kind', 'filename', 'format', 'status', 'valid_only', 'total', 'processed', 'valid_rows', 'invalid_rows', 'imported',
  'error_count', 'message', 'created_by', 'created_by_name', 'created_at', 'finished_at'] as const;

function visible(db: Executor, caller: Caller) {
  return db.selectFrom('registry_import_job as j')
    .where('j.city_code', '=', caller.cityCode)
    .where((eb) => eb.or([eb('j.created_by', '=', caller.id), sql<boolean>`j.creator_scope <@ ${caller.scopePath}::ltree`]));
}

type JobRow = Awaited<ReturnType<typeof jobRow>>;
async function jobRow(db: Executor, caller: Caller, id: number) {
  return visible(db, caller).select(COLUMNS.map((c) => `j.${c}` as const))
    .select(sql<RowError[]>`jsonb_path_query_array(j.errors, ${`$[0 to ${REPORT_LIMIT - 1}]`}::jsonpath)`.as('first_errors'))
    .where('j.id', '=', id).executeTakeFirst();
}

export const jobNotFound = (id: number) => new AppError(404, 'not_found', `导入任务 ${id} 不存在或您无权查看 / import job ${id} not found or not yours`);

export function toJobOut(j: NonNullable<JobRow>): ImportJob {
  return {
    id: j.id, kind: j.kind, filename: j.filename, status: j.status, total: j.total, processed: j.processed, validRows: j.valid_rows, invalidRows: j.invalid_rows,
    imported: j.imported, errorCount: j.error_count, errors: j.first_errors, message: j.message, validOnly: j.valid_only,
    createdBy: { id: j.created_by, name: j.created_by_name }, createdAt: j.created_at.toISOString(), finishedAt: j.finished_at?.toISOString() ?? null,
  };
}

export async function getJob(db: Executor, caller: Caller, id: number): Promise<ImportJob> {
  const j = await jobRow(db, caller, id);
  if (!j) throw jobNotFound(id);
  return toJobOut(j);
}

export async function listJobs(db: Executor, caller: Caller): Promise<ImportJob[]> {
  const rows = await visible(db, caller).select(COLUMNS.map((c) => `j.${c}` as const))
    .select(sql<RowError[]>`'[]'::jsonb`.as('first_errors')).orderBy('j.created_at', 'desc').orderBy('j.id', 'desc').limit(50).execute();
  return rows.map(toJobOut);
}

export async function createJob(db: Kysely<DB>, caller: Caller, f: { kind: ImportKind; filename: string; format: FileFormat; data: Buffer }): Promise<number> {
  const r = await db.insertInto('registry_import_job').values({
    city_code: caller.cityCode, kind: f.kind, filename: f.filename, format: f.format, status: 'checking', file: f.data, file_size: f.data.length,
    created_by: caller.id, created_by_name: caller.displayName, creator_scope: caller.scopePath, heartbeat_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Every line of the report (for report.xlsx), for a job the caller may see. */
export async function allErrors(db: Executor, caller: Caller, id: number): Promise<{ job: ImportJob; errors: RowError[] }> {
  const job = await getJob(db, caller, id);
  const r = await db.selectFrom('registry_import_job').select('errors').where('city_code', '=', caller.cityCode).where('id', '=', id).executeTakeFirstOrThrow();
  return { job, errors: r.errors as RowError[] };
}

/** The stored file of a job still running (the file is dropped when the job ends). */
export async function jobFile(db: Executor, key: JobKey) {
  return db.selectFrom('registry_import_job').select(['kind', 'format', 'filename', 'file', 'status', 'errors'])
    .where('city_code', '=', key.cityCode).where('id', '=', key.id).executeTakeFirstOrThrow();
}

/**
 * Progress and heartbeat, written outside the import's transaction so every node sees it; false
 * when the job is no longer active (cancelled elsewhere), which stops the work.
 */
export async function touchJob(db: Kysely<DB>, key: JobKey, processed: number | null, total?: number): Promise<boolean> {
  const r = await db.updateTable('registry_import_job').set({
    ...(processed !== null && { processed }), ...(total !== undefined && { total }), heartbeat_at: new Date(), updated_at: new Date(),
  }).where('city_code', '=', key.cityCode).where('id', '=', key.id).where('status', 'in', ACTIVE).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Moves a job from one of `from` to `to` with more fields; false when it was not in `from`. */
export async function moveJob(db: Executor, key: JobKey, from: JobStatus[], to: JobStatus, set: Partial<{ [K in keyof RegistryImportJobTable]: unknown }> = {}): Promise<boolean> {
  const ended = ['done', 'failed', 'cancelled'].includes(to);
  const r = await db.updateTable('registry_import_job')
    .set({ ...(set as object), status: to, updated_at: new Date(), ...(ended && { finished_at: new Date(), file: null }) })
    .where('city_code', '=', key.cityCode).where('id', '=', key.id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
