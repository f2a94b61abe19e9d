import { Type, type Static } from '@sinclair/typebox';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { AppError, invalidField } from '../../kernel/errors.ts';
import { todayInChina } from '../../kernel/validators/normalise.ts';
import { recordChange } from './history.ts';
import { householdInScope } from './household-store.ts';
import { personInScope } from './people-store.ts';
import { checkVersion } from './record-version.ts';
import { DateOnly, Nullable, Text, Version } from './schema.ts';

/**
 * 注销 deregistration: a person who died or moved away, a household that left its home. The
 * record leaves every list, count and report but is kept, with the reason in its history;
 * the ID number becomes free to register again (someone who moves back).
 */

const reasons = <T extends string>(values: Record<T, string>) =>
  Type.Union(Object.keys(values).map((k) => Type.Literal(k)), { description: Object.entries(values).map(([k, v]) => `${k} ${v}`).join(', ') });

export const PERSON_REASONS = { death: '死亡', moved_out: '迁出', duplicate: '重复登记', other: '其他' } as const;
export const HOUSEHOLD_REASONS = { moved_out: '整户迁出', demolished: '房屋拆除', merged: '并户', duplicate: '重复登记', other: '其他' } as const;

const body = <T extends string>(values: Record<T, string>) => Type.Object({
  reason: reasons(values),
  on: Type.Optional(DateOnly),
  note: Type.Optional(Nullable(Text(200))),
  version: Type.Optional(Version),
}, { additionalProperties: false });

export const DeregisterPerson = body(PERSON_REASONS);
export type DeregisterPerson = Static<typeof DeregisterPerson>;
export const DeregisterHousehold = body(HOUSEHOLD_REASONS);
export type DeregisterHousehold = Static<typeof DeregisterHousehold>;
export const Deregistered = Type.Object({ id: Type.Integer(), reason: Type.String(), on: Type.String() });

function dateOf(on: string | undefined): string {
  const today = todayInChina();
  if (on && on > today) throw invalidField('on', `注销日期 ${on} 晚于今天 / the date ${on} is in the future`);
  return on ?? today;
}

async function liveMembers(trx: Transaction<DB>, cityCode: string, householdId: number, except?: number): Promise<number> {
  let q = trx.selectFrom('person').select(sql<number>`count(*)::int`.as('n'))
    .where('city_code', '=', cityCode).where('household_id', '=', householdId).where('deleted_at', 'is', null);
  if (except !== undefined) q = q.where('id', '!=', except);
  return (await q.executeTakeFirstOrThrow()).n;
}

export async function deregisterPerson(trx: Transaction<DB>, caller: Caller, id: number, input: DeregisterPerson) {
  const row = await personInScope(trx, caller, id, true);
  checkVersion(row.version, input.version);
  const on = dateOf(input.on);
  if (row.household_id !== null) {
    const hh = await trx.selectFrom('household').select(['id', 'head_person_id']).forUpdate()
      .where('city_code', '=', caller.cityCode).where('id', '=', row.household_id).executeTakeFirstOrThrow();
    if (hh.head_person_id === id) {
      const others = await liveMembers(trx, caller.cityCode, hh.id, id);
      // A household always has a head while anyone lives in it: the clerk names the new one first.
      if (others > 0) throw new AppError(409, 'head_of_household', `id: 该人员是住户 ${hh.id} 的户主，户内还有 ${others} 人，请先变更户主 / this person heads household ${hh.id}, where ${others} others live: name a new head first`, { field: 'id', householdId: hh.id });
      await trx.updateTable('household').set({ head_person_id: null, updated_at: new Date(), updated_by: caller.id, version: sql`version + 1` })
        .where('city_code', '=', caller.cityCode).where('id', '=', hh.id).execute();
      await recordChange(trx, caller, 'household', hh.id, 'update', { headPersonId: [id, null] });
    }
  }
  await trx.updateTable('person').set({ deleted_at: new Date(), updated_at: new Date(), updated_by: caller.id, version: sql`version + 1` })
    .where('city_code', '=', caller.cityCode).where('id', '=', id).execute();
  await recordChange(trx, caller, 'person', id, 'deregister', { deregistered: [null, { reason: input.reason, on, note: input.note ?? null }] });
  // The household's own history says who left it, since its member list no longer shows them.
  if (row.household_id !== null) {
    await recordChange(trx, caller, 'household', row.household_id, 'member_deregister', { memberDeregistered: [null, { personId: id, name: row.name, reason: input.reason, on }] });
  }
  return { id, reason: input.reason, on };
}

export async function deregisterHousehold(trx: Transaction<DB>, caller: Caller, id: number, input: DeregisterHousehold) {
  const row = await householdInScope(trx, caller, id, true);
  checkVersion(row.version, input.version);
  const on = dateOf(input.on);
  const members = await liveMembers(trx, caller.cityCode, id);
  if (members > 0) throw new AppError(409, 'household_not_empty', `id: 住户 ${id} 还有 ${members} 名在册人员，请先逐一注销或迁入其他住户 / household ${id} still has ${members} registered members: deregister or move them first`, { field: 'id', members });
  await trx.updateTable('household').set({ deleted_at: new Date(), updated_at: new Date(), updated_by: caller.id, version: sql`version + 1` })
    .where('city_code', '=', caller.cityCode).where('id', '=', id).execute();
  await recordChange(trx, caller, 'household', id, 'deregister', { deregistered: [null, { reason: input.reason, on, note: input.note ?? null }] });
  return { id, reason: input.reason, on };
}
