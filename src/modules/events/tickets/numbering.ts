import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { AppError } from '../../../kernel/errors.ts';

/**
 * 工单编号: YYYYMMDD-NNNNN, counted per city and Shanghai day, e.g. 20261126-00012 — short enough to
 * read over the phone. The number is taken from ticket_counter in its own transaction BEFORE the
 * intake's, so intakes do not queue behind each other's commit; an intake that fails afterwards
 * leaves a gap, never a number given twice.
 *
 * The counter's commit does not wait for the disk (synchronous_commit off, migration 0009): its row
 * lock is then held for microseconds. It is still safe after a crash — the ticket that used the number commits
 * later and waits for the disk, which writes the log in order, so the counter's step is on disk
 * before any ticket carrying its number is; a counter step lost in a crash only loses numbers no
 * ticket kept.
 */
export async function reserveTicketNumbers(db: Kysely<DB>, cityCode: string, day: string, count: number): Promise<{ id: number; number: string | null }[]> {
  // A statement of its own (autocommit), never inside the intakes' transaction: see next_ticket_number (0009).
  // One call a row, in one statement: a batch of intakes takes its numbers — and its ids, so its
  // answers can be built before the write — in one round trip.
  const { rows } = await sql<{ last: number | null; id: number }>`SELECT next_ticket_number(${cityCode}, ${day}::date) AS last,
      nextval(pg_get_serial_sequence('ticket', 'id')) AS id FROM generate_series(1, ${count})`.execute(db);
  const numbers = rows.map((r) => r.last).filter((n): n is number => n !== null).sort((a, b) => a - b);
  return rows.map((r, i) => ({ id: r.id, number: i < numbers.length ? `${day.replace(/-/g, '')}-${String(numbers[i]).padStart(5, '0')}` : null }));
}

/** No number left for the day (99,999 given). */
export const numbersExhausted = () => new AppError(503, 'numbers_exhausted', '今日工单编号已用完 / no ticket numbers left for today');
