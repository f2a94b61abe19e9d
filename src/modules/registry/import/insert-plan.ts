import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import type { EntityType } from '../area-scope.ts';
import { maskedChanges, type Changes } from '../history.ts';
import { householdCreated } from '../household-service.ts';
import { organisationCreated } from '../organisation-service.ts';
import { HEAD_OF_HOUSEHOLD, personCreated, type NewPersonValues } from '../people-service.ts';
import { bulkInsert, inChunks, reserveIds, type BulkColumn } from './bulk-insert.ts';
import type { ImportPlan } from './check.ts';

/**
 * Writes a checked plan inside the caller's transaction: households, people, organisations, their
 * tags, one history row (record_change) per record as the API writes it, all in bulk. Ids are
 * reserved first so households, heads and members can name each other.
 */

export interface Inserted { people: number; households: number; organisations: number }
type Done = (n: number) => Promise<void>;

interface PersonRow { id: number; v: NewPersonValues; gridCode: string; gridPath: string; householdId: number | null; tags: readonly string[] }

const history = (caller: Caller, type: EntityType, items: { id: number; action: string; changes: Changes }[]): BulkColumn[] => [
  { name: 'city_code', type: 'text', value: caller.cityCode },
  { name: 'entity_type', type: 'text', value: type },
  { name: 'entity_id', type: 'bigint', values: items.map((i) => i.id) },
  { name: 'action', type: 'text', values: items.map((i) => i.action) },
  { name: 'changed_by', type: 'integer', value: caller.id },
  { name: 'changed_by_name', type: 'text', value: caller.displayName },
  { name: 'changes', type: 'jsonb', values: items.map((i) => JSON.stringify(maskedChanges(i.changes))) },
];

const tagRows = (caller: Caller, type: 'person' | 'household' | 'organisation', items: readonly { id: number; tags: readonly string[] }[]): BulkColumn[] => {
  const pairs = items.flatMap((i) => i.tags.map((t) => [i.id, t] as const));
  return [
    { name: 'city_code', type: 'text', value: caller.cityCode },
    { name: 'entity_type', type: 'text', value: type },
    { name: 'entity_id', type: 'bigint', values: pairs.map((p) => p[0]) },
    { name: 'tag_code', type: 'text', values: pairs.map((p) => p[1]) },
    { name: 'created_by', type: 'integer', value: caller.id },
  ];
};

async function insertPeople(trx: Transaction<DB>, caller: Caller, rows: PersonRow[], done: Done): Promise<void> {
  await inChunks(rows, async (chunk) => {
    const col = <T>(name: string, type: string, f: (r: PersonRow) => T): BulkColumn => ({ name, type, values: chunk.map(f) });
    await bulkInsert(trx, 'person', [
      { name: 'city_code', type: 'text', value: caller.cityCode }, col('id', 'bigint', (r) => r.id),
      col('id_number', 'text', (r) => r.v.id_number), col('name', 'text', (r) => r.v.name), col('sex', 'text', (r) => r.v.sex),
      col('birth_date', 'date', (r) => r.v.birth_date), col('ethnicity', 'text', (r) => r.v.ethnicity), col('political_status', 'text', (r) => r.v.political_status),
      col('education', 'text', (r) => r.v.education), col('phone', 'text', (r) => r.v.phone), col('residence_type', 'text', (r) => r.v.residence_type),
      col('household_id', 'bigint', (r) => r.householdId), col('relation', 'text', (r) => r.v.relation), col('grid_code', 'text', (r) => r.gridCode),
      col('grid_path', 'ltree', (r) => r.gridPath), col('address', 'text', (r) => r.v.address), col('workplace', 'text', (r) => r.v.workplace),
      col('nationality', 'text', (r) => r.v.nationality), col('notes', 'text', (r) => r.v.notes),
      { name: 'created_by', type: 'integer', value: caller.id }, { name: 'updated_by', type: 'integer', value: caller.id },
    ]);
    await bulkInsert(trx, 'entity_tag', tagRows(caller, 'person', chunk), false);
    await bulkInsert(trx, 'record_change', history(caller, 'person', chunk.map((r) => ({ id: r.id, action: 'create', changes: personCreated(r.v, r.gridCode, r.householdId, r.tags) }))), false);
  }, done);
}

export async function insertPlan(trx: Transaction<DB>, caller: Caller, plan: ImportPlan, done: Done): Promise<Inserted> {
  // Households first (their heads are set once the people exist: the two tables point at each other).
  const hhIds = await reserveIds(trx, 'household', plan.households.length);
  const hh = plan.households.map((h, i) => ({ ...h, id: hhIds[i] }));
  await inChunks(hh, async (chunk) => {
    const col = (name: string, type: string, f: (h: (typeof hh)[number]) => unknown): BulkColumn => ({ name, type, values: chunk.map(f) });
    await bulkInsert(trx, 'household', [
      { name: 'city_code', type: 'text', value: caller.cityCode }, col('id', 'bigint', (h) => h.id), col('grid_code', 'text', (h) => h.grid.code),
      col('grid_path', 'ltree', (h) => h.grid.path), col('building_id', 'bigint', (h) => h.buildingId), col('unit_id', 'bigint', (h) => h.unitId),
      col('room', 'text', (h) => h.room), col('address', 'text', (h) => h.address), col('kind', 'text', (h) => h.kind), col('phone', 'text', (h) => h.phone),
      { name: 'created_by', type: 'integer', value: caller.id }, { name: 'updated_by', type: 'integer', value: caller.id },
    ]);
    await bulkInsert(trx, 'entity_tag', tagRows(caller, 'household', chunk), false);
  }, async () => {});

  const members = hh.flatMap((h) => h.members.map((m) => ({ ...m, h })));
  const personIds = await reserveIds(trx, 'person', members.length + plan.people.length);
  const people: PersonRow[] = [
    ...members.map((m, i) => ({ id: personIds[i], v: m.values, gridCode: m.h.grid.code, gridPath: m.h.grid.path, householdId: m.h.id, tags: m.tags })),
    ...plan.people.map((p, i) => ({ id: personIds[members.length + i], v: p.values, gridCode: p.grid.code, gridPath: p.grid.path, householdId: p.household?.id ?? null, tags: p.tags })),
  ];
  await insertPeople(trx, caller, people, done);

  // Heads: new households get theirs; a registered household without one gets the row that claims it, with its own history line.
  const memberIdsOf = new Map<number, number[]>();
  members.forEach((m, i) => memberIdsOf.set(m.h.id, [...(memberIdsOf.get(m.h.id) ?? []), personIds[i]]));
  const heads = [
    ...hh.map((h) => ({ household: h.id, person: memberIdsOf.get(h.id)![h.head], fresh: true })),
    ...people.slice(members.length).filter((p) => p.householdId !== null && p.v.relation === HEAD_OF_HOUSEHOLD).map((p) => ({ household: p.householdId!, person: p.id, fresh: false })),
  ];
  for (let i = 0; i < heads.length; i += 5000) {
    const chunk = heads.slice(i, i + 5000);
    await sql`UPDATE household h SET head_person_id = v.p, updated_at = CASE WHEN v.fresh THEN h.updated_at ELSE now() END,
        version = CASE WHEN v.fresh THEN h.version ELSE h.version + 1 END, updated_by = ${caller.id}
      FROM unnest(${chunk.map((x) => x.household)}::bigint[], ${chunk.map((x) => x.person)}::bigint[], ${chunk.map((x) => x.fresh)}::boolean[]) AS v(h, p, fresh)
      WHERE h.city_code = ${caller.cityCode} AND h.id = v.h`.execute(trx);
  }
  const historyItems = [
    ...hh.map((h) => ({ id: h.id, action: 'create', changes: householdCreated({
      gridCode: h.grid.code, buildingId: h.buildingId, unitId: h.unitId, room: h.room, address: h.address, kind: h.kind, phone: h.phone,
      headPersonId: memberIdsOf.get(h.id)![h.head], members: memberIdsOf.get(h.id)!, tags: h.tags,
    }) })),
    ...heads.filter((x) => !x.fresh).map((x) => ({ id: x.household, action: 'update', changes: { headPersonId: [null, x.person] } as Changes })),
  ];
  for (let i = 0; i < historyItems.length; i += 5000) await bulkInsert(trx, 'record_change', history(caller, 'household', historyItems.slice(i, i + 5000)), false);

  const orgIds = await reserveIds(trx, 'organisation', plan.organisations.length);
  const orgs = plan.organisations.map((o, i) => ({ ...o, id: orgIds[i] }));
  await inChunks(orgs, async (chunk) => {
    const col = (name: string, type: string, f: (o: (typeof orgs)[number]) => unknown): BulkColumn => ({ name, type, values: chunk.map(f) });
    await bulkInsert(trx, 'organisation', [
      { name: 'city_code', type: 'text', value: caller.cityCode }, col('id', 'bigint', (o) => o.id), col('kind', 'text', (o) => o.values.kind),
      col('name', 'text', (o) => o.values.name), col('credit_code', 'text', (o) => o.values.credit_code), col('industry', 'text', (o) => o.values.industry),
      col('legal_rep', 'text', (o) => o.values.legal_rep), col('phone', 'text', (o) => o.values.phone), col('address', 'text', (o) => o.values.address),
      col('grid_code', 'text', (o) => o.grid.code), col('grid_path', 'ltree', (o) => o.grid.path), col('employees', 'integer', (o) => o.values.employees),
      col('registered_capital', 'numeric', (o) => o.values.registered_capital), col('established_on', 'date', (o) => o.values.established_on),
      col('status', 'text', (o) => o.values.status), col('has_party_org', 'boolean', (o) => o.values.has_party_org), col('notes', 'text', (o) => o.values.notes),
      { name: 'created_by', type: 'integer', value: caller.id }, { name: 'updated_by', type: 'integer', value: caller.id },
    ]);
    await bulkInsert(trx, 'entity_tag', tagRows(caller, 'organisation', chunk), false);
    await bulkInsert(trx, 'record_change', history(caller, 'organisation', chunk.map((o) => ({ id: o.id, action: 'create', changes: organisationCreated(o.values, o.grid.code, o.tags) }))), false);
  }, done);
  return { people: people.length, households: hh.length, organisations: orgs.length };
}
