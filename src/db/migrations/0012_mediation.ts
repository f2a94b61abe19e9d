import { sql, type Kysely } from 'kysely';

// 矛盾纠纷多元化解 (人民调解法): mediation organisations placed in the area tree, their mediators, dispute
// cases from every door with their parties, append-only action rows, sessions (调解记录), agreements
// (调解协议书), 司法确认 and 回访; the city's terms and a per-city-year case counter. States and actions
// are those of src/modules/mediation/workflow, the lists those of its terms.ts (a test keeps them equal;
// written out here so this migration stays as it ran).
export const CHECKED_LISTS = {
  categories: ['family', 'neighbour', 'housing_land', 'contract', 'business', 'damages', 'forest_land', 'expropriation', 'pollution', 'labour', 'consumer', 'medical', 'traffic', 'property_mgmt', 'other'],
  sources: ['walk_in', 'initiative', 'ticket', 'petition', 'police', 'court', 'screening'],
  orgKinds: ['people_committee', 'industry_committee', 'branded_studio', 'lawyer_studio', 'court_invited', 'police_room', 'non_litigation_centre'],
  fields: ['property_mgmt', 'finance', 'medical', 'labour', 'traffic', 'consumer', 'family', 'construction', 'insurance', 'ip', 'tourism', 'environment', 'other'],
  mediatorKinds: ['full_time', 'part_time', 'lawyer', 'invited'],
  partyKinds: ['person', 'organisation'],
  partyRoles: ['applicant', 'respondent', 'third_party'],
  referrals: ['arbitration', 'administrative', 'litigation', 'petition', 'other'],
  performance: ['performed', 'partly', 'not_performed'],
  judicialResults: ['confirmed', 'rejected'],
  states: ['registered', 'accepted', 'assigned', 'mediating', 'agreed', 'failed', 'rejected', 'refused', 'withdrawn'],
} as const;
const L = CHECKED_LISTS;
const list = (keys: readonly string[]) => sql.raw(keys.map((k) => `'${k}'`).join(', '));

export async function up(db: Kysely<unknown>): Promise<void> {
  // 调解组织: committees at every level, industry committees with their field, studios, rooms, centres.
  await sql`CREATE TABLE mediation_org (
    city_code text NOT NULL REFERENCES city(code),
    id integer GENERATED ALWAYS AS IDENTITY,
    name text NOT NULL CHECK (length(name) BETWEEN 2 AND 60 AND name = btrim(name)),
    kind text NOT NULL CHECK (kind IN (${list(L.orgKinds)})),
    field text CHECK (field IN (${list(L.fields)})),
    area_code text NOT NULL,
    area_path ltree NOT NULL,
    level text NOT NULL CHECK (level IN ('city', 'district', 'street', 'community')),
    phone text CHECK (phone IS NULL OR phone ~ '^[0-9][0-9-]{2,19}$'),
    address text CHECK (address IS NULL OR length(address) <= 200),
    active boolean NOT NULL DEFAULT true,
    created_by integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (city_code, id),
    UNIQUE (city_code, name),
    CHECK (kind <> 'industry_committee' OR field IS NOT NULL),
    FOREIGN KEY (city_code, area_code) REFERENCES area(city_code, code)
  )`.execute(db);
  await sql`CREATE INDEX mediation_org_area ON mediation_org USING gist (area_path)`.execute(db);

  // 调解员: of one organisation, optionally a login (role mediator); workload is counted, not stored.
  await sql`CREATE TABLE mediator (
    city_code text NOT NULL,
    id integer GENERATED ALWAYS AS IDENTITY,
    org_id integer NOT NULL,
    user_id integer REFERENCES app_user(id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40 AND name = btrim(name)),
    phone text,
    kind text NOT NULL CHECK (kind IN (${list(L.mediatorKinds)})),
    specialties text[] NOT NULL DEFAULT '{}' CHECK (specialties <@ ARRAY[${list(L.categories)}]::text[]),
    active boolean NOT NULL DEFAULT true,
    created_by integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (city_code, id),
    UNIQUE (city_code, org_id, user_id),
    FOREIGN KEY (city_code, org_id) REFERENCES mediation_org(city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX mediator_org ON mediator (city_code, org_id)`.execute(db);
  await sql`CREATE INDEX mediator_user ON mediator (user_id) WHERE user_id IS NOT NULL`.execute(db);

  await sql`CREATE TABLE mediation_setting (
    city_code text PRIMARY KEY REFERENCES city(code),
    conclusion_days integer NOT NULL DEFAULT 30 CHECK (conclusion_days BETWEEN 1 AND 90),
    court_days integer NOT NULL DEFAULT 30 CHECK (court_days BETWEEN 1 AND 90),
    court_extension_days integer NOT NULL DEFAULT 30 CHECK (court_extension_days BETWEEN 1 AND 90),
    red_after_workdays integer NOT NULL DEFAULT 5 CHECK (red_after_workdays BETWEEN 0 AND 30),
    updated_by integer,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);

  // Case numbers TJ<year>-NNNNN per city and (Shanghai) year.
  await sql`CREATE TABLE mediation_counter (
    city_code text NOT NULL REFERENCES city(code),
    year integer NOT NULL,
    last integer NOT NULL,
    PRIMARY KEY (city_code, year)
  )`.execute(db);

  await sql`CREATE TABLE mediation_case (
    city_code text NOT NULL REFERENCES city(code),
    id bigint GENERATED ALWAYS AS IDENTITY,
    number text NOT NULL,
    source text NOT NULL CHECK (source IN (${list(L.sources)})),
    referring_body text CHECK (referring_body IS NULL OR length(referring_body) BETWEEN 2 AND 100),
    referral_number text CHECK (referral_number IS NULL OR length(referral_number) BETWEEN 2 AND 60),
    ticket_id bigint,
    category text NOT NULL CHECK (category IN (${list(L.categories)})),
    summary text NOT NULL CHECK (length(summary) BETWEEN 5 AND 2000),
    amount numeric(14, 2) CHECK (amount >= 0),
    people_involved integer NOT NULL CHECK (people_involved BETWEEN 1 AND 100000),
    lon double precision CHECK (lon BETWEEN -180 AND 180),
    lat double precision CHECK (lat BETWEEN -90 AND 90),
    address text,
    grid_code text,
    area_path ltree NOT NULL,
    org_id integer NOT NULL,
    org_path ltree NOT NULL,
    state text NOT NULL CHECK (state IN (${list(L.states)})),
    due_at timestamptz,
    extensions integer NOT NULL DEFAULT 0 CHECK (extensions BETWEEN 0 AND 1),
    supervision text NOT NULL DEFAULT 'none' CHECK (supervision IN ('none', 'yellow', 'red')),
    police_flag boolean NOT NULL DEFAULT false,
    police_reason text,
    police_flagged_at timestamptz,
    referral text CHECK (referral IN (${list(L.referrals)})),
    registered_at timestamptz NOT NULL DEFAULT now(),
    accepted_at timestamptz,
    concluded_at timestamptz,
    action_count integer NOT NULL DEFAULT 0,
    created_by integer,
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (city_code, id),
    UNIQUE (city_code, number),
    -- A hand-off (访调/公调/诉调对接) is recorded with who handed it over and their reference number.
    CHECK (source NOT IN ('petition', 'police', 'court') OR (referring_body IS NOT NULL AND referral_number IS NOT NULL)),
    CHECK ((source = 'ticket') = (ticket_id IS NOT NULL)),
    CHECK (state <> 'failed' OR referral IS NOT NULL),
    FOREIGN KEY (city_code, org_id) REFERENCES mediation_org(city_code, id),
    FOREIGN KEY (city_code, ticket_id) REFERENCES ticket(city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX mediation_case_area ON mediation_case USING gist (area_path)`.execute(db);
  await sql`CREATE INDEX mediation_case_org_path ON mediation_case USING gist (org_path)`.execute(db);
  await sql`CREATE INDEX mediation_case_org ON mediation_case (city_code, org_id, state)`.execute(db);
  await sql`CREATE INDEX mediation_case_state ON mediation_case (city_code, state, registered_at)`.execute(db);
  // One case per ticket: a ticket becomes a dispute once.
  await sql`CREATE UNIQUE INDEX mediation_case_ticket ON mediation_case (city_code, ticket_id) WHERE ticket_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX mediation_case_open_due ON mediation_case (city_code, due_at) WHERE state IN ('registered', 'accepted', 'assigned', 'mediating')`.execute(db);
  await sql`CREATE INDEX mediation_case_police ON mediation_case USING gist (area_path) WHERE police_flag`.execute(db);

  // 当事人: masked in every answer; the clear numbers only through an audited reveal.
  await sql`CREATE TABLE mediation_party (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    case_id bigint NOT NULL,
    kind text NOT NULL CHECK (kind IN (${list(L.partyKinds)})),
    role text NOT NULL CHECK (role IN (${list(L.partyRoles)})),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    id_number text CHECK (id_number IS NULL OR id_number ~ '^[0-9]{17}[0-9X]$'),
    credit_code text CHECK (credit_code IS NULL OR length(credit_code) = 18),
    phone text,
    address text,
    legal_rep text,
    action_seq integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    CHECK (kind = 'person' OR id_number IS NULL),
    CHECK (kind = 'organisation' OR credit_code IS NULL),
    FOREIGN KEY (city_code, case_id) REFERENCES mediation_case(city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX mediation_party_case ON mediation_party (city_code, case_id)`.execute(db);
  // Repeated disputes between the same people (early warning, later) look parties up by identity.
  await sql`CREATE INDEX mediation_party_id_number ON mediation_party (city_code, id_number) WHERE id_number IS NOT NULL`.execute(db);

  // Who mediates a case: a row per assignment; removed_at set on 回避 or reassignment (history kept).
  await sql`CREATE TABLE mediation_case_mediator (
    city_code text NOT NULL,
    case_id bigint NOT NULL,
    mediator_id integer NOT NULL,
    assigned_seq integer NOT NULL,
    chosen_by text NOT NULL CHECK (chosen_by IN ('committee', 'parties')),
    lead boolean NOT NULL DEFAULT false,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    removed_seq integer,
    removed_at timestamptz,
    removed_reason text CHECK (removed_reason IN ('recusal', 'reassigned')),
    PRIMARY KEY (city_code, case_id, mediator_id, assigned_seq),
    FOREIGN KEY (city_code, case_id) REFERENCES mediation_case(city_code, id),
    FOREIGN KEY (city_code, mediator_id) REFERENCES mediator(city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX mediation_case_mediator_current ON mediation_case_mediator (city_code, mediator_id) WHERE removed_at IS NULL`.execute(db);

  await sql.raw(`CREATE TABLE mediation_case_action (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    case_id bigint NOT NULL,
    seq integer NOT NULL,
    action text NOT NULL,
    from_state text CHECK (from_state IN (${L.states.map((s) => `'${s}'`).join(', ')})),
    to_state text NOT NULL CHECK (to_state IN (${L.states.map((s) => `'${s}'`).join(', ')})),
    actor_id integer,
    actor_name text,
    actor_role text,
    note text,
    data jsonb NOT NULL DEFAULT '{}',
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    UNIQUE (city_code, case_id, seq),
    FOREIGN KEY (city_code, case_id) REFERENCES mediation_case(city_code, id)
  )`).execute(db);

  // 回避: who was recused from a case, on whose request and why (assigning them again is refused).
  await sql`CREATE TABLE mediation_recusal (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    case_id bigint NOT NULL,
    mediator_id integer NOT NULL,
    requested_by text NOT NULL CHECK (requested_by IN ('party', 'mediator')),
    party_id bigint,
    reason text NOT NULL,
    action_seq integer NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    UNIQUE (city_code, case_id, mediator_id),
    FOREIGN KEY (city_code, case_id) REFERENCES mediation_case(city_code, id),
    FOREIGN KEY (city_code, mediator_id) REFERENCES mediator(city_code, id),
    FOREIGN KEY (city_code, party_id) REFERENCES mediation_party(city_code, id)
  )`.execute(db);

  // 调解记录: one row per session.
  await sql`CREATE TABLE mediation_session (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    case_id bigint NOT NULL,
    action_seq integer NOT NULL,
    held_at timestamptz NOT NULL,
    place text NOT NULL,
    attendees text[] NOT NULL,
    minutes text NOT NULL,
    recorded_by integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    FOREIGN KEY (city_code, case_id) REFERENCES mediation_case(city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX mediation_session_case ON mediation_session (city_code, case_id)`.execute(db);

  // 调解协议书: the structured content, once per case, as signed.
  await sql`CREATE TABLE mediation_agreement (
    city_code text NOT NULL,
    case_id bigint NOT NULL,
    action_seq integer NOT NULL,
    party_ids bigint[] NOT NULL,
    facts text NOT NULL,
    disputes text NOT NULL,
    responsibilities text NOT NULL,
    terms jsonb NOT NULL,
    signed_on date NOT NULL,
    signed_parties bigint[] NOT NULL,
    signed_mediators integer[] NOT NULL,
    judicial_due_on date NOT NULL,
    created_by integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, case_id),
    FOREIGN KEY (city_code, case_id) REFERENCES mediation_case(city_code, id)
  )`.execute(db);

  // 司法确认: the joint application and, later, the court's ruling.
  await sql`CREATE TABLE mediation_judicial (
    city_code text NOT NULL,
    case_id bigint NOT NULL,
    applied_on date NOT NULL,
    court text NOT NULL,
    applied_seq integer NOT NULL,
    result text CHECK (result IN (${list(L.judicialResults)})),
    decided_on date,
    result_seq integer,
    PRIMARY KEY (city_code, case_id),
    CHECK ((result IS NULL) = (decided_on IS NULL)),
    FOREIGN KEY (city_code, case_id) REFERENCES mediation_agreement(city_code, case_id)
  )`.execute(db);

  // 回访: how the agreement is being performed.
  await sql`CREATE TABLE mediation_follow_up (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    case_id bigint NOT NULL,
    action_seq integer NOT NULL,
    visited_on date NOT NULL,
    performance text NOT NULL CHECK (performance IN (${list(L.performance)})),
    note text NOT NULL,
    recorded_by integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    FOREIGN KEY (city_code, case_id) REFERENCES mediation_agreement(city_code, case_id)
  )`.execute(db);

  // The history and the records made in it are never changed or removed: the database refuses.
  await sql`CREATE FUNCTION mediation_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
  for (const t of ['mediation_case_action', 'mediation_session', 'mediation_agreement', 'mediation_follow_up', 'mediation_party', 'mediation_recusal']) {
    await sql.raw(`CREATE TRIGGER ${t}_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION mediation_append_only()`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['mediation_follow_up', 'mediation_judicial', 'mediation_agreement', 'mediation_session', 'mediation_recusal', 'mediation_case_action',
    'mediation_case_mediator', 'mediation_party', 'mediation_case', 'mediation_counter', 'mediation_setting', 'mediator', 'mediation_org']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS mediation_append_only`.execute(db);
}
