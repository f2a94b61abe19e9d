import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PREPARED } from '../db/database.ts';
import type { DB } from '../db/types.ts';
import { IDEMPOTENCY_TTL_HOURS, type StoredAnswer } from './idempotency.ts';

/**
 * Batched creates (合并写入): under load, the creates that arrive while earlier ones are being written
 * are written together. A batch costs two round trips to the database, however many it holds:
 *  1. the stored answers of its Idempotency-Keys (a retry is answered from there, and takes nothing),
 *     and for the others what the writer `take`s (numbers, ids) — then the writer builds the answers;
 *  2. one statement that claims the keys with their answers and writes the records the claims allow —
 *     one statement is one transaction and one commit, so a record and its stored answer never part.
 * A request is written at once when nothing is being written; while a batch is in flight the queue
 * waits for it (see overlapAfterMs), so batching only appears when requests queue anyway. If a batch fails,
 * each of its requests is retried on its own, so one bad request never fails the others.
 */

/** The Idempotency-Key a request brought, with what its stored answer needs. */
export interface KeyClaim { userId: number; key: string; route: string; status: number; fingerprint: string }

export type BatchOutcome<T> = { written: T } | { stored: StoredAnswer } | { claimedElsewhere: true };

export interface BatchWriter<P, T> {
  /**
   * What the answers need from the database, taken in the batch's first statement (committed with it,
   * before the write): a SELECT of (ord int, taken jsonb) for each ord in the CTE `pending` (1-based in
   * the items' order; the items whose key was not answered before). A fixed text, as for `ctes`.
   */
  take: (items: P[]) => RawBuilder<unknown>;
  /** The answers, from what was taken for each item (in the items' order). An item keeps its answer if the write is retried. */
  answer: (items: P[], taken: unknown[]) => T[];
  /**
   * The items' writes as CTEs of the batch's one statement, e.g. `t AS (INSERT … WHERE ord IN (SELECT ord FROM go))`.
   * `go` (column `ord`, 1-based in the items' order) holds the items to write: every CTE must keep to it.
   * Its text must not depend on the items (values are parameters): the statement is prepared once per connection.
   */
  ctes: (items: P[]) => RawBuilder<unknown>;
}

interface Queued<P, T> {
  item: P; claim?: KeyClaim; answer?: T;
  /** Answered from the store: a retry of the batch leaves it out. */
  stored?: true;
  resolve: (o: BatchOutcome<T>) => void; reject: (e: unknown) => void;
}

const claimId = (c: KeyClaim) => `${c.userId}\t${c.key}`;

/** The batch's statement: the keys claimed with their answers (an expired key may be claimed again), then the writer's CTEs for the items whose claim holds. */
async function writeStatement<P, T>(db: Kysely<DB>, writer: BatchWriter<P, T>, batch: Queued<P, T>[]): Promise<Set<number>> {
  // Answers stored as sent (through JSON), so a replay is byte-for-byte the first.
  const claims = batch.flatMap((b, i) => (b.claim ? [{ ord: i + 1, key: b.claim.key, user_id: b.claim.userId, route: b.claim.route, status: b.claim.status,
    body: { fingerprint: b.claim.fingerprint, response: b.answer } }] : []));
  // Claimed in one order (user, key), so two batches never wait on each other crosswise; a twin still
  // in flight elsewhere blocks the claim until it ends, and then is not claimed.
  const { rows } = await sql<{ ord: number }>`${PREPARED} WITH keyed AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) AS c(ord int, key text, user_id int, route text, status int, body jsonb)
    ), claimed AS (
      INSERT INTO idempotency (key, user_id, route, status, body) SELECT key, user_id, route, status, body FROM keyed ORDER BY user_id, key
      ON CONFLICT (user_id, key) DO UPDATE SET route = excluded.route, status = excluded.status, body = excluded.body, created_at = now()
        WHERE idempotency.created_at <= now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
      RETURNING user_id, key
    ), go AS (
      SELECT g AS ord FROM generate_series(1, ${batch.length}::int) AS g
        WHERE g NOT IN (SELECT ord FROM keyed) OR g IN (SELECT k.ord FROM keyed k JOIN claimed c USING (user_id, key))
    ), ${writer.ctes(batch.map((b) => b.item))}
    SELECT ord FROM go`.execute(db);
  return new Set(rows.map((r) => r.ord - 1));
}

export interface BatcherOptions {
  /** Requests in one batch at most. */
  maxBatch: number;
  /** Batches written at once at most (keep below the pool's size, so reads still get a connection). */
  maxInFlight: number;
  /**
   * A further batch starts beside one in flight only once that one has taken this long (ms). Until
   * then the queue waits and goes as one bigger batch: fewer statements, much less CPU for the
   * database; a write that stalls (a slow disk flush) still does not hold up everyone behind it.
   */
  overlapAfterMs: number;
}

export class WriteBatcher<P, T> {
  private queue: Queued<P, T>[] = [];
  /** When each batch in flight started. */
  private inFlight: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate = false;
  private readonly opts: BatcherOptions;

  constructor(private readonly db: Kysely<DB>, private readonly writer: BatchWriter<P, T>, opts: Partial<BatcherOptions> = {}) {
    this.opts = { maxBatch: 64, maxInFlight: 3, overlapAfterMs: 10, ...opts };
  }

  submit(item: P, claim?: KeyClaim): Promise<BatchOutcome<T>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, claim, resolve, reject });
      this.schedule(0);
    });
  }

  /** After the current turn of the event loop (so the requests parsed in the same turn go together), or after `ms`. */
  private schedule(ms: number): void {
    if (this.inFlight.length >= this.opts.maxInFlight) return;
    if (ms > 0) {
      if (!this.timer && !this.immediate) this.timer = setTimeout(() => { this.timer = null; this.flush(); }, ms);
      return;
    }
    if (this.immediate) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.immediate = true;
    setImmediate(() => { this.immediate = false; this.flush(); });
  }

  private flush(): void {
    while (this.queue.length && this.inFlight.length < this.opts.maxInFlight) {
      const now = performance.now();
      const wait = this.inFlight.length ? Math.min(...this.inFlight) + this.opts.overlapAfterMs - now : 0;
      if (wait > 0) return this.schedule(Math.ceil(wait));
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.inFlight.push(now);
      void this.run(batch).finally(() => {
        this.inFlight.splice(this.inFlight.indexOf(now), 1);
        if (this.queue.length) this.schedule(0);
      });
    }
  }

  private async run(batch: Queued<P, T>[]): Promise<void> {
    try {
      await this.write(batch);
    } catch (err) {
      if (batch.length === 1) return batch[0].reject(err);
      for (const one of batch) if (!one.stored) await this.write([one]).catch(one.reject);
    }
  }

  /**
   * Round trip 1, for the items without an answer yet: a key already answered (a phone's retry) is
   * answered from there (and marked `stored`); the others take what their answers need.
   */
  private async take(fresh: Queued<P, T>[]): Promise<void> {
    const keys = fresh.flatMap((b, i) => (b.claim ? [{ ord: i + 1, user_id: b.claim.userId, key: b.claim.key }] : []));
    const { rows } = await sql<{ ord: number; status: number | null; body: unknown; taken: unknown }>`${PREPARED} WITH asked AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(ord int, user_id int, key text)
      ), found AS (
        SELECT a.ord, i.status, i.body FROM asked a JOIN idempotency i ON i.user_id = a.user_id AND i.key = a.key
          WHERE i.created_at > now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})
      ), pending AS (
        SELECT g AS ord FROM generate_series(1, ${fresh.length}::int) AS g WHERE g NOT IN (SELECT ord FROM found)
      ), taken AS (${this.writer.take(fresh.map((b) => b.item))})
      SELECT ord, status, body, NULL::jsonb AS taken FROM found
      UNION ALL SELECT ord, NULL, NULL, taken FROM taken`.execute(this.db);
    const byOrd = new Map(rows.map((r) => [r.ord, r]));
    const pending: Queued<P, T>[] = [];
    const taken: unknown[] = [];
    fresh.forEach((b, i) => {
      const r = byOrd.get(i + 1);
      if (r && r.status !== null) {
        b.stored = true;
        b.resolve({ stored: { status: r.status, body: r.body } });
      } else {
        pending.push(b);
        taken.push(r?.taken);
      }
    });
    const answers = this.writer.answer(pending.map((b) => b.item), taken);
    pending.forEach((b, i) => { b.answer = answers[i]; });
  }

  private async write(batch: Queued<P, T>[]): Promise<void> {
    // Twins in one batch (the same key twice): the first is written, the others replay its answer.
    const firsts = new Map<string, Queued<P, T>>();
    for (const b of batch) if (b.claim && !firsts.has(claimId(b.claim))) firsts.set(claimId(b.claim), b);
    const twins = batch.filter((b) => b.claim && firsts.get(claimId(b.claim)) !== b);
    let mine = batch.filter((b) => !twins.includes(b));
    const fresh = mine.filter((b) => b.answer === undefined);
    if (fresh.length) {
      await this.take(fresh);
      mine = mine.filter((b) => !b.stored);
    }
    const written = mine.length ? await writeStatement(this.db, this.writer, mine) : new Set<number>();
    mine.forEach((b, i) => b.resolve(written.has(i) ? { written: b.answer as T } : { claimedElsewhere: true }));
    for (const b of twins) b.resolve({ claimedElsewhere: true });
  }
}
