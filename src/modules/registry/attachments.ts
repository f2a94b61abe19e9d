import crypto from 'node:crypto';
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { AppError } from '../../kernel/errors.ts';
import { entityInScope, notInScope, type EntityType, type Executor } from './area-scope.ts';
import { recordChange } from './history.ts';

/** Photos attached to registry records (证件照, 房屋照片): images only, at most 10 MB, kept in the database. */

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

// The file's first bytes decide what it is; the name and the declared type are the client's word only.
const SIGNATURES: { mime: string; matches: (b: Buffer) => boolean }[] = [
  { mime: 'image/png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/gif', matches: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  { mime: 'image/webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/** The image type of a file by its magic bytes, or null when it is not an image we accept. */
export function imageTypeOf(data: Buffer): string | null {
  return SIGNATURES.find((s) => data.length >= 12 && s.matches(data))?.mime ?? null;
}

export const unsupportedFile = () => new AppError(415, 'unsupported_media_type',
  'file: 只能上传图片（PNG、JPEG、GIF、WebP），按文件内容判断 / only images (PNG, JPEG, GIF, WebP) are accepted, judged by the file’s content', { field: 'file' });
export const fileTooLarge = () => new AppError(413, 'file_too_large',
  `file: 文件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB / the file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, { field: 'file', maxBytes: MAX_ATTACHMENT_BYTES });

/** A file name safe to store and send back: no folders, no control characters, not too long. */
export function safeFilename(name: string | undefined, mime: string): string {
  const base = path.basename((name ?? '').replace(/\\/g, '/')).replace(/[\x00-\x1f\x7f"]/g, '').trim().slice(-120);
  return base || `attachment.${mime.split('/')[1]}`;
}

type AttachmentRow = { id: number; filename: string; mime: string; size: number; sha256: string; created_at: Date };
const toOut = (a: AttachmentRow) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size, sha256: a.sha256, createdAt: a.created_at.toISOString() });

export async function attachmentsOf(db: Executor, cityCode: string, type: EntityType, id: number) {
  const rows = await db.selectFrom('attachment').select(['id', 'filename', 'mime', 'size', 'sha256', 'created_at'])
    .where('city_code', '=', cityCode).where('entity_type', '=', type).where('entity_id', '=', id).orderBy('id').execute();
  return rows.map(toOut);
}

export async function saveAttachment(trx: Transaction<DB>, caller: Caller, type: EntityType, id: number, file: { filename: string; mime: string; data: Buffer; sha256: string }) {
  if (!(await entityInScope(trx, caller, type, id))) throw notInScope(type, id);
  const row = await trx.insertInto('attachment').values({
    city_code: caller.cityCode, entity_type: type, entity_id: id, filename: file.filename, mime: file.mime,
    size: file.data.length, sha256: file.sha256, data: file.data, created_by: caller.id,
  }).returning(['id', 'filename', 'mime', 'size', 'sha256', 'created_at']).executeTakeFirstOrThrow();
  await recordChange(trx, caller, type, id, 'attach', { attachment: [null, `${row.id} ${row.filename} (${row.size} B)`] });
  return toOut(row);
}

export const sha256Of = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** An attachment's content, only when the record it belongs to is inside the caller's scope. */
export async function readAttachment(db: Executor, caller: Caller, id: number) {
  const a = await db.selectFrom('attachment').select(['id', 'entity_type', 'entity_id', 'filename', 'mime', 'size', 'data'])
    .where('city_code', '=', caller.cityCode).where('id', '=', id).executeTakeFirst();
  const outside = new AppError(404, 'not_found', `附件 ${id} 不存在或不在您的管辖范围内 / attachment ${id} not found or outside your area`);
  if (!a) throw outside;
  if (!(await entityInScope(db, caller, a.entity_type as EntityType, a.entity_id))) throw outside;
  return a;
}
