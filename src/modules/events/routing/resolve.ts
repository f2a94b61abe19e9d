import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Assignee } from '../workflow/states.ts';

/** Depth of a community in an area path (city.district.street.community). */
const COMMUNITY_DEPTH = 4;

/**
 * 属地管理: without a rule, a ticket goes to the place's own community (a grid's community, or the
 * street or district when the place is known no closer).
 */
export function territorialAssignee(areaPath: string): Assignee {
  const parts = areaPath.split('.');
  return { kind: 'area', path: parts.slice(0, Math.min(parts.length, COMMUNITY_DEPTH)).join('.') };
}

/**
 * 派单: the unit a ticket of `categoryCode` at `areaPath` goes to. The most specific active rule
 * wins — the longest matching category code (T01.02.03 before T01), then the deepest area —
 * else the territorial unit.
 */
export async function resolveAssignee(db: Kysely<DB>, cityCode: string, categoryCode: string | null, areaPath: string): Promise<{ assignee: Assignee; ruleId: number | null }> {
  if (categoryCode) {
    const rule = await db.selectFrom('routing_rule').select(['id', 'assignee_kind', 'department', 'assignee_path'])
      .where('city_code', '=', cityCode).where('active', '=', true)
      .where(sql<boolean>`${areaPath}::ltree <@ area_path`)
      .where((eb) => eb.or([eb('category_code', '=', categoryCode), eb(sql`${categoryCode}`, 'like', sql`category_code || '.%'`)]))
      .orderBy(sql`length(category_code)`, 'desc').orderBy(sql`nlevel(area_path)`, 'desc').orderBy('id')
      .limit(1).executeTakeFirst();
    if (rule) {
      const assignee: Assignee = rule.assignee_kind === 'department' ? { kind: 'department', department: rule.department! } : { kind: 'area', path: rule.assignee_path! };
      return { assignee, ruleId: rule.id };
    }
  }
  return { assignee: territorialAssignee(areaPath), ruleId: null };
}
