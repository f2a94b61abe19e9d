import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import { loadConfig } from '../../config.ts';
import { withDatabase } from '../../db/with-database.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { AppError } from '../../kernel/errors.ts';
import { dayOf, isShippedYear, type ScheduleProblem } from '../../kernel/calendar/index.ts';
import { candidateReport, yearReport } from '../../kernel/calendar/check-year.ts';
import { decodeCsv } from '../registry/import/read-file.ts';
import { CALENDAR_WRITERS } from './access.ts';
import { onFileLines, parseScheduleCsv } from './csv.ts';
import { checkEntry, enterYear, type EnteredBy } from './service.ts';
import { CALENDAR_REFRESH_MS, CalendarYearLoader } from './year-loader.ts';

const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Loads the entered years from the database into this process's calendar. Without DATABASE_URL and
 * without an embedded database under DATA_DIR nothing was ever entered, so none is started.
 */
async function loadEnteredYears(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) return;
  try {
    await withDatabase(config, async ({ db }) => {
      await new CalendarYearLoader(db, { info: (m) => console.error(`note: ${m}`), warn: (m) => console.error(`warning: ${m}`), error: (m) => console.error(`error: ${m}`) }).load();
    });
  } catch (err) {
    console.error(`note: 无法读取录入的年份，只用 chinese-days 的数据 / could not read the entered years (${(err as Error).message}); using chinese-days' data only`);
  }
}

function problemsOf(err: unknown): ScheduleProblem[] {
  if (!(err instanceof AppError)) throw err;
  const d = err.details as { field?: string; problems?: ScheduleProblem[] } | null;
  return d?.problems ?? [{ field: d?.field ?? 'file', message: err.message.replace(/^[^:]+: /, '') }];
}

async function cityAdmin(db: Kysely<DB>, username: string): Promise<Caller> {
  const u = await db.selectFrom('app_user').select(['id', 'username', 'display_name', 'role', 'city_code', 'scope_path', 'department', 'active']).where('username', '=', username).executeTakeFirst();
  if (!u || !u.active) throw new Error(`--user: no active user ${username}`);
  if (!CALENDAR_WRITERS.includes(u.role)) throw new Error(`--user: ${username} (${u.role}) may not enter the calendar; a city_admin may`);
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, cityCode: u.city_code, scopePath: u.scope_path, department: u.department, via: 'session' };
}

/** `shiyu calendar check [YEAR]` and `shiyu calendar import FILE --source …`. */
export function calendarCommand(): Command {
  const calendar = new Command('calendar').description('the working-day calendar (statutory holidays, make-up working days)');

  calendar.command('check [year]').description('print the holidays and make-up working days of YEAR (default: this year) and where they come from; exits 1 when the year is not known')
    .option('--offline', 'only the data shipped with chinese-days: do not read the years entered in the database')
    .action(async (yearArg: string | undefined, opts: { offline?: boolean }) => {
      const thisYear = Number(dayOf(new Date()).slice(0, 4));
      if (yearArg !== undefined && !/^\d{4}$/.test(yearArg)) throw new Error(`YEAR: 应为四位年份 / expected a four-digit year, got "${yearArg}"`);
      const year = yearArg === undefined ? thisYear : Number(yearArg);
      const asked = yearArg === undefined ? [year, year + 1] : [year];
      if (!opts.offline && asked.some((y) => !isShippedYear(y))) await loadEnteredYears();
      const report = yearReport(year);
      console.log(report.text);
      for (const w of report.warnings) console.error(`warning: ${w.message}`);
      if (report.warnings.length) process.exitCode = 1;
      if (yearArg === undefined && yearReport(thisYear + 1).warnings.length) {
        console.error(`note: ${thisYear + 1} 年节假日安排尚未录入：国务院办公厅公布后，用 shiyu calendar import 或控制台“工作日历”页录入 / the ${thisYear + 1} schedule is not in the data yet — enter it once 国务院办公厅 publishes it (shiyu calendar import, or the console's calendar page)`);
      }
    });

  calendar.command('import <file>').description('enter a year from a CSV file with the header date,kind,name (kind: holiday | makeup; name: 元旦 春节 清明节 劳动节 端午节 中秋节 国庆节), UTF-8 or GB18030')
    .requiredOption('--source <text>', 'the notice it is copied from, e.g. "国办发明电〔2026〕X号"')
    .option('--year <year>', 'the year (default: the year of the first date)')
    .option('--check', 'only check the file and print the year as `calendar check` would; nothing is written')
    .option('--user <username>', 'the city admin entering it (default: the operating-system user, as the CLI)')
    .action(async (file: string, opts: { source: string; year?: string; check?: boolean; user?: string }) => {
      const data = fs.readFileSync(file);
      if (data.length > MAX_FILE_BYTES) throw new Error(`${file}: 文件超过 1 MB / the file is larger than 1 MB`);
      const parsed = parseScheduleCsv(decodeCsv(data));
      const year = opts.year !== undefined ? Number(opts.year) : Number(parsed.days[0]?.date.slice(0, 4));
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new Error(`--year: 应为四位年份 / expected a four-digit year, got "${opts.year}"`);
      let entry: ReturnType<typeof checkEntry> | null = null;
      let problems = parsed.problems;
      if (!problems.length) {
        try {
          entry = checkEntry(year, { source: opts.source, days: parsed.days });
        } catch (err) {
          problems = problemsOf(err);
        }
      }
      if (!entry) {
        console.error(`${path.basename(file)}: ${problems.length} 处问题，未录入 / ${problems.length} problem(s), nothing entered`);
        for (const p of problems) console.error(`  ${onFileLines(p, parsed.lines)}`);
        process.exitCode = 1;
        return;
      }
      console.log(candidateReport(year, entry.days, entry.source));
      if (opts.check) {
        console.log(`\n检查通过，未写入（--check）/ the file passes the checks; nothing written (--check)`);
        return;
      }
      await withDatabase(loadConfig(), async ({ db }) => {
        const by: EnteredBy = opts.user ? { caller: await cityAdmin(db, opts.user) } : { cli: `命令行 CLI（${os.userInfo().username}）` };
        const saved = await enterYear(db, year, entry, by);
        console.log(`\n已录入 ${year} 年第 ${saved.version} 版${saved.previous ? `（替换第 ${saved.previous} 版）` : ''} / entered ${year} as version ${saved.version}${saved.previous ? ` (replacing version ${saved.previous})` : ''}; running servers use it within ${CALENDAR_REFRESH_MS / 1000} s`);
        const d = saved.deadlines;
        console.log(`在办工单期限重算 / deadlines of open tickets: ${d.checked} 件涉及该年 checked, ${d.changed} 件已重算 recounted${d.leftAsSet ? `, ${d.leftAsSet} 件期限另有设定未改 left as set (see the audit record)` : ''}`);
      });
    });
  return calendar;
}
