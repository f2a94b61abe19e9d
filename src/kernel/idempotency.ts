import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/types.ts';
import { AppError, invalidField } from './errors.ts';
import type { KeyClaim, WriteBatcher } from './write-batcher.ts';

/**
 * Idempotent creates (幂等): a phone on a bad network retries a POST with the same
 * `Idempotency-Key`; the first answer is stored with the key (per user) in the same
 * transaction as the record it created, and a retry gets that answer back instead of a
 * second record. The same key with a different request is refused (422).
 */

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAY_HEADER = 'Idempotent-Replay';
/** How long a key is remembered; after that it may be used again. */
export const IDEMPOTENCY_TTL_HOURS = 24;

const KEY_PATTERN = /^[\x21-\x7e]{8,200}$/;

/** What is kept in `idempotency.body`: a fingerprint of the request and the answer sent. */
interface Stored { fingerprint: string; response: unknown }

/** JSON with object keys sorted, so the same request always gives the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprintOf(req: FastifyRequest, payload: unknown): string {
  const path = req.url.split('?')[0];
  return crypto.createHash('sha256').update(`${req.method} ${path}\n${canonical(payload)}`).digest('hex');
}

/** The key from the request header, checked; undefined when the client sent none. */
export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!KEY_PATTERN.test(key)) {
    throw invalidField('Idempotency-Key', '幂等键应为 8–200 个可见 ASCII 字符（建议使用 UUID） / 8–200 visible ASCII characters, e.g. a UUID');
  }
  return key;
}

export interface IdempotentOptions {
  /** HTTP status of a successful answer (201 unless said). */
  status?: number;
  /** What identifies the request besides method and path; the parsed body unless said (e.g. a file's hash for uploads). */
  fingerprint?: unknown;
}

/**
 * `prepare` runs outside the transaction, after a replay was ruled out: checks and reads that need not
 * hold it.
 */
export interface PreparedOptions<P> extends IdempotentOptions { prepare: () => Promise<P> }

class AlreadyClaimed extends Error {}
const inProgress = () => new AppError(409, 'idempotency_in_progress', 'Idempotency-Key: 相同请求正在处理，请稍后重试 / the same request is still being processed; retry shortly', { field: 'Idempotency-Key' });

/** A key's stored row: the status and the body (fingerprint and answer). */
export type StoredAnswer = { status: number; body: unknown };
type Found = StoredAnswer | undefined;
type Lookup = { userId: number; key: string; resolve: (row: Found) => void; reject: (e: unknown) => void };
const lookups = new WeakMap<Kysely<DB>, Lookup[]>();

/** The stored answer of a key, if any, within its time to live: the keys asked in one turn of the event loop go in one query. */
function findStoredAnswer(db: Kysely<DB>, userId: number, key: string): Promise<Found> {
  return new Promise((resolve, reject) => {
    const queue = lookups.get(db) ?? [];
    lookups.set(db, queue);
    if (queue.push({ userId, key, resolve, reject }) > 1) return;
    setImmediate(() => {
      lookups.delete(db);
      sql<{ user_id: number; key: string; status: number; body: unknown }>`SELECT user_id, key, status, body FROM idempotency
        WHERE (user_id, key) IN (SELECT * FROM unnest(${queue.map((q) => q.userId)}::int[], ${queue.map((q) => q.key)}::text[]))
          AND created_at > now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`.execute(db).then(({ rows }) => {
        const byKey = new Map(rows.map((r) => [`${r.user_id}\t${r.key}`, r]));
        for (const q of queue) q.resolve(byKey.get(`${q.userId}\t${q.key}`));
      }, (err: unknown) => { for (const q of queue) q.reject(err); });
    });
  });
}

function replay(reply: FastifyReply, row: { status: number; body: unknown }, fingerprint: string): unknown {
  const stored = row.body as Stored;
  if (stored.fingerprint !== fingerprint) {
    throw new AppError(422, 'idempotency_key_reused',
      'Idempotency-Key: 该幂等键已用于另一个请求，请为新的请求使用新的键 / this key was already used for a different request; use a new key',
      { field: 'Idempotency-Key' });
  }
  reply.header(REPLAY_HEADER, 'true').status(row.status);
  return stored.response;
}

/**
 * Runs `create` in one transaction and answers with its result; with an Idempotency-Key
 * header the answer is stored in that transaction and a retry replays it.
 * Two identical requests racing: the second waits on the key's row and then replays.
 */
export function idempotent<T>(db: Kysely<DB>, req: FastifyRequest, reply: FastifyReply, create: (trx: Transaction<DB>) => Promise<T>, opts?: IdempotentOptions): Promise<T>;
export function idempotent<T, P>(db: Kysely<DB>, req: FastifyRequest, reply: FastifyReply, create: (db: Kysely<DB>, prepared: P) => Promise<T>, opts: PreparedOptions<P>): Promise<T>;
export async function idempotent<T, P>(
  db: Kysely<DB>, req: FastifyRequest, reply: FastifyReply,
  create: (trx: Transaction<DB>, prepared?: P) => Promise<T>, opts: IdempotentOptions & Partial<PreparedOptions<P>> = {},
): Promise<T> {
  const status = opts.status ?? 201;
  const key = idempotencyKeyOf(req);
  const userId = req.caller?.id;
  if (key === undefined || userId === undefined) {
    const prepared = await opts.prepare?.();
    const body = await db.transaction().execute((trx) => create(trx, prepared));
    reply.status(status);
    return body;
  }
  const fingerprint = fingerprintOf(req, opts.fingerprint === undefined ? req.body : opts.fingerprint);
  const earlier = await findStoredAnswer(db, userId, key);
  if (earlier) return replay(reply, earlier, fingerprint) as T;
  const prepared = await opts.prepare?.();
  const route = `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;
  try {
    const body = await db.transaction().execute(async (trx) => {
      // Claim the key first: a concurrent twin blocks here until this transaction ends.
      const claimed = await trx.insertInto('idempotency')
        .values({ key, user_id: userId, route, status, body: JSON.stringify({ fingerprint, response: null }) })
        .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet({ route, status, body: JSON.stringify({ fingerprint, response: null }), created_at: new Date() })
          .where(sql<boolean>`idempotency.created_at <= now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`))
        .returning('key').executeTakeFirst();
      if (!claimed) throw new AlreadyClaimed();
      const result = await create(trx, prepared);
      // Stored as sent (through JSON), so a replay is byte-for-byte the first answer.
      const stored: Stored = { fingerprint, response: JSON.parse(JSON.stringify(result)) };
      await trx.updateTable('idempotency').set({ body: JSON.stringify(stored) }).where('user_id', '=', userId).where('key', '=', key).execute();
      return result;
    });
    reply.status(status);
    return body;
  } catch (err) {
    if (!(err instanceof AlreadyClaimed)) throw err;
    const row = await findStoredAnswer(db, userId, key);
    if (!row) throw inProgress();
    return replay(reply, row, fingerprint) as T;
  }
}

/**
 * As `idempotent`, but the write goes through a WriteBatcher: the requests that queue up under load
 * share one statement and one commit. The batch looks up its keys' stored answers in one query; a
 * request refused before the batch looks its key up too, so a retry of a request that did go through
 * gets its answer even if it would now be refused.
 */
export async function idempotentBatched<P, T>(db: Kysely<DB>, req: FastifyRequest, reply: FastifyReply, batcher: WriteBatcher<P, T>, prepare: () => Promise<P>, opts: IdempotentOptions = {}): Promise<T> {
  const status = opts.status ?? 201;
  const key = idempotencyKeyOf(req);
  const userId = req.caller?.id;
  if (key === undefined || userId === undefined) {
    const outcome = await batcher.submit(await prepare());
    reply.status(status);
    return (outcome as { written: T }).written;
  }
  const claim: KeyClaim = {
    userId, key, status, route: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`,
    fingerprint: fingerprintOf(req, opts.fingerprint === undefined ? req.body : opts.fingerprint),
  };
  const storedOr = async (err?: unknown): Promise<T> => {
    const row = await findStoredAnswer(db, userId, key);
    if (row) return replay(reply, row, claim.fingerprint) as T;
    throw err ?? inProgress();
  };
  let prepared: P;
  try {
    prepared = await prepare();
  } catch (err) {
    return storedOr(err);
  }
  const outcome = await batcher.submit(prepared, claim);
  if ('written' in outcome) {
    reply.status(status);
    return outcome.written;
  }
  if ('stored' in outcome) return replay(reply, outcome.stored, claim.fingerprint) as T;
  // The key was taken: by a twin written first, or earlier (its answer is the answer), or by another request (422).
  return storedOr();
}
