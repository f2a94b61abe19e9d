import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, MediationOrgTable, MediatorTable } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { NO_MEMBERSHIP, type Membership } from '../access.ts';
import { OPEN_STATES } from '../workflow/states.ts';
import type { MediatorFacts } from '../workflow/states.ts';

/** The SQL of organisations and mediators; services hold the rules. */

export type Executor = Kysely<DB> | Transaction<DB>;
export type OrgRow = Selectable<MediationOrgTable>;
export type MediatorRow = Selectable<MediatorTable>;

const OPEN = sql.join(OPEN_STATES.map((s) => sql.lit(s)));

/** The caller's own active mediator records (a login may mediate for more than one organisation). */
export async function membershipOf(db: Executor, caller: Caller): Promise<Membership> {
  if (caller.role !== 'mediator') return NO_MEMBERSHIP;
  const rows = await db.selectFrom('mediator').select(['id', 'org_id']).where('city_code', '=', caller.cityCode)
    .where('user_id', '=', caller.id).where('active', '=', true).execute();
  return { mediatorIds: rows.map((r) => r.id), orgIds: [...new Set(rows.map((r) => r.org_id))] };
}

/** Organisations (alias o) with their area's name, active mediators and open cases. */
export function orgsWithCounts(db: Executor) {
  return db.selectFrom('mediation_org as o')
    .leftJoin('area as a', (j) => j.onRef('a.city_code', '=', 'o.city_code').onRef('a.code', '=', 'o.area_code'))
    .selectAll('o').select('a.name as area_name')
    .select((eb) => [
      eb.selectFrom('mediator as m').whereRef('m.city_code', '=', 'o.city_code').whereRef('m.org_id', '=', 'o.id').where('m.active', '=', true)
        .select(sql<number>`count(*)::int`.as('n')).as('mediator_count'),
      eb.selectFrom('mediation_case as c').whereRef('c.city_code', '=', 'o.city_code').whereRef('c.org_id', '=', 'o.id').where(sql<boolean>`c.state IN (${OPEN})`)
        .select(sql<number>`count(*)::int`.as('n')).as('open_cases'),
    ]);
}

export async function findOrg(db: Executor, cityCode: string, id: number, forUpdate = false): Promise<OrgRow | undefined> {
  let q = db.selectFrom('mediation_org').selectAll().where('city_code', '=', cityCode).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Mediators (alias m) with their organisation's name, login and workload (open cases they are on now). */
export function mediatorsWithWorkload(db: Executor) {
  return db.selectFrom('mediator as m')
    .innerJoin('mediation_org as o', (j) => j.onRef('o.city_code', '=', 'm.city_code').onRef('o.id', '=', 'm.org_id'))
    .leftJoin('app_user as u', 'u.id', 'm.user_id')
    .selectAll('m').select(['o.name as org_name', 'u.username'])
    .select((eb) => eb.selectFrom('mediation_case_mediator as cm')
      .innerJoin('mediation_case as c', (j) => j.onRef('c.city_code', '=', 'cm.city_code').onRef('c.id', '=', 'cm.case_id'))
      .whereRef('cm.city_code', '=', 'm.city_code').whereRef('cm.mediator_id', '=', 'm.id').where('cm.removed_at', 'is', null)
      .where(sql<boolean>`c.state IN (${OPEN})`).select(sql<number>`count(*)::int`.as('n')).as('workload'));
}

export async function findMediator(db: Executor, cityCode: string, id: number, forUpdate = false): Promise<MediatorRow | undefined> {
  let q = db.selectFrom('mediator').selectAll().where('city_code', '=', cityCode).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Mediators as the workflow needs them for an assignment, in the order asked; unknown ids are left out. */
export async function mediatorFacts(db: Executor, cityCode: string, ids: number[]): Promise<MediatorFacts[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('mediator').select(['id', 'org_id', 'active', 'name', 'phone']).where('city_code', '=', cityCode).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id: r.id, orgId: r.org_id, active: r.active, name: r.name, phone: r.phone }] : [];
  });
}

export async function areaByCode(db: Executor, cityCode: string, code: string) {
  return db.selectFrom('area').select(['code', 'path', 'level', 'name']).where('city_code', '=', cityCode).where('code', '=', code).executeTakeFirst();
}
