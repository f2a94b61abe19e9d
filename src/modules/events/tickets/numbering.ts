import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { dayOf } from '../../../kernel/calendar/index.ts';
import { AppError } from '../../../kernel/errors.ts';

/** Lock namespace of the ticket counters (the two-key advisory lock form, apart from the audit chain's). */
const LOCK_SPACE = 4_2001;

/**
 * 工单编号: YYYYMMDD-NNNNN, counted per city and Shanghai day, e.g. 20261126-00012 — short enough to
 * read over the phone. An advisory lock per city and day serialises the counter until the intake
 * commits, so parallel intakes never share a number (and a rolled-back intake frees its number).
 */
export async function nextTicketNumber(trx: Transaction<DB>, cityCode: string, at: Date): Promise<string> {
  const day = dayOf(at).replace(/-/g, '');
  await sql`SELECT pg_advisory_xact_lock(${LOCK_SPACE}, hashtext(${`${cityCode}:${day}`}))`.execute(trx);
  const last = await trx.selectFrom('ticket').select((eb) => eb.fn.max('number').as('n'))
    .where('city_code', '=', cityCode).where('number', '>=', `${day}-`).where('number', '<', `${day}.`).executeTakeFirst();
  const seq = last?.n ? Number(last.n.slice(day.length + 1)) + 1 : 1;
  if (seq > 99_999) throw new AppError(503, 'numbers_exhausted', '今日工单编号已用完 / no ticket numbers left for today');
  return `${day}-${String(seq).padStart(5, '0')}`;
}
