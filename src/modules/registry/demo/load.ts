// Loads one generated district in one transaction: ids reserved first, then COPY table by table.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import { seedRegistryReference } from '../vocabularies/index.ts';
import { copyRows } from './copy-rows.ts';
import { suspendIndexes } from './bulk-indexes.ts';
import type { DemoData } from './types.ts';

export const LOADED_TABLES = ['building', 'unit', 'household', 'person', 'organisation', 'rental_house', 'entity_tag'] as const;

/** Kysely over one client, so its queries share the client's transaction with the COPY streams. */
function kyselyOn(client: pg.Client): Kysely<DB> {
  const pool = { connect: async () => Object.assign(client, { release: () => {} }), end: async () => {} };
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
}

/**
 * Reserves `n` consecutive ids of each table's identity sequence. The short lock keeps other
 * writers from taking numbers in between; it is released before the long load starts.
 */
async function reserveIds(client: pg.Client, counts: Record<string, number>): Promise<Record<string, number>> {
  const base: Record<string, number> = {};
  await client.query('BEGIN');
  try {
    const tables = Object.keys(counts).filter((t) => counts[t] > 0);
    if (tables.length) await client.query(`LOCK TABLE ${tables.join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
    for (const t of tables) {
      const seq = `pg_get_serial_sequence('${t}', 'id')`;
      const { rows } = await client.query<{ start: number }>(`SELECT nextval(${seq}) AS start`);
      base[t] = Number(rows[0].start) - 1; // row id i becomes base + i
      if (counts[t] > 1) await client.query(`SELECT setval(${seq}, $1)`, [base[t] + counts[t]]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
  return base;
}

export interface LoadOptions {
  cityCode: string;
  districtCode: string;
  /** Drop and rebuild secondary indexes and foreign keys around the COPY (for big loads into small tables). */
  rebuildIndexes: boolean;
  log: (m: string) => void;
}

export async function loadDistrict(url: string, data: DemoData, opts: LoadOptions): Promise<void> {
  const { cityCode: city, log } = opts;
  const client = new pg.Client({ connectionString: url, application_name: 'shiyu-demo-seed' });
  await client.connect();
  const kdb = kyselyOn(client);
  try {
    const base = await reserveIds(client, {
      building: data.buildings.length, unit: data.units.length, household: data.households.length,
      person: data.people.length, organisation: data.organisations.length, rental_house: data.rentals.length,
    });
    const b = (t: string, id: number | null) => (id === null ? null : base[t] + id);
    const step = async (label: string, fn: () => Promise<unknown>) => {
      const t = performance.now();
      const r = await fn();
      log(`  ${label}${typeof r === 'number' ? ` ${r.toLocaleString('en')} rows` : ''} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    };
    await kdb.transaction().execute(async (trx) => {
      await client.query(`SET LOCAL synchronous_commit = off`);
      await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      await client.query(`SET LOCAL lock_timeout = '60s'`);
      await seedRegistryReference(trx, [city]);
      let restore: (() => Promise<void>) | null = null;
      if (opts.rebuildIndexes) restore = await suspendIndexes(client, LOADED_TABLES, (m) => log(`    ${m}`));
      await step('buildings', () => copyRows(client, 'building', ['city_code', 'id', 'grid_code', 'grid_path', 'name', 'address', 'location', 'floors', 'kind'], data.buildings,
        (r) => [city, b('building', r.id), r.gridCode, r.gridPath, r.name, r.address, r.location ? JSON.stringify(r.location) : null, r.floors, r.kind]));
      await step('units', () => copyRows(client, 'unit', ['city_code', 'id', 'building_id', 'name', 'floors', 'rooms_per_floor'], data.units,
        (r) => [city, b('unit', r.id), b('building', r.buildingId), r.name, r.floors, r.roomsPerFloor]));
      // The tag copies the report triggers keep (person.tag_codes, household.member_tag_codes, migrations
      // 0007/0008) are written with the rows, and the triggers stay off for this load: updating 78k
      // people and 50k households after the COPY would double the load and bloat the tables.
      const personTags = new Map<number, string[]>();
      for (const t of data.tags) if (t.entityType === 'person') personTags.set(t.entityId, [...(personTags.get(t.entityId) ?? []), t.tagCode]);
      const memberTags = new Map<number, Set<string>>();
      for (const p of data.people) {
        const tags = personTags.get(p.id);
        if (!tags || p.householdId === null) continue;
        const set = memberTags.get(p.householdId) ?? new Set<string>();
        for (const t of tags) set.add(t);
        memberTags.set(p.householdId, set);
      }
      const pgArray = (codes: Iterable<string> | undefined) => (codes ? `{${[...codes].sort().join(',')}}` : null);
      for (const trigger of ['entity_tag_person_insert', 'person_member_tags_insert']) {
        await client.query(`ALTER TABLE ${trigger.startsWith('entity_tag') ? 'entity_tag' : 'person'} DISABLE TRIGGER ${trigger}`);
      }
      // Without the keys suspended, a household's head can only be set once its people exist.
      const headNow = opts.rebuildIndexes;
      await step('households', () => copyRows(client, 'household', ['city_code', 'id', 'grid_code', 'grid_path', 'building_id', 'unit_id', 'room', 'address', 'phone', 'head_person_id', 'member_tag_codes'], data.households,
        (r) => [city, b('household', r.id), r.gridCode, r.gridPath, b('building', r.buildingId), b('unit', r.unitId), r.room, r.address, r.phone, headNow ? b('person', r.headPersonId) : null, pgArray(memberTags.get(r.id))]));
      await step('people', () => copyRows(client, 'person', ['city_code', 'id', 'id_number', 'name', 'sex', 'birth_date', 'ethnicity', 'political_status', 'education', 'phone', 'residence_type', 'household_id', 'relation', 'grid_code', 'grid_path', 'address', 'workplace', 'tag_codes'], data.people,
        (r) => [city, b('person', r.id), r.idNumber, r.name, r.sex, r.birthDate, r.ethnicity, r.politicalStatus, r.education, r.phone, r.residenceType, b('household', r.householdId), r.relation, r.gridCode, r.gridPath, r.address, r.workplace, pgArray(personTags.get(r.id))]));
      if (!headNow && data.households.length) {
        await step('heads of household', async () => (await client.query(
          `UPDATE household h SET head_person_id = v.p FROM unnest($2::bigint[], $3::bigint[]) AS v(h, p) WHERE h.city_code = $1 AND h.id = v.h`,
          [city, data.households.map((h) => base.household + h.id), data.households.map((h) => base.person + h.headPersonId)])).rowCount ?? 0);
      }
      await step('organisations', () => copyRows(client, 'organisation', ['city_code', 'id', 'kind', 'name', 'credit_code', 'industry', 'legal_rep', 'phone', 'address', 'grid_code', 'grid_path', 'employees', 'registered_capital', 'established_on', 'status', 'has_party_org'], data.organisations,
        (r) => [city, b('organisation', r.id), r.kind, r.name, r.creditCode, r.industry, r.legalRep, r.phone, r.address, r.gridCode, r.gridPath, r.employees, r.registeredCapital, r.establishedOn, r.status, r.hasPartyOrg]));
      await step('rental houses', () => copyRows(client, 'rental_house', ['city_code', 'id', 'grid_code', 'grid_path', 'household_id', 'building_id', 'unit_id', 'room', 'address', 'landlord_person_id', 'landlord_name', 'landlord_phone', 'tenants', 'area_m2', 'purpose', 'registered_on'], data.rentals,
        (r) => [city, b('rental_house', r.id), r.gridCode, r.gridPath, b('household', r.householdId), b('building', r.buildingId), b('unit', r.unitId), r.room, r.address, b('person', r.landlordPersonId), r.landlordName, r.landlordPhone, r.tenants, r.areaM2, r.purpose, r.registeredOn]));
      const tagBase = { person: base.person, household: base.household, organisation: base.organisation };
      await step('tags', () => copyRows(client, 'entity_tag', ['city_code', 'entity_type', 'entity_id', 'tag_code', 'since'], data.tags,
        (r) => [city, r.entityType, tagBase[r.entityType] + r.entityId, r.tagCode, r.since]));
      for (const trigger of ['entity_tag_person_insert', 'person_member_tags_insert']) {
        await client.query(`ALTER TABLE ${trigger.startsWith('entity_tag') ? 'entity_tag' : 'person'} ENABLE TRIGGER ${trigger}`);
      }
      if (restore) await step('indexes and keys rebuilt', restore);
      await appendAudit(trx, null, {
        action: 'registry.demo_seed', targetType: 'area', targetId: opts.districtCode, cityCode: city,
        detail: { people: data.people.length, households: data.households.length, organisations: data.organisations.length, rentals: data.rentals.length },
      });
    });
    if (data.people.length >= 10_000) await step('analyze', () => client.query(`ANALYZE ${LOADED_TABLES.join(', ')}`));
  } finally {
    await kdb.destroy().catch(() => {});
    await client.end().catch(() => {});
  }
}
