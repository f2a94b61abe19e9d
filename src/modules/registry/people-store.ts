import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { AppError } from '../../kernel/errors.ts';
import { maskIdNumber, maskPhone } from '../../kernel/privacy.ts';
import { todayInChina } from '../../kernel/validators/normalise.ts';
import { notInScope, visibleTo, type Executor } from './area-scope.ts';
import type { PersonOut } from './people-schema.ts';
import type { TagRef } from './schema.ts';
import { tagsOf } from './tags-service.ts';

/** SQL of person records (人): every read is filtered by the caller's scope. */

export const PERSON_COLUMNS = [
  'p.id', 'p.name', 'p.id_number', 'p.sex', 'p.birth_date', 'p.ethnicity', 'p.political_status', 'p.education', 'p.phone',
  'p.residence_type', 'p.household_id', 'p.relation', 'p.grid_code', 'p.grid_path', 'p.address', 'p.workplace', 'p.nationality',
  'p.notes', 'p.version', 'p.created_at', 'p.updated_at',
] as const;

export function selectPeople(db: Executor, caller: Caller) {
  return db.selectFrom('person as p').select(PERSON_COLUMNS).where(visibleTo(caller, 'p'));
}
export type PersonRow = Awaited<ReturnType<ReturnType<typeof selectPeople>['executeTakeFirstOrThrow']>>;

/** Whole years between a YYYY-MM-DD birth date and today in China. */
export function ageOn(birthDate: string, today = todayInChina()): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function toPersonOut(r: PersonRow, tags: TagRef[]): PersonOut {
  return {
    id: r.id, name: r.name, idNumber: maskIdNumber(r.id_number), sex: r.sex, birthMonth: r.birth_date.slice(0, 7), age: ageOn(r.birth_date),
    ethnicity: r.ethnicity, politicalStatus: r.political_status, education: r.education, phone: maskPhone(r.phone),
    residenceType: r.residence_type, householdId: r.household_id, relation: r.relation, gridCode: r.grid_code,
    address: r.address, workplace: r.workplace, nationality: r.nationality, notes: r.notes, tags,
    version: r.version, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

export async function peopleOut(db: Executor, caller: Caller, rows: PersonRow[]): Promise<PersonOut[]> {
  const tags = await tagsOf(db, caller.cityCode, 'person', rows.map((r) => r.id));
  return rows.map((r) => toPersonOut(r, tags.get(r.id)!));
}

/** One person inside the caller's scope, else 404; `forUpdate` locks the row for the change. */
export async function personInScope(db: Executor, caller: Caller, id: number, forUpdate = false): Promise<PersonRow> {
  let q = selectPeople(db, caller).where('p.id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notInScope('person', id);
  return row;
}

/**
 * One live record per ID number in a city. The advisory lock makes two concurrent
 * registrations of one number wait for each other, so the check below is the truth.
 */
export async function refuseDuplicateId(trx: Transaction<DB>, caller: Caller, idNumber: string, field: string, exceptId?: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`person:${caller.cityCode}:${idNumber}`}, 0))`.execute(trx);
  let q = trx.selectFrom('person').select(['id', sql<boolean>`grid_path <@ ${caller.scopePath}::ltree`.as('in_scope')])
    .where('city_code', '=', caller.cityCode).where('id_number', '=', idNumber).where('deleted_at', 'is', null);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  const existing = await q.executeTakeFirst();
  if (existing) {
    throw new AppError(409, 'duplicate', `${field}: 该身份证号码已登记（人员 ${existing.id}）${existing.in_scope ? '' : '，该人员不在您的管辖范围内，请联系其所在网格'} / this ID number is already registered (person ${existing.id})`,
      { field, existingId: existing.id, inYourScope: existing.in_scope });
  }
}
