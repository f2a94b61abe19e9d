import { Type, type Static } from '@sinclair/typebox';

export const ImportKindParam = Type.Union([Type.Literal('people'), Type.Literal('households'), Type.Literal('organisations')], { description: '人员 people / 住户及成员 households / 组织 organisations' });

export const ImportError = Type.Object({
  row: Type.Integer({ description: 'row number as Excel shows it (1 = the header row, for file-level problems)' }),
  column: Type.String({ description: 'the column header' }),
  field: Type.String({ description: 'the API field of the column' }),
  value: Type.Union([Type.String(), Type.Null()], { description: 'the value, masked for ID and phone numbers' }),
  message: Type.String(),
});

export const ImportJob = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  filename: Type.String(),
  status: Type.Union([Type.Literal('checking'), Type.Literal('checked'), Type.Literal('importing'), Type.Literal('done'), Type.Literal('failed'), Type.Literal('cancelled')]),
  total: Type.Integer({ description: 'with processed, drives a progress bar while checking or importing' }),
  processed: Type.Integer(),
  validRows: Type.Integer(),
  invalidRows: Type.Integer(),
  imported: Type.Integer({ description: 'records written (people, households and organisations)' }),
  errorCount: Type.Integer(),
  errors: Type.Array(ImportError, { description: 'the first 500 lines of the report; GET …/report.xlsx has every line' }),
  message: Type.Union([Type.String(), Type.Null()]),
  validOnly: Type.Union([Type.Boolean(), Type.Null()]),
  createdBy: Type.Object({ id: Type.Integer(), name: Type.String() }),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ImportJob = Static<typeof ImportJob>;

export const ImportUploadQuery = Type.Object({ kind: ImportKindParam }, { additionalProperties: false });
export const TemplateQuery = Type.Object({ kind: ImportKindParam, format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' }) }, { additionalProperties: false });
export const RunBody = Type.Object({ validOnly: Type.Boolean({ description: 'true: import the valid rows and skip the bad ones; false: only a file without errors is imported' }) }, { additionalProperties: false });
