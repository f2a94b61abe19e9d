import { sql, type Kysely } from 'kysely';

// 职能部门名录 the department register of each city: the units tickets are dispatched to (归口办理),
// that department handlers (dept_handler) belong to and that routing rules name. Before this, the
// name was free text in four tables and a typo sent a ticket to nobody. The name stays the key the
// other tables carry (readable in exports and action history), now as a foreign key (city_code, name)
// with ON UPDATE CASCADE: a rename follows everywhere, an unknown name cannot be stored.

/** The columns that carried a free-text department name, each now referring to the register. */
const REFERENCES = [
  { table: 'app_user', column: 'department' },
  { table: 'routing_rule', column: 'department' },
  { table: 'ticket', column: 'assignee_department' },
  // A department's unread notices must follow a rename, or its handlers lose them.
  { table: 'notification', column: 'department' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE department (
    city_code text NOT NULL REFERENCES city(code),
    id integer GENERATED ALWAYS AS IDENTITY,
    name text NOT NULL CHECK (length(name) BETWEEN 2 AND 40 AND name = btrim(name)),
    short_name text CHECK (short_name IS NULL OR length(short_name) BETWEEN 1 AND 20),
    kind text NOT NULL DEFAULT 'government' CHECK (kind IN ('government', 'utility', 'other')),
    phone text CHECK (phone IS NULL OR phone ~ '^[0-9][0-9-]{2,19}$'),
    active boolean NOT NULL DEFAULT true,
    sort integer NOT NULL DEFAULT 0,
    builtin_key text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    UNIQUE (city_code, name),
    UNIQUE (city_code, builtin_key)
  )`.execute(db);

  // Data: the names already in use, trimmed (the users API stored them as typed), per city.
  await sql`UPDATE app_user SET department = NULLIF(btrim(department), '') WHERE department IS DISTINCT FROM NULLIF(btrim(department), '')`.execute(db);
  await sql`UPDATE notification SET department = NULLIF(btrim(department), '') WHERE department IS DISTINCT FROM NULLIF(btrim(department), '')`.execute(db);
  await sql`UPDATE routing_rule SET department = btrim(department) WHERE department <> btrim(department)`.execute(db);
  await sql`UPDATE ticket SET assignee_department = btrim(assignee_department) WHERE assignee_department <> btrim(assignee_department)`.execute(db);
  const used = sql.raw(REFERENCES.map((r) => `SELECT city_code, ${r.column} AS name FROM ${r.table} WHERE ${r.column} IS NOT NULL`).join(' UNION '));
  const { rows: misfits } = await sql<{ city_code: string; name: string }>`SELECT city_code, name FROM (${used}) u WHERE length(name) NOT BETWEEN 2 AND 40 ORDER BY 1, 2`.execute(db);
  if (misfits.length) {
    // Stop before anything changes (the migration runs in one transaction): the operator renames these first.
    throw new Error(`department names must be 2–40 characters; rename these in app_user.department, routing_rule.department, ticket.assignee_department, notification.department and migrate again: ${misfits.map((m) => `${m.city_code} "${m.name}"`).join(', ')}`);
  }
  await sql`INSERT INTO department (city_code, name, kind)
    SELECT city_code, name, CASE WHEN name LIKE '%公司' THEN 'utility' ELSE 'government' END FROM (${used}) u ORDER BY city_code, name`.execute(db);

  for (const r of REFERENCES) {
    // The index serves the cascade on rename (and the lookups by department) without a scan.
    if (r.table !== 'ticket') await sql.raw(`CREATE INDEX ${r.table}_department ON ${r.table} (city_code, ${r.column}) WHERE ${r.column} IS NOT NULL`).execute(db);
    await sql.raw(`ALTER TABLE ${r.table} ADD CONSTRAINT ${r.table}_department_fk FOREIGN KEY (city_code, ${r.column})
      REFERENCES department (city_code, name) ON UPDATE CASCADE`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const r of REFERENCES) {
    await sql.raw(`ALTER TABLE ${r.table} DROP CONSTRAINT IF EXISTS ${r.table}_department_fk`).execute(db);
    if (r.table !== 'ticket') await sql.raw(`DROP INDEX IF EXISTS ${r.table}_department`).execute(db);
  }
  await sql`DROP TABLE IF EXISTS department`.execute(db);
}
