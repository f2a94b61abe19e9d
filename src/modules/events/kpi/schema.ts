import { Type, type Static } from '@sinclair/typebox';

/** 工单考核指标 query and answer: every rate with its numerator and denominator, so anyone can check it. */

export const GROUP_BYS = ['area', 'department', 'category', 'month', 'quarter'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const AREA_LEVELS = ['district', 'street', 'community', 'grid'] as const;

export const KpiQuery = Type.Object({
  groupBy: Type.Optional(Type.Union(GROUP_BYS.map((g) => Type.Literal(g)), { description: 'area 区域 | department 承办单位 | category 一级分类 | month 月 | quarter 季度', default: 'area' })),
  level: Type.Optional(Type.Union(AREA_LEVELS.map((l) => Type.Literal(l)), { description: 'for groupBy=area: the level of the rows (default: one below the area)' })),
  from: Type.Optional(Type.String({ description: 'first day YYYY-MM-DD (Shanghai), default the first of this month' })),
  to: Type.Optional(Type.String({ description: 'last day YYYY-MM-DD (Shanghai), inclusive, default today' })),
  area: Type.Optional(Type.String({ pattern: '^[0-9]{1,20}$', description: 'area code inside my scope (default my own area)' })),
}, { additionalProperties: false });
export type KpiQuery = Static<typeof KpiQuery>;

const Ratio = Type.Object({ numerator: Type.Integer(), denominator: Type.Integer(), rate: Type.Union([Type.Number(), Type.Null()], { description: 'numerator / denominator, 4 decimals; null when the denominator is 0' }) });

export const KpiCounts = Type.Object({
  received: Type.Integer({ description: '受理 tickets counted (received in the period, never cancelled or merged)' }),
  dispatched: Type.Integer({ description: '派遣 tickets dispatched at least once (by department: to this unit)' }),
  returned: Type.Integer({ description: '退单 of those, returned at least once (by department: by this unit)' }),
  closed: Type.Integer({ description: '办结 closed now (last close not undone by 重办)' }),
  onTime: Type.Integer({ description: '按时办结 closed, with the reply before the close made by the due date in force then' }),
  rated: Type.Integer({ description: '回访 closed and rated after that close' }),
  satisfied: Type.Integer(), basic: Type.Integer(), dissatisfied: Type.Integer(),
  repeat: Type.Integer({ description: '重复诉求 an earlier ticket within 30 days by the same phone, or at the same grid in the same level-1 category' }),
});

export const KpiRow = Type.Composite([Type.Object({ key: Type.String(), name: Type.String() }), KpiCounts, Type.Object({
  rates: Type.Object({ closed: Ratio, onTime: Ratio, visited: Ratio, satisfied: Ratio, returned: Ratio, repeat: Ratio }),
})]);
export type KpiRow = Static<typeof KpiRow>;

export const KpiOut = Type.Object({
  groupBy: Type.String(), level: Type.Union([Type.String(), Type.Null()]),
  area: Type.Object({ code: Type.String(), name: Type.String(), fullName: Type.String() }),
  from: Type.String(), to: Type.String(), generatedAt: Type.String({ format: 'date-time' }),
  rows: Type.Array(KpiRow), total: KpiRow,
});
export type KpiOut = Static<typeof KpiOut>;

/** The rates, their Chinese names and how each is formed (the README says the same in full). */
export const RATE_NAMES = {
  closed: { zh: '办结率', num: 'closed', den: 'received' },
  onTime: { zh: '按时办结率', num: 'onTime', den: 'closed' },
  visited: { zh: '回访率', num: 'rated', den: 'closed' },
  satisfied: { zh: '满意率', num: 'satisfiedOrBasic', den: 'rated' },
  returned: { zh: '退单率', num: 'returned', den: 'dispatched' },
  repeat: { zh: '重复诉求率', num: 'repeat', den: 'received' },
} as const;
