import { sql, type Kysely } from 'kysely';

// 排查预警: screening campaigns (矛盾纠纷排查) with one task per grid and its checklist answers, the findings
// that became cases (source 'screening'); the city's warning rules (预警规则) and the warnings (预警) raised on
// cases, with an append-only history of raising and handling. The lists are those of
// src/modules/mediation/warnings/rules.ts and screening/checklist.ts (written out so this migration stays as it ran).
const RULES = ['many_parties', 'repeat_parties', 'repeat_place', 'violent_words', 'overdue'];
const LEVELS = ['attention', 'warning', 'urgent'];
const list = (keys: readonly string[]) => sql.raw(keys.map((k) => `'${k}'`).join(', '));

export async function up(db: Kysely<unknown>): Promise<void> {
  // 排查活动: checklist items [{key, name, category}], the areas it covers and the area of the office that runs it.
  await sql`CREATE TABLE mediation_campaign (
    city_code text NOT NULL REFERENCES city(code),
    id integer GENERATED ALWAYS AS IDENTITY,
    title text NOT NULL CHECK (length(title) BETWEEN 4 AND 60 AND title = btrim(title)),
    period_from date NOT NULL,
    period_to date NOT NULL,
    checklist jsonb NOT NULL CHECK (jsonb_typeof(checklist) = 'array' AND jsonb_array_length(checklist) BETWEEN 1 AND 30),
    area_codes text[] NOT NULL CHECK (cardinality(area_codes) BETWEEN 1 AND 50),
    area_paths ltree[] NOT NULL,
    owner_path ltree NOT NULL,
    created_by integer NOT NULL,
    created_by_name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    CHECK (period_to >= period_from AND period_to <= period_from + 366)
  )`.execute(db);
  await sql`CREATE INDEX mediation_campaign_areas ON mediation_campaign USING gist (area_paths)`.execute(db);

  // 排查任务: one per grid of the campaign's areas; answers {itemKey: {found, note}}.
  await sql`CREATE TABLE mediation_screening_task (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    campaign_id integer NOT NULL,
    grid_code text NOT NULL,
    grid_path ltree NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_progress', 'done')),
    answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
    started_at timestamptz,
    done_at timestamptz,
    updated_by integer,
    updated_by_name text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (city_code, id),
    UNIQUE (city_code, campaign_id, grid_code),
    CHECK ((status = 'done') = (done_at IS NOT NULL)),
    FOREIGN KEY (city_code, campaign_id) REFERENCES mediation_campaign(city_code, id),
    FOREIGN KEY (city_code, grid_code) REFERENCES area(city_code, code)
  )`.execute(db);
  await sql`CREATE INDEX mediation_screening_task_grid ON mediation_screening_task USING gist (grid_path)`.execute(db);
  await sql`CREATE INDEX mediation_screening_task_campaign ON mediation_screening_task (city_code, campaign_id, status)`.execute(db);

  // 排查发现: a checklist item's finding filed as a dispute case (source 'screening').
  await sql`CREATE TABLE mediation_screening_finding (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    task_id bigint NOT NULL,
    item text NOT NULL,
    case_id bigint NOT NULL,
    created_by integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    UNIQUE (city_code, case_id),
    FOREIGN KEY (city_code, task_id) REFERENCES mediation_screening_task(city_code, id),
    FOREIGN KEY (city_code, case_id) REFERENCES mediation_case(city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX mediation_screening_finding_task ON mediation_screening_finding (city_code, task_id)`.execute(db);

  // The repeat rules look up earlier cases by a party's name and phone, and by grid and time.
  await sql`CREATE INDEX mediation_party_name_phone ON mediation_party (city_code, phone, name) WHERE phone IS NOT NULL`.execute(db);
  await sql`CREATE INDEX mediation_case_grid_time ON mediation_case (city_code, grid_code, registered_at) WHERE grid_code IS NOT NULL`.execute(db);

  // 预警规则: a row once the city edits a rule (the code's defaults otherwise).
  await sql`CREATE TABLE mediation_warning_rule (
    city_code text NOT NULL REFERENCES city(code),
    rule text NOT NULL CHECK (rule IN (${list(RULES)})),
    enabled boolean NOT NULL,
    level text NOT NULL CHECK (level IN (${list(LEVELS)})),
    police boolean NOT NULL,
    params jsonb NOT NULL,
    updated_by integer,
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (city_code, rule),
    CHECK (rule <> 'violent_words' OR police)
  )`.execute(db);

  // 预警: `trigger` says what fired (the related cases, the words, the deadline), so a handled warning is not raised again for the same thing.
  await sql`CREATE TABLE mediation_warning (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    rule text NOT NULL CHECK (rule IN (${list(RULES)})),
    case_id bigint NOT NULL,
    level text NOT NULL CHECK (level IN (${list(LEVELS)})),
    reason text NOT NULL,
    trigger text NOT NULL,
    area_path ltree NOT NULL,
    grid_code text,
    police_flagged boolean NOT NULL DEFAULT false,
    state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'handled')),
    data jsonb NOT NULL DEFAULT '{}',
    raised_at timestamptz NOT NULL DEFAULT now(),
    handled_by integer,
    handled_by_name text,
    handled_at timestamptz,
    note text,
    PRIMARY KEY (city_code, id),
    CHECK ((state = 'handled') = (handled_at IS NOT NULL AND note IS NOT NULL)),
    FOREIGN KEY (city_code, case_id) REFERENCES mediation_case(city_code, id)
  )`.execute(db);
  // No duplicates: one open warning per rule and case, and never twice for the same trigger.
  await sql`CREATE UNIQUE INDEX mediation_warning_open ON mediation_warning (city_code, case_id, rule) WHERE state = 'open'`.execute(db);
  await sql`CREATE UNIQUE INDEX mediation_warning_trigger ON mediation_warning (city_code, case_id, rule, trigger)`.execute(db);
  await sql`CREATE INDEX mediation_warning_state ON mediation_warning (city_code, state, raised_at)`.execute(db);

  await sql`CREATE TABLE mediation_warning_action (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    warning_id bigint NOT NULL,
    action text NOT NULL CHECK (action IN ('raise', 'flag_police', 'handle')),
    actor_id integer,
    actor_name text NOT NULL,
    actor_role text NOT NULL,
    note text,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    FOREIGN KEY (city_code, warning_id) REFERENCES mediation_warning(city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX mediation_warning_action_warning ON mediation_warning_action (city_code, warning_id)`.execute(db);
  for (const t of ['mediation_warning_action', 'mediation_screening_finding']) {
    await sql.raw(`CREATE TRIGGER ${t}_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION mediation_append_only()`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['mediation_warning_action', 'mediation_warning', 'mediation_warning_rule', 'mediation_screening_finding', 'mediation_screening_task', 'mediation_campaign']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
  await sql`DROP INDEX IF EXISTS mediation_party_name_phone`.execute(db);
  await sql`DROP INDEX IF EXISTS mediation_case_grid_time`.execute(db);
}
