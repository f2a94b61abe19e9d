import { buildHeader, percent, type Cell, type OutColumn, type ReportResult } from '../../reports/result.ts';
import { reportWorkbook } from '../../reports/xlsx.ts';
import type { KpiOut, KpiRow } from './schema.ts';

/**
 * The KPIs as the reports module prints a department form (reports/xlsx.ts): a merged title with
 * the area and the period, 填报单位 and 统计时点, grouped headers, each rate beside its counts, a total.
 */

const FIRST_COLUMN: Record<string, string> = { area: '区域', department: '承办单位', category: '事项分类（一级）', month: '月份', quarter: '季度' };
const cn = (day: string) => { const [y, m, d] = day.split('-').map(Number); return `${y}年${m}月${d}日`; };

const col = (key: string, label: string, group: string | null, format: OutColumn['format']): OutColumn => ({ key, label, group, format });

export function kpiColumns(groupBy: string): OutColumn[] {
  return [
    col('name', FIRST_COLUMN[groupBy] ?? '分组', null, 'text'),
    col('received', '受理件数', null, 'integer'),
    col('closed', '办结件数', '办结', 'integer'), col('closedRate', '办结率（%）', '办结', 'percent'),
    col('onTime', '按时办结件数', '按时办结', 'integer'), col('onTimeRate', '按时办结率（%）', '按时办结', 'percent'),
    col('rated', '回访件数', '回访', 'integer'), col('visitedRate', '回访率（%）', '回访', 'percent'),
    col('satisfied', '满意', '回访评价', 'integer'), col('basic', '基本满意', '回访评价', 'integer'), col('dissatisfied', '不满意', '回访评价', 'integer'), col('satisfiedRate', '满意率（%）', '回访评价', 'percent'),
    col('dispatched', '派遣件数', '退单', 'integer'), col('returned', '退单件数', '退单', 'integer'), col('returnedRate', '退单率（%）', '退单', 'percent'),
    col('repeat', '重复诉求件数', '重复诉求', 'integer'), col('repeatRate', '重复诉求率（%）', '重复诉求', 'percent'),
  ];
}

export function kpiCells(r: KpiRow): Cell[] {
  const p = (x: { numerator: number; denominator: number }) => percent(x.numerator, x.denominator);
  return [r.name, r.received, r.closed, p(r.rates.closed), r.onTime, p(r.rates.onTime), r.rated, p(r.rates.visited),
    r.satisfied, r.basic, r.dissatisfied, p(r.rates.satisfied), r.dispatched, r.returned, p(r.rates.returned), r.repeat, p(r.rates.repeat)];
}

export function kpiTitle(k: KpiOut): string {
  return `${k.area.name}工单办理考核指标（${cn(k.from)}至${cn(k.to)}）`;
}

export async function kpiWorkbook(k: KpiOut, preparedBy: string, printedOn: string): Promise<Buffer> {
  const columns = kpiColumns(k.groupBy);
  const result: ReportResult = {
    template: { id: 0, code: 'TICKET_KPI', name: '工单考核指标', department: '指挥中心', builtin: true },
    kind: 'table', title: kpiTitle(k), area: { code: k.area.code, name: k.area.name, level: 'city' }, date: k.to, rowLevel: null,
    columns, header: buildHeader(columns), rows: k.rows.map((r) => ({ code: r.key, cells: kpiCells(r) })), total: { cells: kpiCells(k.total) },
    truncated: false, generatedAt: k.generatedAt,
  };
  return reportWorkbook(result, { unit: k.area.fullName, preparedBy, printedOn });
}
