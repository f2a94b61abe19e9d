import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../../config.ts';
import type { DB } from '../../../db/types.ts';
import { withDatabase } from '../../../db/with-database.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { REGISTRY_WRITERS } from '../access.ts';
import { IMPORT_KINDS, type ImportKind } from './columns.ts';
import { createJob, getJob, moveJob } from './job-store.ts';
import { formatOf, MAX_IMPORT_BYTES } from './read-file.ts';
import { ImportRunner } from './runner.ts';
import type { ImportJob } from './schema.ts';
import type { OnProgress, Phase } from './work.ts';

/** `shiyu import <kind> <file> --city <code> --user <username> [--check] [--valid-only]`: the API's import, from a terminal. */

async function callerFor(db: Kysely<DB>, username: string, city: string): Promise<Caller> {
  const u = await db.selectFrom('app_user').select(['id', 'username', 'display_name', 'role', 'city_code', 'scope_path', 'department', 'active']).where('username', '=', username).executeTakeFirst();
  if (!u || !u.active) throw new Error(`no active user ${username}`);
  if (u.city_code !== city) throw new Error(`user ${username} belongs to city ${u.city_code}, not ${city}`);
  if (!REGISTRY_WRITERS.includes(u.role)) throw new Error(`user ${username} (${u.role}) may not import into the registry`);
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, cityCode: u.city_code, scopePath: u.scope_path, department: u.department, via: 'session' };
}

const LABEL: Record<Phase, string> = { checking: '检查 checking ', importing: '导入 importing' };

/** A bar on a terminal; plain lines every 10 % when stderr is a file or a pipe. */
function progressReporter(): { onProgress: OnProgress; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ stream: process.stderr, format: '{phase} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic);
    let phase: Phase | null = null;
    return {
      onProgress: (p, done, total) => {
        if (p !== phase) { if (phase) bar.stop(); phase = p; bar.start(total, 0, { phase: LABEL[p] }); }
        bar.update(done);
      },
      stop: () => { if (phase) bar.stop(); },
    };
  }
  let last = '';
  return {
    onProgress: (p, done, total) => {
      const step = `${p}:${total ? Math.floor((done / total) * 10) : 10}`;
      if (step !== last) { last = step; process.stderr.write(`${LABEL[p]} ${done}/${total}\n`); }
    },
    stop: () => {},
  };
}

function summary(job: ImportJob): void {
  console.log(`${job.filename}: ${job.total} rows, ${job.validRows} valid, ${job.invalidRows} with errors (${job.errorCount} problems)`);
  for (const e of job.errors.slice(0, 20)) console.log(`  row ${e.row} ${e.column}${e.value ? ` "${e.value}"` : ''}: ${e.message}`);
  if (job.errorCount > 20) console.log(`  … ${job.errorCount - 20} more (GET /api/registry/imports/${job.id}/report.xlsx)`);
}

export function importCommand(): Command {
  return new Command('import').description('import people, households or organisations from .xlsx or .csv (the same checks and transaction as the API)')
    .argument('<kind>', IMPORT_KINDS.join(' | ')).argument('<file>', 'the .xlsx or .csv file')
    .requiredOption('--city <code>', 'the city code, e.g. 150200').requiredOption('--user <username>', 'who imports (their area limits the grids)')
    .option('--check', 'only check the file and print the report').option('--valid-only', 'import the valid rows even when some rows are bad')
    .action((kind: string, file: string, opts: { city: string; user: string; check?: boolean; validOnly?: boolean }) => withDatabase(loadConfig(), async ({ db }) => {
      if (!IMPORT_KINDS.includes(kind as ImportKind)) throw new Error(`kind must be one of ${IMPORT_KINDS.join(', ')}`);
      const data = fs.readFileSync(file);
      if (data.length > MAX_IMPORT_BYTES) throw new Error(`the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
      const filename = path.basename(file);
      const format = formatOf(data, filename);
      if (!format) throw new Error('only .xlsx or .csv files can be imported');
      const caller = await callerFor(db, opts.user, opts.city);
      const key = { cityCode: caller.cityCode, id: await createJob(db, caller, { kind: kind as ImportKind, filename, format, data }) };
      const runner = new ImportRunner(db);
      const progress = progressReporter();
      try {
        await runner.check(caller, key, progress.onProgress);
        progress.stop();
        let job = await getJob(db, caller, key.id);
        if (job.status !== 'checked') throw new Error(job.message ?? `the check ended as ${job.status}`);
        summary(job);
        const refused = job.errorCount > 0 && !opts.validOnly;
        if (opts.check || refused || job.validRows === 0) {
          await moveJob(db, key, ['checked'], 'cancelled', { message: opts.check ? '仅检查 / check only' : '有错误，未导入 / not imported: the file has errors' });
          if (refused) console.log('nothing imported: fix the rows or use --valid-only');
          if (job.errorCount > 0 && !opts.validOnly) process.exitCode = 1;
          return;
        }
        await moveJob(db, key, ['checked'], 'importing', { valid_only: !!opts.validOnly, processed: 0 });
        await runner.run(caller, key, !!opts.validOnly, progress.onProgress);
        progress.stop();
        job = await getJob(db, caller, key.id);
        console.log(job.message ?? job.status);
        if (job.status !== 'done') process.exitCode = 1;
      } finally {
        progress.stop();
        await runner.close();
      }
    }));
}
