import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, MediationWarningActionTable } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { AppError, conflict, invalidField } from '../../../kernel/errors.ts';
import { membershipOf } from '../organisations/store.ts';
import { checkRule, LEVELS, RULE_KEYS, RULES, type Level, type RuleKey } from './rules.ts';
import type { RuleBody, WarningQuery } from './schema.ts';
import { historyOf, loadRules, visibleWarnings, warningsWithCase, type Executor } from './store.ts';

type WarningRow = Awaited<ReturnType<ReturnType<typeof warningsWithCase>['executeTakeFirstOrThrow']>>;

const notFound = (id: number) => new AppError(404, 'not_found', `预警 ${id} 不存在或不在您的范围内 / warning ${id} not found or not yours`);

function toWarningOut(w: WarningRow) {
  const data = (w.data ?? {}) as { related?: number[] };
  return {
    id: w.id, rule: w.rule, ruleName: RULES[w.rule as RuleKey]?.zh ?? w.rule, level: w.level, levelName: LEVELS[w.level as Level].zh,
    caseId: w.case_id, caseNumber: w.case_number, caseState: w.case_state, areaName: w.area_name, gridCode: w.grid_code,
    reason: w.reason, raisedAt: w.raised_at.toISOString(), policeFlagged: w.police_flagged, state: w.state,
    handledAt: w.handled_at?.toISOString() ?? null, handledBy: w.handled_by_name, note: w.note, related: data.related ?? [],
  };
}

/** Warnings the caller sees, newest first, filtered. */
export async function listWarnings(db: Kysely<DB>, caller: Caller, q: WarningQuery) {
  const me = await membershipOf(db, caller);
  let base = warningsWithCase(db).where(visibleWarnings(caller, me));
  if (q.state) base = base.where('w.state', '=', q.state);
  if (q.level) base = base.where('w.level', '=', q.level);
  if (q.rule) base = base.where('w.rule', '=', q.rule);
  if (q.caseId) base = base.where('w.case_id', '=', q.caseId);
  if (q.police !== undefined) base = base.where('w.police_flagged', '=', q.police);
  if (q.area) base = base.where(sql<boolean>`w.area_path <@ (SELECT path FROM area WHERE city_code = ${caller.cityCode} AND code = ${q.area})`);
  const [rows, total] = await Promise.all([
    base.orderBy('w.raised_at', 'desc').orderBy('w.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toWarningOut), total: total.n };
}

async function loadVisibleWarning(db: Executor, caller: Caller, id: number, forUpdate = false) {
  const me = await membershipOf(db, caller);
  let q = warningsWithCase(db).where(visibleWarnings(caller, me)).where('w.id', '=', id);
  if (forUpdate) q = q.forUpdate('w');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound(id);
  return row;
}

const ACTION_NAMES: Record<string, string> = { raise: '系统预警', flag_police: '报告公安机关', handle: '处置' };
const toHistoryOut = (a: Selectable<MediationWarningActionTable>) => ({
  action: a.action, actionName: ACTION_NAMES[a.action] ?? a.action, by: { id: a.actor_id, name: a.actor_name, role: a.actor_role }, note: a.note, at: a.at.toISOString(),
});

export async function warningDetail(db: Kysely<DB>, caller: Caller, id: number) {
  const w = await loadVisibleWarning(db, caller, id);
  return { warning: toWarningOut(w), history: (await historyOf(db, w.city_code, w.id)).map(toHistoryOut) };
}

/** 处置: closes an open warning with what was done, one history row in the same transaction. */
export async function handleWarning(trx: Transaction<DB>, caller: Caller, id: number, body: { note: string }) {
  const note = body.note.trim();
  if (note.length < 2) throw invalidField('note', '请填写处置情况（至少 2 个字） / say what was done (at least 2 characters)');
  const w = await loadVisibleWarning(trx, caller, id, true);
  if (w.state !== 'open') throw new AppError(409, 'already_handled', `预警已由${w.handled_by_name ?? '他人'}处置 / the warning was handled already`, { field: 'id' });
  const now = new Date();
  await trx.updateTable('mediation_warning').set({ state: 'handled', handled_by: caller.id, handled_by_name: caller.displayName, handled_at: now, note })
    .where('city_code', '=', w.city_code).where('id', '=', w.id).execute();
  await trx.insertInto('mediation_warning_action').values({ city_code: w.city_code, warning_id: w.id, action: 'handle', actor_id: caller.id, actor_name: caller.displayName, actor_role: caller.role, note, at: now }).execute();
  return warningDetail(trx, caller, id);
}

export async function listRules(db: Executor, cityCode: string) {
  const set = await loadRules(db, cityCode);
  return {
    items: RULE_KEYS.map((k) => {
      const r = set[k];
      return { rule: k, ruleName: RULES[k].zh, enabled: r.enabled, level: r.level, levelName: LEVELS[r.level].zh, police: r.police, params: r.params, version: set.versions[k] ?? 0 };
    }),
  };
}

/** Sets one of the city's rules (thresholds, level, 第二十五条, on/off), audited with before and after. */
export async function putRule(trx: Transaction<DB>, caller: Caller, rule: RuleKey, body: RuleBody, ip: string | null) {
  const checked = checkRule(rule, { ...body, params: { ...body.params } });
  if (!checked.ok) throw invalidField(checked.problem.field, `${checked.problem.zh} / ${checked.problem.en}`);
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`mediation_warning_rule:${caller.cityCode}:${rule}`}))`.execute(trx);
  const before = await loadRules(trx, caller.cityCode);
  const version = before.versions[rule] ?? 0;
  if (body.version !== undefined && body.version !== version) throw conflict('version: 规则已被他人修改，请刷新后重试 / the rule was changed meanwhile; reload and retry', { field: 'version' });
  const v = checked.value;
  const values = { enabled: v.enabled, level: v.level, police: v.police, params: JSON.stringify(v.params), updated_by: caller.id, updated_at: new Date(), version: version + 1 };
  await trx.insertInto('mediation_warning_rule').values({ city_code: caller.cityCode, rule, ...values })
    .onConflict((oc) => oc.columns(['city_code', 'rule']).doUpdateSet(values)).execute();
  await appendAudit(trx, caller, { action: 'mediation.warning_rule.update', targetType: 'mediation_warning_rule', targetId: `${caller.cityCode}:${rule}`, ip, detail: { before: before[rule], after: v } });
  return (await listRules(trx, caller.cityCode)).items.find((r) => r.rule === rule)!;
}
