import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError } from '../../../kernel/errors.ts';
import { loadVisible } from './read-service.ts';
import { relationsOf } from './relations.ts';
import type { Executor } from './store.ts';

/** 现场照片: the reporter, the unit handling it, the verifier and the centre add photos; anyone who sees the ticket sees them. */
export async function checkMayAttach(db: Executor, caller: Caller, ticketId: number): Promise<void> {
  const row = await loadVisible(db, caller, ticketId);
  if (relationsOf(caller, row).size === 0) {
    throw new AppError(403, 'forbidden', 'file: 只有反映人、承办单位、核查人和指挥中心可以上传照片 / only the reporter, the handling unit, the verifier and the centre add photos', { field: 'file' });
  }
}

export async function saveTicketPhoto(trx: Transaction<DB>, caller: Caller, ticketId: number, file: { filename: string; mime: string; data: Buffer; sha256: string }) {
  const row = await loadVisible(trx, caller, ticketId, true);
  const a = await trx.insertInto('ticket_attachment').values({
    city_code: row.city_code, ticket_id: row.id, action_seq: row.action_count, filename: file.filename, mime: file.mime,
    size: file.data.length, sha256: file.sha256, data: file.data, created_by: caller.id,
  }).returning(['id', 'filename', 'mime', 'size', 'sha256', 'created_at']).executeTakeFirstOrThrow();
  return { id: a.id, filename: a.filename, mime: a.mime, size: a.size, sha256: a.sha256, createdAt: a.created_at.toISOString() };
}

/** A photo's content, when its ticket is one the caller may see. */
export async function readTicketPhoto(db: Kysely<DB>, caller: Caller, id: number) {
  const a = await db.selectFrom('ticket_attachment').select(['ticket_id', 'filename', 'mime', 'data']).where('city_code', '=', caller.cityCode).where('id', '=', id).executeTakeFirst();
  const missing = new AppError(404, 'not_found', `照片 ${id} 不存在或不在您的管辖范围内 / photo ${id} not found or outside your area`);
  if (!a) throw missing;
  try {
    await loadVisible(db, caller, a.ticket_id);
  } catch {
    throw missing;
  }
  return a;
}
