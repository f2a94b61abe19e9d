import { sql, type Kysely } from 'kysely';

// 申请调解 by residents themselves (the walk_in door through the app): the case keeps the account that
// applied, so the applicant — and only they — can follow it and read their agreement on the phone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE mediation_case ADD COLUMN applicant_user_id integer REFERENCES app_user(id)`.execute(db);
  // A resident's application is a walk-in (当事人申请), never a hand-off or a ticket.
  await sql`ALTER TABLE mediation_case ADD CONSTRAINT mediation_case_applicant_walk_in CHECK (applicant_user_id IS NULL OR source = 'walk_in')`.execute(db);
  // "My applications", newest first, and the daily limit per applicant.
  await sql`CREATE INDEX mediation_case_applicant ON mediation_case (city_code, applicant_user_id, registered_at DESC) WHERE applicant_user_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS mediation_case_applicant`.execute(db);
  await sql`ALTER TABLE mediation_case DROP CONSTRAINT IF EXISTS mediation_case_applicant_walk_in`.execute(db);
  await sql`ALTER TABLE mediation_case DROP COLUMN IF EXISTS applicant_user_id`.execute(db);
}
