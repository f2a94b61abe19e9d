import { sql, type Kysely } from 'kysely';

// The registry 基层一表通 (GB/T 31000-2015): households 户, people 人, organisations,
// rental houses 出租房屋, tags for the groups departments follow, change history and
// attachments. Every row carries city_code (part of its key) and the ltree path of its
// grid (grid_path), so the one scope helper filters it: `grid_path <@ caller.scope_path`.
export async function up(db: Kysely<unknown>): Promise<void> {
  // National code lists (GB/T 2261.1 sex, 3304 ethnicity, 4762 political status, 4658 education,
  // 4761 family relation, 4754 industry …): read-only reference data, the same for every city.
  await sql`CREATE TABLE vocabulary (
    list text NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    sort integer NOT NULL DEFAULT 0,
    PRIMARY KEY (list, code)
  )`.execute(db);

  // Tags 标签 for the groups departments follow (独居老人, 残疾人, 低保 …): per city, edited by its admin.
  await sql`CREATE TABLE tag (
    city_code text NOT NULL REFERENCES city(code),
    code text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    category text NOT NULL,
    applies_to text NOT NULL CHECK (applies_to IN ('person','household','organisation')),
    description text,
    active boolean NOT NULL DEFAULT true,
    builtin boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, code)
  )`.execute(db);

  await sql`ALTER TABLE building ADD COLUMN grid_path ltree, ADD COLUMN kind text NOT NULL DEFAULT 'residential'
    CHECK (kind IN ('residential','commercial','mixed','public','bungalow')), ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`.execute(db);
  await sql`CREATE INDEX building_grid_path ON building USING gist (grid_path)`.execute(db);
  await sql`ALTER TABLE unit ADD COLUMN floors integer CHECK (floors > 0), ADD COLUMN rooms_per_floor integer CHECK (rooms_per_floor > 0)`.execute(db);

  await sql`CREATE TABLE household (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    grid_code text NOT NULL,
    grid_path ltree NOT NULL,
    building_id bigint,
    unit_id bigint,
    room text,
    address text NOT NULL CHECK (length(address) BETWEEN 1 AND 200),
    kind text NOT NULL DEFAULT 'family' CHECK (kind IN ('family','collective')),
    phone text,
    head_person_id bigint,
    notes text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by integer,
    updated_by integer,
    version integer NOT NULL DEFAULT 1,
    deleted_at timestamptz,
    PRIMARY KEY (city_code, id),
    FOREIGN KEY (city_code, grid_code) REFERENCES area(city_code, code),
    FOREIGN KEY (city_code, building_id) REFERENCES building(city_code, id),
    FOREIGN KEY (city_code, unit_id) REFERENCES unit(city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX household_grid_path ON household USING gist (grid_path)`.execute(db);
  await sql`CREATE INDEX household_building ON household (city_code, building_id)`.execute(db);
  await sql`CREATE INDEX household_address_trgm ON household USING gin (address gin_trgm_ops)`.execute(db);

  await sql`CREATE TABLE person (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    id_number text NOT NULL CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    sex text NOT NULL CHECK (sex IN ('1','2')),
    birth_date date NOT NULL,
    ethnicity text,
    political_status text,
    education text,
    phone text,
    residence_type text NOT NULL CHECK (residence_type IN ('registered','floating','overseas','left_behind')),
    household_id bigint,
    relation text,
    grid_code text NOT NULL,
    grid_path ltree NOT NULL,
    address text,
    workplace text,
    nationality text NOT NULL DEFAULT 'CHN',
    notes text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by integer,
    updated_by integer,
    version integer NOT NULL DEFAULT 1,
    deleted_at timestamptz,
    PRIMARY KEY (city_code, id),
    FOREIGN KEY (city_code, grid_code) REFERENCES area(city_code, code),
    FOREIGN KEY (city_code, household_id) REFERENCES household(city_code, id)
  )`.execute(db);
  // One live record per ID number in a city: a duplicate is refused with a pointer to it.
  await sql`CREATE UNIQUE INDEX person_id_number ON person (city_code, id_number) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX person_grid_path ON person USING gist (grid_path)`.execute(db);
  await sql`CREATE INDEX person_household ON person (city_code, household_id)`.execute(db);
  await sql`CREATE INDEX person_name_trgm ON person USING gin (name gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX person_phone ON person (city_code, phone)`.execute(db);
  await sql`ALTER TABLE household ADD FOREIGN KEY (city_code, head_person_id) REFERENCES person(city_code, id)`.execute(db);

  // Moves between 户籍/流动/境外/留守, kept as history.
  await sql`CREATE TABLE person_residence_change (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    person_id bigint NOT NULL,
    from_type text,
    to_type text NOT NULL,
    changed_on date NOT NULL DEFAULT current_date,
    reason text,
    changed_by integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (city_code, id),
    FOREIGN KEY (city_code, person_id) REFERENCES person(city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX person_residence_change_person ON person_residence_change (city_code, person_id)`.execute(db);

  await sql`CREATE TABLE organisation (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    kind text NOT NULL CHECK (kind IN ('enterprise','social_org','individual_business','public_institution')),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    credit_code text CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
    industry text,
    legal_rep text,
    phone text,
    address text,
    grid_code text NOT NULL,
    grid_path ltree NOT NULL,
    employees integer CHECK (employees >= 0),
    registered_capital numeric(16,2) CHECK (registered_capital >= 0),
    established_on date,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','closed')),
    has_party_org boolean NOT NULL DEFAULT false,
    notes text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by integer,
    updated_by integer,
    version integer NOT NULL DEFAULT 1,
    deleted_at timestamptz,
    PRIMARY KEY (city_code, id),
    FOREIGN KEY (city_code, grid_code) REFERENCES area(city_code, code)
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX organisation_credit_code ON organisation (city_code, credit_code) WHERE deleted_at IS NULL AND credit_code IS NOT NULL`.execute(db);
  await sql`CREATE INDEX organisation_grid_path ON organisation USING gist (grid_path)`.execute(db);
  await sql`CREATE INDEX organisation_name_trgm ON organisation USING gin (name gin_trgm_ops)`.execute(db);

  await sql`CREATE TABLE rental_house (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    grid_code text NOT NULL,
    grid_path ltree NOT NULL,
    household_id bigint,
    building_id bigint,
    unit_id bigint,
    room text,
    address text NOT NULL,
    landlord_person_id bigint,
    landlord_name text NOT NULL,
    landlord_phone text,
    tenants integer NOT NULL DEFAULT 0 CHECK (tenants >= 0),
    area_m2 numeric(10,2) CHECK (area_m2 > 0),
    purpose text NOT NULL DEFAULT 'residence' CHECK (purpose IN ('residence','business','mixed','dormitory')),
    registered_on date,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','ended')),
    notes text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by integer,
    updated_by integer,
    version integer NOT NULL DEFAULT 1,
    deleted_at timestamptz,
    PRIMARY KEY (city_code, id),
    FOREIGN KEY (city_code, grid_code) REFERENCES area(city_code, code),
    FOREIGN KEY (city_code, household_id) REFERENCES household(city_code, id),
    FOREIGN KEY (city_code, landlord_person_id) REFERENCES person(city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX rental_house_grid_path ON rental_house USING gist (grid_path)`.execute(db);

  await sql`CREATE TABLE entity_tag (
    city_code text NOT NULL,
    entity_type text NOT NULL CHECK (entity_type IN ('person','household','organisation')),
    entity_id bigint NOT NULL,
    tag_code text NOT NULL,
    since date,
    note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by integer,
    PRIMARY KEY (city_code, entity_type, entity_id, tag_code),
    FOREIGN KEY (city_code, tag_code) REFERENCES tag(city_code, code)
  )`.execute(db);
  await sql`CREATE INDEX entity_tag_by_tag ON entity_tag (city_code, tag_code, entity_type)`.execute(db);

  // Who changed what and when, per record (ID and phone numbers stored masked).
  await sql`CREATE TABLE record_change (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    entity_type text NOT NULL,
    entity_id bigint NOT NULL,
    action text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by integer,
    changed_by_name text,
    changes jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX record_change_entity ON record_change (city_code, entity_type, entity_id, id)`.execute(db);

  await sql`CREATE TABLE attachment (
    city_code text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY,
    entity_type text NOT NULL,
    entity_id bigint NOT NULL,
    filename text NOT NULL,
    mime text NOT NULL,
    size integer NOT NULL CHECK (size > 0),
    sha256 text NOT NULL,
    data bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by integer,
    PRIMARY KEY (city_code, id)
  )`.execute(db);
  await sql`CREATE INDEX attachment_entity ON attachment (city_code, entity_type, entity_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['attachment', 'record_change', 'entity_tag', 'rental_house', 'organisation', 'person_residence_change']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
  await sql`ALTER TABLE household DROP CONSTRAINT IF EXISTS household_city_code_head_person_id_fkey`.execute(db);
  await sql`DROP TABLE IF EXISTS person CASCADE`.execute(db);
  await sql`DROP TABLE IF EXISTS household CASCADE`.execute(db);
  await sql`ALTER TABLE unit DROP COLUMN IF EXISTS floors, DROP COLUMN IF EXISTS rooms_per_floor`.execute(db);
  await sql`ALTER TABLE building DROP COLUMN IF EXISTS grid_path, DROP COLUMN IF EXISTS kind, DROP COLUMN IF EXISTS updated_at`.execute(db);
  await sql`DROP TABLE IF EXISTS tag CASCADE`.execute(db);
  await sql`DROP TABLE IF EXISTS vocabulary CASCADE`.execute(db);
}
