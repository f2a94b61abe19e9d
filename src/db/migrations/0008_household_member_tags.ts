import { sql, type Kysely } from 'kysely';

/**
 * household.member_tag_codes: the union of the tags of a household's live members (低保户, 残疾人
 * 家庭户, 退役军人家庭 …), kept by the database like person.tag_codes (0007). Reports ask it of
 * every household of a district; computing it meant reading every person again.
 * A statement-level trigger on person refreshes the households whose members' tags, membership
 * or registration changed (0007's trigger changing person.tag_codes included), set-based, so a
 * bulk load costs one pass and not one lookup per household.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE household ADD COLUMN member_tag_codes text[]`.execute(db);
  await sql`CREATE FUNCTION refresh_member_tags(cities text[], ids bigint[]) RETURNS void LANGUAGE sql AS $$
    WITH affected AS (SELECT DISTINCT c AS city_code, i AS id FROM unnest(cities, ids) AS u(c, i) WHERE i IS NOT NULL),
    codes AS (SELECT p.city_code, p.household_id AS id, array_agg(DISTINCT t ORDER BY t) AS codes
                FROM affected a JOIN person p ON p.city_code = a.city_code AND p.household_id = a.id
                CROSS JOIN LATERAL unnest(p.tag_codes) AS t
               WHERE p.deleted_at IS NULL GROUP BY 1, 2)
    UPDATE household h SET member_tag_codes = codes.codes
      FROM affected a LEFT JOIN codes ON codes.city_code = a.city_code AND codes.id = a.id
     WHERE h.city_code = a.city_code AND h.id = a.id AND h.member_tag_codes IS DISTINCT FROM codes.codes $$`.execute(db);
  await sql`SELECT refresh_member_tags(array_agg(city_code), array_agg(household_id))
    FROM (SELECT DISTINCT city_code, household_id FROM person WHERE tag_codes IS NOT NULL AND household_id IS NOT NULL) x`.execute(db);
  await sql`CREATE FUNCTION household_member_tags_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE cities text[]; ids bigint[];
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        SELECT array_agg(c), array_agg(i) INTO cities, ids FROM (
          SELECT o.city_code AS c, unnest(ARRAY[o.household_id, n.household_id]) AS i
            FROM old_rows o JOIN new_rows n ON n.city_code = o.city_code AND n.id = o.id
           WHERE o.household_id IS DISTINCT FROM n.household_id OR o.tag_codes IS DISTINCT FROM n.tag_codes OR o.deleted_at IS DISTINCT FROM n.deleted_at) x;
      ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(city_code), array_agg(household_id) INTO cities, ids FROM new_rows WHERE tag_codes IS NOT NULL;
      ELSE
        SELECT array_agg(city_code), array_agg(household_id) INTO cities, ids FROM old_rows WHERE tag_codes IS NOT NULL;
      END IF;
      IF ids IS NOT NULL THEN PERFORM refresh_member_tags(cities, ids); END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER person_member_tags_update AFTER UPDATE ON person REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION household_member_tags_sync()`.execute(db);
  await sql`CREATE TRIGGER person_member_tags_insert AFTER INSERT ON person REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION household_member_tags_sync()`.execute(db);
  await sql`CREATE TRIGGER person_member_tags_delete AFTER DELETE ON person REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION household_member_tags_sync()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['update', 'insert', 'delete']) await sql.raw(`DROP TRIGGER IF EXISTS person_member_tags_${name} ON person`).execute(db);
  await sql`DROP FUNCTION IF EXISTS household_member_tags_sync`.execute(db);
  await sql`DROP FUNCTION IF EXISTS refresh_member_tags`.execute(db);
  await sql`ALTER TABLE household DROP COLUMN IF EXISTS member_tag_codes`.execute(db);
}
