import { sql, type Kysely } from 'kysely';

// 站内通知 for dispute cases (指派, 登记 from another door, 督办, 预警): a notice may name a mediation case
// beside (or instead of) a ticket. The city's mediation settings get a version for the settings page. And 更正当事人: a party's particulars may be corrected before the case
// concludes — the party row changes only together with its correct_party action row, which keeps the old
// and new values; the row is never deleted and its identity (case, kind, role) never changes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE notification ADD COLUMN mediation_case_id bigint`.execute(db);
  await sql`ALTER TABLE notification ADD CONSTRAINT notification_mediation_case
    FOREIGN KEY (city_code, mediation_case_id) REFERENCES mediation_case(city_code, id)`.execute(db);
  await sql`CREATE INDEX notification_mediation_case ON notification (city_code, mediation_case_id) WHERE mediation_case_id IS NOT NULL`.execute(db);

  // The settings page edits the city's terms with the version it read (a second editor gets 409).
  await sql`ALTER TABLE mediation_setting ADD COLUMN version integer NOT NULL DEFAULT 1`.execute(db);

  // The action seq of the latest correction (null: as registered or added).
  await sql`ALTER TABLE mediation_party ADD COLUMN corrected_seq integer`.execute(db);
  await sql`DROP TRIGGER mediation_party_no_change ON mediation_party`.execute(db);
  await sql`CREATE TRIGGER mediation_party_no_delete BEFORE DELETE OR TRUNCATE ON mediation_party FOR EACH STATEMENT EXECUTE FUNCTION mediation_append_only()`.execute(db);
  await sql`CREATE FUNCTION mediation_party_correction_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.city_code IS DISTINCT FROM OLD.city_code OR NEW.id IS DISTINCT FROM OLD.id OR NEW.case_id IS DISTINCT FROM OLD.case_id
        OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.role IS DISTINCT FROM OLD.role OR NEW.action_seq IS DISTINCT FROM OLD.action_seq
        OR NEW.created_at IS DISTINCT FROM OLD.created_at
        OR NEW.corrected_seq IS NULL OR NEW.corrected_seq <= coalesce(OLD.corrected_seq, 0) THEN
        RAISE EXCEPTION 'mediation_party is append-only except for a correction (更正当事人) with its action row';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER mediation_party_correction BEFORE UPDATE ON mediation_party FOR EACH ROW EXECUTE FUNCTION mediation_party_correction_only()`.execute(db);
  // Checked at commit, so the party row and its action row may be written in either order.
  await sql`CREATE FUNCTION mediation_party_correction_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM mediation_case_action a WHERE a.city_code = NEW.city_code AND a.case_id = NEW.case_id
        AND a.seq = NEW.corrected_seq AND a.action = 'correct_party' AND (a.data->>'partyId')::bigint = NEW.id) THEN
        RAISE EXCEPTION 'a correction of party % has no correct_party action row %', NEW.id, NEW.corrected_seq;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER mediation_party_correction_recorded AFTER UPDATE ON mediation_party DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION mediation_party_correction_recorded()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS mediation_party_correction_recorded ON mediation_party`.execute(db);
  await sql`DROP TRIGGER IF EXISTS mediation_party_correction ON mediation_party`.execute(db);
  await sql`DROP TRIGGER IF EXISTS mediation_party_no_delete ON mediation_party`.execute(db);
  await sql`DROP FUNCTION IF EXISTS mediation_party_correction_recorded`.execute(db);
  await sql`DROP FUNCTION IF EXISTS mediation_party_correction_only`.execute(db);
  await sql`ALTER TABLE mediation_party DROP COLUMN IF EXISTS corrected_seq`.execute(db);
  await sql`CREATE TRIGGER mediation_party_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON mediation_party FOR EACH STATEMENT EXECUTE FUNCTION mediation_append_only()`.execute(db);
  await sql`ALTER TABLE mediation_setting DROP COLUMN IF EXISTS version`.execute(db);
  await sql`DROP INDEX IF EXISTS notification_mediation_case`.execute(db);
  await sql`ALTER TABLE notification DROP COLUMN IF EXISTS mediation_case_id`.execute(db);
}
