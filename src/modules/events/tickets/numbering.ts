import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { dayOf } from '../../../kernel/calendar/index.ts';
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
export async function reserveTicketNumber(db: Kysely<DB>, cityCode: string, at: Date): Promise<string> {
  const day = dayOf(at);
  // A statement of its own (autocommit), never inside the intake's transaction: see next_ticket_number (0009).
  const { rows: [{ last }] } = await sql<{ last: number | null }>`SELECT next_ticket_number(${cityCode}, ${day}::date) AS last`.execute(db);
  if (last === null) throw new AppError(503, 'numbers_exhausted', '今日工单编号已用完 / no ticket numbers left for today');
  return `${day.replace(/-/g, '')}-${String(last).padStart(5, '0')}`;
}
