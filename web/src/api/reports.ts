// Reports 报表 (/api/reports): templates declared as data over the registry, run for an area, exported to Excel.
import { http } from './http';
import { urlWith } from './registry';

export type Entity = 'person' | 'household' | 'organisation' | 'rental_house';
export type RowLevel = 'district' | 'street' | 'community' | 'grid';
export const ROW_LEVELS: RowLevel[] = ['district', 'street', 'community', 'grid'];

/** Filter fields of a count/sum column or a listing; which ones apply depends on the entity. */
export type Filter = Record<string, string | number | boolean | string[] | undefined>;

export type Measure =
  | { kind: 'count'; entity: Entity; filter?: Filter }
  | { kind: 'sum'; entity: Entity; field: string; filter?: Filter }
  | { kind: 'sum_of'; columns: string[] }
  | { kind: 'ratio'; numerator: string; denominator: string; digits?: number };

export interface SpecColumn { key: string; label: string; group?: string; measure: Measure }
export interface TableSpec { kind: 'table'; level: RowLevel; title?: string; columns: SpecColumn[] }
export interface ListSpec { kind: 'list'; entity: Entity; title?: string; filter: Filter; fields: { field: string; label: string }[]; limit?: number }
export type ReportSpec = TableSpec | ListSpec;

export interface TemplateSummary {
  id: number; code: string; name: string; department: string; description: string | null; builtin: boolean;
  kind: 'table' | 'list'; level: RowLevel | null; entity: Entity | null; columns: number; editable: boolean; version: number; updatedAt: string;
}
export interface TemplateDetail extends TemplateSummary { spec: ReportSpec }
export interface TemplateInput { code: string; name: string; department: string; description?: string | null; spec: ReportSpec }

export type Cell = number | string | null;
export interface ReportResult {
  template: { id: number; code: string; name: string; department: string; builtin: boolean };
  kind: 'table' | 'list';
  title: string;
  area: { code: string; name: string; level: string };
  date: string;
  rowLevel: RowLevel | null;
  columns: { key: string; label: string; group: string | null; format: 'text' | 'integer' | 'decimal' | 'percent' }[];
  header: { label: string; colSpan: number; rowSpan: number }[][];
  rows: { code: string | null; cells: Cell[] }[];
  total: { cells: Cell[] } | null;
  truncated: boolean;
  generatedAt: string;
}

export interface RunParams { area?: string; date?: string; level?: RowLevel }

export interface Usage {
  reports: number;
  summary: string;
  entities: { entity: Entity; label: string; reports: number }[];
  fields: { field: string; label: string; reports: number; templates: string[] }[];
  tags: { code: string; name: string; reports: number; templates: string[] }[];
}

const base = '/api/reports/templates';
const enc = encodeURIComponent;

export const reportsApi = {
  templates: () => http.get<{ items: TemplateSummary[] }>(base).then((r) => r.items),
  template: (id: number | string) => http.get<TemplateDetail>(`${base}/${enc(String(id))}`),
  create: (body: TemplateInput) => http.post<TemplateDetail>(base, body),
  update: (id: number, body: Partial<Omit<TemplateInput, 'code'>> & { version?: number }) => http.patch<TemplateDetail>(`${base}/${id}`, body),
  remove: (id: number) => http.delete<void>(`${base}/${id}`),
  run: (id: number | string, params: RunParams) => http.get<ReportResult>(`${base}/${enc(String(id))}/run`, { ...params }),
  exportUrl: (id: number | string, params: RunParams) => urlWith(`${base}/${enc(String(id))}/export.xlsx`, { ...params }),
  usage: () => http.get<Usage>('/api/reports/usage'),
};
