import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { appendAudit } from '../../kernel/audit/audit.ts';
import { AppError, conflict, invalidField } from '../../kernel/errors.ts';
import type { Executor } from './area-scope.ts';
import type { TagRef } from './schema.ts';
import type { AppliesTo, CreateTag, TagOut, UpdateTag } from './tag-schema.ts';

/** 标签 tags: each city keeps its own list (built-in ones seeded, more added by its admin). */

type TagRow = { code: string; name: string; category: string; applies_to: string; description: string | null; active: boolean; builtin: boolean; updated_at: Date; used: number };

const toTagOut = (t: TagRow): TagOut => ({
  code: t.code, name: t.name, category: t.category, appliesTo: t.applies_to, description: t.description,
  active: t.active, builtin: t.builtin, used: t.used, updatedAt: t.updated_at.toISOString(),
});

function selectTags(db: Executor, cityCode: string) {
  return db.selectFrom('tag as t')
    .select(['t.code', 't.name', 't.category', 't.applies_to', 't.description', 't.active', 't.builtin', 't.updated_at'])
    .select((eb) => eb.selectFrom('entity_tag as e').whereRef('e.city_code', '=', 't.city_code').whereRef('e.tag_code', '=', 't.code')
      .select(sql<number>`count(*)::int`.as('n')).as('used'))
    .where('t.city_code', '=', cityCode);
}

export async function listTags(db: Kysely<DB>, caller: Caller, q: { appliesTo?: AppliesTo; active?: boolean }): Promise<TagOut[]> {
  let query = selectTags(db, caller.cityCode);
  if (q.appliesTo) query = query.where('t.applies_to', '=', q.appliesTo);
  if (q.active !== undefined) query = query.where('t.active', '=', q.active);
  const rows = await query.orderBy('t.category').orderBy('t.code').execute();
  return rows.map((r) => toTagOut({ ...r, used: r.used ?? 0 }));
}

async function oneTag(db: Executor, cityCode: string, code: string): Promise<TagOut> {
  const r = await selectTags(db, cityCode).where('t.code', '=', code).executeTakeFirst();
  if (!r) throw new AppError(404, 'not_found', `标签 ${code} 不存在 / tag ${code} not found`);
  return toTagOut({ ...r, used: r.used ?? 0 });
}

export async function createTag(trx: Transaction<DB>, caller: Caller, input: CreateTag, ip: string | null): Promise<TagOut> {
  const clash = await trx.selectFrom('tag').select('code').where('city_code', '=', caller.cityCode).where('code', '=', input.code).executeTakeFirst();
  if (clash) throw conflict(`code: 标签代码 ${input.code} 已存在 / tag code already exists`, { field: 'code' });
  await trx.insertInto('tag').values({
    city_code: caller.cityCode, code: input.code, name: input.name, category: input.category, applies_to: input.appliesTo, description: input.description ?? null,
  }).execute();
  await appendAudit(trx, caller, { action: 'registry.tag.create', targetType: 'tag', targetId: input.code, ip, detail: { name: input.name, appliesTo: input.appliesTo } });
  return oneTag(trx, caller.cityCode, input.code);
}

export async function updateTag(trx: Transaction<DB>, caller: Caller, code: string, input: UpdateTag, ip: string | null): Promise<TagOut> {
  const before = await oneTag(trx, caller.cityCode, code);
  if (Object.keys(input).length === 0) return before;
  await trx.updateTable('tag').set({
    ...(input.name !== undefined && { name: input.name }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.active !== undefined && { active: input.active }),
    updated_at: new Date(),
  }).where('city_code', '=', caller.cityCode).where('code', '=', code).execute();
  await appendAudit(trx, caller, { action: 'registry.tag.update', targetType: 'tag', targetId: code, ip, detail: { ...input, wasActive: before.active } });
  return oneTag(trx, caller.cityCode, code);
}

/** Only a tag the city added and no record carries; built-in ones are deactivated instead. */
export async function deleteTag(trx: Transaction<DB>, caller: Caller, code: string, ip: string | null): Promise<void> {
  const tag = await oneTag(trx, caller.cityCode, code);
  if (tag.builtin) throw new AppError(409, 'builtin_tag', `标签 ${code} 为内置标签，不能删除，只能停用 / built-in tag: deactivate it (PATCH active=false) instead`, { field: 'code' });
  if (tag.used > 0) throw new AppError(409, 'tag_in_use', `标签 ${code} 已用于 ${tag.used} 条记录，请停用 / tag is on ${tag.used} records: deactivate it instead`, { field: 'code', used: tag.used });
  await trx.deleteFrom('tag').where('city_code', '=', caller.cityCode).where('code', '=', code).execute();
  await appendAudit(trx, caller, { action: 'registry.tag.delete', targetType: 'tag', targetId: code, ip, detail: { name: tag.name } });
}

/** Tag codes a record may get: active, of this city, and made for this kind of record; else 400 naming the item (e.g. tags.1). */
export async function checkTagCodes(db: Executor, cityCode: string, codes: readonly string[] | undefined, appliesTo: AppliesTo, field: string | ((i: number) => string)): Promise<void> {
  if (!codes?.length) return;
  checkTagsAgainst(await cityTags(db, cityCode, codes), codes, appliesTo, field);
}

export type CityTags = Map<string, { code: string; name: string; applies_to: string; active: boolean }>;

/** The city's tags by code (only `codes` when given): loaded once for a whole import. */
export async function cityTags(db: Executor, cityCode: string, codes?: readonly string[]): Promise<CityTags> {
  let q = db.selectFrom('tag').select(['code', 'name', 'applies_to', 'active']).where('city_code', '=', cityCode);
  if (codes) q = q.where('code', 'in', [...codes]);
  return new Map((await q.execute()).map((r) => [r.code, r]));
}

/** The rule of checkTagCodes over tags already loaded. */
export function checkTagsAgainst(byCode: CityTags, codes: readonly string[], appliesTo: AppliesTo, field: string | ((i: number) => string)): void {
  codes.forEach((code, i) => {
    const t = byCode.get(code);
    const f = typeof field === 'string' ? `${field}.${i}` : field(i);
    if (!t) throw invalidField(f, `标签 ${code} 不存在 / no tag ${code} in this city (see GET /api/registry/tags)`);
    if (!t.active) throw invalidField(f, `标签 ${code} 已停用 / tag ${code} is deactivated`);
    if (t.applies_to !== appliesTo) throw invalidField(f, `标签 ${code} 用于${t.applies_to}，不能用于${appliesTo} / tag ${code} is for ${t.applies_to} records, not ${appliesTo}`);
  });
}

/** Tags of several records at once (for lists). */
export async function tagsOf(db: Executor, cityCode: string, type: AppliesTo, ids: readonly number[]): Promise<Map<number, TagRef[]>> {
  const out = new Map<number, TagRef[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await db.selectFrom('entity_tag as e')
    .innerJoin('tag as t', (j) => j.onRef('t.city_code', '=', 'e.city_code').onRef('t.code', '=', 'e.tag_code'))
    .select(['e.entity_id', 't.code', 't.name', 't.category'])
    .where('e.city_code', '=', cityCode).where('e.entity_type', '=', type).where('e.entity_id', 'in', [...ids])
    .orderBy('t.code').execute();
  for (const r of rows) out.get(r.entity_id)?.push({ code: r.code, name: r.name, category: r.category });
  return out;
}

export async function codesOf(db: Executor, cityCode: string, type: AppliesTo, id: number): Promise<string[]> {
  return (await tagsOf(db, cityCode, type, [id])).get(id)!.map((t) => t.code);
}

/** Gives a record these tags (already checked); returns those it did not have. */
export async function addTags(trx: Transaction<DB>, caller: Caller, type: AppliesTo, id: number, codes: readonly string[], extra: { since?: string | null; note?: string | null } = {}): Promise<string[]> {
  if (!codes.length) return [];
  const rows = await trx.insertInto('entity_tag')
    .values(codes.map((code) => ({ city_code: caller.cityCode, entity_type: type, entity_id: id, tag_code: code, since: extra.since ?? null, note: extra.note ?? null, created_by: caller.id })))
    .onConflict((oc) => oc.columns(['city_code', 'entity_type', 'entity_id', 'tag_code']).doNothing())
    .returning('tag_code').execute();
  return rows.map((r) => r.tag_code);
}

/** Sets a record's tags to exactly `codes` (already checked); returns [before, after] when they changed. */
export async function replaceTags(trx: Transaction<DB>, caller: Caller, type: AppliesTo, id: number, codes: readonly string[]): Promise<[string[], string[]] | null> {
  const before = await codesOf(trx, caller.cityCode, type, id);
  const after = [...codes].sort();
  if (JSON.stringify(before) === JSON.stringify(after)) return null;
  const gone = before.filter((c) => !after.includes(c));
  if (gone.length) {
    await trx.deleteFrom('entity_tag').where('city_code', '=', caller.cityCode).where('entity_type', '=', type).where('entity_id', '=', id).where('tag_code', 'in', gone).execute();
  }
  await addTags(trx, caller, type, id, after.filter((c) => !before.includes(c)));
  return [before, after];
}
