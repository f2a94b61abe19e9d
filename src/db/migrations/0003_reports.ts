import { sql, type Kysely } from 'kysely';

// Report templates 报表模板: every department form (综治, 民政, 残联, 人社 …) declared as data
// over the registry ("一次采集，多方利用"). spec holds rows × columns as JSON (see modules/reports/spec.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE report_template (
    city_code text NOT NULL REFERENCES city(code),
    id bigint GENERATED ALWAYS AS IDENTITY,
    code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    department text NOT NULL CHECK (length(department) BETWEEN 1 AND 40),
    description text,
    spec jsonb NOT NULL,
    builtin boolean NOT NULL DEFAULT false,
    owner_path ltree,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by integer,
    updated_by integer,
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (city_code, id),
    UNIQUE (city_code, code)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS report_template`.execute(db);
}
