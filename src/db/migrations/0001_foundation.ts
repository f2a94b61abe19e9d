import { sql, type Kysely } from 'kysely';

// The foundation: cities, the area tree (ltree), buildings and units, police grids,
// users, sessions, API keys, the hash-chained audit log and idempotency records.
// Large tables carry city_code as part of their key so they can be sharded by city (Citus).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS ltree`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await sql`CREATE TABLE city (
    code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    name text NOT NULL,
    province_code text NOT NULL
  )`.execute(db);

  await sql`CREATE TABLE area (
    city_code text NOT NULL REFERENCES city(code),
    code text NOT NULL CHECK (code ~ '^[0-9]{6,15}$'),
    parent_code text,
    level text NOT NULL CHECK (level IN ('city','district','street','community','grid')),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    path ltree NOT NULL,
    households integer NOT NULL DEFAULT 0 CHECK (households >= 0),
    geometry jsonb,
    center jsonb,
    source text NOT NULL DEFAULT 'official' CHECK (source IN ('official','generated','imported')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, code),
    FOREIGN KEY (city_code, parent_code) REFERENCES area(city_code, code) ON DELETE CASCADE
  )`.execute(db);
  await sql`CREATE INDEX area_path_gist ON area USING gist (path)`.execute(db);
  await sql`CREATE INDEX area_parent ON area (city_code, parent_code)`.execute(db);
  await sql`CREATE INDEX area_name_trgm ON area USING gin (name gin_trgm_ops)`.execute(db);

  await sql`CREATE TABLE building (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    grid_code text NOT NULL,
    name text NOT NULL,
    address text,
    location jsonb,
    floors integer CHECK (floors > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    FOREIGN KEY (city_code, grid_code) REFERENCES area(city_code, code) ON DELETE CASCADE
  )`.execute(db);
  await sql`CREATE INDEX building_grid ON building (city_code, grid_code)`.execute(db);

  await sql`CREATE TABLE unit (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    building_id bigint NOT NULL,
    name text NOT NULL,
    PRIMARY KEY (city_code, id),
    FOREIGN KEY (city_code, building_id) REFERENCES building(city_code, id) ON DELETE CASCADE
  )`.execute(db);

  await sql`CREATE TABLE police_grid (
    city_code text NOT NULL REFERENCES city(code),
    code text NOT NULL,
    name text NOT NULL,
    station text,
    geometry jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, code)
  )`.execute(db);

  await sql`CREATE TABLE app_user (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    city_code text NOT NULL REFERENCES city(code),
    username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
    display_name text NOT NULL,
    role text NOT NULL,
    scope_path ltree NOT NULL,
    department text,
    phone text,
    password_hash text NOT NULL,
    failed_logins integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX app_user_scope ON app_user USING gist (scope_path)`.execute(db);

  await sql`CREATE TABLE user_session (
    id text PRIMARY KEY,
    user_id integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    ip text,
    user_agent text
  )`.execute(db);
  await sql`CREATE INDEX user_session_user ON user_session (user_id)`.execute(db);

  await sql`CREATE TABLE api_key (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    name text NOT NULL,
    prefix text NOT NULL UNIQUE,
    key_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  )`.execute(db);

  await sql`CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    city_code text,
    actor_id integer,
    actor_name text,
    action text NOT NULL,
    target_type text,
    target_id text,
    detail jsonb NOT NULL DEFAULT '{}',
    ip text,
    prev_hash text NOT NULL,
    hash text NOT NULL UNIQUE
  )`.execute(db);
  // Append-only: the database itself refuses to change or remove audit rows.
  await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);

  await sql`CREATE TABLE idempotency (
    key text NOT NULL,
    user_id integer NOT NULL,
    route text NOT NULL,
    status integer NOT NULL,
    body jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['idempotency', 'audit_log', 'api_key', 'user_session', 'app_user', 'police_grid', 'unit', 'building', 'area', 'city']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS audit_log_append_only`.execute(db);
}
