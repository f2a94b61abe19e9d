import { AppError } from '../../kernel/errors.ts';

/**
 * Optimistic locking (乐观锁): an edit carries the version it was made on; if someone saved
 * in between, the edit is refused rather than silently overwriting their change.
 */
export function checkVersion(current: number, sent: number | undefined): void {
  if (sent === undefined || sent === current) return;
  throw new AppError(409, 'stale_version',
    `version: 记录已被他人修改（当前版本 ${current}，您提交的是 ${sent}），请刷新后重新修改 / the record was changed by someone else (now version ${current}, you sent ${sent}); reload it and redo your change`,
    { field: 'version', currentVersion: current });
}
