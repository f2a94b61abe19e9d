import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import { checkSchedule, isShippedYear, setEnteredYears, SHIPPED_CALENDAR, type EnteredYear } from '../../kernel/calendar/index.ts';
import { calendarRevision, latestYears } from './store.ts';

export interface CalendarLog { info(msg: string): void; warn(msg: string): void; error(msg: string): void }

export interface LoadResult {
  applied: number[];
  /** Entered years the package now ships (the package wins). */
  ignored: EnteredYear[];
  /** Stored years that no longer pass the checks (changed by hand in the database?): not used. */
  invalid: Array<{ year: number; version: number; problem: string }>;
}

/** The stored years the calendar may use (checked, not shipped by the package), and why the others are not used. */
function sortStored(stored: EnteredYear[]): { usable: EnteredYear[]; ignored: EnteredYear[]; invalid: LoadResult['invalid'] } {
  const usable: EnteredYear[] = [];
  const ignored: EnteredYear[] = [];
  const invalid: LoadResult['invalid'] = [];
  for (const y of stored) {
    if (isShippedYear(y.year)) { ignored.push(y); continue; }
    const { days, problems } = checkSchedule(y.year, y.days);
    if (problems.length) invalid.push({ year: y.year, version: y.version, problem: `${problems[0].field}: ${problems[0].message}` });
    else usable.push({ ...y, days });
  }
  return { usable, ignored, invalid };
}

/** The entered years as every node will use them, read in the caller's transaction (before and after an entry). */
export async function usableYears(db: Kysely<DB> | Transaction<DB>): Promise<EnteredYear[]> {
  return sortStored(await latestYears(db)).usable;
}

/** How often every node looks for years entered elsewhere (another node, the CLI). */
export const CALENDAR_REFRESH_MS = 60_000;

/**
 * Puts the entered years (节假日安排) into the kernel calendar for this process, at start and again
 * whenever the table changed — so a year entered on one node or with the CLI reaches every node
 * within a minute, the way the grid locator picks up other nodes' grid imports.
 */
export class CalendarYearLoader {
  private revision = '';
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** What the last load found (for the coverage page's notes). */
  lastResult: LoadResult = { applied: [], ignored: [], invalid: [] };

  constructor(private readonly db: Kysely<DB>, private readonly log: CalendarLog = { info() {}, warn() {}, error() {} }) {}

  /** Reads the latest version of every year and replaces what the calendar uses. Loads run one at a time. */
  load(): Promise<LoadResult> {
    const run = this.queue.then(() => this.loadNow());
    this.queue = run.catch(() => {});
    return run;
  }

  private async loadNow(): Promise<LoadResult> {
    const revision = await calendarRevision(this.db);
    const { usable, ignored, invalid } = sortStored(await latestYears(this.db));
    const { applied } = setEnteredYears(usable);
    if (revision !== this.revision) {
      for (const y of ignored) this.log.info(`calendar: the entered ${y.year} schedule (version ${y.version}, ${y.source}) is not used: ${SHIPPED_CALENDAR.package} ${SHIPPED_CALENDAR.version} now ships ${y.year}`);
      for (const y of invalid) this.log.error(`calendar: the entered ${y.year} schedule (version ${y.version}) fails the checks and is not used — enter it again: ${y.problem}`);
      if (applied.length) this.log.info(`calendar: entered years in use: ${applied.join(', ')}`);
    }
    this.revision = revision;
    this.lastResult = { applied, ignored, invalid };
    return this.lastResult;
  }

  /** Reloads only if a version was added since the last load (one cheap query). */
  async refresh(): Promise<boolean> {
    if ((await calendarRevision(this.db)) === this.revision) return false;
    await this.load();
    return true;
  }

  watch(everyMs = CALENDAR_REFRESH_MS): void {
    this.stop();
    this.timer = setInterval(() => {
      this.refresh().catch((err: Error) => this.log.warn(`calendar: refresh failed: ${err.message}`));
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
