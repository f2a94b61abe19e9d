import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { invalidField } from '../../kernel/errors.ts';
import { maskPhone } from '../../kernel/privacy.ts';
import { todayInChina } from '../../kernel/validators/normalise.ts';
import { areaForFilter, gridForWrite, likePattern, notInScope, under, visibleTo, type Executor, type GridRef } from './area-scope.ts';
import { attachmentsOf } from './attachments.ts';
import { placeInGrid } from './building-service.ts';
import { normalPhone } from './field-checks.ts';
import { changed, created, diff, recordChange } from './history.ts';
import { householdForWrite } from './household-store.ts';
import { selectPeople } from './people-store.ts';
import { checkVersion } from './record-version.ts';
import type { CreateRental, RentalDetail, RentalOut, RentalQuery, UpdateRental } from './rental-schema.ts';

/** 出租房屋 rental houses: where, whose (landlord 房东) and how many tenants. */

function selectRentals(db: Executor, caller: Caller) {
  return db.selectFrom('rental_house as r').select([
    'r.id', 'r.grid_code', 'r.grid_path', 'r.household_id', 'r.building_id', 'r.unit_id', 'r.room', 'r.address', 'r.landlord_person_id',
    'r.landlord_name', 'r.landlord_phone', 'r.tenants', 'r.area_m2', 'r.purpose', 'r.registered_on', 'r.status', 'r.notes', 'r.version', 'r.created_at', 'r.updated_at',
  ]).where(visibleTo(caller, 'r'));
}
type RentalRow = Awaited<ReturnType<ReturnType<typeof selectRentals>['executeTakeFirstOrThrow']>>;

/** A stored row as the API shows it (lists and exports). */
export const toOut = (r: RentalRow): RentalOut => ({
  id: r.id, gridCode: r.grid_code, householdId: r.household_id, buildingId: r.building_id, unitId: r.unit_id, room: r.room, address: r.address,
  landlord: { personId: r.landlord_person_id, name: r.landlord_name, phone: maskPhone(r.landlord_phone) },
  tenants: r.tenants, areaM2: r.area_m2 === null ? null : Number(r.area_m2), purpose: r.purpose, registeredOn: r.registered_on, status: r.status,
  notes: r.notes, version: r.version, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
});

async function rentalInScope(db: Executor, caller: Caller, id: number, forUpdate = false): Promise<RentalRow> {
  let q = selectRentals(db, caller).where('r.id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notInScope('rental_house', id);
  return row;
}

/** The landlord from a person record in scope, or as a name and phone given by hand. */
async function landlordOf(db: Executor, caller: Caller, input: { landlordPersonId?: number | null; landlordName?: string; landlordPhone?: string | null }) {
  const phone = normalPhone(input.landlordPhone, 'landlordPhone');
  if (input.landlordPersonId) {
    const p = await selectPeople(db, caller).where('p.id', '=', input.landlordPersonId).executeTakeFirst();
    if (!p) throw invalidField('landlordPersonId', `人员 ${input.landlordPersonId} 不存在或不在您的管辖范围内；请改填房东姓名和电话 / person not found in your area; give landlordName and landlordPhone instead`);
    return { personId: p.id, name: p.name, phone: phone !== undefined ? phone : p.phone };
  }
  const name = input.landlordName?.trim();
  if (!name) throw invalidField('landlordName', '请填写房东姓名，或选择房东的人员记录 landlordPersonId / landlordName (or landlordPersonId) is required');
  return { personId: null, name, phone: phone ?? null };
}

function checkRegisteredOn(on: string | null | undefined): void {
  if (on && on > todayInChina()) throw invalidField('registeredOn', '登记日期不能晚于今天 / cannot be in the future');
}

function apiFields(r: { grid_code: string; household_id: number | null; building_id: number | null; unit_id: number | null; room: string | null; address: string; landlord_person_id: number | null; landlord_name: string; landlord_phone: string | null; tenants: number; area_m2: number | string | null; purpose: string; registered_on: string | null; status: string; notes: string | null }) {
  return {
    gridCode: r.grid_code, householdId: r.household_id, buildingId: r.building_id, unitId: r.unit_id, room: r.room, address: r.address,
    landlordPersonId: r.landlord_person_id, landlordName: r.landlord_name, landlordPhone: r.landlord_phone, tenants: r.tenants,
    areaM2: r.area_m2 === null ? null : Number(r.area_m2), purpose: r.purpose, registeredOn: r.registered_on, status: r.status, notes: r.notes,
  };
}

export async function createRental(trx: Transaction<DB>, caller: Caller, input: CreateRental): Promise<RentalDetail> {
  let grid: GridRef;
  let fromHousehold: { building_id: number | null; unit_id: number | null; room: string | null; address: string } | null = null;
  if (input.householdId) {
    const hh = await householdForWrite(trx, caller, input.householdId);
    if (input.gridCode && input.gridCode !== hh.grid_code) throw invalidField('gridCode', `住户 ${hh.id} 在网格 ${hh.grid_code} / the household is in grid ${hh.grid_code}`);
    grid = { code: hh.grid_code, path: hh.grid_path, name: '' };
    fromHousehold = hh;
  } else {
    if (!input.gridCode) throw invalidField('gridCode', '请填写所在网格，或所属住户 householdId / gridCode (or householdId) is required');
    grid = await gridForWrite(trx, caller, input.gridCode);
  }
  const address = input.address?.trim() || fromHousehold?.address;
  if (!address) throw invalidField('address', '请填写房屋地址 / address is required');
  const place = await placeInGrid(trx, caller, grid.code, input.buildingId !== undefined ? input.buildingId : fromHousehold?.building_id, input.unitId !== undefined ? input.unitId : fromHousehold?.unit_id);
  const landlord = await landlordOf(trx, caller, input);
  checkRegisteredOn(input.registeredOn);
  const values = {
    grid_code: grid.code, household_id: input.householdId ?? null, building_id: place.buildingId, unit_id: place.unitId,
    room: input.room !== undefined ? input.room?.trim() || null : fromHousehold?.room ?? null, address,
    landlord_person_id: landlord.personId, landlord_name: landlord.name, landlord_phone: landlord.phone, tenants: input.tenants ?? 0,
    area_m2: input.areaM2 ?? null, purpose: input.purpose ?? 'residence', registered_on: input.registeredOn ?? null, status: input.status ?? 'active', notes: input.notes?.trim() || null,
  } as const;
  const { id } = await trx.insertInto('rental_house').values({ ...values, city_code: caller.cityCode, grid_path: grid.path, created_by: caller.id, updated_by: caller.id })
    .returning('id').executeTakeFirstOrThrow();
  await recordChange(trx, caller, 'rental_house', id, 'create', created(apiFields(values)));
  return getRental(trx, caller, id);
}

export async function updateRental(trx: Transaction<DB>, caller: Caller, id: number, input: UpdateRental): Promise<RentalDetail> {
  const row = await rentalInScope(trx, caller, id, true);
  checkVersion(row.version, input.version);
  let grid: GridRef = { code: row.grid_code, path: row.grid_path, name: '' };
  let householdId = row.household_id;
  if (input.householdId !== undefined && input.householdId !== row.household_id) {
    householdId = input.householdId;
    if (householdId !== null) {
      const hh = await householdForWrite(trx, caller, householdId);
      grid = { code: hh.grid_code, path: hh.grid_path, name: '' };
    }
  }
  if (input.gridCode && input.gridCode !== grid.code) {
    if (householdId !== null) throw invalidField('gridCode', '登记在住户上的出租房屋随住户所在网格 / a rental house of a household lies in the household’s grid');
    grid = await gridForWrite(trx, caller, input.gridCode);
  }
  const place = await placeInGrid(trx, caller, grid.code,
    input.buildingId !== undefined ? input.buildingId : input.unitId !== undefined ? null : row.building_id,
    input.unitId !== undefined ? input.unitId : input.buildingId !== undefined ? null : row.unit_id);
  const landlordGiven = input.landlordPersonId !== undefined || input.landlordName !== undefined;
  const landlord = landlordGiven
    ? await landlordOf(trx, caller, input)
    : { personId: row.landlord_person_id, name: row.landlord_name, phone: input.landlordPhone !== undefined ? normalPhone(input.landlordPhone, 'landlordPhone') ?? null : row.landlord_phone };
  checkRegisteredOn(input.registeredOn);
  const address = input.address?.trim();
  if (address === '') throw invalidField('address', '地址不能为空 / address is empty');
  const next = {
    grid_code: grid.code, household_id: householdId, building_id: place.buildingId, unit_id: place.unitId,
    room: input.room !== undefined ? input.room?.trim() || null : row.room, address: address ?? row.address,
    landlord_person_id: landlord.personId, landlord_name: landlord.name, landlord_phone: landlord.phone, tenants: input.tenants ?? row.tenants,
    area_m2: input.areaM2 !== undefined ? input.areaM2 : row.area_m2 === null ? null : Number(row.area_m2), purpose: input.purpose ?? row.purpose,
    registered_on: input.registeredOn !== undefined ? input.registeredOn : row.registered_on, status: input.status ?? row.status,
    notes: input.notes !== undefined ? input.notes?.trim() || null : row.notes,
  };
  const changes = diff(apiFields(row), apiFields(next));
  if (changed(changes)) {
    await trx.updateTable('rental_house').set({ ...next, grid_path: grid.path, updated_at: new Date(), updated_by: caller.id, version: sql`version + 1` })
      .where('city_code', '=', caller.cityCode).where('id', '=', id).execute();
    await recordChange(trx, caller, 'rental_house', id, 'update', changes);
  }
  return getRental(trx, caller, id);
}

export async function getRental(db: Executor, caller: Caller, id: number): Promise<RentalDetail> {
  return { ...toOut(await rentalInScope(db, caller, id)), attachments: await attachmentsOf(db, caller.cityCode, 'rental_house', id) };
}

export async function listRentals(db: Kysely<DB>, caller: Caller, q: RentalQuery) {
  const base = await rentalsQuery(db, caller, q);
  const [{ n }] = await base.clearSelect().select(sql<number>`count(*)::int`.as('n')).execute();
  const rows = await base.orderBy('r.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: rows.map(toOut), total: n };
}

/** The rental houses a list shows (scope and filters, no paging): the list route and the export share it. */
export async function rentalsQuery(db: Kysely<DB>, caller: Caller, q: Omit<RentalQuery, 'page' | 'pageSize'>) {
  let base = selectRentals(db, caller);
  if (q.grid) base = base.where(under('r.grid_path', (await areaForFilter(db, caller, q.grid)).path));
  if (q.status) base = base.where('r.status', '=', q.status);
  if (q.purpose) base = base.where('r.purpose', '=', q.purpose);
  if (q.householdId) base = base.where('r.household_id', '=', q.householdId);
  if (q.q) {
    const like = likePattern(q.q.trim());
    base = base.where((eb) => eb.or([eb('r.address', 'ilike', like), eb('r.landlord_name', 'ilike', like)]));
  }
  return base;
}
