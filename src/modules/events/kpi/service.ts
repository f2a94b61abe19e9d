import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { endOfDay, startOfDay } from '../../../kernel/calendar/shanghai-time.ts';
import { invalidField, notFound } from '../../../kernel/errors.ts';
import { codeOfPath } from '../../../kernel/scope.ts';
import { todayInChina } from '../../../kernel/validators/normalise.ts';
import { findAreaInScope } from '../../org/store.ts';
import { fullAreaName } from '../../reports/store.ts';
import { countKpis, returnsByUnit, type CountRow, type KpiScope } from './facts.ts';
import { AREA_LEVELS, type GroupBy, type KpiOut, type KpiQuery, type KpiRow } from './schema.ts';

/** 工单考核指标: the counts of facts.ts, named, with every rate as numerator / denominator. */

const LEVEL_DEPTH: Record<string, number> = { city: 1, district: 2, street: 3, community: 4, grid: 5 };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string, field: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DAY.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw invalidField(field, `${field}: 日期应为有效的 YYYY-MM-DD / expected a date YYYY-MM-DD`);
  return value;
}

const ratio = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator ? Math.round((numerator / denominator) * 10000) / 10000 : null });

export function withRates(key: string, name: string, c: Omit<CountRow, 'key'>): KpiRow {
  const { received, dispatched, returned, closed, onTime, rated, satisfied, basic, dissatisfied, repeat } = c;
  return {
    key, name, received, dispatched, returned, closed, onTime, rated, satisfied, basic, dissatisfied, repeat,
    rates: {
      closed: ratio(closed, received), onTime: ratio(onTime, closed), visited: ratio(rated, closed),
      satisfied: ratio(satisfied + basic, rated), returned: ratio(returned, dispatched), repeat: ratio(repeat, received),
    },
  };
}

async function namesOf(db: Kysely<DB>, cityCode: string, groupBy: GroupBy, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (groupBy === 'area' || groupBy === 'department') {
    const paths = keys.map((k) => (groupBy === 'area' ? k : k.startsWith('area:') ? k.slice(5) : null)).filter((p): p is string => !!p);
    const areas = paths.length ? await db.selectFrom('area').select(['path', 'name']).where('city_code', '=', cityCode)
      .where(sql<boolean>`path = ANY(${sql.val(paths)}::ltree[])`).execute() : [];
    const byPath = new Map(areas.map((a) => [a.path, a.name]));
    for (const k of keys) {
      if (groupBy === 'area') out.set(k, byPath.get(k) ?? k);
      else out.set(k, k.startsWith('dept:') ? k.slice(5) : `属地：${byPath.get(k.slice(5)) ?? k.slice(5)}`);
    }
  } else if (groupBy === 'category') {
    const cats = keys.length ? await db.selectFrom('ticket_category').select(['code', 'name']).where('city_code', '=', cityCode).where('code', 'in', keys).execute() : [];
    const byCode = new Map(cats.map((c) => [c.code, c.name]));
    for (const k of keys) out.set(k, byCode.get(k) ?? k);
  } else {
    for (const k of keys) out.set(k, groupBy === 'month' ? `${k.slice(0, 4)}年${Number(k.slice(5))}月` : `${k.slice(0, 4)}年第${'一二三四'[Number(k.slice(6)) - 1]}季度`);
  }
  return out;
}

const NONE_NAME: Record<GroupBy, string> = { area: '未知区域', department: '未派遣', category: '未分类', month: '', quarter: '' };

/** The KPIs of the tickets placed in an area of the caller's scope, received between from and to (Shanghai days, inclusive). */
export async function ticketKpis(db: Kysely<DB>, caller: Caller, q: KpiQuery, now = new Date()): Promise<KpiOut> {
  const groupBy = q.groupBy ?? 'area';
  const today = todayInChina(now.getTime());
  const to = day(q.to ?? today, 'to');
  const from = day(q.from ?? `${to.slice(0, 8)}01`, 'from');
  if (from > to) throw invalidField('from', 'from: 开始日期不能晚于结束日期 / from must not be after to');
  const want = q.area ?? codeOfPath(caller.scopePath);
  const area = await findAreaInScope(db, caller, want);
  if (!area) throw notFound(`区划 ${want} 不存在或不在您的管辖范围内 / area ${want}`);
  const areaDepth = LEVEL_DEPTH[area.level];
  let level: string | null = null;
  let depth = areaDepth;
  if (groupBy === 'area') {
    level = q.level ?? AREA_LEVELS.find((l) => LEVEL_DEPTH[l] === areaDepth + 1) ?? area.level;
    depth = LEVEL_DEPTH[level];
    if (depth < areaDepth) throw invalidField('level', `level: 分组层级须不高于所选区域（${area.name}） / the level must be at or below the chosen area`);
  }
  const scope: KpiScope = { cityCode: caller.cityCode, scopePath: caller.scopePath, areaPath: area.path, from: startOfDay(from), to: new Date(endOfDay(to).getTime() + 1), depth };
  const { rows, total } = await countKpis(db, scope, groupBy);
  if (groupBy === 'department') {
    // 退单率 by unit: dispatches to the unit and returns by it (a ticket may have passed several units).
    const byUnit = await returnsByUnit(db, scope);
    for (const r of rows) Object.assign(r, { dispatched: 0, returned: 0 }, r.key ? byUnit.get(r.key) : {});
    for (const [key, v] of byUnit) if (!rows.some((r) => r.key === key)) rows.push({ key, received: 0, closed: 0, onTime: 0, rated: 0, satisfied: 0, basic: 0, dissatisfied: 0, repeat: 0, ...v });
  }
  const keys = rows.map((r) => r.key).filter((k): k is string => k !== null);
  const names = await namesOf(db, caller.cityCode, groupBy, keys);
  const order = groupBy === 'department' ? (a: KpiRow, b: KpiRow) => b.received - a.received || b.dispatched - a.dispatched || a.name.localeCompare(b.name, 'zh') : (a: KpiRow, b: KpiRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const out = rows.map((r) => withRates(r.key ?? '', r.key === null ? NONE_NAME[groupBy] : names.get(r.key) ?? r.key, r)).sort(order);
  return {
    groupBy, level,
    area: { code: area.code, name: area.name, fullName: await fullAreaName(db, area.city_code, area.path) },
    from, to, generatedAt: now.toISOString(), rows: out, total: withRates('total', '合计', total),
  };
}
