import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { invalidField } from '../../kernel/errors.ts';
import { areaForFilter, gridForWrite, likePattern, notInScope, under, visibleTo, type Executor } from './area-scope.ts';
import { attachmentsOf } from './attachments.ts';
import type { BuildingDetail, BuildingOut, BuildingQuery, CreateBuilding, UnitInput, UpdateBuilding } from './building-schema.ts';
import { changed, created, diff, recordChange } from './history.ts';

/** 楼栋 buildings and their 单元 units, under a grid. */

function selectBuildings(db: Executor, caller: Caller) {
  return db.selectFrom('building as b')
    .select(['b.id', 'b.grid_code', 'b.grid_path', 'b.name', 'b.address', 'b.floors', 'b.kind', 'b.location', 'b.created_at', 'b.updated_at'])
    .select((eb) => [
      eb.selectFrom('unit as u').whereRef('u.city_code', '=', 'b.city_code').whereRef('u.building_id', '=', 'b.id').select(sql<number>`count(*)::int`.as('n')).as('unit_count'),
      eb.selectFrom('household as h').whereRef('h.city_code', '=', 'b.city_code').whereRef('h.building_id', '=', 'b.id').where('h.deleted_at', 'is', null)
        .select(sql<number>`count(*)::int`.as('n')).as('household_count'),
    ])
    .where(visibleTo(caller, 'b', false));
}
type BuildingRow = Awaited<ReturnType<ReturnType<typeof selectBuildings>['executeTakeFirstOrThrow']>>;

/** A stored row as the API shows it (lists and exports). */
export const toOut = (b: BuildingRow): BuildingOut => ({
  id: b.id, gridCode: b.grid_code, name: b.name, address: b.address, floors: b.floors, kind: b.kind, location: b.location,
  unitCount: b.unit_count ?? 0, householdCount: b.household_count ?? 0, createdAt: b.created_at.toISOString(), updatedAt: b.updated_at.toISOString(),
});

async function buildingInScope(db: Executor, caller: Caller, id: number, forUpdate = false): Promise<BuildingRow> {
  let q = selectBuildings(db, caller).where('b.id', '=', id);
  if (forUpdate) q = q.forUpdate('b');
  const row = await q.executeTakeFirst();
  if (!row) throw notInScope('building', id);
  return row;
}

/**
 * Where a household or rental house sits: its building must stand in the same grid and its
 * unit belong to that building (a unit alone names its building). Problems name the field.
 */
export async function placeInGrid(db: Executor, caller: Caller, gridCode: string, buildingId: number | null | undefined, unitId: number | null | undefined) {
  let building = buildingId ?? null;
  if (unitId) {
    // A unit is seen through its building, so a unit outside the caller's area looks like none at all.
    const u = await db.selectFrom('unit as u').innerJoin('building as b', (j) => j.onRef('b.city_code', '=', 'u.city_code').onRef('b.id', '=', 'u.building_id'))
      .select(['u.building_id']).where('u.id', '=', unitId).where(visibleTo(caller, 'b', false)).executeTakeFirst();
    if (!u) throw invalidField('unitId', `单元 ${unitId} 不存在或不在您的管辖范围内 / unit ${unitId} does not exist or is outside your area`);
    if (building !== null && u.building_id !== building) throw invalidField('unitId', `单元 ${unitId} 不属于楼栋 ${building} / unit ${unitId} is not in building ${building}`);
    building = u.building_id;
  }
  if (building !== null) {
    const b = await db.selectFrom('building as b').select(['b.grid_code']).where('b.id', '=', building).where(visibleTo(caller, 'b', false)).executeTakeFirst();
    const field = buildingId ? 'buildingId' : 'unitId';
    if (!b) throw invalidField(field, `楼栋 ${building} 不存在或不在您的管辖范围内 / building ${building} does not exist or is outside your area`);
    if (b.grid_code !== gridCode) throw invalidField(field, `楼栋 ${building} 在网格 ${b.grid_code}，不在网格 ${gridCode} / building ${building} stands in grid ${b.grid_code}, not ${gridCode}`);
  }
  return { buildingId: building, unitId: unitId ?? null };
}

async function insertUnits(trx: Transaction<DB>, caller: Caller, buildingId: number, units: UnitInput[], field: string): Promise<void> {
  if (!units.length) return;
  const existing = new Set((await trx.selectFrom('unit').select('name').where('city_code', '=', caller.cityCode).where('building_id', '=', buildingId).execute()).map((u) => u.name));
  units.forEach((u, i) => {
    const name = u.name.trim();
    if (!name || existing.has(name)) throw invalidField(`${field}.${i}.name`, `单元名称“${u.name}”为空或重复 / unit name is empty or already used in this building`);
    existing.add(name);
  });
  await trx.insertInto('unit').values(units.map((u) => ({ city_code: caller.cityCode, building_id: buildingId, name: u.name.trim(), floors: u.floors ?? null, rooms_per_floor: u.roomsPerFloor ?? null }))).execute();
}

export async function createBuilding(trx: Transaction<DB>, caller: Caller, input: CreateBuilding): Promise<BuildingDetail> {
  const grid = await gridForWrite(trx, caller, input.gridCode);
  const name = input.name.trim();
  if (!name) throw invalidField('name', '名称不能为空 / name is empty');
  const { id } = await trx.insertInto('building').values({
    city_code: caller.cityCode, grid_code: grid.code, grid_path: grid.path, name, address: input.address?.trim() || null,
    floors: input.floors ?? null, kind: input.kind ?? 'residential', location: input.location ? JSON.stringify(input.location) : null,
  }).returning('id').executeTakeFirstOrThrow();
  await insertUnits(trx, caller, id, input.units ?? [], 'units');
  await recordChange(trx, caller, 'building', id, 'create', created({
    gridCode: grid.code, name, address: input.address, floors: input.floors, kind: input.kind ?? 'residential', location: input.location,
    units: input.units?.length ? input.units.map((u) => u.name.trim()) : null,
  }));
  return getBuilding(trx, caller, id);
}

export async function updateBuilding(trx: Transaction<DB>, caller: Caller, id: number, input: UpdateBuilding): Promise<BuildingDetail> {
  const b = await buildingInScope(trx, caller, id, true);
  const name = input.name?.trim();
  if (name === '') throw invalidField('name', '名称不能为空 / name is empty');
  const next = {
    name: name ?? b.name,
    address: input.address !== undefined ? input.address?.trim() || null : b.address,
    floors: input.floors !== undefined ? input.floors : b.floors,
    kind: input.kind ?? b.kind,
    location: input.location !== undefined ? input.location : b.location,
  };
  const changes = diff({ name: b.name, address: b.address, floors: b.floors, kind: b.kind, location: b.location }, next);
  if (input.addUnits) {
    await insertUnits(trx, caller, id, input.addUnits, 'addUnits');
    changes.units = [null, input.addUnits.map((u) => u.name.trim())];
  }
  if (changed(changes)) {
    await trx.updateTable('building').set({
      name: next.name, address: next.address, floors: next.floors, kind: next.kind, location: next.location ? JSON.stringify(next.location) : null, updated_at: new Date(),
    }).where('city_code', '=', caller.cityCode).where('id', '=', id).execute();
    await recordChange(trx, caller, 'building', id, 'update', changes);
  }
  return getBuilding(trx, caller, id);
}

export async function getBuilding(db: Executor, caller: Caller, id: number): Promise<BuildingDetail> {
  const b = await buildingInScope(db, caller, id);
  const units = await db.selectFrom('unit').select(['id', 'name', 'floors', 'rooms_per_floor']).where('city_code', '=', caller.cityCode).where('building_id', '=', id).orderBy('id').execute();
  const households = await db.selectFrom('household as h')
    .leftJoin('person as hp', (j) => j.onRef('hp.city_code', '=', 'h.city_code').onRef('hp.id', '=', 'h.head_person_id'))
    .select(['h.id', 'h.unit_id', 'h.room', 'h.address', 'hp.name as head_name'])
    .select((eb) => eb.selectFrom('person as m').whereRef('m.city_code', '=', 'h.city_code').whereRef('m.household_id', '=', 'h.id').where('m.deleted_at', 'is', null)
      .select(sql<number>`count(*)::int`.as('n')).as('member_count'))
    .where('h.building_id', '=', id).where(visibleTo(caller, 'h')).orderBy('h.room').orderBy('h.id').execute();
  const brief = (h: (typeof households)[number]) => ({ id: h.id, room: h.room, address: h.address, headName: h.head_name, memberCount: h.member_count ?? 0 });
  return {
    ...toOut(b),
    units: units.map((u) => ({ id: u.id, name: u.name, floors: u.floors, roomsPerFloor: u.rooms_per_floor, households: households.filter((h) => h.unit_id === u.id).map(brief) })),
    householdsWithoutUnit: households.filter((h) => h.unit_id === null).map(brief),
    attachments: await attachmentsOf(db, caller.cityCode, 'building', id),
  };
}

export async function listBuildings(db: Kysely<DB>, caller: Caller, q: BuildingQuery) {
  const base = await buildingsQuery(db, caller, q);
  const [{ n }] = await base.clearSelect().select(sql<number>`count(*)::int`.as('n')).execute();
  const rows = await base.orderBy('b.grid_code').orderBy('b.name').orderBy('b.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: rows.map(toOut), total: n };
}

/** The buildings a list shows (scope and filters, no paging): the list route and the export share it. */
export async function buildingsQuery(db: Kysely<DB>, caller: Caller, q: Omit<BuildingQuery, 'page' | 'pageSize'>) {
  let base = selectBuildings(db, caller);
  if (q.grid) base = base.where(under('b.grid_path', (await areaForFilter(db, caller, q.grid)).path));
  if (q.q) {
    const like = likePattern(q.q.trim());
    base = base.where((eb) => eb.or([eb('b.name', 'ilike', like), eb('b.address', 'ilike', like)]));
  }
  return base;
}
