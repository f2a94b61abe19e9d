import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { IDEMPOTENCY_TTL_HOURS } from './idempotency.ts';

/**
 * Batched creates (合并写入): under load, the creates that arrive while earlier ones are being written
 * are written together — their Idempotency-Keys claimed in one statement, the records in one, the
 * answers stored in one, one commit (one wait for the disk) for all. A lone request is written at
 * once (no waiting window), so batching only appears when requests queue anyway. If a batch fails,
 * each of its requests is retried on its own, so one bad request never fails the others.
 */

/** The Idempotency-Key a request brought, with what its stored answer needs. */
export interface KeyClaim { userId: number; key: string; route: string; status: number; fingerprint: string }

export type BatchOutcome<T> = { written: T } | { claimedElsewhere: true };

export interface BatchWriter<P, T> {
  /** Runs on the pool before the batch's transaction (e.g. numbering with its own commit); may run again for a retried item. */
  before?: (db: Kysely<DB>, items: P[]) => Promise<void>;
  /** Writes the items (in the batch's transaction when any item has a key), answering in their order. */
  write: (db: Kysely<DB> | Transaction<DB>, items: P[]) => Promise<T[]>;
}

interface Queued<P, T> { item: P; claim?: KeyClaim; resolve: (o: BatchOutcome<T>) => void; reject: (e: unknown) => void }

const claimId = (c: { userId: number; key: string } | { user_id: number; key: string }) => `${'userId' in c ? c.userId : c.user_id}\t${c.key}`;

/** Claims the keys (an expired key may be claimed again); a twin still in flight elsewhere blocks here until it ends. */
async function claimKeys(trx: Transaction<DB>, claims: KeyClaim[]): Promise<Set<string>> {
  const rows = claims.map((c) => ({ key: c.key, user_id: c.userId, route: c.route, status: c.status, body: { fingerprint: c.fingerprint, response: null } }));
  // Raw SQL: one JSON parameter, whatever the batch's size (Kysely's multi-row VALUES costs more to build than to run).
  // Claimed in one order (user, key), so two batches never wait on each other crosswise.
  const { rows: claimed } = await sql<{ user_id: number; key: string }>`INSERT INTO idempotency (key, user_id, route, status, body)
    SELECT c.key, c.user_id, c.route, c.status, c.body FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS c(key text, user_id int, route text, status int, body jsonb)
      ORDER BY c.user_id, c.key
    ON CONFLICT (user_id, key) DO UPDATE SET route = excluded.route, status = excluded.status, body = excluded.body, created_at = now()
      WHERE idempotency.created_at <= now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
    RETURNING user_id, key`.execute(trx);
  return new Set(claimed.map(claimId));
}

/** The answers, stored as sent (through JSON) so a replay is byte-for-byte the first. */
async function storeAnswers(trx: Transaction<DB>, answered: { claim: KeyClaim; response: unknown }[]): Promise<void> {
  if (!answered.length) return;
  const rows = answered.map(({ claim, response }) => ({ user_id: claim.userId, key: claim.key, body: { fingerprint: claim.fingerprint, response } }));
  await sql`UPDATE idempotency SET body = v.body FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(user_id int, key text, body jsonb)
    WHERE idempotency.user_id = v.user_id AND idempotency.key = v.key`.execute(trx);
}

export class WriteBatcher<P, T> {
  private queue: Queued<P, T>[] = [];
  private inFlight = 0;
  private scheduled = false;

  /** maxInFlight: batches written at once (keep below the pool's size, so reads still get a connection). */
  constructor(private readonly db: Kysely<DB>, private readonly writer: BatchWriter<P, T>, private readonly opts = { maxBatch: 64, maxInFlight: 3 }) {}

  submit(item: P, claim?: KeyClaim): Promise<BatchOutcome<T>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, claim, resolve, reject });
      this.schedule();
    });
  }

  /** After the current turn of the event loop, so the requests parsed in the same turn go together. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.opts.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => { this.scheduled = false; this.flush(); });
  }

  private flush(): void {
    while (this.queue.length && this.inFlight < this.opts.maxInFlight) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.inFlight++;
      void this.run(batch).finally(() => { this.inFlight--; if (this.queue.length) this.schedule(); });
    }
  }

  private async run(batch: Queued<P, T>[]): Promise<void> {
    try {
      await this.write(batch);
    } catch (err) {
      if (batch.length === 1) return batch[0].reject(err);
      for (const one of batch) await this.write([one]).catch(one.reject);
    }
  }

  private async write(batch: Queued<P, T>[]): Promise<void> {
    await this.writer.before?.(this.db, batch.map((b) => b.item));
    // Twins in one batch (the same key twice): the first is written, the others replay its answer.
    const firsts = new Map<string, Queued<P, T>>();
    for (const b of batch) if (b.claim && !firsts.has(claimId(b.claim))) firsts.set(claimId(b.claim), b);
    const claims = [...firsts.values()].map((b) => b.claim!);
    if (!claims.length) {
      const written = await this.writer.write(this.db, batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve({ written: written[i] }));
      return;
    }
    const { go, written } = await this.db.transaction().execute(async (trx) => {
      const claimed = await claimKeys(trx, claims);
      const go = batch.filter((b) => !b.claim || (claimed.has(claimId(b.claim)) && firsts.get(claimId(b.claim)) === b));
      const written = go.length ? await this.writer.write(trx, go.map((b) => b.item)) : [];
      await storeAnswers(trx, go.flatMap((b, i) => (b.claim ? [{ claim: b.claim, response: written[i] }] : [])));
      return { go, written };
    });
    const done = new Set(go);
    go.forEach((b, i) => b.resolve({ written: written[i] }));
    for (const b of batch) if (!done.has(b)) b.resolve({ claimedElsewhere: true });
  }
}
