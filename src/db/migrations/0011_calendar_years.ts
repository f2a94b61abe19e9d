import { sql, type Kysely } from 'kysely';

// 节假日安排 entered by the deployment: chinese-days ships the State Council's schedules up to its
// last release, and a city cannot wait for the next one. One national set (the notice is national),
// kept as append-only versions: replacing a year adds a version, the old one stays readable.

const HOLIDAY_NAMES = `'元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE calendar_year_version (
    year integer NOT NULL CHECK (year BETWEEN 2008 AND 2099),
    version integer NOT NULL CHECK (version >= 1),
    source text NOT NULL CHECK (length(source) BETWEEN 4 AND 200 AND source = btrim(source)),
    entered_by integer REFERENCES app_user(id),
    entered_by_name text NOT NULL CHECK (length(entered_by_name) BETWEEN 1 AND 100),
    entered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (year, version)
  )`.execute(db);
  await sql.raw(`CREATE TABLE calendar_year_day (
    year integer NOT NULL,
    version integer NOT NULL,
    date date NOT NULL,
    kind text NOT NULL CHECK (kind IN ('holiday', 'makeup')),
    name text NOT NULL CHECK (name IN (${HOLIDAY_NAMES})),
    PRIMARY KEY (year, version, date),
    FOREIGN KEY (year, version) REFERENCES calendar_year_version (year, version),
    CHECK (extract(year FROM date) = year),
    -- 调休上班 is always a Saturday or Sunday
    CHECK (kind = 'holiday' OR extract(isodow FROM date) IN (6, 7))
  )`).execute(db);
  // History is kept: the database itself refuses to change or remove a version.
  await sql`CREATE FUNCTION calendar_year_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only: enter a new version instead', TG_TABLE_NAME; END $$`.execute(db);
  for (const table of ['calendar_year_version', 'calendar_year_day']) {
    await sql.raw(`CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION calendar_year_append_only()`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS calendar_year_day`.execute(db);
  await sql`DROP TABLE IF EXISTS calendar_year_version`.execute(db);
  await sql`DROP FUNCTION IF EXISTS calendar_year_append_only()`.execute(db);
}
