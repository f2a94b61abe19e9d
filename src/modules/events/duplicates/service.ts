import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { visibleTickets } from '../tickets/access.ts';
import { loadVisible } from '../tickets/read-service.ts';
import { toTicketOut, type TicketRow } from '../tickets/snapshot.ts';
import { namesFor } from '../tickets/store.ts';
import { haversineM, placeScore, RADIUS_M, score, textSimilarity, timeScore, WINDOW_MS } from './similarity.ts';

/**
 * 合并 suggestions: live tickets of the same city and level-1 category (given or suggested) near the
 * ticket — within 300 m when both have a point, else in the same grid — received within 7 days of
 * it, that the caller may see; scored by place, time and words. The merge is the 'merge' action.
 */

const LIMIT = 20;
const top = (code: string | null) => (code ? code.split('.')[0] : null);

export async function duplicateCandidates(db: Kysely<DB>, caller: Caller, id: number) {
  const src = await loadVisible(db, caller, id);
  const cats = [...new Set([top(src.category_code), top(src.suggested_category)].filter((c): c is string => !!c))];
  if (!cats.length || (src.lon === null && !src.grid_code)) return { items: [] };
  const hasPoint = src.lon !== null && src.lat !== null;
  // The same distance in SQL as haversineM, so the 300 m cut is made by the database.
  const dist = hasPoint ? sql<number>`2 * 6371000 * asin(least(1, sqrt(power(sin(radians(t.lat - ${src.lat}) / 2), 2)
    + cos(radians(${src.lat})) * cos(radians(t.lat)) * power(sin(radians(t.lon - ${src.lon}) / 2), 2))))` : null;
  const near = hasPoint
    ? sql<boolean>`((t.lon IS NOT NULL AND t.lat IS NOT NULL AND ${dist} <= ${RADIUS_M}) OR ((t.lon IS NULL OR t.lat IS NULL) AND t.grid_code = ${src.grid_code}))`
    : sql<boolean>`t.grid_code = ${src.grid_code}`;
  const rows = await db.selectFrom('ticket as t').selectAll('t')
    .where(visibleTickets(caller)).where('t.city_code', '=', src.city_code).where('t.id', '!=', src.id)
    .where('t.state', 'not in', ['cancelled', 'merged'])
    .where('t.received_at', '>=', new Date(src.received_at.getTime() - WINDOW_MS))
    .where('t.received_at', '<=', new Date(src.received_at.getTime() + WINDOW_MS))
    .where(sql<boolean>`(split_part(coalesce(t.category_code, ''), '.', 1) = ANY(${sql.val(cats)}::text[]) OR split_part(coalesce(t.suggested_category, ''), '.', 1) = ANY(${sql.val(cats)}::text[]))`)
    .where(near)
    .orderBy(sql`abs(extract(epoch FROM t.received_at - ${src.received_at}::timestamptz))`).limit(200).execute();
  const text = `${src.title} ${src.description}`;
  const scored = rows.map((r: TicketRow) => {
    const distanceM = hasPoint && r.lon !== null && r.lat !== null ? Math.round(haversineM({ lon: src.lon!, lat: src.lat! }, { lon: r.lon, lat: r.lat })) : null;
    const apart = r.received_at.getTime() - src.received_at.getTime();
    const similarity = Math.round(textSimilarity(text, `${r.title} ${r.description}`) * 1000) / 1000;
    return { row: r, distanceM, sameGrid: !!src.grid_code && r.grid_code === src.grid_code, hoursApart: Math.round(apart / 360_000) / 10, textSimilarity: similarity, score: score(placeScore(distanceM), timeScore(apart), similarity) };
  }).sort((a, b) => b.score - a.score || a.row.id - b.row.id).slice(0, LIMIT);
  const names = await namesFor(db, scored.map((s) => s.row));
  return { items: scored.map(({ row, ...s }, i) => ({ ticket: toTicketOut(row, names[i]), ...s })) };
}
