import crypto from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError } from '../../../kernel/errors.ts';
import { ACTIVE, moveJob, type JobKey } from './job-store.ts';
import { checkJob, JobStopped, runJob, type OnProgress } from './work.ts';

/** Heartbeats older than this mean the process working on the job is gone. */
const STALE_SECONDS = 60;
const HEARTBEAT_MS = 10_000;

/**
 * Runs import jobs in the background of this process. The job row is the truth any node reads:
 * status, progress and a heartbeat; cancelling is a status change the worker notices between two
 * batches. On start, jobs a dead process left half-done are marked failed (their transaction was
 * rolled back by PostgreSQL when the connection died, so nothing of them remains).
 */
export class ImportRunner {
  readonly id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  private readonly active = new Map<string, { abort: AbortController; done: Promise<void> }>();
  constructor(private readonly db: Kysely<DB>) {}

  private start(key: JobKey, work: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
    const abort = new AbortController();
    const name = `${key.cityCode}:${key.id}`;
    const beat = setInterval(() => {
      void this.db.updateTable('registry_import_job').set({ heartbeat_at: new Date() }).where('city_code', '=', key.cityCode).where('id', '=', key.id).execute().catch(() => {});
    }, HEARTBEAT_MS);
    const done = (async () => {
      await this.db.updateTable('registry_import_job').set({ runner: this.id, heartbeat_at: new Date() }).where('city_code', '=', key.cityCode).where('id', '=', key.id).execute();
      try {
        await work(abort.signal);
      } catch (err) {
        const stopped = err instanceof JobStopped || abort.signal.aborted;
        const message = abort.signal.aborted ? '服务停止，导入中断，未写入任何数据 / the server stopped; nothing was imported'
          : stopped ? null
          : err instanceof AppError ? err.message : `导入失败，未写入任何数据：${(err as Error).message} / the import failed; nothing was imported`;
        if (message) await moveJob(this.db, key, ACTIVE, 'failed', { message }).catch(() => {});
        else await moveJob(this.db, key, ['cancelled'], 'cancelled').catch(() => {}); // drops the file
      } finally {
        clearInterval(beat);
        this.active.delete(name);
      }
    })();
    this.active.set(name, { abort, done });
    return done;
  }

  check(caller: Caller, key: JobKey, onProgress?: OnProgress): Promise<void> {
    return this.start(key, (signal) => checkJob(this.db, caller, key, signal, onProgress));
  }

  run(caller: Caller, key: JobKey, validOnly: boolean, onProgress?: OnProgress, ip: string | null = null): Promise<void> {
    return this.start(key, (signal) => runJob(this.db, caller, key, validOnly, signal, onProgress, ip));
  }

  /** Stops this process's jobs (their transactions roll back) and waits for them to end. */
  async close(): Promise<void> {
    for (const a of this.active.values()) a.abort.abort('server stopping');
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  /** Marks failed the jobs left active by a process that is gone: a stale heartbeat, or this host's dead pid. */
  async recover(): Promise<number> {
    const rows = await this.db.selectFrom('registry_import_job').select(['city_code', 'id', 'runner', 'heartbeat_at']).where('status', 'in', ACTIVE).execute();
    const [host, pid] = this.id.split(':');
    let n = 0;
    for (const r of rows) {
      const [rHost, rPid] = (r.runner ?? '').split(':');
      const stale = !r.heartbeat_at || Date.now() - r.heartbeat_at.getTime() > STALE_SECONDS * 1000;
      const deadHere = rHost === host && (rPid === pid ? r.runner !== this.id : !pidAlive(Number(rPid)));
      if (stale || deadHere) {
        if (await moveJob(this.db, { cityCode: r.city_code, id: r.id }, ACTIVE, 'failed', { message: '服务重启，导入任务中断，未写入任何数据，请重新上传 / the server restarted during the job; nothing was imported: upload the file again' })) n++;
      }
    }
    return n;
  }
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
