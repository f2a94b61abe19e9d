import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the registry's references that 0002 left without one: the households of a unit
 * (the phone page walks a building unit by unit), the units of a building, the rental houses of a household or a
 * landlord, and the household a person heads. Without them each of these lookups, and each
 * foreign-key check when a referenced row changes, reads the whole table.
 */
const INDEXES = [
  ['unit_building', 'unit (city_code, building_id)'],
  ['household_unit', 'household (city_code, unit_id) WHERE unit_id IS NOT NULL'],
  ['household_head', 'household (city_code, head_person_id) WHERE head_person_id IS NOT NULL'],
  ['rental_house_household', 'rental_house (city_code, household_id) WHERE household_id IS NOT NULL'],
  ['rental_house_landlord', 'rental_house (city_code, landlord_person_id) WHERE landlord_person_id IS NOT NULL'],
  ['rental_house_building', 'rental_house (city_code, building_id) WHERE building_id IS NOT NULL'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, def] of INDEXES) await sql.raw(`CREATE INDEX IF NOT EXISTS ${name} ON ${def}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`DROP INDEX IF EXISTS ${name}`).execute(db);
}
