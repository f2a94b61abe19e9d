import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { addDays, startOfDay } from '../../../kernel/calendar/shanghai-time.ts';
import { invalidField, notFound } from '../../../kernel/errors.ts';
import { codeOfPath } from '../../../kernel/scope.ts';
import { todayInChina } from '../../../kernel/validators/normalise.ts';
import { findAreaInScope } from '../../org/store.ts';
import { fullAreaName } from '../../reports/store.ts';
import { visibleCases } from '../access.ts';
import { membershipOf } from '../organisations/store.ts';
import { CATEGORIES, SOURCES } from '../terms.ts';
import { countStats, type CountRow } from './facts.ts';
import type { GroupBy, StatsOut, StatsQuery, StatsRow } from './schema.ts';

/** 人民调解统计: the counts of facts.ts, named, with each rate as numerator / denominator. */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function day(value: string, field: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DAY.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw invalidField(field, `日期应为有效的 YYYY-MM-DD / expected a date YYYY-MM-DD`);
  return value;
}

export const ratio = (num: number, den: number) => ({ num, den, rate: den ? Math.round((num / den) * 10000) / 10000 : null });

const ZERO: Omit<CountRow, 'key'> = {
  received: 0, accepted: 0, agreed: 0, failed: 0, rejected: 0, refused: 0, withdrawn: 0, judicialApplied: 0, judicialConfirmed: 0, judicialRejected: 0,
  daysCounted: 0, daysTotal: 0, medianDays: null, overdue: 0, policeFlagged: 0,
};

/** One row as answered: success = agreed / (agreed + failed); 司法确认率 = confirmed / agreed. */
export function withRates(key: string, name: string, c: Omit<CountRow, 'key'>): StatsRow {
  const concluded = c.agreed + c.failed;
  return {
    key, name, received: c.received, accepted: c.accepted, concluded, agreed: c.agreed, failed: c.failed,
    rejected: c.rejected, refused: c.refused, withdrawn: c.withdrawn, successRate: ratio(c.agreed, concluded),
    judicialApplied: c.judicialApplied, judicialConfirmed: c.judicialConfirmed, judicialRejected: c.judicialRejected, judicialRate: ratio(c.judicialConfirmed, c.agreed),
    daysCounted: c.daysCounted, daysTotal: c.daysTotal, avgDays: c.daysCounted ? Math.round((c.daysTotal / c.daysCounted) * 10) / 10 : null,
    medianDays: c.medianDays, overdue: c.overdue, policeFlagged: c.policeFlagged,
  };
}

const LEVELS: Record<string, string> = { city: '市级', district: '区（旗、县）级', street: '街道（乡镇、苏木）级', community: '社区（村、嘎查）级' };
const QUARTERS = '一二三四';

/** Every month or quarter from `from` to `to`, so a form shows the empty ones too. */
function periods(groupBy: 'month' | 'quarter', from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); `${y}-${String(m).padStart(2, '0')}` <= to.slice(0, 7); m === 12 ? (y++, m = 1) : m++) {
    const key = groupBy === 'month' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.ceil(m / 3)}`;
    if (out[out.length - 1] !== key) out.push(key);
  }
  return out;
}

/** The keys every form lists (zeros included), in their order, and the name of each key. */
async function keysAndNames(db: Kysely<DB>, cityCode: string, groupBy: GroupBy, found: string[], from: string, to: string): Promise<[string, string][]> {
  switch (groupBy) {
    case 'category': return Object.entries(CATEGORIES);
    case 'source': return Object.entries(SOURCES);
    case 'level': return Object.entries(LEVELS);
    case 'month': return periods('month', from, to).map((k) => [k, `${k.slice(0, 4)}年${Number(k.slice(5))}月`]);
    case 'quarter': return periods('quarter', from, to).map((k) => [k, `${k.slice(0, 4)}年第${QUARTERS[Number(k.slice(6)) - 1]}季度`]);
    case 'organisation': {
      if (!found.length) return [];
      const orgs = await db.selectFrom('mediation_org').select(['id', 'name', 'level']).where('city_code', '=', cityCode).where('id', 'in', found.map(Number)).execute();
      const rank = Object.keys(LEVELS);
      return orgs.sort((a, b) => rank.indexOf(a.level) - rank.indexOf(b.level) || a.name.localeCompare(b.name, 'zh')).map((o) => [String(o.id), o.name]);
    }
  }
}

/**
 * The figures of the cases registered between from and to (Shanghai days, inclusive), placed in an
 * area of the caller's scope and visible to the caller (mediators: their organisations' cases and
 * those they are on), as of `now`.
 */
export async function mediationStats(db: Kysely<DB>, caller: Caller, q: StatsQuery, now = new Date()): Promise<StatsOut> {
  const groupBy: GroupBy = q.groupBy ?? 'category';
  const to = day(q.to ?? todayInChina(now.getTime()), 'to');
  const from = day(q.from ?? `${to.slice(0, 4)}-01-01`, 'from');
  if (from > to) throw invalidField('from', '开始日期不能晚于结束日期 / from must not be after to');
  const want = q.area ?? codeOfPath(caller.scopePath);
  const area = await findAreaInScope(db, caller, want);
  if (!area) throw notFound(`区划 ${want} 不存在或不在您的管辖范围内 / area ${want}`);
  const me = await membershipOf(db, caller);
  const { rows, total } = await countStats(db, {
    cityCode: caller.cityCode, visible: visibleCases(caller, me), areaPath: area.path,
    from: startOfDay(from), to: startOfDay(addDays(to, 1)), now,
  }, groupBy);
  const byKey = new Map(rows.map((r) => [r.key ?? '', r]));
  const listed = await keysAndNames(db, caller.cityCode, groupBy, [...byKey.keys()], from, to);
  const out = listed.map(([key, name]) => withRates(key, name, byKey.get(key) ?? ZERO));
  // A key outside the known lists (a term retired since) still shows, under its own key.
  for (const [key, r] of byKey) if (!listed.some(([k]) => k === key)) out.push(withRates(key, key, r));
  return {
    area: { code: area.code, name: area.name, fullName: await fullAreaName(db, area.city_code, area.path) },
    from, to, groupBy, generatedAt: now.toISOString(), rows: out, total: withRates('total', '合计', total ?? ZERO),
  };
}
