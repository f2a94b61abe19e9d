import { sql } from 'kysely';
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
 * ticket kept. The same holds for the ticket ids taken from their sequence in that statement.
 */

/**
 * A number and an id for each pending intake, as SQL for a batch's first statement (kernel/write-batcher.ts,
 * `take`: the CTE `pending` holds the ords of the items to number): one next_ticket_number call a row, so a
 * batch takes its numbers — and its ids, so its answers can be built before the write — in one round trip.
 * The statement is then its own transaction, never the intakes' (see next_ticket_number, 0009).
 */
export function takeTicketNumbers(items: { city: string; day: string }[]) {
  const rows = items.map((it, i) => ({ ord: i + 1, city: it.city, day: it.day }));
  return sql`SELECT p.ord, jsonb_build_object('last', next_ticket_number(i.city, i.day::date), 'id', nextval(pg_get_serial_sequence('ticket', 'id'))) AS taken
    FROM pending p JOIN jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS i(ord int, city text, day text) USING (ord)`;
}

/**
 * The numbers taken, given out in the intakes' order within each city and day (the calls of one statement
 * need not run in the rows' order); null where the day's numbers ran out.
 */
export function ticketNumbers(items: { city: string; day: string }[], lasts: (number | null)[]): (string | null)[] {
  const out: (string | null)[] = items.map(() => null);
  const groups = new Map<string, number[]>();
  items.forEach((it, i) => {
    const k = `${it.city} ${it.day}`;
    const group = groups.get(k);
    if (group) group.push(i);
    else groups.set(k, [i]);
  });
  for (const at of groups.values()) {
    const sorted = at.map((i) => lasts[i]).filter((n): n is number => n !== null).sort((a, b) => a - b);
    at.forEach((i, j) => { out[i] = j < sorted.length ? `${items[i].day.replace(/-/g, '')}-${String(sorted[j]).padStart(5, '0')}` : null; });
  }
  return out;
}

/** No number left for the day (99,999 given). */
export const numbersExhausted = () => new AppError(503, 'numbers_exhausted', '今日工单编号已用完 / no ticket numbers left for today');
