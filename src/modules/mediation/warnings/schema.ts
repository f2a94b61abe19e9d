import { Type, type Static } from '@sinclair/typebox';
import { AreaCode, Id, keysOf, literals, Nullable, Page } from '../schema-kit.ts';
import { LEVELS, RULES } from './rules.ts';

/** Schemas of 预警 and 预警规则. */

const ruleNames = Object.fromEntries(Object.entries(RULES).map(([k, v]) => [k, v.zh])) as Record<keyof typeof RULES, string>;
const levelNames = Object.fromEntries(Object.entries(LEVELS).map(([k, v]) => [k, v.zh])) as Record<keyof typeof LEVELS, string>;
export const RuleName = keysOf(ruleNames, 'rule 预警规则');
export const LevelName = keysOf(levelNames, 'level 等级');
const When = Type.String({ format: 'date-time' });

export const WarningQuery = Type.Object({
  state: Type.Optional(literals(['open', 'handled'] as const, { description: 'open 待处置 | handled 已处置' })),
  level: Type.Optional(LevelName),
  rule: Type.Optional(RuleName),
  caseId: Type.Optional(Id),
  area: Type.Optional(AreaCode),
  police: Type.Optional(Type.Boolean({ description: 'reported to the police (第二十五条)' })),
  ...Page,
}, { additionalProperties: false });
export type WarningQuery = Static<typeof WarningQuery>;

export const WarningOut = Type.Object({
  id: Type.Integer(), rule: Type.String(), ruleName: Type.String(), level: Type.String(), levelName: Type.String(),
  caseId: Type.Integer(), caseNumber: Type.String(), caseState: Type.String(), areaName: Nullable(Type.String()), gridCode: Nullable(Type.String()),
  reason: Type.String(), raisedAt: When, policeFlagged: Type.Boolean(), state: Type.String(),
  handledAt: Nullable(When), handledBy: Nullable(Type.String({ description: 'name of who handled it' })), note: Nullable(Type.String()),
  related: Type.Array(Type.Integer(), { description: 'earlier cases of a repeat (ids)' }),
});
export const WarningList = Type.Object({ items: Type.Array(WarningOut), total: Type.Integer() });
export const WarningDetail = Type.Object({
  warning: WarningOut,
  history: Type.Array(Type.Object({ action: Type.String(), actionName: Type.String(), by: Type.Object({ id: Nullable(Type.Integer()), name: Type.String(), role: Type.String() }), note: Nullable(Type.String()), at: When })),
});
export const HandleBody = Type.Object({ note: Type.String({ maxLength: 1000, description: '处置情况: what was done (visited, calmed, referred …)' }) }, { additionalProperties: false });

export const RuleOut = Type.Object({
  rule: Type.String(), ruleName: Type.String(), enabled: Type.Boolean(), level: Type.String(), levelName: Type.String(),
  police: Type.Boolean({ description: '第二十五条: a warning of this rule reports the case to the police' }),
  params: Type.Unknown({ description: 'many_parties {minPeople}; repeat_parties {withinDays, minCases, minShared}; repeat_place {withinDays, minCases, radiusMetres}; violent_words {words}; overdue {graceDays}' }),
  version: Type.Integer({ description: '0 while the city uses the defaults' }),
});
export const RuleList = Type.Object({ items: Type.Array(RuleOut) });
export const RuleParam = Type.Object({ rule: RuleName }, { additionalProperties: false });
export const RuleBody = Type.Object({
  enabled: Type.Boolean(), level: LevelName, police: Type.Boolean(),
  params: Type.Record(Type.String(), Type.Unknown()),
  version: Type.Optional(Type.Integer({ minimum: 0, description: 'the version read (optimistic edit); 0 for a rule still at its defaults' })),
}, { additionalProperties: false });
export type RuleBody = Static<typeof RuleBody>;
