import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { maskIdNumber, maskPhone } from '../../kernel/privacy.ts';
import type { EntityType, Executor } from './area-scope.ts';

/** field → [before, after], the shape of every history row. */
export type Changes = Record<string, [unknown, unknown]>;

// ID and phone numbers never reach the history in clear: it is read far more widely than it is written.
// A birth date keeps only its month: beside the masked ID's first 6 and last 4 it would restore the number.
const MASKS: Partial<Record<string, (v: string) => string | null>> = {
  idNumber: maskIdNumber, phone: maskPhone, landlordPhone: maskPhone, birthDate: (v) => v.slice(0, 7),
};

function masked(field: string, v: unknown): unknown {
  const mask = MASKS[field];
  return mask && typeof v === 'string' ? mask(v) : v;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of `after` that differ from `before` (only those named in `after`). */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const out: Changes = {};
  for (const [k, v] of Object.entries(after)) {
    if (v === undefined || same(before[k], v)) continue;
    out[k] = [before[k] ?? null, v];
  }
  return out;
}

export const changed = (c: Changes) => Object.keys(c).length > 0;

/** Every field of a new record as [null, value]. */
export function created(fields: Record<string, unknown>): Changes {
  return diff({}, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined)));
}

/** The changes as stored: ID and phone numbers masked, a birth date cut to its month. */
export function maskedChanges(changes: Changes): Changes {
  const safe: Changes = {};
  for (const [k, [a, b]] of Object.entries(changes)) safe[k] = [masked(k, a), masked(k, b)];
  return safe;
}

/** Writes one history row (谁、何时、改了什么) inside the transaction of the change. */
export async function recordChange(trx: Transaction<DB>, caller: Caller, type: EntityType, id: number, action: string, changes: Changes): Promise<void> {
  await trx.insertInto('record_change').values({
    city_code: caller.cityCode, entity_type: type, entity_id: id, action,
    changed_by: caller.id, changed_by_name: caller.displayName, changes: JSON.stringify(maskedChanges(changes)),
  }).execute();
}

export interface HistoryItem { id: number; action: string; at: string; by: { id: number | null; name: string | null }; changes: Changes }

/** The history of one record, newest first; the caller has checked the record is in scope. */
export async function historyOf(db: Executor, cityCode: string, type: EntityType, id: number): Promise<HistoryItem[]> {
  const rows = await db.selectFrom('record_change').select(['id', 'action', 'changed_at', 'changed_by', 'changed_by_name', 'changes'])
    .where('city_code', '=', cityCode).where('entity_type', '=', type).where('entity_id', '=', id)
    .orderBy('id', 'desc').limit(500).execute();
  return rows.map((r) => ({ id: r.id, action: r.action, at: r.changed_at.toISOString(), by: { id: r.changed_by, name: r.changed_by_name }, changes: r.changes as Changes }));
}
