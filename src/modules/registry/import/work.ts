import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import { AppError } from '../../../kernel/errors.ts';
import { checkSheet } from './check.ts';
import type { ImportKind } from './columns.ts';
import { insertPlan } from './insert-plan.ts';
import { jobFile, moveJob, touchJob, type JobKey } from './job-store.ts';
import type { RowError } from './problems.ts';
import { readSheet, type FileFormat } from './read-file.ts';

/** The two steps of a job, the same for the API's background runner, the CLI and the benchmark. */

export type Phase = 'checking' | 'importing';
export type OnProgress = (phase: Phase, done: number, total: number) => void;

/** Thrown when the job was cancelled (or the server stops) between two batches: the transaction rolls back. */
export class JobStopped extends Error {}

const SAVE_EVERY_MS = 500;

/** Progress written to the job row every few thousand rows (at most twice a second); stops the work once the job is no longer active. */
function progressWriter(db: Kysely<DB>, key: JobKey, phase: Phase, total: number, signal: AbortSignal, onProgress?: OnProgress) {
  let last = 0;
  return async (done: number) => {
    onProgress?.(phase, done, total);
    if (signal.aborted) throw new JobStopped(String(signal.reason ?? 'stopped'));
    if (Date.now() - last < SAVE_EVERY_MS && done < total) return;
    last = Date.now();
    if (!(await touchJob(db, key, done, total))) throw new JobStopped('cancelled');
  };
}

/** Reads and checks the file; the job becomes `checked` with its report. Nothing is written to the registry. */
export async function checkJob(db: Kysely<DB>, caller: Caller, key: JobKey, signal: AbortSignal, onProgress?: OnProgress): Promise<void> {
  const f = await jobFile(db, key);
  if (!f.file) throw new AppError(409, 'conflict', 'the job has no file any more');
  const sheet = await readSheet(f.file, f.format as FileFormat);
  await touchJob(db, key, 0, sheet.rows.length);
  const r = await checkSheet(db, caller, f.kind as ImportKind, sheet, progressWriter(db, key, 'checking', sheet.rows.length, signal, onProgress));
  await moveJob(db, key, ['checking'], 'checked', {
    total: r.total, processed: r.total, valid_rows: r.validRows, invalid_rows: r.invalidRows, error_count: r.errors.length, errors: JSON.stringify(r.errors),
  });
}

/**
 * Imports the checked file in ONE transaction: the rows are checked again against the registry as it
 * is now (someone may have registered a person since), then written in bulk with their history and
 * one audit record. A failure, a cancel or a stop anywhere rolls everything back.
 */
export async function runJob(db: Kysely<DB>, caller: Caller, key: JobKey, validOnly: boolean, signal: AbortSignal, onProgress?: OnProgress, ip: string | null = null): Promise<number> {
  const f = await jobFile(db, key);
  if (!f.file) throw new AppError(409, 'conflict', 'the job has no file any more');
  const sheet = await readSheet(f.file, f.format as FileFormat);
  const before = (f.errors as RowError[]).length;
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL lock_timeout = '30s'`.execute(trx);
    const r = await checkSheet(trx, caller, f.kind as ImportKind, sheet);
    if (r.errors.length && !validOnly) {
      throw new AppError(409, 'conflict', `文件中有 ${r.errors.length} 处错误${r.errors.length > before ? '（登记库在检查后有变化）' : ''}，未导入任何数据 / the file has ${r.errors.length} problems; nothing was imported`);
    }
    const total = r.plan.people.length + r.plan.organisations.length + r.plan.households.reduce((n, h) => n + h.members.length, 0);
    let done = 0;
    const progress = progressWriter(db, key, 'importing', total, signal, onProgress);
    await progress(0);
    const n = await insertPlan(trx, caller, r.plan, async (k) => { done += k; await progress(done); });
    await appendAudit(trx, caller, {
      action: 'registry.import', targetType: 'import_job', targetId: key.id, ip,
      detail: { kind: f.kind, filename: f.filename, rows: r.total, validRows: r.validRows, skippedRows: r.invalidRows, validOnly, ...n },
    });
    const imported = n.people + n.households + n.organisations;
    // The job ends in the same transaction as the rows it wrote: either both are there or neither.
    if (!(await moveJob(trx, key, ['importing'], 'done', {
      processed: total, total, imported, valid_rows: r.validRows, invalid_rows: r.invalidRows, error_count: r.errors.length, errors: JSON.stringify(r.errors),
      message: `已导入 ${n.people} 人、${n.households} 户、${n.organisations} 个组织 / imported ${n.people} people, ${n.households} households, ${n.organisations} organisations`,
    }))) throw new JobStopped('cancelled');
    return imported;
  });
}
