import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { appendAudit } from '../../kernel/audit/audit.ts';
import { invalidField } from '../../kernel/errors.ts';
import { todayInChina } from '../../kernel/validators/normalise.ts';
import { areaForFilter, gridForWrite, hasTag, likePattern, under, type GridRef } from './area-scope.ts';
import { attachmentsOf } from './attachments.ts';
import { at, attempt, checkCode, checkIdentity, normalPhone, type ProblemSink } from './field-checks.ts';
import { changed, created, diff, recordChange } from './history.ts';
import { householdForWrite, type HouseholdRow } from './household-store.ts';
import type { AddTag, CreatePerson, MemberInput, MovePerson, PersonDetail, PersonOut, PersonQuery, Reveal, UpdatePerson } from './people-schema.ts';
import { peopleOut, personInScope, refuseDuplicateId, selectPeople, type PersonRow } from './people-store.ts';
import { checkVersion } from './record-version.ts';
import { addTags, checkTagCodes, codesOf, tagsOf } from './tags-service.ts';

/** 户主 head of household in GB/T 4761 家庭关系. */
export const HEAD_OF_HOUSEHOLD = '02';

const trimOrNull = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : s.trim() || null);

/** The API's field names of a stored person, for history diffs. */
function fieldsOf(r: PersonRow): Record<string, unknown> {
  return {
    name: r.name, idNumber: r.id_number, sex: r.sex, birthDate: r.birth_date, ethnicity: r.ethnicity, politicalStatus: r.political_status,
    education: r.education, phone: r.phone, residenceType: r.residence_type, householdId: r.household_id, relation: r.relation,
    gridCode: r.grid_code, address: r.address, workplace: r.workplace, nationality: r.nationality, notes: r.notes,
  };
}

/**
 * Checks every field of a new person (nothing written yet); names each problem's field under `prefix`.
 * With a sink, every bad field is reported there (the values returned are then not to be written).
 */
export function checkNewPerson(input: CreatePerson | MemberInput, prefix = '', sink?: ProblemSink) {
  const name = input.name.trim();
  attempt(sink, () => { if (!name) throw invalidField(at(prefix, 'name'), '姓名不能为空 / name is empty'); }, undefined);
  const identity = attempt(sink, () => checkIdentity(input, prefix), { idNumber: input.idNumber, sex: '1' as const, birthDate: '' });
  attempt(sink, () => checkCode('ethnicity', input.ethnicity, at(prefix, 'ethnicity')), undefined);
  attempt(sink, () => checkCode('political_status', input.politicalStatus, at(prefix, 'politicalStatus')), undefined);
  attempt(sink, () => checkCode('education', input.education, at(prefix, 'education')), undefined);
  attempt(sink, () => checkCode('relation', input.relation, at(prefix, 'relation')), undefined);
  return {
    name, id_number: identity.idNumber, sex: identity.sex, birth_date: identity.birthDate,
    ethnicity: input.ethnicity ?? null, political_status: input.politicalStatus ?? null, education: input.education ?? null,
    phone: attempt(sink, () => normalPhone(input.phone, at(prefix, 'phone')), null) ?? null,
    residence_type: input.residenceType ?? 'registered', relation: input.relation ?? null,
    address: trimOrNull(input.address) ?? null, workplace: trimOrNull(input.workplace) ?? null,
    nationality: input.nationality ?? 'CHN', notes: trimOrNull(input.notes) ?? null,
  };
}
export type NewPersonValues = ReturnType<typeof checkNewPerson>;

/** Inserts a checked person with its history row; the caller has checked the ID is not taken. */
export async function insertPerson(trx: Transaction<DB>, caller: Caller, v: NewPersonValues, grid: GridRef, householdId: number | null, tags: readonly string[] = []): Promise<number> {
  const { id } = await trx.insertInto('person').values({
    ...v, city_code: caller.cityCode, household_id: householdId, grid_code: grid.code, grid_path: grid.path, created_by: caller.id, updated_by: caller.id,
  }).returning('id').executeTakeFirstOrThrow();
  await addTags(trx, caller, 'person', id, tags);
  await recordChange(trx, caller, 'person', id, 'create', personCreated(v, grid.code, householdId, tags));
  return id;
}

/** The history of a new person: every field given, as [null, value] (bulk imports write the same). */
export function personCreated(v: NewPersonValues, gridCode: string, householdId: number | null, tags: readonly string[]) {
  return created({
    name: v.name, idNumber: v.id_number, sex: v.sex, birthDate: v.birth_date, ethnicity: v.ethnicity, politicalStatus: v.political_status,
    education: v.education, phone: v.phone, residenceType: v.residence_type, householdId, relation: v.relation, gridCode,
    address: v.address, workplace: v.workplace, nationality: v.nationality, notes: v.notes, tags: tags.length ? [...tags] : null,
  });
}

/** Sets who heads a household (head_person_id follows relation 02), with its own history row. */
async function setHead(trx: Transaction<DB>, caller: Caller, hh: Pick<HouseholdRow, 'id' | 'head_person_id'>, personId: number | null): Promise<void> {
  if (hh.head_person_id === personId) return;
  await trx.updateTable('household').set({ head_person_id: personId, updated_at: new Date(), updated_by: caller.id, version: sql`version + 1` })
    .where('city_code', '=', caller.cityCode).where('id', '=', hh.id).execute();
  await recordChange(trx, caller, 'household', hh.id, 'update', { headPersonId: [hh.head_person_id, personId] });
}

function refuseSecondHead(hh: HouseholdRow, personId: number | null, field: string): void {
  if (hh.head_person_id !== null && hh.head_person_id !== personId) {
    throw invalidField(field, `住户 ${hh.id} 已有户主（人员 ${hh.head_person_id}），一户只能有一位户主 / household ${hh.id} already has a head (person ${hh.head_person_id})`);
  }
}

export async function createPerson(trx: Transaction<DB>, caller: Caller, input: CreatePerson): Promise<PersonOut> {
  const v = checkNewPerson(input);
  let grid: GridRef;
  let hh: HouseholdRow | null = null;
  if (input.householdId) {
    hh = await householdForWrite(trx, caller, input.householdId);
    if (input.gridCode && input.gridCode !== hh.grid_code) throw invalidField('gridCode', `住户 ${hh.id} 在网格 ${hh.grid_code}，户内人员随户所在网格 / a member lives in the household’s grid ${hh.grid_code}`);
    if (!v.relation) throw invalidField('relation', '户内人员需填写与户主关系 / relation to the head of household is required with householdId');
    if (v.relation === HEAD_OF_HOUSEHOLD) refuseSecondHead(hh, null, 'relation');
    grid = { code: hh.grid_code, path: hh.grid_path, name: '' };
    v.address ??= hh.address;
  } else {
    if (!input.gridCode) throw invalidField('gridCode', '请填写所在网格，或所属住户 householdId / gridCode (or householdId) is required');
    if (v.relation) throw invalidField('relation', '与户主关系只在填写所属住户时有效 / relation needs householdId');
    grid = await gridForWrite(trx, caller, input.gridCode);
  }
  await checkTagCodes(trx, caller.cityCode, input.tags, 'person', 'tags');
  await refuseDuplicateId(trx, caller, v.id_number, 'idNumber');
  const id = await insertPerson(trx, caller, v, grid, hh?.id ?? null, input.tags);
  if (hh && v.relation === HEAD_OF_HOUSEHOLD) await setHead(trx, caller, hh, id);
  return (await peopleOut(trx, caller, [await personInScope(trx, caller, id)]))[0];
}

export async function updatePerson(trx: Transaction<DB>, caller: Caller, id: number, input: UpdatePerson): Promise<PersonOut> {
  const row = await personInScope(trx, caller, id, true);
  checkVersion(row.version, input.version);
  // A new ID number brings its own sex and birth date unless they are given too.
  const newId = input.idNumber !== undefined;
  const identity = checkIdentity({
    idNumber: input.idNumber ?? row.id_number,
    sex: input.sex ?? (newId ? undefined : row.sex),
    birthDate: input.birthDate ?? (newId ? undefined : row.birth_date),
  });
  checkCode('ethnicity', input.ethnicity, 'ethnicity');
  checkCode('political_status', input.politicalStatus, 'politicalStatus');
  checkCode('education', input.education, 'education');
  checkCode('relation', input.relation, 'relation');
  const phone = normalPhone(input.phone, 'phone');
  const name = input.name?.trim();
  if (name === '') throw invalidField('name', '姓名不能为空 / name is empty');

  // Household and grid: a member lives where the household is.
  const householdId = input.householdId !== undefined ? input.householdId : row.household_id;
  const relation = householdId === null ? null : input.relation !== undefined ? input.relation : row.relation;
  const oldHh = row.household_id !== null ? await householdForWrite(trx, caller, row.household_id) : null;
  const newHh = householdId === null ? null : householdId === row.household_id ? oldHh : await householdForWrite(trx, caller, householdId);
  let grid: GridRef = { code: row.grid_code, path: row.grid_path, name: '' };
  if (newHh) {
    if (input.gridCode && input.gridCode !== newHh.grid_code) throw invalidField('gridCode', `户内人员随住户所在网格 ${newHh.grid_code}；请迁移住户或先移出住户 / a member lives in the household’s grid ${newHh.grid_code}`);
    if (!relation) throw invalidField('relation', '户内人员需填写与户主关系 / relation is required for a household member');
    if (relation === HEAD_OF_HOUSEHOLD) refuseSecondHead(newHh, id, 'relation');
    grid = { code: newHh.grid_code, path: newHh.grid_path, name: '' };
  } else if (input.gridCode && input.gridCode !== row.grid_code) {
    grid = await gridForWrite(trx, caller, input.gridCode);
  }
  if (identity.idNumber !== row.id_number) await refuseDuplicateId(trx, caller, identity.idNumber, 'idNumber', id);

  const next = {
    name: name ?? row.name, idNumber: identity.idNumber, sex: identity.sex, birthDate: identity.birthDate,
    ethnicity: input.ethnicity !== undefined ? input.ethnicity : row.ethnicity,
    politicalStatus: input.politicalStatus !== undefined ? input.politicalStatus : row.political_status,
    education: input.education !== undefined ? input.education : row.education,
    phone: phone !== undefined ? phone : row.phone,
    householdId, relation, gridCode: grid.code,
    address: input.address !== undefined ? trimOrNull(input.address) : row.address,
    workplace: input.workplace !== undefined ? trimOrNull(input.workplace) : row.workplace,
    nationality: input.nationality ?? row.nationality,
    notes: input.notes !== undefined ? trimOrNull(input.notes) : row.notes,
  };
  const changes = diff(fieldsOf(row), next);
  if (changed(changes)) {
    await trx.updateTable('person').set({
      name: next.name, id_number: next.idNumber, sex: next.sex, birth_date: next.birthDate, ethnicity: next.ethnicity,
      political_status: next.politicalStatus, education: next.education, phone: next.phone, household_id: next.householdId,
      relation: next.relation, grid_code: grid.code, grid_path: grid.path, address: next.address ?? null, workplace: next.workplace ?? null,
      nationality: next.nationality, notes: next.notes ?? null, updated_at: new Date(), updated_by: caller.id, version: sql`version + 1`,
    }).where('city_code', '=', caller.cityCode).where('id', '=', id).execute();
    await recordChange(trx, caller, 'person', id, 'update', changes);
    // Keep each household's head in step with relation 02.
    if (oldHh && oldHh.head_person_id === id && (newHh?.id !== oldHh.id || relation !== HEAD_OF_HOUSEHOLD)) await setHead(trx, caller, oldHh, null);
    if (newHh && relation === HEAD_OF_HOUSEHOLD) await setHead(trx, caller, newHh, id);
  }
  return (await peopleOut(trx, caller, [await personInScope(trx, caller, id)]))[0];
}

export async function movePerson(trx: Transaction<DB>, caller: Caller, id: number, input: MovePerson): Promise<PersonOut> {
  const row = await personInScope(trx, caller, id, true);
  checkVersion(row.version, input.version);
  if (input.toType === row.residence_type) throw invalidField('toType', `该人员已是 ${row.residence_type} / the person is already ${row.residence_type}`);
  const on = input.on ?? todayInChina();
  if (on > todayInChina()) throw invalidField('on', '变动日期不能晚于今天 / the date of the move cannot be in the future');
  if (on < row.birth_date) throw invalidField('on', '变动日期早于出生日期 / the date of the move is before the birth date');
  const reason = input.reason.trim();
  if (reason.length < 2) throw invalidField('reason', '请填写变动原因 / give the reason of the move');
  await trx.insertInto('person_residence_change').values({
    city_code: caller.cityCode, person_id: id, from_type: row.residence_type, to_type: input.toType, changed_on: on, reason, changed_by: caller.id,
  }).execute();
  await trx.updateTable('person').set({ residence_type: input.toType, updated_at: new Date(), updated_by: caller.id, version: sql`version + 1` })
    .where('city_code', '=', caller.cityCode).where('id', '=', id).execute();
  await recordChange(trx, caller, 'person', id, 'move', { residenceType: [row.residence_type, input.toType], moveReason: [null, reason], movedOn: [null, on] });
  return (await peopleOut(trx, caller, [await personInScope(trx, caller, id)]))[0];
}

export async function addPersonTag(trx: Transaction<DB>, caller: Caller, id: number, input: AddTag) {
  await personInScope(trx, caller, id, true);
  await checkTagCodes(trx, caller.cityCode, [input.code], 'person', () => 'code');
  const before = await codesOf(trx, caller.cityCode, 'person', id);
  const added = await addTags(trx, caller, 'person', id, [input.code], { since: input.since, note: trimOrNull(input.note) });
  if (added.length) await recordChange(trx, caller, 'person', id, 'tag_add', { tags: [before, [...before, input.code].sort()] });
  return { changed: added.length > 0, tags: (await tagsOf(trx, caller.cityCode, 'person', [id])).get(id)! };
}

/** Removing a tag the person does not carry changes nothing and says so (a retried DELETE is harmless). */
export async function removePersonTag(trx: Transaction<DB>, caller: Caller, id: number, code: string) {
  await personInScope(trx, caller, id, true);
  const before = await codesOf(trx, caller.cityCode, 'person', id);
  const r = await trx.deleteFrom('entity_tag').where('city_code', '=', caller.cityCode).where('entity_type', '=', 'person')
    .where('entity_id', '=', id).where('tag_code', '=', code).executeTakeFirst();
  const removed = Number(r.numDeletedRows) > 0;
  if (removed) await recordChange(trx, caller, 'person', id, 'tag_remove', { tags: [before, before.filter((c) => c !== code)] });
  return { changed: removed, tags: (await tagsOf(trx, caller.cityCode, 'person', [id])).get(id)! };
}

/** The clear ID or phone number, for a role allowed to see it, with the reason kept in the audit log (PIPL). */
export async function revealPerson(trx: Transaction<DB>, caller: Caller, id: number, input: Reveal, ip: string | null) {
  const row = await personInScope(trx, caller, id);
  const reason = input.reason.trim();
  if (reason.length < 4) throw invalidField('reason', '请说明查看原因（至少4个字）/ give a reason of at least 4 characters');
  await appendAudit(trx, caller, { action: 'person.reveal', targetType: 'person', targetId: id, ip, detail: { field: input.field, reason } });
  return { id, field: input.field, value: input.field === 'idNumber' ? row.id_number : row.phone };
}

export async function getPerson(db: Kysely<DB>, caller: Caller, id: number): Promise<PersonDetail> {
  const row = await personInScope(db, caller, id);
  const [out] = await peopleOut(db, caller, [row]);
  const household = row.household_id === null ? null : await db.selectFrom('household as h')
    .leftJoin('person as hp', (j) => j.onRef('hp.city_code', '=', 'h.city_code').onRef('hp.id', '=', 'h.head_person_id'))
    .select(['h.id', 'h.address', 'hp.name as head_name'])
    .where('h.city_code', '=', caller.cityCode).where('h.id', '=', row.household_id).executeTakeFirst();
  const moves = await db.selectFrom('person_residence_change').select(['id', 'from_type', 'to_type', 'changed_on', 'reason', 'created_at'])
    .where('city_code', '=', caller.cityCode).where('person_id', '=', id).orderBy('id', 'desc').execute();
  return {
    ...out,
    household: household ? { id: household.id, address: household.address, headName: household.head_name } : null,
    residenceChanges: moves.map((m) => ({ id: m.id, fromType: m.from_type, toType: m.to_type, on: m.changed_on, reason: m.reason, at: m.created_at.toISOString() })),
    attachments: await attachmentsOf(db, caller.cityCode, 'person', id),
  };
}

/** Today in China `years` years ago (29 February falls back to the 28th): born on or before it, one is at least that old. */
function yearsAgo(years: number): string {
  const today = todayInChina();
  const y = String(Number(today.slice(0, 4)) - years).padStart(4, '0');
  const md = today.slice(5);
  const leap = (n: number) => (n % 4 === 0 && n % 100 !== 0) || n % 400 === 0;
  return `${y}-${md === '02-29' && !leap(Number(y)) ? '02-28' : md}`;
}

export async function listPeople(db: Kysely<DB>, caller: Caller, q: PersonQuery) {
  const base = await peopleQuery(db, caller, q);
  const [{ n }] = await base.clearSelect().select(sql<number>`count(*)::int`.as('n')).execute();
  const rows = await base.orderBy('p.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: await peopleOut(db, caller, rows), total: n };
}

/** The people a list shows (scope and filters, no paging): the list route and the export share it. */
export async function peopleQuery(db: Kysely<DB>, caller: Caller, q: Omit<PersonQuery, 'page' | 'pageSize'>) {
  if (q.ageMin !== undefined && q.ageMax !== undefined && q.ageMin > q.ageMax) throw invalidField('ageMin', '最小年龄大于最大年龄 / ageMin is above ageMax');
  let base = selectPeople(db, caller);
  if (q.grid) base = base.where(under('p.grid_path', (await areaForFilter(db, caller, q.grid)).path));
  if (q.residenceType) base = base.where('p.residence_type', '=', q.residenceType);
  if (q.householdId) base = base.where('p.household_id', '=', q.householdId);
  if (q.ageMin !== undefined) base = base.where('p.birth_date', '<=', yearsAgo(q.ageMin));
  if (q.ageMax !== undefined) base = base.where('p.birth_date', '>', yearsAgo(q.ageMax + 1));
  if (q.tag) base = base.where(hasTag('p', 'person', q.tag));
  if (q.q) {
    const like = likePattern(q.q.trim());
    base = base.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.address', 'ilike', like)]));
  }
  return base;
}
