import { Type, type Static } from '@sinclair/typebox';
import { ROW_LEVELS } from './spec.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** A template by numeric id or by its code (ZZ_ACTUAL_POPULATION), within the caller's city. */
export const TemplateParam = Type.Object({ id: Type.String({ pattern: '^([0-9]{1,12}|[A-Z][A-Z0-9_]{1,39})$', description: 'template id or code' }) });

export const TemplateSummary = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), department: Type.String(), description: Nullable(Type.String()),
  builtin: Type.Boolean(), kind: Type.String(), level: Nullable(Type.String()), entity: Nullable(Type.String()),
  columns: Type.Integer({ description: 'number of columns (table) or fields (list)' }),
  editable: Type.Boolean({ description: 'whether the caller may change or delete it' }),
  version: Type.Integer(), updatedAt: Type.String({ format: 'date-time' }),
});
export type TemplateSummary = Static<typeof TemplateSummary>;

export const TemplateDetail = Type.Intersect([TemplateSummary, Type.Object({ spec: Type.Unknown({ description: 'rows × columns, see modules/reports/spec.ts' }) })]);

const Code = Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,39}$', description: 'upper-case letters, digits and _; 2–40 characters' });
const Name = Type.String({ minLength: 1, maxLength: 60 });
const Department = Type.String({ minLength: 1, maxLength: 40 });
const Description = Type.Union([Type.String({ maxLength: 500 }), Type.Null()]);
const Spec = Type.Unknown({ description: 'report spec: {kind:"table", level, columns:[{key,label,group?,measure}]} or {kind:"list", entity, filter, fields:[{field,label}]}' });

export const CreateTemplate = Type.Object({ code: Code, name: Name, department: Department, description: Type.Optional(Description), spec: Spec }, { additionalProperties: false });
export type CreateTemplate = Static<typeof CreateTemplate>;

export const UpdateTemplate = Type.Object({
  name: Type.Optional(Name), department: Type.Optional(Department), description: Type.Optional(Description), spec: Type.Optional(Spec),
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'the version read; refused if someone changed it since' })),
}, { additionalProperties: false });
export type UpdateTemplate = Static<typeof UpdateTemplate>;

export const RunQuery = Type.Object({
  area: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: 'area code; default: the caller\'s own area' })),
  date: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'reference date 统计时点 (ages are counted at it); default today' })),
  level: Type.Optional(Type.Union(ROW_LEVELS.map((l) => Type.Literal(l)), { description: 'row level instead of the template\'s' })),
}, { additionalProperties: false });
export type RunQuery = Static<typeof RunQuery>;

const Cell = Type.Union([Type.Number(), Type.String(), Type.Null()]);
export const ReportOut = Type.Object({
  template: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), department: Type.String(), builtin: Type.Boolean() }),
  kind: Type.String(), title: Type.String(),
  area: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  date: Type.String(), rowLevel: Nullable(Type.String()),
  columns: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), group: Nullable(Type.String()), format: Type.String() })),
  header: Type.Array(Type.Array(Type.Object({ label: Type.String(), colSpan: Type.Integer(), rowSpan: Type.Integer() }))),
  rows: Type.Array(Type.Object({ code: Nullable(Type.String()), cells: Type.Array(Cell) })),
  total: Type.Union([Type.Object({ cells: Type.Array(Cell) }), Type.Null()]),
  truncated: Type.Boolean(), generatedAt: Type.String(),
});

export const UsageOut = Type.Object({
  reports: Type.Integer({ description: 'templates of the city that draw on the registry' }),
  summary: Type.String(),
  entities: Type.Array(Type.Object({ entity: Type.String(), label: Type.String(), reports: Type.Integer() })),
  fields: Type.Array(Type.Object({ field: Type.String(), label: Type.String(), reports: Type.Integer(), templates: Type.Array(Type.String()) })),
  tags: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), reports: Type.Integer(), templates: Type.Array(Type.String()) })),
});
