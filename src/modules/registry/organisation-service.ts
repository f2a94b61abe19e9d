import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { AppError, invalidField } from '../../kernel/errors.ts';
import { maskPhone } from '../../kernel/privacy.ts';
import { todayInChina } from '../../kernel/validators/normalise.ts';
import { areaForFilter, gridForWrite, hasTag, likePattern, notInScope, under, visibleTo, type Executor, type GridRef } from './area-scope.ts';
import { attachmentsOf } from './attachments.ts';
import { attempt, checkCode, normalCreditCode, normalPhone, type ProblemSink } from './field-checks.ts';
import { changed, created, diff, recordChange } from './history.ts';
import type { CreateOrganisation, OrganisationDetail, OrganisationOut, OrganisationQuery, UpdateOrganisation } from './organisation-schema.ts';
import { checkVersion } from './record-version.ts';
import { addTags, checkTagCodes, replaceTags, tagsOf } from './tags-service.ts';

/** 非公经济组织和社会组织: enterprises with their unified social credit code, social organisations. */

type Kind = CreateOrganisation['kind'];

// The first characters of a credit code say who registered the body (GB 32100): 9 market regulator, 5 civil affairs, 1 编制.
const CODE_PREFIXES: Record<Kind, string[]> = {
  enterprise: ['91', '93'], individual_business: ['92'], social_org: ['5'], public_institution: ['1', 'A'],
};

function selectOrganisations(db: Executor, caller: Caller) {
  return db.selectFrom('organisation as o').select([
    'o.id', 'o.kind', 'o.name', 'o.credit_code', 'o.industry', 'o.legal_rep', 'o.phone', 'o.address', 'o.grid_code', 'o.grid_path',
    'o.employees', 'o.registered_capital', 'o.established_on', 'o.status', 'o.has_party_org', 'o.notes', 'o.version', 'o.created_at', 'o.updated_at',
  ]).where(visibleTo(caller, 'o'));
}
export type OrgRow = Awaited<ReturnType<ReturnType<typeof selectOrganisations>['executeTakeFirstOrThrow']>>;

export async function organisationsOut(db: Executor, caller: Caller, rows: OrgRow[]): Promise<OrganisationOut[]> {
  const tags = await tagsOf(db, caller.cityCode, 'organisation', rows.map((r) => r.id));
  return rows.map((o) => ({
    id: o.id, kind: o.kind, name: o.name, creditCode: o.credit_code, industry: o.industry, legalRep: o.legal_rep, phone: maskPhone(o.phone),
    address: o.address, gridCode: o.grid_code, employees: o.employees, registeredCapital: o.registered_capital === null ? null : Number(o.registered_capital),
    establishedOn: o.established_on, status: o.status, hasPartyOrg: o.has_party_org, notes: o.notes, tags: tags.get(o.id)!,
    version: o.version, createdAt: o.created_at.toISOString(), updatedAt: o.updated_at.toISOString(),
  }));
}

async function orgInScope(db: Executor, caller: Caller, id: number, forUpdate = false): Promise<OrgRow> {
  let q = selectOrganisations(db, caller).where('o.id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notInScope('organisation', id);
  return row;
}

function checkKindAndCode(kind: Kind, code: string | null): void {
  if (kind === 'enterprise' && !code) throw invalidField('creditCode', '企业须填写统一社会信用代码 / an enterprise needs its unified social credit code');
  if (code && !CODE_PREFIXES[kind].some((p) => code.startsWith(p))) {
    throw invalidField('creditCode', `代码 ${code.slice(0, 2)} 开头，不是${kind}的登记类别（应以 ${CODE_PREFIXES[kind].join('/')} 开头） / a ${kind} has a code starting ${CODE_PREFIXES[kind].join(' or ')}`);
  }
}

/** One live organisation per credit code in a city, with a pointer to the one that has it. */
async function refuseDuplicateCode(trx: Transaction<DB>, caller: Caller, code: string, exceptId?: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`org:${caller.cityCode}:${code}`}, 0))`.execute(trx);
  let q = trx.selectFrom('organisation').select(['id', 'name', sql<boolean>`grid_path <@ ${caller.scopePath}::ltree`.as('in_scope')])
    .where('city_code', '=', caller.cityCode).where('credit_code', '=', code).where('deleted_at', 'is', null);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  const e = await q.executeTakeFirst();
  if (e) {
    throw new AppError(409, 'duplicate', `creditCode: 该统一社会信用代码已登记（组织 ${e.id}${e.in_scope ? ` ${e.name}` : ''}） / this credit code is already registered (organisation ${e.id})`,
      { field: 'creditCode', existingId: e.id, inYourScope: e.in_scope });
  }
}

function checkEstablished(on: string | null | undefined): void {
  if (on && on > todayInChina()) throw invalidField('establishedOn', '成立日期不能晚于今天 / cannot be in the future');
}

/**
 * The checks of a new organisation that need no database; the values to store. With a sink every
 * bad field is reported there instead of thrown (the values are then not to be written).
 */
export function checkNewOrganisation(input: Omit<CreateOrganisation, 'gridCode' | 'tags'>, sink?: ProblemSink) {
  const name = input.name.trim();
  attempt(sink, () => { if (!name) throw invalidField('name', '名称不能为空 / name is empty'); }, undefined);
  const creditCode = attempt(sink, () => normalCreditCode(input.creditCode, 'creditCode'), null) ?? null;
  attempt(sink, () => checkKindAndCode(input.kind, creditCode), undefined);
  attempt(sink, () => checkCode('industry', input.industry, 'industry'), undefined);
  const phone = attempt(sink, () => normalPhone(input.phone, 'phone'), null) ?? null;
  attempt(sink, () => checkEstablished(input.establishedOn), undefined);
  return {
    kind: input.kind, name, credit_code: creditCode, industry: input.industry ?? null, legal_rep: input.legalRep?.trim() || null, phone,
    address: input.address?.trim() || null, employees: input.employees ?? null, registered_capital: input.registeredCapital ?? null,
    established_on: input.establishedOn ?? null, status: input.status ?? 'active', has_party_org: input.hasPartyOrg ?? false, notes: input.notes?.trim() || null,
  } as const;
}

/** The history of a new organisation (bulk imports write the same). */
export function organisationCreated(values: ReturnType<typeof checkNewOrganisation>, gridCode: string, tags: readonly string[] | undefined) {
  return created({ ...apiFields(values), gridCode, tags: tags?.length ? [...tags] : null });
}

export async function createOrganisation(trx: Transaction<DB>, caller: Caller, input: CreateOrganisation): Promise<OrganisationDetail> {
  const grid = await gridForWrite(trx, caller, input.gridCode);
  const values = checkNewOrganisation(input);
  await checkTagCodes(trx, caller.cityCode, input.tags, 'organisation', 'tags');
  if (values.credit_code) await refuseDuplicateCode(trx, caller, values.credit_code);
  const { id } = await trx.insertInto('organisation').values({ ...values, city_code: caller.cityCode, grid_code: grid.code, grid_path: grid.path, created_by: caller.id, updated_by: caller.id })
    .returning('id').executeTakeFirstOrThrow();
  await addTags(trx, caller, 'organisation', id, input.tags ?? []);
  await recordChange(trx, caller, 'organisation', id, 'create', organisationCreated(values, grid.code, input.tags));
  return getOrganisation(trx, caller, id);
}

function apiFields(v: { kind: string; name: string; credit_code: string | null; industry: string | null; legal_rep: string | null; phone: string | null; address: string | null; employees: number | null; registered_capital: number | string | null; established_on: string | null; status: string; has_party_org: boolean; notes: string | null }) {
  return {
    kind: v.kind, name: v.name, creditCode: v.credit_code, industry: v.industry, legalRep: v.legal_rep, phone: v.phone, address: v.address, employees: v.employees,
    registeredCapital: v.registered_capital === null ? null : Number(v.registered_capital), establishedOn: v.established_on, status: v.status, hasPartyOrg: v.has_party_org, notes: v.notes,
  };
}

export async function updateOrganisation(trx: Transaction<DB>, caller: Caller, id: number, input: UpdateOrganisation): Promise<OrganisationDetail> {
  const row = await orgInScope(trx, caller, id, true);
  checkVersion(row.version, input.version);
  let grid: GridRef = { code: row.grid_code, path: row.grid_path, name: '' };
  if (input.gridCode && input.gridCode !== row.grid_code) grid = await gridForWrite(trx, caller, input.gridCode);
  const name = input.name?.trim();
  if (name === '') throw invalidField('name', '名称不能为空 / name is empty');
  const creditCode = input.creditCode !== undefined ? normalCreditCode(input.creditCode, 'creditCode') ?? null : row.credit_code;
  const kind = input.kind ?? row.kind;
  checkKindAndCode(kind, creditCode);
  checkCode('industry', input.industry, 'industry');
  const phone = normalPhone(input.phone, 'phone');
  checkEstablished(input.establishedOn);
  await checkTagCodes(trx, caller.cityCode, input.tags, 'organisation', 'tags');
  if (creditCode && creditCode !== row.credit_code) await refuseDuplicateCode(trx, caller, creditCode, id);
  const pick = <K extends keyof UpdateOrganisation, V>(k: K, current: V) => (input[k] !== undefined ? input[k] : current);
  const next = {
    kind, name: name ?? row.name, credit_code: creditCode, industry: pick('industry', row.industry) as string | null,
    legal_rep: input.legalRep !== undefined ? input.legalRep?.trim() || null : row.legal_rep, phone: phone !== undefined ? phone : row.phone,
    address: input.address !== undefined ? input.address?.trim() || null : row.address, employees: pick('employees', row.employees) as number | null,
    registered_capital: pick('registeredCapital', row.registered_capital === null ? null : Number(row.registered_capital)) as number | null,
    established_on: pick('establishedOn', row.established_on) as string | null, status: input.status ?? row.status,
    has_party_org: input.hasPartyOrg ?? row.has_party_org, notes: input.notes !== undefined ? input.notes?.trim() || null : row.notes,
  };
  const changes = diff({ ...apiFields(row), gridCode: row.grid_code }, { ...apiFields(next), gridCode: grid.code });
  const tagChange = input.tags ? await replaceTags(trx, caller, 'organisation', id, input.tags) : null;
  if (tagChange) changes.tags = tagChange;
  if (changed(changes)) {
    await trx.updateTable('organisation').set({ ...next, grid_code: grid.code, grid_path: grid.path, updated_at: new Date(), updated_by: caller.id, version: sql`version + 1` })
      .where('city_code', '=', caller.cityCode).where('id', '=', id).execute();
    await recordChange(trx, caller, 'organisation', id, 'update', changes);
  }
  return getOrganisation(trx, caller, id);
}

export async function getOrganisation(db: Executor, caller: Caller, id: number): Promise<OrganisationDetail> {
  const [out] = await organisationsOut(db, caller, [await orgInScope(db, caller, id)]);
  return { ...out, attachments: await attachmentsOf(db, caller.cityCode, 'organisation', id) };
}

export async function listOrganisations(db: Kysely<DB>, caller: Caller, q: OrganisationQuery) {
  const base = await organisationsQuery(db, caller, q);
  const [{ n }] = await base.clearSelect().select(sql<number>`count(*)::int`.as('n')).execute();
  const rows = await base.orderBy('o.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: await organisationsOut(db, caller, rows), total: n };
}

/** The organisations a list shows (scope and filters, no paging): the list route and the export share it. */
export async function organisationsQuery(db: Kysely<DB>, caller: Caller, q: Omit<OrganisationQuery, 'page' | 'pageSize'>) {
  let base = selectOrganisations(db, caller);
  if (q.grid) base = base.where(under('o.grid_path', (await areaForFilter(db, caller, q.grid)).path));
  if (q.kind) base = base.where('o.kind', '=', q.kind);
  if (q.status) base = base.where('o.status', '=', q.status);
  if (q.tag) base = base.where(hasTag('o', 'organisation', q.tag));
  if (q.q) {
    const text = q.q.trim();
    base = base.where((eb) => eb.or([eb('o.name', 'ilike', likePattern(text)), eb('o.credit_code', '=', text.toUpperCase())]));
  }
  return base;
}
