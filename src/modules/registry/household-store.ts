import type { Caller } from '../../kernel/auth/caller.ts';
import { invalidField } from '../../kernel/errors.ts';
import { notInScope, visibleTo, type Executor } from './area-scope.ts';

/** SQL of households (户), always through the caller's scope. */

export const HOUSEHOLD_COLUMNS = [
  'h.id', 'h.grid_code', 'h.grid_path', 'h.building_id', 'h.unit_id', 'h.room', 'h.address', 'h.kind', 'h.phone',
  'h.head_person_id', 'h.notes', 'h.version', 'h.created_at', 'h.updated_at',
] as const;

export function selectHouseholds(db: Executor, caller: Caller) {
  return db.selectFrom('household as h').select(HOUSEHOLD_COLUMNS).where(visibleTo(caller, 'h'));
}
export type HouseholdRow = Awaited<ReturnType<ReturnType<typeof selectHouseholds>['executeTakeFirstOrThrow']>>;

export async function householdInScope(db: Executor, caller: Caller, id: number, forUpdate = false): Promise<HouseholdRow> {
  let q = selectHouseholds(db, caller).where('h.id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notInScope('household', id);
  return row;
}

/** A household named in a request body (householdId): in scope, else 400 naming the field. */
export async function householdForWrite(db: Executor, caller: Caller, id: number, field = 'householdId'): Promise<HouseholdRow> {
  const row = await selectHouseholds(db, caller).where('h.id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw invalidField(field, `住户 ${id} 不存在或不在您的管辖范围内 / household ${id} does not exist or is outside your area`);
  return row;
}
