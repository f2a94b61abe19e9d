import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../auth/caller.ts';
import { auditHash, GENESIS_HASH, type AuditFields } from './chain.ts';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number;
  detail?: Record<string, unknown>;
  cityCode?: string | null;
  ip?: string | null;
}

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Appends one record to the hash-chained audit log (审计日志). Call it inside the
 * transaction of the change it records; the advisory lock keeps the chain a line
 * even with several server nodes writing.
 */
export async function appendAudit(db: Executor, actor: Pick<Caller, 'id' | 'displayName' | 'cityCode'> | null, entry: AuditEntry): Promise<void> {
  if (!db.isTransaction) {
    await (db as Kysely<DB>).transaction().execute((trx) => appendAudit(trx, actor, entry));
    return;
  }
  await sql`SELECT pg_advisory_xact_lock(7428190001)`.execute(db);
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const fields: AuditFields = {
    at: new Date(),
    city_code: entry.cityCode !== undefined ? entry.cityCode : actor?.cityCode ?? null,
    actor_id: actor?.id ?? null,
    actor_name: actor?.displayName ?? null,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId === undefined ? null : String(entry.targetId),
    detail: entry.detail ?? {},
    ip: entry.ip ?? null,
  };
  const prev = last?.hash ?? GENESIS_HASH;
  await db
    .insertInto('audit_log')
    .values({ ...fields, detail: JSON.stringify(fields.detail), prev_hash: prev, hash: auditHash(prev, fields) })
    .execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
  message: string;
}

/** Walks the whole chain in id order and reports the first row whose link or hash does not match. */
export async function verifyAuditChain(db: Kysely<DB>, batch = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(batch).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const id = Number(r.id);
      if (r.prev_hash !== prev) {
        return { ok: false, checked, brokenAt: id, message: `审计链在第 ${id} 条断开：前一条记录被删除或改动 / chain broken at record ${id}: an earlier record was removed or changed` };
      }
      const expected = auditHash(prev, { ...r, detail: r.detail });
      if (expected !== r.hash) {
        return { ok: false, checked, brokenAt: id, message: `第 ${id} 条审计记录内容被篡改 / record ${id} was altered` };
      }
      prev = r.hash;
      lastId = id;
      checked++;
    }
  }
  return { ok: true, checked, brokenAt: null, message: `审计链完整，共 ${checked} 条 / chain intact, ${checked} records` };
}
