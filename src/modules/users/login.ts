import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/types.ts';
import { appendAudit } from '../../kernel/audit/audit.ts';
import { burnPasswordCheck, verifyPassword } from '../../kernel/auth/passwords.ts';
import { createSession } from '../../kernel/auth/sessions.ts';
import { AppError } from '../../kernel/errors.ts';

const WRONG = '用户名或密码错误 / wrong username or password';

/**
 * Checks a password and opens a session. After `lockoutAttempts` failures in a row
 * the account is locked for `lockoutMinutes`; every outcome is audited.
 */
export async function login(db: Kysely<DB>, config: Config, username: string, password: string, ip: string | null, userAgent: string | null): Promise<{ token: string; userId: number }> {
  const user = await db.selectFrom('app_user').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  if (!user || !user.active) {
    await burnPasswordCheck(password);
    await appendAudit(db, null, { action: 'auth.login_failed', targetType: 'user', targetId: username.slice(0, 40), ip, cityCode: user?.city_code ?? null, detail: { reason: user ? 'inactive' : 'unknown_user' } });
    throw new AppError(401, 'login_failed', WRONG);
  }
  const actor = { id: user.id, displayName: user.display_name, cityCode: user.city_code };
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    const minutes = Math.ceil((user.locked_until.getTime() - Date.now()) / 60_000);
    await appendAudit(db, actor, { action: 'auth.login_refused_locked', targetType: 'user', targetId: user.id, ip });
    throw new AppError(423, 'account_locked', `账户已锁定，请 ${minutes} 分钟后再试或联系管理员解锁 / account locked, try again in ${minutes} min`, { minutes });
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const failed = user.failed_logins + 1;
    const lock = failed >= config.lockoutAttempts;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({
        failed_logins: lock ? 0 : failed,
        locked_until: lock ? new Date(Date.now() + config.lockoutMinutes * 60_000) : user.locked_until,
      }).where('id', '=', user.id).execute();
      await appendAudit(trx, actor, { action: lock ? 'auth.locked' : 'auth.login_failed', targetType: 'user', targetId: user.id, ip, detail: { failed } });
    });
    if (lock) throw new AppError(423, 'account_locked', `密码连续错误 ${failed} 次，账户锁定 ${config.lockoutMinutes} 分钟 / too many failures, locked for ${config.lockoutMinutes} min`, { minutes: config.lockoutMinutes });
    throw new AppError(401, 'login_failed', `${WRONG}（还可尝试 ${config.lockoutAttempts - failed} 次 / ${config.lockoutAttempts - failed} attempts left）`, { attemptsLeft: config.lockoutAttempts - failed });
  }
  const token = await createSession(db, user.id, config.sessionHours, ip, userAgent);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await appendAudit(trx, actor, { action: 'auth.login', targetType: 'user', targetId: user.id, ip });
  });
  return { token, userId: user.id };
}
