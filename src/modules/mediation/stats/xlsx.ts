import { buildHeader, percent, type Cell, type OutColumn, type ReportResult } from '../../reports/result.ts';
import { reportWorkbook } from '../../reports/xlsx.ts';
import { chineseDate } from '../documents/particulars.ts';
import type { StatsOut, StatsRow } from './schema.ts';

/**
 * The figures as a printed form in the reports module's house style (reports/xlsx.ts): a merged
 * title with the area and the period, 填报单位 and 统计时点, grouped headers, each rate (%) beside
 * its counts, 合计, 制表人 / 审核人 / 制表日期.
 */

const FIRST_COLUMN: Record<string, string> = { category: '纠纷类别', level: '组织层级', organisation: '调解组织', source: '案件来源', month: '月份', quarter: '季度' };
const col = (key: string, label: string, group: string | null, format: OutColumn['format']): OutColumn => ({ key, label, group, format });

export function statsColumns(groupBy: string): OutColumn[] {
  return [
    col('name', FIRST_COLUMN[groupBy] ?? '分组', null, 'text'),
    col('received', '登记', '案件', 'integer'), col('accepted', '受理', '案件', 'integer'),
    col('concluded', '调结', '调解结果', 'integer'), col('agreed', '达成协议', '调解结果', 'integer'), col('failed', '调解不成', '调解结果', 'integer'), col('successRate', '调解成功率（%）', '调解结果', 'percent'),
    col('rejected', '不予受理', '未调结', 'integer'), col('refused', '当事人拒绝', '未调结', 'integer'), col('withdrawn', '撤回', '未调结', 'integer'),
    col('judicialApplied', '申请', '司法确认', 'integer'), col('judicialConfirmed', '确认有效', '司法确认', 'integer'), col('judicialRejected', '驳回', '司法确认', 'integer'), col('judicialRate', '司法确认率（%）', '司法确认', 'percent'),
    col('avgDays', '平均', '调结用时（天）', 'decimal'), col('medianDays', '中位数', '调结用时（天）', 'decimal'),
    col('overdue', '超期', null, 'integer'), col('policeFlagged', '报告公安', null, 'integer'),
  ];
}

export function statsCells(r: StatsRow): Cell[] {
  return [r.name, r.received, r.accepted, r.concluded, r.agreed, r.failed, percent(r.successRate.num, r.successRate.den),
    r.rejected, r.refused, r.withdrawn, r.judicialApplied, r.judicialConfirmed, r.judicialRejected, percent(r.judicialRate.num, r.judicialRate.den),
    r.avgDays, r.medianDays, r.overdue, r.policeFlagged];
}

export const statsTitle = (s: StatsOut) => `${s.area.name}矛盾纠纷人民调解情况统计表（${chineseDate(s.from)}至${chineseDate(s.to)}）`;

export async function statsWorkbook(s: StatsOut, preparedBy: string, printedOn: string): Promise<Buffer> {
  const columns = statsColumns(s.groupBy);
  const result: ReportResult = {
    template: { id: 0, code: 'MEDIATION_STATS', name: '人民调解统计', department: '司法行政', builtin: true },
    kind: 'table', title: statsTitle(s), area: { code: s.area.code, name: s.area.name, level: 'city' }, date: s.to, rowLevel: null,
    columns, header: buildHeader(columns), rows: s.rows.map((r) => ({ code: r.key, cells: statsCells(r) })), total: { cells: statsCells(s.total) },
    truncated: false, generatedAt: s.generatedAt,
  };
  return reportWorkbook(result, { unit: s.area.fullName, preparedBy, printedOn });
}
