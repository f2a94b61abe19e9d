import { Type, type Static } from '@sinclair/typebox';
import { AreaCode, CategoryCode } from '../tickets/schema.ts';

/** Schemas of the event loop's configuration routes: categories, routing rules, deadline policy. */

const Nullable = <T extends ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const Workdays = Type.Integer({ minimum: 0, maximum: 60, description: '办理时限 working days (overrides the demand type’s)' });
const UrgentHours = Type.Integer({ minimum: 1, maximum: 240, description: '紧急 handling hours (overrides the policy’s)' });
const Name = Type.String({ minLength: 1, maxLength: 40 });

export const CategoryNode = Type.Recursive((Self) => Type.Object({
  code: Type.String(), parentCode: Type.Union([Type.String(), Type.Null()]), name: Type.String(), level: Type.Integer(),
  source: Type.String({ description: 'taxonomy 12345, szcg 数字城管, custom the city’s own' }), builtin: Type.Boolean(), active: Type.Boolean(),
  handleWorkdays: Type.Union([Type.Integer(), Type.Null()]), urgentHours: Type.Union([Type.Integer(), Type.Null()]),
  openTickets: Type.Integer({ description: 'open tickets of this category in my area' }),
  openTicketsTotal: Type.Integer({ description: 'the same with every category below it' }),
  children: Type.Array(Self),
}), { $id: 'TicketCategoryNode' });
export const CategoryTree = Type.Object({ items: Type.Array(CategoryNode) });

export const CreateCategory = Type.Object({
  parentCode: Type.Optional(Type.Union([CategoryCode, Type.Null()])),
  name: Name,
  handleWorkdays: Type.Optional(Nullable(Workdays)),
  urgentHours: Type.Optional(Nullable(UrgentHours)),
}, { additionalProperties: false });
export type CreateCategory = Static<typeof CreateCategory>;

export const PatchCategory = Type.Object({
  name: Type.Optional(Name),
  active: Type.Optional(Type.Boolean()),
  handleWorkdays: Type.Optional(Nullable(Workdays)),
  urgentHours: Type.Optional(Nullable(UrgentHours)),
}, { additionalProperties: false });
export type PatchCategory = Static<typeof PatchCategory>;

export const CategoryOut = Type.Object({
  code: Type.String(), parentCode: Type.Union([Type.String(), Type.Null()]), name: Type.String(), level: Type.Integer(), source: Type.String(),
  builtin: Type.Boolean(), active: Type.Boolean(), handleWorkdays: Type.Union([Type.Integer(), Type.Null()]), urgentHours: Type.Union([Type.Integer(), Type.Null()]),
});
export const CategoryParam = Type.Object({ code: CategoryCode });

const Assignee = Type.Object({
  kind: Type.String({ description: 'department 归口 or area 属地' }),
  department: Type.Union([Type.String(), Type.Null()]),
  area: Type.Union([Type.String(), Type.Null()]), path: Type.Union([Type.String(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
});
export const RuleOut = Type.Object({
  id: Type.Integer(), category: Type.String(), categoryName: Type.Union([Type.String(), Type.Null()]),
  area: Type.String(), areaName: Type.Union([Type.String(), Type.Null()]), assignee: Assignee,
  active: Type.Boolean(), note: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String({ format: 'date-time' }),
});
export const RuleList = Type.Object({ items: Type.Array(RuleOut) });
export const RuleQuery = Type.Object({ category: Type.Optional(CategoryCode), active: Type.Optional(Type.Boolean()) });

/** Exactly one of department (归口) and assigneeArea (属地). */
export const CreateRule = Type.Object({
  category: CategoryCode,
  area: AreaCode,
  department: Type.Optional(Type.String({ maxLength: 60, description: '承办部门 name' })),
  assigneeArea: Type.Optional(AreaCode),
  note: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });
export type CreateRule = Static<typeof CreateRule>;
export const PatchRule = Type.Object({
  active: Type.Optional(Type.Boolean()),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
}, { additionalProperties: false });
export type PatchRule = Static<typeof PatchRule>;
export const RuleParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const PreviewQuery = Type.Object({ category: Type.Optional(CategoryCode), area: AreaCode });
export const PreviewOut = Type.Object({ assignee: Assignee, rule: Type.Union([RuleOut, Type.Null()]), territorial: Type.Boolean({ description: 'no rule matched: 属地, the place’s community' }) });

export const PolicyOut = Type.Object({
  policy: Type.Unknown({ description: 'kernel calendar DeadlinePolicy, with redAfterWorkdays' }),
  isDefault: Type.Boolean(), updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const Due = Type.String({ format: 'date-time' });
export const PolicyPreviewQuery = Type.Object({ receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'the moment of receipt to count from (default now)' })) });
export const PolicyPreviewOut = Type.Object({
  receivedAt: Due, redAfterWorkdays: Type.Integer(),
  items: Type.Array(Type.Object({
    demandType: Type.String({ description: 'consult complaint help suggestion report other' }), demandName: Type.String({ description: '咨询 投诉 求助 建议 举报 其他' }),
    handleWorkdays: Type.Integer(), signDueAt: Due, handleDueAt: Due, redFrom: Type.String({ format: 'date-time', description: '红牌督办 from this instant if not handled' }),
  })),
  urgent: Type.Object({ signDueAt: Due, handleDueAt: Due, signHours: Type.Number(), handleHours: Type.Number(), mode: Type.String() }),
  uncoveredYears: Type.Array(Type.Integer(), { description: 'years beyond the official holiday list that the dates touch (counted as plain weekdays)' }),
});
