import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError, conflict, invalidField } from '../../../kernel/errors.ts';
import { maskPhone } from '../../../kernel/privacy.ts';
import { pathInScope } from '../../../kernel/scope.ts';
import { likePattern } from '../../../kernel/sql-like.ts';
import { checkPhone } from '../../../kernel/validators/index.ts';
import { visibleOrgs } from '../access.ts';
import { CATEGORIES, FIELDS, MEDIATOR_KINDS, ORG_KINDS, type Category, type Field } from '../terms.ts';
import type { CreateMediator, CreateOrg, MediatorOut, MediatorQuery, OrgOut, OrgQuery, PatchMediator, PatchOrg } from './schema.ts';
import { areaByCode, findMediator, findOrg, mediatorsWithWorkload, membershipOf, orgsWithCounts, type Executor } from './store.ts';

/** 调解组织 and 调解员: set up by the city and districts (mediators also by streets), each inside their own area. */

const orgNotFound = (id: number) => new AppError(404, 'not_found', `调解组织 ${id} 不存在或不在您的管辖范围内 / organisation ${id} not found or outside your area`);
const mediatorNotFound = (id: number) => new AppError(404, 'not_found', `调解员 ${id} 不存在或不在您的管辖范围内 / mediator ${id} not found or outside your area`);
const stale = (what: string) => conflict(`version: ${what}已被他人修改，请刷新后重试 / changed meanwhile; reload and retry`, { field: 'version' });

type OrgRowOut = Awaited<ReturnType<ReturnType<typeof orgsWithCounts>['execute']>>[number];
function toOrgOut(r: OrgRowOut): OrgOut {
  return {
    id: r.id, name: r.name, kind: r.kind, kindName: ORG_KINDS[r.kind], field: r.field, fieldName: r.field ? FIELDS[r.field as Field] ?? null : null,
    level: r.level, areaCode: r.area_code, areaPath: r.area_path, areaName: r.area_name ?? null, phone: r.phone, address: r.address, active: r.active,
    mediators: Number(r.mediator_count ?? 0), openCases: Number(r.open_cases ?? 0), version: r.version,
  };
}

type MediatorRowOut = Awaited<ReturnType<ReturnType<typeof mediatorsWithWorkload>['execute']>>[number];
function toMediatorOut(r: MediatorRowOut): MediatorOut {
  return {
    id: r.id, orgId: r.org_id, orgName: r.org_name, name: r.name, phone: maskPhone(r.phone), kind: r.kind, kindName: MEDIATOR_KINDS[r.kind],
    specialties: r.specialties, specialtyNames: r.specialties.map((s) => CATEGORIES[s as Category] ?? s), userId: r.user_id, username: r.username ?? null,
    active: r.active, workload: Number(r.workload ?? 0), version: r.version,
  };
}

function office(phone: string | null | undefined, field = 'phone'): string | null {
  if (!phone) return null;
  const p = checkPhone(phone);
  if (!p.ok) throw invalidField(field, p.reason);
  return p.phone;
}

/** An area filter of a list: the area must be in the caller's city (its organisations may still be above the caller). */
async function areaFilter(db: Executor, caller: Caller, code: string) {
  const a = await areaByCode(db, caller.cityCode, code);
  if (!a) throw invalidField('area', `区域 ${code} 不在本市 / area ${code} is not in your city`);
  return a.path;
}

export async function listOrgs(db: Kysely<DB>, caller: Caller, q: OrgQuery) {
  const me = await membershipOf(db, caller);
  let base = db.selectFrom('mediation_org as o').where(visibleOrgs(caller, me));
  if (q.area) { const p = await areaFilter(db, caller, q.area); base = base.where(sql<boolean>`o.area_path <@ ${p}::ltree`); }
  if (q.kind) base = base.where('o.kind', '=', q.kind);
  if (q.level) base = base.where('o.level', '=', q.level);
  if (q.field) base = base.where('o.field', '=', q.field);
  if (q.active !== undefined) base = base.where('o.active', '=', q.active);
  if (q.q) base = base.where('o.name', 'ilike', likePattern(q.q));
  const [ids, count] = await Promise.all([
    base.select('o.id').orderBy('o.area_path').orderBy('o.kind').orderBy('o.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const rows = ids.length ? await orgsWithCounts(db).where('o.city_code', '=', caller.cityCode).where('o.id', 'in', ids.map((r) => r.id)).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((r) => toOrgOut(byId.get(r.id)!)), total: Number(count.n) };
}

async function orgOut(db: Executor, cityCode: string, id: number): Promise<OrgOut> {
  return toOrgOut(await orgsWithCounts(db).where('o.city_code', '=', cityCode).where('o.id', '=', id).executeTakeFirstOrThrow());
}

function checkField(kind: string, field: string | null) {
  if (kind === 'industry_committee' && !field) throw invalidField('field', '行业性专业性调解委员会须写明行业领域（物业、金融、医疗、劳动、道路交通、消费等） / an industry committee needs its field');
}

const nameTaken = (name: string) => conflict(`name: 已有名为「${name}」的调解组织 / an organisation of this name exists`, { field: 'name' });
const uniqueOr = (make: () => AppError) => (err: { code?: string }) => { throw err.code === '23505' ? make() : err; };

export async function createOrg(trx: Transaction<DB>, caller: Caller, input: CreateOrg, ip: string | null): Promise<OrgOut> {
  const area = await areaByCode(trx, caller.cityCode, input.areaCode);
  if (!area || !pathInScope(caller, area.path)) throw invalidField('areaCode', `区域 ${input.areaCode} 不在您的管辖范围内 / area ${input.areaCode} is outside your area`);
  if (area.level === 'grid') throw invalidField('areaCode', '调解组织设在村/社区、乡镇/街道、区县或市，不设在网格 / an organisation serves a community, street, district or city, not a grid');
  checkField(input.kind, input.field ?? null);
  const name = input.name.trim();
  const row = await trx.insertInto('mediation_org').values({
    city_code: caller.cityCode, name, kind: input.kind, field: input.field ?? null, area_code: area.code, area_path: area.path,
    level: area.level as 'city' | 'district' | 'street' | 'community', phone: office(input.phone), address: input.address?.trim() || null, created_by: caller.id,
  }).returning('id').executeTakeFirstOrThrow().catch(uniqueOr(() => nameTaken(name)));
  await appendAudit(trx, caller, { action: 'mediation.org.create', targetType: 'mediation_org', targetId: row.id, ip, detail: { name, kind: input.kind, area: area.code } });
  return orgOut(trx, caller.cityCode, row.id);
}

/** An organisation the caller administers: inside their own area (not one above it), locked. */
async function orgInScope(trx: Transaction<DB>, caller: Caller, id: number) {
  const row = await findOrg(trx, caller.cityCode, id, true);
  if (!row || !pathInScope(caller, row.area_path)) throw orgNotFound(id);
  return row;
}

export async function patchOrg(trx: Transaction<DB>, caller: Caller, id: number, input: PatchOrg, ip: string | null): Promise<OrgOut> {
  const row = await orgInScope(trx, caller, id);
  if (input.version !== undefined && input.version !== row.version) throw stale('调解组织');
  const field = input.field === undefined ? row.field : input.field;
  checkField(row.kind, field);
  const name = input.name?.trim() ?? row.name;
  const set = {
    name, field,
    ...(input.phone !== undefined && { phone: office(input.phone) }),
    ...(input.address !== undefined && { address: input.address?.trim() || null }),
    ...(input.active !== undefined && { active: input.active }),
  };
  await trx.updateTable('mediation_org').set({ ...set, version: row.version + 1, updated_at: new Date() })
    .where('city_code', '=', row.city_code).where('id', '=', id).execute().catch(uniqueOr(() => nameTaken(name)));
  await appendAudit(trx, caller, { action: 'mediation.org.update', targetType: 'mediation_org', targetId: id, ip, detail: { changed: Object.keys(input).filter((k) => k !== 'version') } });
  return orgOut(trx, caller.cityCode, id);
}

export async function listMediators(db: Kysely<DB>, caller: Caller, q: MediatorQuery) {
  const me = await membershipOf(db, caller);
  let base = db.selectFrom('mediator as m').innerJoin('mediation_org as o', (j) => j.onRef('o.city_code', '=', 'm.city_code').onRef('o.id', '=', 'm.org_id'))
    .where(visibleOrgs(caller, me));
  if (q.orgId) base = base.where('m.org_id', '=', q.orgId);
  if (q.area) { const p = await areaFilter(db, caller, q.area); base = base.where(sql<boolean>`o.area_path <@ ${p}::ltree`); }
  if (q.specialty) base = base.where(sql<boolean>`${q.specialty} = ANY(m.specialties)`);
  if (q.kind) base = base.where('m.kind', '=', q.kind);
  if (q.active !== undefined) base = base.where('m.active', '=', q.active);
  if (q.q) base = base.where('m.name', 'ilike', likePattern(q.q));
  const [ids, count] = await Promise.all([
    base.select('m.id').orderBy('o.area_path').orderBy('m.org_id').orderBy('m.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const rows = ids.length ? await mediatorsWithWorkload(db).where('m.city_code', '=', caller.cityCode).where('m.id', 'in', ids.map((r) => r.id)).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((r) => toMediatorOut(byId.get(r.id)!)), total: Number(count.n) };
}

async function mediatorOut(db: Executor, cityCode: string, id: number): Promise<MediatorOut> {
  return toMediatorOut(await mediatorsWithWorkload(db).where('m.city_code', '=', cityCode).where('m.id', '=', id).executeTakeFirstOrThrow());
}

/** A login for a mediator record: a user of the caller's city with role mediator, still active. */
async function checkLogin(trx: Transaction<DB>, caller: Caller, userId: number | null | undefined): Promise<number | null> {
  if (userId === undefined || userId === null) return null;
  const u = await trx.selectFrom('app_user').select(['id', 'role', 'active']).where('id', '=', userId).where('city_code', '=', caller.cityCode).executeTakeFirst();
  if (!u) throw invalidField('userId', `用户 ${userId} 不在本市 / user ${userId} is not of your city`);
  if (u.role !== 'mediator') throw invalidField('userId', '只能关联角色为「调解员」的账号 / only a user with role mediator can be linked');
  if (!u.active) throw invalidField('userId', '该账号已停用 / that user is deactivated');
  return u.id;
}

const loginTaken = () => conflict('userId: 该账号已是本组织的调解员 / this login is already a mediator of the organisation', { field: 'userId' });

export async function createMediator(trx: Transaction<DB>, caller: Caller, input: CreateMediator, ip: string | null): Promise<MediatorOut> {
  const org = await findOrg(trx, caller.cityCode, input.orgId);
  if (!org || !pathInScope(caller, org.area_path)) throw invalidField('orgId', `调解组织 ${input.orgId} 不在您的管辖范围内 / organisation ${input.orgId} is outside your area`);
  if (!org.active) throw invalidField('orgId', '该调解组织已停用 / the organisation is not active');
  const userId = await checkLogin(trx, caller, input.userId);
  const row = await trx.insertInto('mediator').values({
    city_code: caller.cityCode, org_id: org.id, user_id: userId, name: input.name.trim(), phone: office(input.phone), kind: input.kind,
    specialties: input.specialties ?? [], created_by: caller.id,
  }).returning('id').executeTakeFirstOrThrow().catch(uniqueOr(loginTaken));
  await appendAudit(trx, caller, { action: 'mediation.mediator.create', targetType: 'mediator', targetId: row.id, ip, detail: { org: org.id, kind: input.kind, userId } });
  return mediatorOut(trx, caller.cityCode, row.id);
}

export async function patchMediator(trx: Transaction<DB>, caller: Caller, id: number, input: PatchMediator, ip: string | null): Promise<MediatorOut> {
  const row = await findMediator(trx, caller.cityCode, id, true);
  const org = row ? await findOrg(trx, caller.cityCode, row.org_id) : undefined;
  if (!row || !org || !pathInScope(caller, org.area_path)) throw mediatorNotFound(id);
  if (input.version !== undefined && input.version !== row.version) throw stale('调解员');
  const set = {
    ...(input.name !== undefined && { name: input.name.trim() }),
    ...(input.phone !== undefined && { phone: office(input.phone) }),
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.specialties !== undefined && { specialties: input.specialties }),
    ...(input.active !== undefined && { active: input.active }),
    ...(input.userId !== undefined && { user_id: await checkLogin(trx, caller, input.userId) }),
  };
  await trx.updateTable('mediator').set({ ...set, version: row.version + 1, updated_at: new Date() })
    .where('city_code', '=', row.city_code).where('id', '=', id).execute().catch(uniqueOr(loginTaken));
  await appendAudit(trx, caller, { action: 'mediation.mediator.update', targetType: 'mediator', targetId: id, ip, detail: { changed: Object.keys(input).filter((k) => k !== 'version') } });
  return mediatorOut(trx, caller.cityCode, id);
}

