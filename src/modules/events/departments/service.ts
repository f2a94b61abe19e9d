import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import { forgetSessions } from '../../../kernel/auth/sessions.ts';
import { AppError, conflict, invalidField } from '../../../kernel/errors.ts';
import type { CreateDepartment, DepartmentOut, PatchDepartment } from './schema.ts';
import { departmentById, lockDepartment, lockReferencesOf, selectDepartments, shareDepartmentByName, type DepartmentCounts, type DepartmentRow } from './store.ts';

/**
 * 职能部门名录: the city admin keeps the list; dispatch, routing rules and user accounts may only
 * name a switched-on department of it. Nothing is deleted (old tickets keep their department): a
 * department is switched off, which is refused while tickets or rules still depend on it.
 */

const toOut = (r: DepartmentRow & DepartmentCounts): DepartmentOut => ({
  id: r.id, name: r.name, shortName: r.short_name, kind: r.kind, phone: r.phone, active: r.active, sort: r.sort,
  openTickets: r.open_tickets, activeRules: r.active_rules, handlers: r.handlers, updatedAt: r.updated_at.toISOString(),
});

const departmentNotFound = (id: number) => new AppError(404, 'not_found', `部门 ${id} 不存在 / department ${id} not found`);

export async function listDepartments(db: Kysely<DB>, caller: Caller, q: { active?: boolean }): Promise<{ items: DepartmentOut[] }> {
  return { items: (await selectDepartments(db, caller.cityCode, q)).map(toOut) };
}

async function departmentOut(db: Kysely<DB> | Transaction<DB>, city: string, id: number): Promise<DepartmentOut> {
  const [row] = await selectDepartments(db, city, { id });
  if (!row) throw departmentNotFound(id);
  return toOut(row);
}

function cleanName(raw: string): string {
  const name = raw.trim();
  if (name.length < 2 || name.length > 40) throw invalidField('name', '部门名称应为 2 到 40 个字 / the name must be 2–40 characters');
  if (/[<>"“”]/.test(name)) throw invalidField('name', '部门名称不能含 < > 或引号 / the name cannot contain < > or quotes');
  return name;
}
function cleanShortName(raw: string | null | undefined): string | null | undefined {
  if (raw === undefined) return undefined;
  const s = raw?.trim() || null;
  if (s && s.length > 20) throw invalidField('shortName', '简称不超过 20 个字 / the short name is at most 20 characters');
  return s;
}
function cleanPhone(raw: string | null | undefined): string | null | undefined {
  if (raw === undefined) return undefined;
  const p = raw?.trim() || null;
  if (p && !/^[0-9][0-9-]{2,19}$/.test(p)) throw invalidField('phone', '值班电话只能含数字和“-”，如 0472-5123456 或 95598 / digits and hyphens only, e.g. 0472-5123456 or 95598');
  return p;
}
const nameTaken = (name: string) => conflict(`name: 本市已有名为“${name}”的部门 / the city already has a department of this name`, { field: 'name' });

export async function createDepartment(db: Kysely<DB>, caller: Caller, body: CreateDepartment, ip: string | null): Promise<DepartmentOut> {
  const name = cleanName(body.name);
  const shortName = cleanShortName(body.shortName) ?? null;
  const phone = cleanPhone(body.phone) ?? null;
  return db.transaction().execute(async (trx) => {
    // ON CONFLICT: two admins adding the same name at once get one row and one clear 409.
    const row = await trx.insertInto('department')
      .values({ city_code: caller.cityCode, name, short_name: shortName, kind: body.kind ?? 'government', phone, sort: body.sort ?? sql<number>`(SELECT coalesce(max(sort), 0) + 10 FROM department WHERE city_code = ${caller.cityCode})` })
      .onConflict((oc) => oc.columns(['city_code', 'name']).doNothing()).returning('id').executeTakeFirst();
    if (!row) throw nameTaken(name);
    await appendAudit(trx, caller, { action: 'department.create', targetType: 'department', targetId: row.id, ip, detail: { name, kind: body.kind ?? 'government', shortName, phone } });
    return departmentOut(trx, caller.cityCode, row.id);
  });
}

export async function patchDepartment(db: Kysely<DB>, caller: Caller, id: number, body: PatchDepartment, ip: string | null): Promise<DepartmentOut> {
  const name = body.name === undefined ? undefined : cleanName(body.name);
  const shortName = cleanShortName(body.shortName);
  const phone = cleanPhone(body.phone);
  const out = await db.transaction().execute(async (trx) => {
    const city = caller.cityCode;
    const current = await departmentById(trx, city, id);
    if (!current) throw departmentNotFound(id);
    const renaming = name !== undefined && name !== current.name;
    if (renaming) {
      const twin = await trx.selectFrom('department').select('id').where('city_code', '=', city).where('name', '=', name).executeTakeFirst();
      if (twin) throw nameTaken(name);
      await lockReferencesOf(trx, city, current.name);
    }
    const before = await lockDepartment(trx, city, id, renaming);
    if (!before) throw departmentNotFound(id);
    if (before.name !== current.name) throw conflict('name: 该部门刚被他人改名，请刷新后重试 / the department was just renamed by someone else; reload and try again', { field: 'name' });
    if (body.active === false && before.active) {
      // Counted after the lock: a dispatch in flight has committed (or waits and then sees it off).
      const [now] = await selectDepartments(trx, city, { id });
      if (now.open_tickets || now.active_rules) {
        const zh = [now.open_tickets && `${now.open_tickets} 件在办工单`, now.active_rules && `${now.active_rules} 条启用的派单规则`].filter(Boolean).join('、');
        const en = [now.open_tickets && `${now.open_tickets} open ticket(s)`, now.active_rules && `${now.active_rules} active routing rule(s)`].filter(Boolean).join(' and ');
        // The English half carries no Chinese name, so the console can show one language.
        throw conflict(`active: “${before.name}”尚有 ${zh}，请先办结或改派工单、停用或改派规则后再停用 / the department still has ${en}; finish or re-dispatch the tickets and switch off or change the rules first`,
          { field: 'active', openTickets: now.open_tickets, activeRules: now.active_rules });
      }
    }
    const change = {
      ...(name !== undefined && name !== before.name && { name }),
      ...(shortName !== undefined && shortName !== before.short_name && { short_name: shortName }),
      ...(body.kind !== undefined && body.kind !== before.kind && { kind: body.kind }),
      ...(phone !== undefined && phone !== before.phone && { phone }),
      ...(body.active !== undefined && body.active !== before.active && { active: body.active }),
      ...(body.sort !== undefined && body.sort !== before.sort && { sort: body.sort }),
    };
    if (Object.keys(change).length) {
      // A rename cascades (ON UPDATE CASCADE) to the tickets, accounts, rules and notices that name it.
      await trx.updateTable('department').set({ ...change, updated_at: new Date() }).where('city_code', '=', city).where('id', '=', id).execute()
        .catch((err: { code?: string }) => { throw err.code === '23505' && name ? nameTaken(name) : err; }); // the same name added meanwhile
      const was = Object.fromEntries(Object.keys(change).map((k) => [k, before[k as keyof DepartmentRow]]));
      await appendAudit(trx, caller, { action: 'department.update', targetType: 'department', targetId: id, ip, detail: { name: before.name, before: was, after: change } });
    }
    return departmentOut(trx, city, id);
  });
  // Accounts carry the department's name (renamed with it): signed-in handlers must see the new one.
  if (name !== undefined) forgetSessions();
  return out;
}

/** How a form names the department field, for the messages. */
export interface DepartmentLabel { zh: string; en: string }
export const ASSIGNEE_DEPARTMENT: DepartmentLabel = { zh: '承办部门', en: 'department' };
export const OWN_DEPARTMENT: DepartmentLabel = { zh: '所属部门', en: 'department' };

/**
 * The check everyone who names a department makes (dispatch, routing rules, user accounts): it is in
 * the city's register and switched on. It holds the row FOR SHARE until commit, so a switch-off or a
 * rename waits for this transaction and then sees what it wrote.
 */
export async function requireActiveDepartment(trx: Transaction<DB>, city: string, name: string, field: string, label: DepartmentLabel): Promise<string> {
  const d = await shareDepartmentByName(trx, city, name);
  // The English halves name no Chinese text, so the console can show one language (localizeMessage).
  if (!d) throw invalidField(field, `${label.zh}“${name}”不在本市部门名录中，请从名录中选择 / this ${label.en} is not in the city's department register; choose one from it`);
  if (!d.active) throw invalidField(field, `${label.zh}“${name}”已停用，请选择其他部门 / this ${label.en} is switched off; choose another`);
  return d.name;
}
