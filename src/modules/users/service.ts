import { sql, type Kysely } from 'kysely';
import type { DB, Role } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { hashPassword, passwordProblem } from '../../kernel/auth/passwords.ts';
import { appendAudit } from '../../kernel/audit/audit.ts';
import { forgetSessions } from '../../kernel/auth/sessions.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../kernel/errors.ts';
import { isPhoneNumber, maskPhone } from '../../kernel/privacy.ts';
import { likePattern } from '../../kernel/sql-like.ts';
import { mayAssignRole, ROLE_SCOPE_LEVELS, ROLES } from '../../kernel/roles.ts';
import { codeOfPath, inScope } from '../../kernel/scope.ts';
import { findAreaInScope } from '../org/store.ts';
import { OWN_DEPARTMENT, requireActiveDepartment } from '../events/departments/service.ts';
import type { CreateUser, UpdateUser, UserOut } from './schema.ts';

type Row = {
  id: number; username: string; display_name: string; role: Role; city_code: string; scope_path: string;
  department: string | null; phone: string | null; active: boolean; locked_until: Date | null; updated_at: Date; scope_name: string | null;
};

export function toUserOut(r: Row): UserOut {
  return {
    id: r.id, username: r.username, displayName: r.display_name, role: r.role, cityCode: r.city_code,
    scopePath: r.scope_path, scopeCode: codeOfPath(r.scope_path), scopeName: r.scope_name,
    department: r.department, phone: maskPhone(r.phone), active: r.active,
    locked: !!r.locked_until && r.locked_until.getTime() > Date.now(), updatedAt: r.updated_at.toISOString(),
  };
}

function selectUsers(db: Kysely<DB>) {
  return db.selectFrom('app_user as u')
    .leftJoin('area as a', (j) => j.onRef('a.city_code', '=', 'u.city_code').on(sql<boolean>`a.path = u.scope_path`))
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.city_code', 'u.scope_path', 'u.department', 'u.phone', 'u.active', 'u.locked_until', 'u.updated_at', 'a.name as scope_name']);
}

export async function listUsers(db: Kysely<DB>, caller: Caller, q: string | undefined, page: number, pageSize: number) {
  let base = selectUsers(db).where('u.city_code', '=', caller.cityCode).where(inScope(caller, 'u.scope_path'));
  if (q) {
    const like = likePattern(q);
    base = base.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like), eb('a.name', 'ilike', like)]));
  }
  const [{ n }] = await base.clearSelect().select(sql<number>`count(*)::int`.as('n')).execute();
  const rows = await base.orderBy('u.scope_path').orderBy('u.id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { items: rows.map(toUserOut), total: n };
}

async function getUserInScope(db: Kysely<DB>, caller: Caller, id: number): Promise<Row> {
  const row = await selectUsers(db).where('u.id', '=', id).where('u.city_code', '=', caller.cityCode).where(inScope(caller, 'u.scope_path')).executeTakeFirst();
  if (!row) throw notFound(`用户 ${id} 不存在或不在您的管辖范围内 / user ${id}`);
  return row;
}

/** The scope area for a role: inside the caller's scope and at a level the role works at. */
async function scopeFor(db: Kysely<DB>, caller: Caller, role: Role, scopeCode: string) {
  const area = await findAreaInScope(db, caller, scopeCode);
  if (!area) throw invalidField('scopeCode', `区划 ${scopeCode} 不存在或不在您的管辖范围内 / unknown area or outside your area`);
  if (!ROLE_SCOPE_LEVELS[role].includes(area.level)) {
    throw invalidField('scopeCode', `${ROLES[role].zh}的管辖范围应为 ${ROLE_SCOPE_LEVELS[role].join('/')} 级区划，而 ${area.name} 是 ${area.level} / a ${role} works at ${ROLE_SCOPE_LEVELS[role].join(' or ')} level`);
  }
  return area;
}

function checkRole(caller: Caller, role: Role) {
  if (!mayAssignRole(caller.role, role)) throw new AppError(403, 'forbidden', `role: 您不能分配「${ROLES[role].zh}」角色 / you may not assign role ${role}`, { field: 'role' });
}

function checkPhone(phone: string | null | undefined) {
  if (phone && !isPhoneNumber(phone)) throw invalidField('phone', '电话号码格式不正确 / not a valid mobile or landline number');
}

/** 所属部门: trimmed, empty → none; a department handler (职能部门办理人) must have one. */
function cleanDepartment(raw: string | null | undefined): string | null | undefined {
  return raw === undefined ? undefined : raw?.trim() || null;
}
function checkHandlerHasDepartment(role: Role, department: string | null) {
  if (role === 'dept_handler' && !department) throw invalidField('department', '职能部门办理人须选择所属部门 / a department handler must belong to a department of the register');
}

function checkPassword(password: string) {
  const p = passwordProblem(password);
  if (p) throw invalidField('password', p);
}

export async function createUser(db: Kysely<DB>, caller: Caller, input: CreateUser, ip: string | null): Promise<UserOut> {
  checkRole(caller, input.role);
  checkPassword(input.password);
  checkPhone(input.phone);
  const department = cleanDepartment(input.department) ?? null;
  checkHandlerHasDepartment(input.role, department);
  const area = await scopeFor(db, caller, input.role, input.scopeCode);
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
    if (clash) throw conflict(`username: 用户名 ${input.username} 已被使用 / already taken`, { field: 'username' });
    if (department) await requireActiveDepartment(trx, area.city_code, department, 'department', OWN_DEPARTMENT);
    const { id } = await trx.insertInto('app_user').values({
      city_code: area.city_code, username: input.username, display_name: input.displayName, role: input.role,
      scope_path: area.path, department, phone: input.phone ?? null, password_hash: passwordHash,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, caller, { action: 'user.create', targetType: 'user', targetId: id, ip, detail: { username: input.username, role: input.role, scope: area.code } });
    return id;
  });
  return toUserOut(await getUserInScope(db, caller, id));
}

export async function updateUser(db: Kysely<DB>, caller: Caller, id: number, input: UpdateUser, ip: string | null): Promise<UserOut> {
  const current = await getUserInScope(db, caller, id);
  if (!mayAssignRole(caller.role, current.role)) throw forbidden('您不能修改该用户 / you may not change a user of this rank');
  if (id === caller.id && (input.role || input.scopeCode || input.active === false)) {
    throw forbidden('不能修改自己的角色、范围或停用自己 / you cannot change your own role, scope or deactivate yourself');
  }
  const role = input.role ?? current.role;
  if (input.role) checkRole(caller, input.role);
  if (input.password !== undefined) checkPassword(input.password);
  checkPhone(input.phone);
  const department = cleanDepartment(input.department);
  checkHandlerHasDepartment(role, department === undefined ? current.department : department);
  const area = input.scopeCode || input.role ? await scopeFor(db, caller, role, input.scopeCode ?? codeOfPath(current.scope_path)) : null;
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  await db.transaction().execute(async (trx) => {
    // A new department must be a switched-on one; keeping the current one (even if switched off since) is fine.
    if (department && department !== current.department) await requireActiveDepartment(trx, current.city_code, department, 'department', OWN_DEPARTMENT);
    await trx.updateTable('app_user').set({
      ...(input.displayName !== undefined && { display_name: input.displayName }),
      ...(input.role !== undefined && { role: input.role }),
      ...(area && { scope_path: area.path }),
      ...(department !== undefined && { department }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.active !== undefined && { active: input.active }),
      ...(passwordHash && { password_hash: passwordHash, failed_logins: 0, locked_until: null }),
      updated_at: new Date(),
    }).where('id', '=', id).execute();
    // A new password, role, scope or deactivation ends the user's sessions everywhere.
    if (passwordHash || input.active === false || input.role || area) await trx.deleteFrom('user_session').where('user_id', '=', id).execute();
    const changed = Object.keys(input).filter((k) => k !== 'password');
    await appendAudit(trx, caller, { action: 'user.update', targetType: 'user', targetId: id, ip, detail: { changed, passwordReset: input.password !== undefined, ...(input.role && { role: input.role }), ...(area && { scope: area.code }), ...(input.active !== undefined && { active: input.active }) } });
  });
  forgetSessions(id); // the name, department or rights a signed-in session shows
  return toUserOut(await getUserInScope(db, caller, id));
}

export async function unlockUser(db: Kysely<DB>, caller: Caller, id: number, ip: string | null): Promise<UserOut> {
  await getUserInScope(db, caller, id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null, updated_at: new Date() }).where('id', '=', id).execute();
    await appendAudit(trx, caller, { action: 'user.unlock', targetType: 'user', targetId: id, ip });
  });
  return toUserOut(await getUserInScope(db, caller, id));
}
