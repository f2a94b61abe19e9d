import { Type } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const YearParam = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2099, description: 'a four-digit year' }) });

export const ScheduleDayOut = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD' }),
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('makeup')], { description: 'holiday 放假 | makeup 调休上班' }),
  name: Type.String({ description: 'the holiday in Chinese, e.g. 国庆节' }),
});

const Origin = Type.Union([Type.Literal('shipped'), Type.Literal('entered'), Type.Null()], { description: 'shipped: in chinese-days; entered: by this deployment; null: unknown, weekends only' });

export const VersionOut = Type.Object({
  version: Type.Integer(), source: Type.String(), enteredBy: Type.String(), enteredAt: Type.String(), holidays: Type.Integer(), makeupDays: Type.Integer(),
});

export const YearOut = Type.Object({
  year: Type.Integer(),
  origin: Origin,
  covered: Type.Boolean(),
  source: Nullable(Type.String({ description: 'chinese-days x.y.z, or the notice an entered year was copied from' })),
  enteredBy: Nullable(Type.String()),
  enteredAt: Nullable(Type.String()),
  version: Type.Union([Type.Integer(), Type.Null()]),
  days: Type.Array(ScheduleDayOut),
  history: Type.Array(VersionOut, { description: 'every entered version of the year, newest first' }),
  note: Nullable(Type.String({ description: 'why an entered version is not in use, if so' })),
});

export const PutYearOut = Type.Intersect([YearOut, Type.Object({
  replacedVersion: Type.Union([Type.Integer(), Type.Null()]),
  deadlines: Type.Object({
    checked: Type.Integer({ description: 'open tickets with a deadline in or after the year' }),
    changed: Type.Integer({ description: 'whose deadlines the new schedule moved (updated, their units told)' }),
    leftAsSet: Type.Integer({ description: 'whose deadlines were not set by the calendar alone (a policy or limit changed since): left as they are' }),
  }, { description: '期限重算: what entering the year did to the deadlines of open tickets' }),
})]);

const YearState = Type.Object({ year: Type.Integer(), covered: Type.Boolean(), origin: Origin });

export const CoverageOut = Type.Object({
  today: Type.String({ description: 'today in Asia/Shanghai' }),
  shipped: Type.Object({ package: Type.String(), version: Type.String(), first: Type.Integer(), last: Type.Integer() }),
  years: Type.Array(Type.Object({
    year: Type.Integer(),
    origin: Type.Union([Type.Literal('shipped'), Type.Literal('entered')]),
    source: Type.String(),
    enteredBy: Nullable(Type.String()),
    enteredAt: Nullable(Type.String()),
    version: Type.Union([Type.Integer(), Type.Null()]),
  })),
  /** Entered years the package ships now (its data is used). */
  ignored: Type.Array(Type.Object({ year: Type.Integer(), version: Type.Integer(), source: Type.String() })),
  current: YearState,
  next: YearState,
});

export const PUT_BODY_DESCRIPTION = '{ "source": "国办发明电〔2026〕X号", "days": [{ "date": "YYYY-MM-DD", "kind": "holiday" | "makeup", "name": "国庆节" }] } — the whole year; a 400 names the first bad field (days[3].date …) and lists every problem in details.problems';
