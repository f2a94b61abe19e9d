import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { GroupBy } from './schema.ts';

/**
 * The KPI counts in one SQL statement over the append-only action rows (ticket_action), with the
 * ticket row only for the place, category, phone and arrival time. See README.md for each figure.
 */

export interface KpiScope {
  cityCode: string;
  /** The caller's scope and the chosen area inside it (both ltree paths). */
  scopePath: string;
  areaPath: string;
  /** [from, to) instants. */
  from: Date;
  to: Date;
  /** For groupBy=area: the number of path labels of the row level. */
  depth: number;
}

export interface CountRow {
  key: string | null; received: number; dispatched: number; returned: number; closed: number; onTime: number;
  rated: number; satisfied: number; basic: number; dissatisfied: number; repeat: number;
}

/** The unit a dispatch row names (data.assignee): a department by name, an area by path. */
const unitKey = (assignee: RawBuilder<unknown>) => sql`CASE ${assignee}->>'kind' WHEN 'department' THEN 'dept:' || (${assignee}->>'department') WHEN 'area' THEN 'area:' || (${assignee}->>'path') END`;

function keyOf(groupBy: GroupBy, depth: number): RawBuilder<string | null> {
  switch (groupBy) {
    case 'area': return sql`(CASE WHEN nlevel(f.area_path) >= ${depth} THEN subpath(f.area_path, 0, ${depth}) ELSE f.area_path END)::text`;
    case 'department': return sql`${unitKey(sql`f.unit`)}`;
    case 'category': return sql`nullif(split_part(coalesce(f.category_code, ''), '.', 1), '')`;
    case 'month': return sql`to_char(f.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
    case 'quarter': return sql`to_char(f.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-"Q"Q')`;
  }
}

/** The tickets counted: received in the period, placed in the area (inside the caller's scope), never cancelled or merged. */
const counted = (s: KpiScope) => sql`
  SELECT t.city_code, t.id, t.area_path, t.category_code, t.received_at, t.reporter_phone, t.grid_code
  FROM ticket t
  WHERE t.city_code = ${s.cityCode} AND t.area_path <@ ${s.scopePath}::ltree AND t.area_path <@ ${s.areaPath}::ltree
    AND t.received_at >= ${s.from} AND t.received_at < ${s.to}
    AND NOT EXISTS (SELECT 1 FROM ticket_action x WHERE x.city_code = t.city_code AND x.ticket_id = t.id AND x.action IN ('cancel', 'merge'))`;

/** Per counted ticket: what its action rows say. */
const facts = sql`
  SELECT t0.*, s.dispatched, s.returned, s.closed, r.rating, u.unit,
    (s.closed AND rp.at <= d.due_at) AS on_time,
    EXISTS (SELECT 1 FROM ticket o WHERE o.city_code = t0.city_code AND (o.received_at, o.id) < (t0.received_at, t0.id)
      AND o.received_at >= t0.received_at - interval '30 days'
      AND ((t0.reporter_phone IS NOT NULL AND o.reporter_phone = t0.reporter_phone)
        OR (t0.grid_code IS NOT NULL AND t0.category_code IS NOT NULL AND o.grid_code = t0.grid_code
            AND split_part(o.category_code, '.', 1) = split_part(t0.category_code, '.', 1)))) AS repeat
  FROM t0
  CROSS JOIN LATERAL (
    SELECT bool_or(a.action = 'dispatch') AS dispatched, bool_or(a.action = 'return') AS returned,
      coalesce(max(a.seq) FILTER (WHERE a.action = 'close') > coalesce(max(a.seq) FILTER (WHERE a.action = 'reopen'), 0), false) AS closed,
      max(a.seq) FILTER (WHERE a.action = 'close') AS close_seq
    FROM ticket_action a WHERE a.city_code = t0.city_code AND a.ticket_id = t0.id) s
  LEFT JOIN LATERAL (SELECT a.seq, a.at FROM ticket_action a WHERE a.city_code = t0.city_code AND a.ticket_id = t0.id
    AND a.action = 'reply' AND a.seq < s.close_seq ORDER BY a.seq DESC LIMIT 1) rp ON s.closed
  LEFT JOIN LATERAL (SELECT (a.data->>'dueAt')::timestamptz AS due_at FROM ticket_action a WHERE a.city_code = t0.city_code AND a.ticket_id = t0.id
    AND a.action IN ('dispatch', 'reopen', 'rule_extension') AND a.seq < rp.seq ORDER BY a.seq DESC LIMIT 1) d ON true
  LEFT JOIN LATERAL (SELECT a.data->>'rating' AS rating FROM ticket_action a WHERE a.city_code = t0.city_code AND a.ticket_id = t0.id
    AND a.action = 'rate' AND a.seq > s.close_seq ORDER BY a.seq DESC LIMIT 1) r ON s.closed
  LEFT JOIN LATERAL (SELECT a.data->'assignee' AS unit FROM ticket_action a WHERE a.city_code = t0.city_code AND a.ticket_id = t0.id
    AND a.action = 'dispatch' ORDER BY a.seq DESC LIMIT 1) u ON true`;

const COUNTS = sql`count(*)::int AS received,
  count(*) FILTER (WHERE f.dispatched)::int AS dispatched, count(*) FILTER (WHERE f.returned)::int AS returned,
  count(*) FILTER (WHERE f.closed)::int AS closed, count(*) FILTER (WHERE f.on_time)::int AS "onTime",
  count(*) FILTER (WHERE f.rating IS NOT NULL)::int AS rated, count(*) FILTER (WHERE f.rating = 'satisfied')::int AS satisfied,
  count(*) FILTER (WHERE f.rating = 'basic')::int AS basic, count(*) FILTER (WHERE f.rating = 'dissatisfied')::int AS dissatisfied,
  count(*) FILTER (WHERE f.repeat)::int AS repeat`;

/** Rows per group and the total (key null, grouping flag 1). */
export async function countKpis(db: Kysely<DB>, s: KpiScope, groupBy: GroupBy): Promise<{ rows: CountRow[]; total: CountRow }> {
  const { rows } = await sql<CountRow & { total: number }>`
    WITH t0 AS (${counted(s)}), f0 AS (${facts}), f AS (SELECT f.*, ${keyOf(groupBy, s.depth)} AS key FROM f0 f)
    SELECT f.key, GROUPING(f.key)::int AS total, ${COUNTS} FROM f GROUP BY GROUPING SETS ((f.key), ())`.execute(db);
  const total = rows.find((r) => r.total === 1);
  const zero: CountRow = { key: null, received: 0, dispatched: 0, returned: 0, closed: 0, onTime: 0, rated: 0, satisfied: 0, basic: 0, dissatisfied: 0, repeat: 0 };
  const strip = ({ total: _t, ...r }: CountRow & { total: number }): CountRow => r;
  return { rows: rows.filter((r) => r.total === 0).map(strip), total: total ? strip(total) : zero };
}

/**
 * 退单 by unit: a ticket counts as dispatched to every unit a dispatch row named, and as returned
 * by the unit of the dispatch a return row followed (the last dispatch before it; 重办 keeps the unit).
 */
export async function returnsByUnit(db: Kysely<DB>, s: KpiScope): Promise<Map<string, { dispatched: number; returned: number }>> {
  const { rows } = await sql<{ key: string; dispatched: number; returned: number }>`
    WITH t0 AS (${counted(s)})
    SELECT x.key, count(DISTINCT x.ticket_id)::int AS dispatched, count(DISTINCT x.ticket_id) FILTER (WHERE x.returned)::int AS returned
    FROM (SELECT d.ticket_id, ${unitKey(sql`d.data->'assignee'`)} AS key,
        EXISTS (SELECT 1 FROM ticket_action r WHERE r.city_code = d.city_code AND r.ticket_id = d.ticket_id AND r.action = 'return' AND r.seq > d.seq
          AND NOT EXISTS (SELECT 1 FROM ticket_action d2 WHERE d2.city_code = d.city_code AND d2.ticket_id = d.ticket_id
            AND d2.action = 'dispatch' AND d2.seq > d.seq AND d2.seq < r.seq)) AS returned
      FROM ticket_action d JOIN t0 ON d.city_code = t0.city_code AND d.ticket_id = t0.id WHERE d.action = 'dispatch') x
    GROUP BY x.key`.execute(db);
  return new Map(rows.map((r) => [r.key, { dispatched: r.dispatched, returned: r.returned }]));
}
