import { Command } from 'commander';
import { sql } from 'kysely';
import { loadConfig } from '../../config.ts';
import type { Role } from '../../db/types.ts';
import { withDatabase } from '../../db/with-database.ts';
import { appendAudit } from '../../kernel/audit/audit.ts';
import { hashPassword, passwordProblem } from '../../kernel/auth/passwords.ts';
import { ALL_ROLES, ROLE_SCOPE_LEVELS } from '../../kernel/roles.ts';
import { findArea } from '../org/store.ts';
import { OWN_DEPARTMENT, requireActiveDepartment } from '../events/departments/service.ts';

/** `shiyu users …`: list, add, reset a password, unlock — for the operator with shell access. */
export function usersCommand(): Command {
  const users = new Command('users').description('manage user accounts from the command line');

  users.command('list').description('all users with role and area')
    .action(() => withDatabase(loadConfig(), async ({ db }) => {
      const rows = await db.selectFrom('app_user as u')
        .leftJoin('area as a', (j) => j.onRef('a.city_code', '=', 'u.city_code').on(sql<boolean>`a.path = u.scope_path`))
        .select(['u.username', 'u.display_name', 'u.role', 'a.name as area', 'u.active', 'u.locked_until']).orderBy('u.scope_path').orderBy('u.username').execute();
      console.table(rows.map((r) => ({ username: r.username, name: r.display_name, role: r.role, area: r.area, active: r.active, locked: !!r.locked_until && r.locked_until > new Date() })));
    }));

  users.command('add <username>').description('create a user')
    .requiredOption('--role <role>', `one of ${ALL_ROLES.join(', ')}`)
    .requiredOption('--area <code>', 'the area code of the user’s scope')
    .requiredOption('--name <displayName>', 'display name')
    .requiredOption('--password <password>', 'initial password (10+ characters, letters and digits)')
    .option('--department <department>', 'a switched-on department of the city register (required for dept_handler)')
    .action((username: string, o: { role: string; area: string; name: string; password: string; department?: string }) => withDatabase(loadConfig(), async ({ db }) => {
      if (!ALL_ROLES.includes(o.role as Role)) throw new Error(`--role: unknown role "${o.role}"; one of ${ALL_ROLES.join(', ')}`);
      const role = o.role as Role;
      const problem = passwordProblem(o.password);
      if (problem) throw new Error(`--password: ${problem}`);
      const area = await findArea(db, o.area);
      if (!area) throw new Error(`--area: no area with code ${o.area}`);
      if (!ROLE_SCOPE_LEVELS[role].includes(area.level)) throw new Error(`--area: a ${role} works at ${ROLE_SCOPE_LEVELS[role].join('/')} level, ${area.name} is a ${area.level}`);
      if (!/^[a-z0-9_.-]{3,40}$/.test(username)) throw new Error('username: lower-case letters, digits, _ . -; 3–40 characters');
      const department = o.department?.trim() || null;
      if (role === 'dept_handler' && !department) throw new Error('--department: a dept_handler must belong to a department of the register');
      const hash = await hashPassword(o.password);
      await db.transaction().execute(async (trx) => {
        if (department) await requireActiveDepartment(trx, area.city_code, department, '--department', OWN_DEPARTMENT);
        const { id } = await trx.insertInto('app_user').values({ city_code: area.city_code, username, display_name: o.name, role, scope_path: area.path, department, password_hash: hash })
          .returning('id').executeTakeFirstOrThrow();
        await appendAudit(trx, null, { action: 'user.create', targetType: 'user', targetId: id, cityCode: area.city_code, detail: { username, role, scope: area.code, via: 'cli' } });
      });
      console.log(`created ${username} (${role}) for ${area.name}`);
    }));

  users.command('reset-password <username> <password>').description('set a new password, unlock, and end all sessions')
    .action((username: string, password: string) => withDatabase(loadConfig(), async ({ db }) => {
      const problem = passwordProblem(password);
      if (problem) throw new Error(`password: ${problem}`);
      const hash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        const u = await trx.updateTable('app_user').set({ password_hash: hash, failed_logins: 0, locked_until: null, updated_at: new Date() }).where('username', '=', username).returning(['id', 'city_code']).executeTakeFirst();
        if (!u) throw new Error(`no user ${username}`);
        await trx.deleteFrom('user_session').where('user_id', '=', u.id).execute();
        await appendAudit(trx, null, { action: 'user.reset_password', targetType: 'user', targetId: u.id, cityCode: u.city_code, detail: { via: 'cli' } });
      });
      console.log(`password of ${username} reset; sessions ended`);
    }));
  return users;
}
