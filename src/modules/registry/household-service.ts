import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { invalidField } from '../../kernel/errors.ts';
import { maskPhone } from '../../kernel/privacy.ts';
import { areaForFilter, gridForWrite, hasTag, likePattern, under, type Executor, type GridRef } from './area-scope.ts';
import { attachmentsOf } from './attachments.ts';
import { placeInGrid } from './building-service.ts';
import { attempt, normalPhone, type ProblemSink } from './field-checks.ts';
import { changed, created, diff, recordChange } from './history.ts';
import type { CreateHousehold, HouseholdDetail, HouseholdOut, HouseholdQuery, UpdateHousehold } from './household-schema.ts';
import { householdInScope, selectHouseholds, type HouseholdRow } from './household-store.ts';
import { checkNewPerson, HEAD_OF_HOUSEHOLD, insertPerson } from './people-service.ts';
import { peopleOut, refuseDuplicateId, selectPeople } from './people-store.ts';
import { checkVersion } from './record-version.ts';
import { addTags, checkTagCodes, replaceTags, tagsOf } from './tags-service.ts';

/** 户 households: created with their members in one request, edited with optimistic versions. */

function withHeadAndCount<T extends ReturnType<typeof selectHouseholds>>(q: T) {
  return q
    .leftJoin('person as hp', (j) => j.onRef('hp.city_code', '=', 'h.city_code').onRef('hp.id', '=', 'h.head_person_id'))
    .select('hp.name as head_name')
    .select((eb) => eb.selectFrom('person as m').whereRef('m.city_code', '=', 'h.city_code').whereRef('m.household_id', '=', 'h.id').where('m.deleted_at', 'is', null)
      .select(sql<number>`count(*)::int`.as('n')).as('member_count'));
}

export type ListedRow = HouseholdRow & { head_name: string | null; member_count: number | null };

export async function householdsOut(db: Executor, caller: Caller, rows: ListedRow[]): Promise<HouseholdOut[]> {
  const tags = await tagsOf(db, caller.cityCode, 'household', rows.map((r) => r.id));
  return rows.map((h) => ({
    id: h.id, gridCode: h.grid_code, buildingId: h.building_id, unitId: h.unit_id, room: h.room, address: h.address, kind: h.kind,
    phone: maskPhone(h.phone), headPersonId: h.head_person_id, headName: h.head_name, memberCount: h.member_count ?? 0, notes: h.notes,
    tags: tags.get(h.id)!, version: h.version, createdAt: h.created_at.toISOString(), updatedAt: h.updated_at.toISOString(),
  }));
}

/**
 * The checks of a new household that need no database: its phone and address, every member, exactly
 * one head (02) and no ID number twice. With a sink every bad field is reported there instead of thrown.
 */
export function checkNewHousehold(input: Pick<CreateHousehold, 'address' | 'phone' | 'members'>, sink?: ProblemSink) {
  const phone = attempt(sink, () => normalPhone(input.phone, 'phone'), null) ?? null;
  const address = input.address.trim();
  attempt(sink, () => { if (!address) throw invalidField('address', '地址不能为空 / address is empty'); }, undefined);
  const members = input.members.map((m, i) => checkNewPerson(m, `members.${i}`, sink));
  const heads = members.flatMap((m, i) => (m.relation === HEAD_OF_HOUSEHOLD ? [i] : []));
  attempt(sink, () => {
    if (heads.length !== 1) {
      throw invalidField(heads.length ? `members.${heads[1]}.relation` : 'members', `一户须有且只有一位户主（与户主关系 02），现有 ${heads.length} 位 / a household needs exactly one member with relation 02 (head), found ${heads.length}`);
    }
  }, undefined);
  const seen = new Map<string, number>();
  members.forEach((m, i) => {
    const j = seen.get(m.id_number);
    attempt(sink, () => { if (j !== undefined) throw invalidField(`members.${i}.idNumber`, `与 members.${j} 的身份证号码相同 / same ID number as members.${j}`); }, undefined);
    seen.set(m.id_number, i);
  });
  return { phone, address, members, head: heads[0] };
}

/** The history of a new household (bulk imports write the same). */
export function householdCreated(h: { gridCode: string; buildingId: number | null; unitId: number | null; room?: string | null; address: string; kind: string; phone: string | null; notes?: string | null; headPersonId: number; members: number[]; tags?: readonly string[] }) {
  return created({ ...h, tags: h.tags?.length ? [...h.tags] : null });
}

export async function createHousehold(trx: Transaction<DB>, caller: Caller, input: CreateHousehold): Promise<HouseholdDetail> {
  const grid = await gridForWrite(trx, caller, input.gridCode);
  const place = await placeInGrid(trx, caller, grid.code, input.buildingId, input.unitId);
  // Every member checked before anything is written.
  const { phone, address, members, head } = checkNewHousehold(input);
  await checkTagCodes(trx, caller.cityCode, input.tags, 'household', 'tags');
  for (const [i, m] of input.members.entries()) await checkTagCodes(trx, caller.cityCode, m.tags, 'person', `members.${i}.tags`);
  for (const [i, m] of members.entries()) await refuseDuplicateId(trx, caller, m.id_number, `members.${i}.idNumber`);

  const { id } = await trx.insertInto('household').values({
    city_code: caller.cityCode, grid_code: grid.code, grid_path: grid.path, building_id: place.buildingId, unit_id: place.unitId,
    room: input.room?.trim() || null, address, kind: input.kind ?? 'family', phone, notes: input.notes?.trim() || null,
    created_by: caller.id, updated_by: caller.id,
  }).returning('id').executeTakeFirstOrThrow();
  const memberIds: number[] = [];
  for (const [i, m] of members.entries()) {
    memberIds.push(await insertPerson(trx, caller, { ...m, address: m.address ?? address }, grid, id, input.members[i].tags));
  }
  const headId = memberIds[head];
  await trx.updateTable('household').set({ head_person_id: headId }).where('city_code', '=', caller.cityCode).where('id', '=', id).execute();
  await addTags(trx, caller, 'household', id, input.tags ?? []);
  await recordChange(trx, caller, 'household', id, 'create', householdCreated({
    gridCode: grid.code, buildingId: place.buildingId, unitId: place.unitId, room: input.room, address, kind: input.kind ?? 'family',
    phone, notes: input.notes, headPersonId: headId, members: memberIds, tags: input.tags,
  }));
  return getHousehold(trx, caller, id);
}

export async function updateHousehold(trx: Transaction<DB>, caller: Caller, id: number, input: UpdateHousehold): Promise<HouseholdDetail> {
  const row = await householdInScope(trx, caller, id, true);
  checkVersion(row.version, input.version);
  let grid: GridRef = { code: row.grid_code, path: row.grid_path, name: '' };
  if (input.gridCode && input.gridCode !== row.grid_code) grid = await gridForWrite(trx, caller, input.gridCode);
  const place = await placeInGrid(trx, caller, grid.code,
    input.buildingId !== undefined ? input.buildingId : input.unitId !== undefined ? null : row.building_id,
    input.unitId !== undefined ? input.unitId : input.buildingId !== undefined ? null : row.unit_id);
  const phone = normalPhone(input.phone, 'phone');
  const address = input.address?.trim();
  if (address === '') throw invalidField('address', '地址不能为空 / address is empty');
  await checkTagCodes(trx, caller.cityCode, input.tags, 'household', 'tags');

  const next = {
    gridCode: grid.code, buildingId: place.buildingId, unitId: place.unitId,
    room: input.room !== undefined ? input.room?.trim() || null : row.room,
    address: address ?? row.address, kind: input.kind ?? row.kind,
    phone: phone !== undefined ? phone : row.phone,
    notes: input.notes !== undefined ? input.notes?.trim() || null : row.notes,
  };
  const changes = diff({ gridCode: row.grid_code, buildingId: row.building_id, unitId: row.unit_id, room: row.room, address: row.address, kind: row.kind, phone: row.phone, notes: row.notes }, next);
  const tagChange = input.tags ? await replaceTags(trx, caller, 'household', id, input.tags) : null;
  if (tagChange) changes.tags = tagChange;
  if (changed(changes)) {
    await trx.updateTable('household').set({
      grid_code: grid.code, grid_path: grid.path, building_id: next.buildingId, unit_id: next.unitId, room: next.room, address: next.address,
      kind: next.kind, phone: next.phone, notes: next.notes, updated_at: new Date(), updated_by: caller.id, version: sql`version + 1`,
    }).where('city_code', '=', caller.cityCode).where('id', '=', id).execute();
    await recordChange(trx, caller, 'household', id, 'update', changes);
  }
  if (grid.code !== row.grid_code) {
    // The members move with their household, each with a line in their own history.
    const moved = await trx.updateTable('person').set({ grid_code: grid.code, grid_path: grid.path, updated_at: new Date(), updated_by: caller.id, version: sql`version + 1` })
      .where('city_code', '=', caller.cityCode).where('household_id', '=', id).where('deleted_at', 'is', null).returning('id').execute();
    for (const m of moved) await recordChange(trx, caller, 'person', m.id, 'update', { gridCode: [row.grid_code, grid.code] });
  }
  return getHousehold(trx, caller, id);
}

export async function getHousehold(db: Executor, caller: Caller, id: number): Promise<HouseholdDetail> {
  await householdInScope(db, caller, id);
  const row = await withHeadAndCount(selectHouseholds(db, caller)).where('h.id', '=', id).executeTakeFirstOrThrow();
  const [out] = await householdsOut(db, caller, [row]);
  const members = await selectPeople(db, caller).where('p.household_id', '=', id).orderBy('p.relation').orderBy('p.id').execute();
  const rentals = await db.selectFrom('rental_house').select(['id', 'landlord_name', 'tenants', 'purpose', 'status'])
    .where('city_code', '=', caller.cityCode).where('household_id', '=', id).where('deleted_at', 'is', null).orderBy('id').execute();
  return {
    ...out,
    members: await peopleOut(db, caller, members),
    rentalHouses: rentals.map((r) => ({ id: r.id, landlordName: r.landlord_name, tenants: r.tenants, purpose: r.purpose, status: r.status })),
    attachments: await attachmentsOf(db, caller.cityCode, 'household', id),
  };
}

export async function listHouseholds(db: Kysely<DB>, caller: Caller, q: HouseholdQuery) {
  const base = await householdsQuery(db, caller, q);
  const [{ n }] = await base.clearSelect().select(sql<number>`count(*)::int`.as('n')).execute();
  const rows = await base.orderBy('h.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: await householdsOut(db, caller, rows), total: n };
}

/** The households a list shows (scope and filters, no paging): the list route and the export share it. */
export async function householdsQuery(db: Kysely<DB>, caller: Caller, q: Omit<HouseholdQuery, 'page' | 'pageSize'>) {
  let base = withHeadAndCount(selectHouseholds(db, caller));
  if (q.grid) base = base.where(under('h.grid_path', (await areaForFilter(db, caller, q.grid)).path));
  if (q.building) base = base.where('h.building_id', '=', q.building);
  if (q.unit) base = base.where('h.unit_id', '=', q.unit);
  if (q.tag) base = base.where(hasTag('h', 'household', q.tag));
  if (q.q) {
    const like = likePattern(q.q.trim());
    base = base.where((eb) => eb.or([eb('h.address', 'ilike', like), eb('hp.name', 'ilike', like)]));
  }
  return base;
}
