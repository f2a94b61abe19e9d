import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, DepartmentTable } from '../../../db/types.ts';
import { OPEN_STATES } from '../workflow/states.ts';

/** SQL of the department register. Every query names the city: a department is one city's. */

export type Executor = Kysely<DB> | Transaction<DB>;
export type DepartmentRow = Selectable<DepartmentTable>;
export interface DepartmentCounts { open_tickets: number; active_rules: number; handlers: number }

const OPEN = sql.join(OPEN_STATES.map((s) => sql.lit(s)));

/** The city's departments with what hangs on each: open tickets, active rules, active handler accounts. */
export async function selectDepartments(db: Executor, city: string, filter: { active?: boolean; id?: number } = {}): Promise<(DepartmentRow & DepartmentCounts)[]> {
  // Open tickets are found through ticket_state (city, state, …): a few thousand rows, not the year's tickets.
  let q = db.selectFrom('department as d')
    .leftJoin((eb) => eb.selectFrom('ticket').select(['assignee_department as name', (e) => e.fn.countAll<string>().as('n')])
      .where('city_code', '=', city).where(sql<boolean>`state IN (${OPEN})`).where('assignee_department', 'is not', null)
      .groupBy('assignee_department').as('t'), (j) => j.onRef('t.name', '=', 'd.name'))
    .leftJoin((eb) => eb.selectFrom('routing_rule').select(['department as name', (e) => e.fn.countAll<string>().as('n')])
      .where('city_code', '=', city).where('active', '=', true).where('department', 'is not', null)
      .groupBy('department').as('r'), (j) => j.onRef('r.name', '=', 'd.name'))
    .leftJoin((eb) => eb.selectFrom('app_user').select(['department as name', (e) => e.fn.countAll<string>().as('n')])
      .where('city_code', '=', city).where('active', '=', true).where('role', '=', 'dept_handler').where('department', 'is not', null)
      .groupBy('department').as('u'), (j) => j.onRef('u.name', '=', 'd.name'))
    .selectAll('d')
    .select([
      sql<number>`coalesce(t.n, 0)::int`.as('open_tickets'),
      sql<number>`coalesce(r.n, 0)::int`.as('active_rules'),
      sql<number>`coalesce(u.n, 0)::int`.as('handlers'),
    ])
    .where('d.city_code', '=', city);
  if (filter.active !== undefined) q = q.where('d.active', '=', filter.active);
  if (filter.id !== undefined) q = q.where('d.id', '=', filter.id);
  return q.orderBy('d.sort').orderBy('d.id').execute();
}

export function departmentById(db: Executor, city: string, id: number) {
  return db.selectFrom('department').selectAll().where('city_code', '=', city).where('id', '=', id).executeTakeFirst();
}

/**
 * One department by id, locked. Both modes wait for the dispatches and rules in flight that hold it
 * FOR SHARE. A rename (key change) takes FOR UPDATE, which also waits for foreign-key checks; other
 * changes take FOR NO KEY UPDATE, which lets ticket actions that merely name it go on.
 */
export function lockDepartment(trx: Transaction<DB>, city: string, id: number, renaming: boolean) {
  const q = trx.selectFrom('department').selectAll().where('city_code', '=', city).where('id', '=', id);
  return (renaming ? q.forUpdate() : q.forNoKeyUpdate()).executeTakeFirst();
}

/**
 * Before a rename: lock the rows the cascade will change, in id order, BEFORE the department. A
 * ticket action holds its ticket and then checks the department; taking the department first and the
 * ticket second (as the cascade would) could deadlock with it.
 */
export async function lockReferencesOf(trx: Transaction<DB>, city: string, name: string): Promise<void> {
  await trx.selectFrom('ticket').select('id').where('city_code', '=', city).where('assignee_department', '=', name).orderBy('id').forUpdate().execute();
  await trx.selectFrom('routing_rule').select('id').where('city_code', '=', city).where('department', '=', name).orderBy('id').forUpdate().execute();
  await trx.selectFrom('app_user').select('id').where('city_code', '=', city).where('department', '=', name).orderBy('id').forUpdate().execute();
}

/**
 * A department by name, FOR SHARE: whoever names it (dispatch, a rule, an account) holds it until
 * commit, so it cannot be switched off or renamed in between.
 */
export function shareDepartmentByName(trx: Transaction<DB>, city: string, name: string) {
  return trx.selectFrom('department').select(['id', 'name', 'active']).where('city_code', '=', city).where('name', '=', name).forShare().executeTakeFirst();
}

export async function departmentByName(db: Executor, city: string, name: string) {
  return db.selectFrom('department').select(['id', 'name', 'active']).where('city_code', '=', city).where('name', '=', name).executeTakeFirst();
}
