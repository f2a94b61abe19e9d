import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { inScope } from '../../../kernel/scope.ts';
import { visibleCases, type Membership } from '../access.ts';
import type { CaseRow } from '../cases/store.ts';
import { defaultRules, RULE_KEYS, type CaseFacts, type EarlierCase, type Rule, type RuleKey, type RuleSet } from './rules.ts';

/** The SQL of warning rules, warnings and the facts the rules look at. */

export type Executor = Kysely<DB> | Transaction<DB>;

/** The city's rules: its edited rows over the defaults. */
export async function loadRules(db: Executor, cityCode: string): Promise<RuleSet & { versions: Partial<Record<RuleKey, number>> }> {
  const rows = await db.selectFrom('mediation_warning_rule').selectAll().where('city_code', '=', cityCode).execute();
  const set = defaultRules() as RuleSet & { versions: Partial<Record<RuleKey, number>> };
  set.versions = {};
  for (const r of rows) {
    if (!RULE_KEYS.includes(r.rule as RuleKey)) continue;
    const k = r.rule as RuleKey;
    (set as unknown as Record<RuleKey, Rule>)[k] = { rule: k, enabled: r.enabled, level: r.level, police: r.police, params: r.params } as Rule;
    set.versions[k] = r.version;
  }
  return set;
}

const DAY = 86_400_000;
/** Enough earlier cases at a place to pass any threshold (minCases ≤ 50) and name them; more would only cost. */
const PLACE_LIMIT = 60;

/**
 * The facts of one case for the rules: its session minutes and the city's earlier cases that share a
 * party with it (by ID number, or name and phone) or lie in its grid or near its point, within the
 * rules' windows (a bounding box in SQL, the exact distance in rules.ts).
 */
export async function caseFacts(db: Executor, row: CaseRow, rules: RuleSet): Promise<CaseFacts> {
  const minutes = (await db.selectFrom('mediation_session').select('minutes').where('city_code', '=', row.city_code).where('case_id', '=', row.id).execute()).map((s) => s.minutes);
  const byId = new Map<number, EarlierCase>();
  const before = sql<boolean>`(c2.registered_at, c2.id) < (${row.registered_at}, ${row.id})`;
  const parties = rules.repeat_parties;
  if (parties.enabled) {
    const since = new Date(row.registered_at.getTime() - parties.params.withinDays * DAY);
    // Two index lookups (ID number; name and phone) rather than one OR, which no index serves.
    const { rows } = await sql<{ id: number; number: string; registered_at: Date; grid_code: string | null; lon: number | null; lat: number | null; shared: number }>`
      SELECT c2.id, c2.number, c2.registered_at, c2.grid_code, c2.lon, c2.lat, count(DISTINCT m.pid)::int AS shared
      FROM (
        SELECT p1.id AS pid, p2.case_id FROM mediation_party p1
          JOIN mediation_party p2 ON p2.city_code = p1.city_code AND p2.id_number = p1.id_number AND p2.case_id <> p1.case_id
          WHERE p1.city_code = ${row.city_code} AND p1.case_id = ${row.id} AND p1.id_number IS NOT NULL
        UNION
        SELECT p1.id, p2.case_id FROM mediation_party p1
          JOIN mediation_party p2 ON p2.city_code = p1.city_code AND p2.phone = p1.phone AND p2.name = p1.name AND p2.case_id <> p1.case_id
          WHERE p1.city_code = ${row.city_code} AND p1.case_id = ${row.id} AND p1.phone IS NOT NULL
      ) m JOIN mediation_case c2 ON c2.city_code = ${row.city_code} AND c2.id = m.case_id
      WHERE c2.registered_at >= ${since} AND ${before}
      GROUP BY c2.id, c2.number, c2.registered_at, c2.grid_code, c2.lon, c2.lat`.execute(db);
    for (const r of rows) byId.set(r.id, { id: r.id, number: r.number, registeredAt: r.registered_at, shared: r.shared, gridCode: r.grid_code, lon: r.lon, lat: r.lat });
  }
  const place = rules.repeat_place;
  if (place.enabled && (row.grid_code || (row.lon !== null && row.lat !== null))) {
    const since = new Date(row.registered_at.getTime() - place.params.withinDays * DAY);
    const r = place.params.radiusMetres;
    const near: Expression<SqlBool>[] = [];
    if (row.grid_code) near.push(sql<SqlBool>`c2.grid_code = ${row.grid_code}`);
    if (r > 0 && row.lon !== null && row.lat !== null) {
      const dLat = r / 111_320;
      const dLon = r / (111_320 * Math.max(Math.cos((row.lat * Math.PI) / 180), 0.01));
      near.push(sql<SqlBool>`(c2.lat BETWEEN ${row.lat - dLat} AND ${row.lat + dLat} AND c2.lon BETWEEN ${row.lon - dLon} AND ${row.lon + dLon})`);
    }
    const rows = await db.selectFrom('mediation_case as c2').select(['c2.id', 'c2.number', 'c2.registered_at', 'c2.grid_code', 'c2.lon', 'c2.lat'])
      .where('c2.city_code', '=', row.city_code).where('c2.registered_at', '>=', since).where(before)
      .where(sql<boolean>`(${sql.join(near, sql` OR `)})`).orderBy('c2.registered_at', 'desc').limit(PLACE_LIMIT).execute();
    for (const x of rows) if (!byId.has(x.id)) byId.set(x.id, { id: x.id, number: x.number, registeredAt: x.registered_at, shared: 0, gridCode: x.grid_code, lon: x.lon, lat: x.lat });
  }
  return {
    id: row.id, registeredAt: row.registered_at, peopleInvolved: row.people_involved, summary: row.summary, minutes, dueAt: row.due_at,
    gridCode: row.grid_code, lon: row.lon, lat: row.lat,
    earlier: [...byId.values()].sort((a, b) => b.registeredAt.getTime() - a.registeredAt.getTime() || b.id - a.id),
  };
}

/** Staff who see the warnings of cases run by an organisation in their area: the responsible level and above. */
const LEVEL_ROLES = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff'];

/**
 * Which warnings a caller sees (aliases w, c): staff — those of cases whose organisation lies in their
 * area (the organisation's level and above); mediators — those of cases they see; police — only
 * warnings reported to them (第二十五条) on cases in their area.
 */
export function visibleWarnings(caller: Caller, me: Membership): Expression<SqlBool> {
  const city = sql<SqlBool>`w.city_code = ${caller.cityCode}`;
  if (LEVEL_ROLES.includes(caller.role)) return sql<SqlBool>`(${city} AND ${inScope(caller, 'c.org_path')})`;
  if (caller.role === 'mediator') return sql<SqlBool>`(${city} AND ${visibleCases(caller, me)})`;
  if (caller.role === 'police') return sql<SqlBool>`(${city} AND w.police_flagged AND ${visibleCases(caller, me)})`;
  return sql<SqlBool>`false`;
}

/** Warnings (alias w) with their case's number, organisation path and area name. */
export function warningsWithCase(db: Executor) {
  return db.selectFrom('mediation_warning as w')
    .innerJoin('mediation_case as c', (j) => j.onRef('c.city_code', '=', 'w.city_code').onRef('c.id', '=', 'w.case_id'))
    .leftJoin('area as a', (j) => j.onRef('a.city_code', '=', 'w.city_code').on(sql<boolean>`a.path = w.area_path`))
    .selectAll('w').select(['c.number as case_number', 'c.state as case_state', 'c.police_flag', 'a.name as area_name']);
}

export async function historyOf(db: Executor, cityCode: string, warningId: number) {
  return db.selectFrom('mediation_warning_action').selectAll().where('city_code', '=', cityCode).where('warning_id', '=', warningId).orderBy('id').execute();
}
