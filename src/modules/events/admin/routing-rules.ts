import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, RoutingRuleTable } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import { AppError, conflict, invalidField } from '../../../kernel/errors.ts';
import { codeOfPath } from '../../../kernel/scope.ts';
import { resolveAssignee } from '../routing/resolve.ts';
import { ASSIGNEE_DEPARTMENT, requireActiveDepartment } from '../departments/service.ts';
import { areaByCode, type Executor } from '../tickets/store.ts';
import type { Assignee } from '../workflow/states.ts';
import type { CreateRule, PatchRule } from './schema.ts';

/**
 * 派单规则 administration: category × area → a department (归口) or an area's staff (属地). At most
 * one active rule per category and area, so the most specific rule is never a tie.
 */

type Row = Selectable<RoutingRuleTable>;
const ruleNotFound = (id: number) => new AppError(404, 'not_found', `派单规则 ${id} 不存在 / routing rule ${id} not found`);

/** Names for display: categories by code, areas by path, in two queries. */
async function names(db: Executor, city: string, rows: { category?: string | null; paths: string[] }[]) {
  const cats = [...new Set(rows.map((r) => r.category).filter((c): c is string => !!c))];
  const paths = [...new Set(rows.flatMap((r) => r.paths))];
  const catNames = new Map((cats.length ? await db.selectFrom('ticket_category').select(['code', 'name']).where('city_code', '=', city).where('code', 'in', cats).execute() : []).map((c) => [c.code, c.name]));
  const areaNames = new Map((paths.length ? await db.selectFrom('area').select(['path', 'name']).where('city_code', '=', city).where(sql<boolean>`path = ANY(${sql.val(paths)}::ltree[])`).execute() : []).map((a) => [a.path, a.name]));
  return { category: (c: string | null) => (c ? catNames.get(c) ?? null : null), area: (p: string) => areaNames.get(p) ?? null };
}

const assigneeOut = (a: Assignee, areaName: (p: string) => string | null) => a.kind === 'department'
  ? { kind: 'department', department: a.department, area: null, path: null, name: a.department }
  : { kind: 'area', department: null, area: codeOfPath(a.path), path: a.path, name: areaName(a.path) };

async function toRulesOut(db: Executor, city: string, rows: Row[]) {
  const n = await names(db, city, rows.map((r) => ({ category: r.category_code, paths: [r.area_path, ...(r.assignee_path ? [r.assignee_path] : [])] })));
  return rows.map((r) => ({
    id: Number(r.id), category: r.category_code, categoryName: n.category(r.category_code), area: codeOfPath(r.area_path), areaName: n.area(r.area_path),
    assignee: assigneeOut(r.assignee_kind === 'department' ? { kind: 'department', department: r.department! } : { kind: 'area', path: r.assignee_path! }, n.area),
    active: r.active, note: r.note, createdAt: r.created_at.toISOString(),
  }));
}

export async function listRules(db: Kysely<DB>, caller: Caller, q: { category?: string; active?: boolean }) {
  let base = db.selectFrom('routing_rule').selectAll().where('city_code', '=', caller.cityCode);
  if (q.category) base = base.where('category_code', '=', q.category);
  if (q.active !== undefined) base = base.where('active', '=', q.active);
  const rows = await base.orderBy('category_code').orderBy(sql`nlevel(area_path)`).orderBy('id').execute();
  return { items: await toRulesOut(db, caller.cityCode, rows) };
}

async function categoryOf(db: Executor, city: string, code: string, field: string) {
  const c = await db.selectFrom('ticket_category').select(['code', 'active']).where('city_code', '=', city).where('code', '=', code).executeTakeFirst();
  if (!c) throw invalidField(field, `事项分类 ${code} 不存在 / unknown category ${code}`);
  return c;
}
async function areaOf(db: Executor, city: string, code: string, field: string) {
  const a = await areaByCode(db, city, code);
  if (!a) throw invalidField(field, `区域 ${code} 不在本市 / area ${code} is not in your city`);
  return a;
}

async function checkNoTwin(db: Executor, city: string, category: string, areaPath: string, except: number | null, field: string) {
  let q = db.selectFrom('routing_rule').select('id').where('city_code', '=', city).where('category_code', '=', category).where('active', '=', true)
    .where(sql<boolean>`area_path = ${areaPath}::ltree`);
  if (except !== null) q = q.where('id', '<>', except);
  const twin = await q.executeTakeFirst();
  if (twin) throw conflict(`${field}: 该分类在此区域已有启用的规则 #${twin.id} / an active rule #${twin.id} already covers this category and area`, { field });
}

export async function createRule(db: Kysely<DB>, caller: Caller, body: CreateRule) {
  return db.transaction().execute(async (trx) => {
    const city = caller.cityCode;
    const category = await categoryOf(trx, city, body.category, 'category');
    if (!category.active) throw invalidField('category', `事项分类 ${body.category} 已停用 / the category is switched off`);
    const area = await areaOf(trx, city, body.area, 'area');
    const department = body.department?.trim();
    if (body.department !== undefined && body.assigneeArea !== undefined) throw invalidField('assigneeArea', '承办部门和属地区域只能填一个 / give either department or assigneeArea, not both');
    if (body.department !== undefined && !department) throw invalidField('department', '承办部门名称不能为空 / the department name is empty');
    if (body.department === undefined && body.assigneeArea === undefined) throw invalidField('department', '请填写承办部门或属地区域 / a department or an assigneeArea is required');
    if (department) await requireActiveDepartment(trx, city, department, 'department', ASSIGNEE_DEPARTMENT);
    const assignee = department ? null : await areaOf(trx, city, body.assigneeArea!, 'assigneeArea');
    // One advisory lock per city: two admins cannot both add the same rule.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`routing_rule:${city}`}))`.execute(trx);
    await checkNoTwin(trx, city, body.category, area.path, null, 'area');
    const row = await trx.insertInto('routing_rule').values({
      city_code: city, category_code: body.category, area_path: area.path, assignee_kind: department ? 'department' : 'area',
      department: department ?? null, assignee_path: assignee?.path ?? null, note: body.note?.trim() || null, created_by: caller.id,
    }).returningAll().executeTakeFirstOrThrow();
    const [out] = await toRulesOut(trx, city, [row]);
    await appendAudit(trx, caller, { action: 'routing_rule.create', targetType: 'routing_rule', targetId: out.id, detail: { category: out.category, area: out.area, assignee: out.assignee } });
    return out;
  });
}

async function lockRule(db: Executor, city: string, id: number) {
  const row = await db.selectFrom('routing_rule').selectAll().where('city_code', '=', city).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw ruleNotFound(id);
  return row;
}

export async function patchRule(db: Kysely<DB>, caller: Caller, id: number, body: PatchRule) {
  return db.transaction().execute(async (trx) => {
    const city = caller.cityCode;
    const row = await lockRule(trx, city, id);
    if (body.active === true && !row.active) {
      // A rule cannot come back on for a department switched off meanwhile.
      if (row.department) await requireActiveDepartment(trx, city, row.department, 'active', ASSIGNEE_DEPARTMENT);
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`routing_rule:${city}`}))`.execute(trx);
      await checkNoTwin(trx, city, row.category_code, row.area_path, id, 'active');
    }
    const after = await trx.updateTable('routing_rule').set({
      ...(body.active !== undefined ? { active: body.active } : {}),
      ...(body.note !== undefined ? { note: body.note?.trim() || null } : {}),
    }).where('city_code', '=', city).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, caller, { action: 'routing_rule.update', targetType: 'routing_rule', targetId: id, detail: { before: { active: row.active, note: row.note }, change: body } });
    return (await toRulesOut(trx, city, [after]))[0];
  });
}

export async function deleteRule(db: Kysely<DB>, caller: Caller, id: number) {
  return db.transaction().execute(async (trx) => {
    const row = await lockRule(trx, caller.cityCode, id);
    const [out] = await toRulesOut(trx, caller.cityCode, [row]);
    await trx.deleteFrom('routing_rule').where('city_code', '=', caller.cityCode).where('id', '=', id).execute();
    await appendAudit(trx, caller, { action: 'routing_rule.delete', targetType: 'routing_rule', targetId: id, detail: { rule: out } });
    return { deleted: id };
  });
}

/** What dispatch would pick for a category at a place, and the rule that decided (none: 属地). */
export async function previewRoute(db: Kysely<DB>, caller: Caller, q: { category?: string; area: string }) {
  const city = caller.cityCode;
  if (q.category) await categoryOf(db, city, q.category, 'category');
  const area = await areaOf(db, city, q.area, 'area');
  const { assignee, ruleId } = await resolveAssignee(db, city, q.category ?? null, area.path);
  const rule = ruleId !== null ? (await toRulesOut(db, city, [await db.selectFrom('routing_rule').selectAll().where('city_code', '=', city).where('id', '=', ruleId).executeTakeFirstOrThrow()]))[0] : null;
  const n = await names(db, city, [{ paths: assignee.kind === 'area' ? [assignee.path] : [] }]);
  return { assignee: assigneeOut(assignee, n.area), rule, territorial: ruleId === null };
}
