import { sql, type Kysely } from 'kysely';

/**
 * ticket_counter: the last ticket number given per city and Shanghai day. Numbers were counted
 * under an advisory lock held until the intake committed, so every intake waited for the one
 * before it to reach the disk (≈ 230 a second). The counter row is taken in its own short
 * statement before the intake's transaction, so a failed intake leaves a gap in the day's
 * numbers (allowed, as in 12345 systems) and never a number given twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE ticket_counter (
    city_code text NOT NULL REFERENCES city(code),
    day date NOT NULL,
    last integer NOT NULL CHECK (last BETWEEN 0 AND 99999),
    PRIMARY KEY (city_code, day)
  )`.execute(db);
  // One round trip: the step and, for this statement's own transaction only, a commit that does not
  // wait for the disk (set_config local lasts to the end of the transaction, its commit included).
  // NULL when the day's 99,999 numbers are used up.
  await sql`CREATE FUNCTION next_ticket_number(p_city text, p_day date) RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE n integer;
    BEGIN
      PERFORM set_config('synchronous_commit', 'off', true);
      INSERT INTO ticket_counter AS c (city_code, day, last) VALUES (p_city, p_day, 1)
        ON CONFLICT (city_code, day) DO UPDATE SET last = c.last + 1 WHERE c.last < 99999
        RETURNING c.last INTO n;
      RETURN n;
    END $$`.execute(db);
  // Days already numbered go on from their highest number.
  await sql`INSERT INTO ticket_counter (city_code, day, last)
    SELECT city_code, to_date(left(number, 8), 'YYYYMMDD'), max(substr(number, 10)::int)
      FROM ticket WHERE number ~ '^\\d{8}-\\d{5}$' GROUP BY 1, 2`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION next_ticket_number(text, date)`.execute(db);
  await sql`DROP TABLE ticket_counter`.execute(db);
}
