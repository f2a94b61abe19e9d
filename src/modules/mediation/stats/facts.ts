import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { GroupBy } from './schema.ts';

/**
 * The mediation counts in one SQL statement over the append-only action rows
 * (mediation_case_action); the case row gives only what intake wrote and never changes — the place,
 * category, source, organisation and registration time. See README.md, "Numbers", for each figure.
 */

export interface StatsScope {
  cityCode: string;
  /** visibleCases of the caller (alias c): area staff their area, mediators their organisations. */
  visible: Expression<SqlBool>;
  /** The chosen area (ltree path), inside the caller's scope. */
  areaPath: string;
  /** [from, to) instants of registration. */
  from: Date;
  to: Date;
  /** The moment an open case is judged overdue at. */
  now: Date;
}

export interface CountRow {
  key: string | null; received: number; accepted: number; agreed: number; failed: number; rejected: number; refused: number; withdrawn: number;
  judicialApplied: number; judicialConfirmed: number; judicialRejected: number; daysCounted: number; daysTotal: number; medianDays: number | null;
  overdue: number; policeFlagged: number;
}

function keyOf(groupBy: GroupBy): RawBuilder<string> {
  switch (groupBy) {
    case 'category': return sql`f.category`;
    case 'source': return sql`f.source`;
    case 'level': return sql`f.org_level`;
    case 'organisation': return sql`f.org_id::text`;
    case 'month': return sql`to_char(f.registered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
    case 'quarter': return sql`to_char(f.registered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-"Q"Q')`;
  }
}

const ENDINGS = sql`('agree', 'fail', 'reject', 'refuse', 'withdraw')`;
const shanghaiDay = (col: RawBuilder<unknown>) => sql`(${col} AT TIME ZONE 'Asia/Shanghai')::date`;

/** Rows per group and the total (key null). */
export async function countStats(db: Kysely<DB>, s: StatsScope, groupBy: GroupBy): Promise<{ rows: CountRow[]; total: CountRow | null }> {
  const { rows } = await sql<CountRow & { total: number; medianDays: string | number | null }>`
    WITH c0 AS (
      SELECT c.city_code, c.id, c.category, c.source, c.org_id, o.level AS org_level, c.registered_at
      FROM mediation_case c JOIN mediation_org o ON o.city_code = c.city_code AND o.id = c.org_id
      WHERE c.city_code = ${s.cityCode} AND ${s.visible} AND c.area_path <@ ${s.areaPath}::ltree
        AND c.registered_at >= ${s.from} AND c.registered_at < ${s.to}
    ), a AS (
      -- What the action rows of each case say: one ending at most (ended cases are frozen).
      SELECT x.case_id,
        min(x.at) FILTER (WHERE x.action = 'accept') AS accepted_at,
        max(x.action) FILTER (WHERE x.action IN ${ENDINGS}) AS outcome,
        max(x.at) FILTER (WHERE x.action IN ${ENDINGS}) AS ended_at,
        bool_or(x.action = 'judicial_apply') AS applied,
        max(x.data->>'result') FILTER (WHERE x.action = 'judicial_result') AS ruling,
        bool_or(x.action = 'flag_police') AS police,
        -- The deadline in force: the dueAt of the latest register (诉前), accept or extend row that set one.
        (array_agg(x.data->>'dueAt' ORDER BY x.seq DESC) FILTER (WHERE x.action IN ('register', 'accept', 'extend') AND x.data->>'dueAt' IS NOT NULL))[1]::timestamptz AS due_at
      FROM mediation_case_action x JOIN c0 ON x.city_code = c0.city_code AND x.case_id = c0.id
      GROUP BY x.case_id
    ), f0 AS (
      SELECT c0.*, a.accepted_at, a.outcome, a.ended_at, a.applied, a.ruling, a.police,
        CASE WHEN a.outcome IN ('agree', 'fail') THEN ${shanghaiDay(sql`a.ended_at`)} - ${shanghaiDay(sql`a.accepted_at`)} END AS days,
        (a.due_at IS NOT NULL AND coalesce(a.ended_at, ${s.now}) > a.due_at) AS overdue
      FROM c0 JOIN a ON a.case_id = c0.id
    ), f AS (SELECT f.*, ${keyOf(groupBy)} AS key FROM f0 f)
    SELECT f.key, GROUPING(f.key)::int AS total,
      count(*)::int AS received,
      count(*) FILTER (WHERE f.accepted_at IS NOT NULL)::int AS accepted,
      count(*) FILTER (WHERE f.outcome = 'agree')::int AS agreed,
      count(*) FILTER (WHERE f.outcome = 'fail')::int AS failed,
      count(*) FILTER (WHERE f.outcome = 'reject')::int AS rejected,
      count(*) FILTER (WHERE f.outcome = 'refuse')::int AS refused,
      count(*) FILTER (WHERE f.outcome = 'withdraw')::int AS withdrawn,
      count(*) FILTER (WHERE f.outcome = 'agree' AND f.applied)::int AS "judicialApplied",
      count(*) FILTER (WHERE f.outcome = 'agree' AND f.ruling = 'confirmed')::int AS "judicialConfirmed",
      count(*) FILTER (WHERE f.outcome = 'agree' AND f.ruling = 'rejected')::int AS "judicialRejected",
      count(f.days)::int AS "daysCounted", coalesce(sum(f.days), 0)::int AS "daysTotal",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days) AS "medianDays",
      count(*) FILTER (WHERE f.overdue)::int AS overdue,
      count(*) FILTER (WHERE f.police)::int AS "policeFlagged"
    FROM f GROUP BY GROUPING SETS ((f.key), ())`.execute(db);
  const clean = ({ total: _t, ...r }: CountRow & { total: number }): CountRow => ({ ...r, medianDays: r.medianDays === null ? null : Number(r.medianDays) });
  const total = rows.find((r) => r.total === 1);
  return { rows: rows.filter((r) => r.total === 0).map(clean), total: total ? clean(total) : null };
}
