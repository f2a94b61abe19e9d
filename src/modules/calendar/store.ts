import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { EnteredYear, ScheduleDay } from '../../kernel/calendar/index.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Changes whenever a version is added anywhere (append-only table): what nodes poll. */
export async function calendarRevision(db: Executor): Promise<string> {
  const r = await sql<{ n: number; t: Date | null }>`SELECT count(*)::int AS n, max(entered_at) AS t FROM calendar_year_version`.execute(db);
  return `${r.rows[0].n}:${r.rows[0].t?.toISOString() ?? ''}`;
}

const latest = sql`SELECT DISTINCT ON (year) year, version, source, entered_by_name, entered_at FROM calendar_year_version ORDER BY year, version DESC`;

/** The latest version of every entered year, with its days in date order. */
export async function latestYears(db: Executor): Promise<EnteredYear[]> {
  const heads = await sql<{ year: number; version: number; source: string; entered_by_name: string; entered_at: Date }>`${latest}`.execute(db);
  const days = await sql<{ year: number; date: string; kind: ScheduleDay['kind']; name: string }>`
    SELECT d.year, d.date, d.kind, d.name FROM calendar_year_day d JOIN (${latest}) v USING (year, version) ORDER BY d.date`.execute(db);
  return heads.rows.map((h) => ({
    year: h.year, version: h.version, source: h.source, enteredBy: h.entered_by_name, enteredAt: h.entered_at.toISOString(),
    days: days.rows.filter((d) => d.year === h.year).map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
  }));
}

export interface VersionSummary { version: number; source: string; enteredBy: string; enteredAt: string; holidays: number; makeupDays: number }

/** Every version of a year, newest first (the history a replaced year keeps). */
export async function yearVersions(db: Executor, year: number): Promise<VersionSummary[]> {
  const r = await sql<{ version: number; source: string; entered_by_name: string; entered_at: Date; holidays: number; makeup: number }>`
    SELECT v.version, v.source, v.entered_by_name, v.entered_at,
      count(*) FILTER (WHERE d.kind = 'holiday')::int AS holidays, count(*) FILTER (WHERE d.kind = 'makeup')::int AS makeup
    FROM calendar_year_version v LEFT JOIN calendar_year_day d USING (year, version)
    WHERE v.year = ${year} GROUP BY v.version, v.source, v.entered_by_name, v.entered_at ORDER BY v.version DESC`.execute(db);
  return r.rows.map((v) => ({ version: v.version, source: v.source, enteredBy: v.entered_by_name, enteredAt: v.entered_at.toISOString(), holidays: v.holidays, makeupDays: v.makeup }));
}

export async function versionDays(db: Executor, year: number, version: number): Promise<ScheduleDay[]> {
  return db.selectFrom('calendar_year_day').select(['date', 'kind', 'name']).where('year', '=', year).where('version', '=', version).orderBy('date').execute();
}

export interface NewVersion { year: number; source: string; enteredBy: number | null; enteredByName: string; days: readonly ScheduleDay[] }

/**
 * Adds the next version of a year. The transaction-scoped lock on the year makes two entries of the
 * same year queue instead of racing for one version number.
 */
export async function insertVersion(trx: Transaction<DB>, v: NewVersion): Promise<{ version: number; previous: number | null; enteredAt: Date }> {
  await sql`SELECT pg_advisory_xact_lock(74281911, ${v.year}::int)`.execute(trx);
  const prev = await trx.selectFrom('calendar_year_version').select((eb) => eb.fn.max('version').as('v')).where('year', '=', v.year).executeTakeFirst();
  const previous = prev?.v ?? null;
  const version = (previous ?? 0) + 1;
  const row = await trx.insertInto('calendar_year_version')
    .values({ year: v.year, version, source: v.source, entered_by: v.enteredBy, entered_by_name: v.enteredByName })
    .returning('entered_at').executeTakeFirstOrThrow();
  await trx.insertInto('calendar_year_day').values(v.days.map((d) => ({ year: v.year, version, date: d.date, kind: d.kind, name: d.name }))).execute();
  return { version, previous, enteredAt: row.entered_at };
}
