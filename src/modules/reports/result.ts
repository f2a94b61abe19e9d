import type { AreaLevel } from '../../db/types.ts';
import type { Column, ListSpec, RowLevel, TableSpec } from './spec.ts';

/** What a run of a template returns: header rows and body rows of cells that line up one to one. */
export type Cell = number | string | null;
export type CellFormat = 'text' | 'integer' | 'decimal' | 'percent';
export interface HeaderCell { label: string; colSpan: number; rowSpan: number }
export interface OutColumn { key: string; label: string; group: string | null; format: CellFormat }
export interface ReportResult {
  template: { id: number; code: string; name: string; department: string; builtin: boolean };
  kind: 'table' | 'list';
  /** Printed title: the area's name and the form's, e.g. 昆都仑区实有人口统计表. */
  title: string;
  area: { code: string; name: string; level: AreaLevel };
  date: string;
  rowLevel: RowLevel | null;
  columns: OutColumn[];
  header: HeaderCell[][];
  rows: { code: string | null; cells: Cell[] }[];
  total: { cells: Cell[] } | null;
  /** A listing cut at its limit. */
  truncated: boolean;
  generatedAt: string;
}

export const LEVEL_LABEL: Record<AreaLevel, string> = { city: '市', district: '区（旗、县）', street: '街道（镇、苏木）', community: '社区（村、嘎查）', grid: '网格' };

/** Two header rows where columns are grouped (户籍 → 男 / 女), one otherwise. */
export function buildHeader(columns: OutColumn[]): HeaderCell[][] {
  if (!columns.some((c) => c.group)) return [columns.map((c) => ({ label: c.label, colSpan: 1, rowSpan: 1 }))];
  const top: HeaderCell[] = [];
  const bottom: HeaderCell[] = [];
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    if (!c.group) { top.push({ label: c.label, colSpan: 1, rowSpan: 2 }); continue; }
    let j = i;
    while (j + 1 < columns.length && columns[j + 1].group === c.group) j++;
    top.push({ label: c.group, colSpan: j - i + 1, rowSpan: 1 });
    for (let k = i; k <= j; k++) bottom.push({ label: columns[k].label, colSpan: 1, rowSpan: 1 });
    i = j;
  }
  return [top, bottom];
}

function formatOf(c: Column): CellFormat {
  const m = c.measure;
  if (m.kind === 'ratio') return 'percent';
  if (m.kind === 'sum' && (m.field === 'registered_capital' || m.field === 'area_m2')) return 'decimal';
  return 'integer';
}

export function tableColumns(spec: TableSpec, rowLevel: RowLevel | AreaLevel): OutColumn[] {
  return [
    { key: '_area', label: LEVEL_LABEL[rowLevel], group: null, format: 'text' },
    ...spec.columns.map((c) => ({ key: c.key, label: c.measure.kind === 'ratio' ? `${c.label}（%）` : c.label, group: c.group ?? null, format: formatOf(c) })),
  ];
}

export function listColumns(spec: ListSpec): OutColumn[] {
  const integer = new Set(['age', 'size', 'employees', 'tenants']);
  return [
    { key: '_no', label: '序号', group: null, format: 'integer' },
    ...spec.fields.map((f) => ({ key: f.field, label: f.label, group: null, format: (integer.has(f.field) ? 'integer' : f.field === 'areaM2' ? 'decimal' : 'text') as CellFormat })),
  ];
}

/** Ratio as a percentage rounded half away from zero; none when the denominator is zero. */
export function percent(num: number, den: number, digits = 2): number | null {
  if (!den) return null;
  const f = 10 ** digits;
  return Math.round((num / den) * 100 * f) / f;
}

/** Fills the derived columns (小计 sum_of, ratios) of one row from its base values by key. */
export function completeRow(spec: TableSpec, base: Map<string, number>): Cell[] {
  const value = new Map(base);
  for (const c of spec.columns) if (c.measure.kind === 'sum_of') value.set(c.key, c.measure.columns.reduce((s, k) => s + (value.get(k) ?? 0), 0));
  return spec.columns.map((c) => {
    const m = c.measure;
    if (m.kind === 'ratio') return percent(value.get(m.numerator) ?? 0, value.get(m.denominator) ?? 0, m.digits ?? 2);
    return value.get(c.key) ?? 0;
  });
}
