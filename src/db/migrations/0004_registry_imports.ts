import { sql, type Kysely } from 'kysely';

// Bulk imports 批量导入 of the registry: one row per uploaded file, its progress (so any server
// node can show it), its validation report, and the file itself until the job ends.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE registry_import_job (
    city_code text NOT NULL REFERENCES city(code),
    id bigint GENERATED ALWAYS AS IDENTITY,
    kind text NOT NULL CHECK (kind IN ('people','households','organisations')),
    filename text NOT NULL,
    format text NOT NULL CHECK (format IN ('xlsx','csv')),
    status text NOT NULL CHECK (status IN ('checking','checked','importing','done','failed','cancelled')),
    valid_only boolean,
    total integer NOT NULL DEFAULT 0,
    processed integer NOT NULL DEFAULT 0,
    valid_rows integer NOT NULL DEFAULT 0,
    invalid_rows integer NOT NULL DEFAULT 0,
    imported integer NOT NULL DEFAULT 0,
    error_count integer NOT NULL DEFAULT 0,
    errors jsonb NOT NULL DEFAULT '[]',
    message text,
    file bytea,
    file_size integer NOT NULL,
    created_by integer NOT NULL REFERENCES app_user(id),
    created_by_name text NOT NULL,
    creator_scope ltree NOT NULL,
    runner text,
    heartbeat_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    PRIMARY KEY (city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX registry_import_job_recent ON registry_import_job (city_code, created_at DESC)`.execute(db);
  await sql`CREATE INDEX registry_import_job_active ON registry_import_job (status) WHERE status IN ('checking','importing')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS registry_import_job`.execute(db);
}
