import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, TicketCategoryTable } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import { AppError, badRequest, conflict, invalidField } from '../../../kernel/errors.ts';
import { inScope } from '../../../kernel/scope.ts';
import { OPEN_STATES } from '../workflow/states.ts';
import type { CreateCategory, PatchCategory } from './schema.ts';

/**
 * 事项分类 administration. Built-in categories (12345 taxonomy, 数字城管) keep their names — tickets,
 * models and reports name them — but may be switched off and get their own time limits; a city adds
 * its own (custom, codes C01, T05.C01 …) under any node of level 1–2. Nothing is deleted: old tickets
 * keep their category, so a category is only ever switched off (with everything below it).
 */

type Row = Selectable<TicketCategoryTable>;
const OPEN = sql.join(OPEN_STATES.map((s) => sql.lit(s)));

export const toCategoryOut = (r: Row) => ({
  code: r.code, parentCode: r.parent_code, name: r.name, level: r.level, source: r.source, builtin: r.source !== 'custom',
  active: r.active, handleWorkdays: r.handle_workdays, urgentHours: r.urgent_hours,
});
type Node = ReturnType<typeof toCategoryOut> & { openTickets: number; openTicketsTotal: number; children: Node[] };

const categoryNotFound = (code: string) => new AppError(404, 'not_found', `事项分类 ${code} 不存在 / category ${code} not found`);

/** The city's whole tree, with the open tickets of each node placed in the caller's area. */
export async function categoryTree(db: Kysely<DB>, caller: Caller): Promise<{ items: Node[] }> {
  const [rows, counts] = await Promise.all([
    db.selectFrom('ticket_category').selectAll().where('city_code', '=', caller.cityCode).orderBy('sort').orderBy('code').execute(),
    db.selectFrom('ticket as t').select(['t.category_code', (eb) => eb.fn.countAll<string>().as('n')])
      .where('t.city_code', '=', caller.cityCode).where(sql<boolean>`t.state IN (${OPEN})`).where(inScope(caller, 't.area_path'))
      .where('t.category_code', 'is not', null).groupBy('t.category_code').execute(),
  ]);
  const open = new Map(counts.map((c) => [c.category_code!, Number(c.n)]));
  const nodes = new Map<string, Node>(rows.map((r) => [r.code, { ...toCategoryOut(r), openTickets: open.get(r.code) ?? 0, openTicketsTotal: 0, children: [] }]));
  const roots: Node[] = [];
  for (const n of nodes.values()) (n.parentCode && nodes.get(n.parentCode) ? nodes.get(n.parentCode)!.children : roots).push(n);
  const total = (n: Node): number => (n.openTicketsTotal = n.openTickets + n.children.reduce((s, c) => s + total(c), 0));
  roots.forEach(total);
  return { items: roots };
}

const cleanName = (name: string) => {
  const n = name.trim();
  if (!n) throw invalidField('name', '请填写分类名称 / a name is required');
  if (/[<>]/.test(n)) throw invalidField('name', '名称不能含 < 或 > / the name cannot contain < or >');
  return n;
};

async function checkSiblingName(trx: Kysely<DB>, city: string, parent: string | null, name: string, except?: string) {
  let q = trx.selectFrom('ticket_category').select('code').where('city_code', '=', city).where('name', '=', name)
    .where((eb) => (parent ? eb('parent_code', '=', parent) : eb('parent_code', 'is', null)));
  if (except) q = q.where('code', '<>', except);
  const dup = await q.executeTakeFirst();
  if (dup) throw conflict(`name: 同级已有分类「${name}」(${dup.code}) / a sibling category has this name`, { field: 'name' });
}

/** A custom category under `parentCode` (or at the top): code parent.Cnn, numbered per parent. */
export async function createCategory(db: Kysely<DB>, caller: Caller, body: CreateCategory) {
  return db.transaction().execute(async (trx) => {
    const city = caller.cityCode;
    const name = cleanName(body.name);
    // One creator per city at a time, so two admins never draw the same number.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`ticket_category:${city}`}))`.execute(trx);
    let level = 1;
    const parentCode = body.parentCode ?? null;
    if (parentCode) {
      const parent = await trx.selectFrom('ticket_category').selectAll().where('city_code', '=', city).where('code', '=', parentCode).executeTakeFirst();
      if (!parent) throw invalidField('parentCode', `上级分类 ${parentCode} 不存在 / no such parent category`);
      if (!parent.active) throw invalidField('parentCode', `上级分类 ${parentCode} 已停用 / the parent category is switched off`);
      if (parent.level >= 3) throw invalidField('parentCode', '分类最多三级 / categories have at most three levels');
      level = parent.level + 1;
    }
    await checkSiblingName(trx, city, parentCode, name);
    const prefix = parentCode ? `${parentCode}.C` : 'C';
    const taken = await trx.selectFrom('ticket_category').select('code').where('city_code', '=', city).where('code', 'like', `${prefix}%`)
      .where((eb) => (parentCode ? eb('parent_code', '=', parentCode) : eb('parent_code', 'is', null))).execute();
    const next = Math.max(0, ...taken.map((t) => Number(t.code.slice(prefix.length))).filter(Number.isFinite)) + 1;
    const code = `${prefix}${String(next).padStart(2, '0')}`;
    const sort = await trx.selectFrom('ticket_category').select((eb) => eb.fn.max('sort').as('m')).where('city_code', '=', city).executeTakeFirst();
    const row = await trx.insertInto('ticket_category').values({
      city_code: city, code, parent_code: parentCode, name, level, source: 'custom',
      handle_workdays: body.handleWorkdays ?? null, urgent_hours: body.urgentHours ?? null, sort: Number(sort?.m ?? 0) + 1,
    }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, caller, { action: 'ticket_category.create', targetType: 'ticket_category', targetId: code, detail: { parentCode, name, handleWorkdays: row.handle_workdays, urgentHours: row.urgent_hours } });
    return toCategoryOut(row);
  });
}

/** Name (custom ones only), on/off (off: with everything below; on: only under an active parent), time limits. */
export async function patchCategory(db: Kysely<DB>, caller: Caller, code: string, body: PatchCategory) {
  if (!Object.keys(body).length) throw badRequest('body: 没有要修改的内容 / nothing to change', { field: 'body' });
  return db.transaction().execute(async (trx) => {
    const city = caller.cityCode;
    const row = await trx.selectFrom('ticket_category').selectAll().where('city_code', '=', city).where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row) throw categoryNotFound(code);
    const set: Partial<Row> = {};
    if (body.name !== undefined) {
      const name = cleanName(body.name);
      if (name !== row.name) {
        if (row.source !== 'custom') throw conflict('name: 内置分类不能改名，可停用后新增自定义分类 / a built-in category cannot be renamed', { field: 'name' });
        await checkSiblingName(trx, city, row.parent_code, name, code);
        set.name = name;
      }
    }
    if (body.handleWorkdays !== undefined) set.handle_workdays = body.handleWorkdays;
    if (body.urgentHours !== undefined) set.urgent_hours = body.urgentHours;
    let switchedOff: string[] = [];
    if (body.active === true && !row.active && row.parent_code) {
      const parent = await trx.selectFrom('ticket_category').select('active').where('city_code', '=', city).where('code', '=', row.parent_code).executeTakeFirstOrThrow();
      if (!parent.active) throw invalidField('active', `上级分类 ${row.parent_code} 已停用，请先启用上级 / switch the parent on first`);
    }
    if (body.active !== undefined) set.active = body.active;
    const after = await trx.updateTable('ticket_category').set(set).where('city_code', '=', city).where('code', '=', code).returningAll().executeTakeFirstOrThrow();
    if (body.active === false) {
      switchedOff = (await trx.updateTable('ticket_category').set({ active: false }).where('city_code', '=', city).where('active', '=', true)
        .where((eb) => eb.or([eb('code', 'like', `${code}.%`)])).returning('code').execute()).map((r) => r.code);
    }
    const before = { name: row.name, active: row.active, handleWorkdays: row.handle_workdays, urgentHours: row.urgent_hours };
    await appendAudit(trx, caller, { action: 'ticket_category.update', targetType: 'ticket_category', targetId: code, detail: { before, change: body, ...(switchedOff.length ? { alsoSwitchedOff: switchedOff } : {}) } });
    return toCategoryOut(after);
  });
}
