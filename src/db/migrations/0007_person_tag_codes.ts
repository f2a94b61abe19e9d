import { sql, type Kysely } from 'kysely';

/**
 * person.tag_codes: a copy of each person's tags (from entity_tag, sorted), kept by the database
 * itself. Reports test tags of every person of a district; reading them off the row costs nothing
 * for the seven in eight people who have none, where a join probed a tag table 600,000 times.
 * Statement-level triggers keep it right for every writer — API, import, demo loader — in one
 * UPDATE per statement; a restore brings the copy with the rows (it switches triggers off).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE person ADD COLUMN tag_codes text[]`.execute(db);
  await sql`UPDATE person p SET tag_codes = t.codes
    FROM (SELECT city_code, entity_id, array_agg(tag_code ORDER BY tag_code) AS codes FROM entity_tag WHERE entity_type = 'person' GROUP BY 1, 2) t
    WHERE p.city_code = t.city_code AND p.id = t.entity_id`.execute(db);
  await sql`CREATE FUNCTION person_tag_codes_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE person p SET tag_codes = (SELECT array_agg(e.tag_code ORDER BY e.tag_code) FROM entity_tag e
          WHERE e.city_code = p.city_code AND e.entity_type = 'person' AND e.entity_id = p.id)
        FROM (SELECT DISTINCT city_code, entity_id FROM changed WHERE entity_type = 'person') c
        WHERE p.city_code = c.city_code AND p.id = c.entity_id;
      RETURN NULL;
    END $$`.execute(db);
  for (const [name, event, table] of [['insert', 'INSERT', 'NEW'], ['update', 'UPDATE', 'NEW'], ['delete', 'DELETE', 'OLD']] as const) {
    await sql.raw(`CREATE TRIGGER entity_tag_person_${name} AFTER ${event} ON entity_tag REFERENCING ${table} TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION person_tag_codes_sync()`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER IF EXISTS entity_tag_person_${name} ON entity_tag`).execute(db);
  await sql`DROP FUNCTION IF EXISTS person_tag_codes_sync`.execute(db);
  await sql`ALTER TABLE person DROP COLUMN IF EXISTS tag_codes`.execute(db);
}
