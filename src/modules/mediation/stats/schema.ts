import { Type, type Static } from '@sinclair/typebox';
import { AreaCode, Day, literals, Nullable } from '../schema-kit.ts';

/** 人民调解统计 query and answer: every rate with its numerator and denominator, so anyone can redo it. */

export const GROUP_BYS = ['category', 'level', 'organisation', 'source', 'month', 'quarter'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const StatsQuery = Type.Object({
  area: Type.Optional(AreaCode),
  from: Type.Optional(Type.String({ maxLength: 10, description: 'first day of registration, YYYY-MM-DD (Shanghai); default 1 January of `to`’s year' })),
  to: Type.Optional(Type.String({ maxLength: 10, description: 'last day, inclusive; default today' })),
  groupBy: Type.Optional(literals(GROUP_BYS, { description: 'category 纠纷类别 | level 组织层级 | organisation 调解组织 | source 案件来源 | month 月 | quarter 季度', default: 'category' })),
}, { additionalProperties: false });
export type StatsQuery = Static<typeof StatsQuery>;

const Ratio = Type.Object({
  num: Type.Integer(), den: Type.Integer(),
  rate: Nullable(Type.Number({ description: 'num / den, 4 decimals; null when den is 0' })),
});

export const StatsRow = Type.Object({
  key: Type.String(), name: Type.String(),
  received: Type.Integer({ description: '登记 cases registered in the period' }),
  accepted: Type.Integer({ description: '受理 of those, accepted' }),
  concluded: Type.Integer({ description: '调结 agreed + failed' }),
  agreed: Type.Integer({ description: '达成协议' }),
  failed: Type.Integer({ description: '调解不成' }),
  rejected: Type.Integer({ description: '不予受理 (not concluded: apart)' }),
  refused: Type.Integer({ description: '当事人拒绝调解 (apart)' }),
  withdrawn: Type.Integer({ description: '申请人撤回 (apart)' }),
  successRate: Ratio,
  judicialApplied: Type.Integer({ description: '申请司法确认 agreements with an application' }),
  judicialConfirmed: Type.Integer({ description: '确认有效' }),
  judicialRejected: Type.Integer({ description: '驳回申请' }),
  judicialRate: Ratio,
  daysCounted: Type.Integer({ description: 'concluded cases whose days are counted' }),
  daysTotal: Type.Integer({ description: 'their calendar days 受理 → 调结, summed' }),
  avgDays: Nullable(Type.Number({ description: 'daysTotal / daysCounted, 1 decimal' })),
  medianDays: Nullable(Type.Number()),
  overdue: Type.Integer({ description: '超期: concluded after the deadline in force, or still open past it' }),
  policeFlagged: Type.Integer({ description: '报告公安 (第二十五条)' }),
});
export type StatsRow = Static<typeof StatsRow>;

export const StatsOut = Type.Object({
  area: Type.Object({ code: Type.String(), name: Type.String(), fullName: Type.String() }),
  from: Day, to: Day, groupBy: Type.String(), generatedAt: Type.String({ format: 'date-time' }),
  rows: Type.Array(StatsRow), total: StatsRow,
});
export type StatsOut = Static<typeof StatsOut>;
