import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_registry.ts';
import * as m0003reports from './migrations/0003_reports.ts';
import * as m0004imports from './migrations/0004_registry_imports.ts';
import * as m0005lookups from './migrations/0005_registry_lookups.ts';
import * as m0006events from './migrations/0006_events.ts';
import * as m0007tagCodes from './migrations/0007_person_tag_codes.ts';
import * as m0008memberTags from './migrations/0008_household_member_tags.ts';
import * as m0009ticketCounter from './migrations/0009_ticket_counter.ts';
import * as m0010departments from './migrations/0010_departments.ts';
import * as m0011calendarYears from './migrations/0011_calendar_years.ts';
import * as m0012mediation from './migrations/0012_mediation.ts';
import * as m0013mediationScreening from './migrations/0013_mediation_screening.ts';
import * as m0014mediationNotices from './migrations/0014_mediation_notices.ts';
import * as m0015mediationApplications from './migrations/0015_mediation_applications.ts';

/** Migrations are listed here in order, so they run the same from sources and from any bundle. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_registry': m0002,
  '0003_reports': m0003reports,
  '0004_registry_imports': m0004imports,
  '0005_registry_lookups': m0005lookups,
  '0006_events': m0006events,
  '0007_person_tag_codes': m0007tagCodes,
  '0008_household_member_tags': m0008memberTags,
  '0009_ticket_counter': m0009ticketCounter,
  '0010_departments': m0010departments,
  '0011_calendar_years': m0011calendarYears,
  '0012_mediation': m0012mediation,
  '0013_mediation_screening': m0013mediationScreening,
  '0014_mediation_notices': m0014mediationNotices,
  '0015_mediation_applications': m0015mediationApplications,
};

/** The names of all migrations, in order. */
export const MIGRATION_NAMES = Object.keys(migrations);

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
