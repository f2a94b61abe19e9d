import { sql, type Kysely } from 'kysely';

// The event loop 事件处置闭环: tickets from every channel, their append-only action rows, the
// category tree, routing rules (category × area → unit), deadline policy, photos and in-app
// notifications. States and actions are those of src/modules/events/workflow.
const STATES = `'received','registered','dispatched','accepted','returned','handled','verified','closed','cancelled','merged'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // 事项分类: the 12345 three-level tree (resources/messages/taxonomy.csv), the 数字城管 classes, and a city's own.
  await sql`CREATE TABLE ticket_category (
    city_code text NOT NULL REFERENCES city(code),
    code text NOT NULL CHECK (code ~ '^[A-Z0-9]+(\.[A-Z0-9]+){0,2}$'),
    parent_code text,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
    source text NOT NULL DEFAULT 'custom' CHECK (source IN ('taxonomy', 'szcg', 'custom')),
    handle_workdays integer CHECK (handle_workdays BETWEEN 0 AND 60),
    urgent_hours integer CHECK (urgent_hours BETWEEN 1 AND 240),
    active boolean NOT NULL DEFAULT true,
    sort integer NOT NULL DEFAULT 0,
    PRIMARY KEY (city_code, code),
    FOREIGN KEY (city_code, parent_code) REFERENCES ticket_category(city_code, code)
  )`.execute(db);

  // 派单规则: the most specific active rule wins (longest category code, then deepest area); none → 属地.
  await sql`CREATE TABLE routing_rule (
    city_code text NOT NULL REFERENCES city(code),
    id bigint GENERATED ALWAYS AS IDENTITY,
    category_code text NOT NULL,
    area_path ltree NOT NULL,
    assignee_kind text NOT NULL CHECK (assignee_kind IN ('department', 'area')),
    department text CHECK (department IS NULL OR length(department) BETWEEN 1 AND 60),
    assignee_path ltree,
    active boolean NOT NULL DEFAULT true,
    note text,
    created_by integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    CHECK ((assignee_kind = 'department') = (department IS NOT NULL)),
    CHECK ((assignee_kind = 'area') = (assignee_path IS NOT NULL)),
    FOREIGN KEY (city_code, category_code) REFERENCES ticket_category(city_code, code)
  )`.execute(db);
  await sql`CREATE INDEX routing_rule_lookup ON routing_rule (city_code, category_code) WHERE active`.execute(db);

  // 办理时限: one policy per city (kernel/calendar DeadlinePolicy as JSON), defaults when absent.
  await sql`CREATE TABLE deadline_policy (
    city_code text PRIMARY KEY REFERENCES city(code),
    policy jsonb NOT NULL,
    updated_by integer,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);

  await sql.raw(`CREATE TABLE ticket (
    city_code text NOT NULL REFERENCES city(code),
    id bigint GENERATED ALWAYS AS IDENTITY,
    number text NOT NULL,
    channel text NOT NULL CHECK (channel IN ('hotline', 'police_transfer', 'app', 'patrol', 'wechat', 'leader', 'open311')),
    demand_type text NOT NULL CHECK (demand_type IN ('consult', 'complaint', 'help', 'suggestion', 'report', 'other')),
    category_code text,
    suggested_category text,
    suggestion_confidence real,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
    urgent boolean NOT NULL DEFAULT false,
    lon double precision CHECK (lon BETWEEN -180 AND 180),
    lat double precision CHECK (lat BETWEEN -90 AND 90),
    address text,
    grid_code text,
    area_path ltree NOT NULL,
    reporter_name text,
    reporter_phone text,
    reporter_user_id integer,
    external_id text,
    state text NOT NULL CHECK (state IN (${STATES})),
    centre_level text NOT NULL DEFAULT 'street' CHECK (centre_level IN ('street', 'district', 'city')),
    assignee_kind text CHECK (assignee_kind IN ('department', 'area')),
    assignee_department text,
    assignee_path ltree,
    sign_due_at timestamptz,
    due_at timestamptz,
    extension_days integer,
    extension_reason text,
    returned_from text CHECK (returned_from IN ('dispatched', 'accepted')),
    supervision text NOT NULL DEFAULT 'none' CHECK (supervision IN ('none', 'yellow', 'red')),
    rating text CHECK (rating IN ('satisfied', 'basic', 'dissatisfied')),
    reopened integer NOT NULL DEFAULT 0,
    merged_into bigint,
    action_count integer NOT NULL DEFAULT 0,
    received_at timestamptz NOT NULL DEFAULT now(),
    closed_at timestamptz,
    created_by integer,
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (city_code, id),
    UNIQUE (city_code, number),
    FOREIGN KEY (city_code, category_code) REFERENCES ticket_category(city_code, code),
    FOREIGN KEY (city_code, merged_into) REFERENCES ticket(city_code, id)
  )`).execute(db);
  await sql`CREATE INDEX ticket_area ON ticket USING gist (area_path)`.execute(db);
  await sql`CREATE INDEX ticket_state ON ticket (city_code, state, received_at)`.execute(db);
  await sql`CREATE INDEX ticket_reporter_phone ON ticket (city_code, reporter_phone, received_at) WHERE reporter_phone IS NOT NULL`.execute(db);
  await sql`CREATE INDEX ticket_open_due ON ticket (city_code, due_at) WHERE state IN ('registered', 'dispatched', 'accepted', 'returned', 'handled', 'verified')`.execute(db);
  await sql`CREATE INDEX ticket_department ON ticket (city_code, assignee_department) WHERE assignee_department IS NOT NULL`.execute(db);
  await sql`CREATE INDEX ticket_external ON ticket (city_code, channel, external_id) WHERE external_id IS NOT NULL`.execute(db);

  // Every change of a ticket is one row here, in the same transaction; the database refuses edits.
  await sql.raw(`CREATE TABLE ticket_action (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    ticket_id bigint NOT NULL,
    seq integer NOT NULL,
    action text NOT NULL,
    from_state text CHECK (from_state IN (${STATES})),
    to_state text NOT NULL CHECK (to_state IN (${STATES})),
    actor_id integer,
    actor_name text,
    actor_role text,
    note text,
    data jsonb NOT NULL DEFAULT '{}',
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    UNIQUE (city_code, ticket_id, seq),
    FOREIGN KEY (city_code, ticket_id) REFERENCES ticket(city_code, id)
  )`).execute(db);
  await sql`CREATE FUNCTION ticket_action_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'ticket_action is append-only'; END $$`.execute(db);
  await sql`CREATE TRIGGER ticket_action_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON ticket_action
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_action_append_only()`.execute(db);

  await sql`CREATE TABLE ticket_attachment (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    ticket_id bigint NOT NULL,
    action_seq integer,
    filename text NOT NULL,
    mime text NOT NULL,
    size integer NOT NULL,
    sha256 text NOT NULL,
    data bytea NOT NULL,
    created_by integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    FOREIGN KEY (city_code, ticket_id) REFERENCES ticket(city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX ticket_attachment_ticket ON ticket_attachment (city_code, ticket_id)`.execute(db);

  // 站内通知: what each party needs to know (a ticket for you, a deadline near, a reply to rate).
  await sql`CREATE TABLE notification (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    user_id integer REFERENCES app_user(id),
    department text,
    area_path ltree,
    ticket_id bigint,
    kind text NOT NULL,
    message text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz,
    PRIMARY KEY (city_code, id),
    CHECK (user_id IS NOT NULL OR department IS NOT NULL OR area_path IS NOT NULL)
  )`.execute(db);
  await sql`CREATE INDEX notification_user ON notification (user_id, created_at DESC) WHERE user_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX notification_area ON notification USING gist (area_path) WHERE area_path IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['notification', 'ticket_attachment', 'ticket_action', 'ticket', 'deadline_policy', 'routing_rule', 'ticket_category']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS ticket_action_append_only`.execute(db);
}
