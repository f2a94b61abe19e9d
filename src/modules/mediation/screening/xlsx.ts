import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import type { AppContext } from '../../../kernel/context.ts';
import { todayInChina } from '../../../kernel/validators/normalise.ts';
import { buildHeader, type Cell, type OutColumn, type ReportResult } from '../../reports/result.ts';
import { fullAreaName } from '../../reports/store.ts';
import { reportWorkbook } from '../../reports/xlsx.ts';
import { chineseDate } from '../documents/particulars.ts';
import { AreaCode, IdParam, keysOf } from '../schema-kit.ts';
import { SCREENING_READERS } from './access.ts';
import { campaignDetail } from './campaign-service.ts';
import { TASK_STATUSES } from './checklist.ts';

/**
 * 排查进度表: a campaign's per-grid progress as an Excel form in the reports module's house style —
 * grid, community, its grid workers (网格员, as the campaign page: `gridWorkersOf`), status (逾期 marked), items
 * answered, disputes found, the cases filed with their numbers, 完成时间, 填报人; a 合计 row. The same
 * grids as the campaign page (the caller's, filters status and area), so leaders print what they see.
 */

const ProgressQuery = Type.Object({
  status: Type.Optional(keysOf(TASK_STATUSES, 'status')), area: Type.Optional(AreaCode),
}, { additionalProperties: false });

type Detail = Awaited<ReturnType<typeof campaignDetail>>;
const col = (key: string, label: string, group: string | null, format: OutColumn['format']): OutColumn => ({ key, label, group, format });
const COLUMNS: OutColumn[] = [
  col('grid', '网格', null, 'text'), col('code', '网格编码', null, 'text'), col('community', '所属社区（村）', null, 'text'), col('workers', '网格员', null, 'text'),
  col('status', '排查状态', null, 'text'),
  col('items', '事项数', '排查清单', 'integer'), col('answered', '已排查', '排查清单', 'integer'), col('found', '发现矛盾', '排查清单', 'integer'),
  col('findings', '件数', '上报案件', 'integer'), col('cases', '案件编号', '上报案件', 'text'),
  col('doneAt', '完成时间', null, 'text'), col('updatedBy', '填报人', null, 'text'),
];

/** The case numbers filed per task (numbers only: nothing personal). */
async function casesOf(db: Kysely<DB>, cityCode: string, d: Detail) {
  const ids = d.grids.map((g) => g.taskId);
  const rows = ids.length ? await db.selectFrom('mediation_screening_finding as f')
    .innerJoin('mediation_case as c', (j) => j.onRef('c.city_code', '=', 'f.city_code').onRef('c.id', '=', 'f.case_id'))
    .select(['f.task_id', 'c.number']).where('f.city_code', '=', cityCode).where('f.task_id', 'in', ids).orderBy('f.id').execute() : [];
  const m = new Map<number, string[]>();
  for (const r of rows) m.set(r.task_id, [...(m.get(r.task_id) ?? []), r.number]);
  return m;
}

/** 2026-03-05T02:10:00Z → 2026-03-05 10:10 (Asia/Shanghai). */
const shanghaiTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export const progressTitle = (d: Detail) =>
  `${d.campaign.title}各网格进度表（${chineseDate(d.campaign.periodFrom)}至${chineseDate(d.campaign.periodTo)}）`;

export async function progressWorkbook(db: Kysely<DB>, caller: Caller, d: Detail, today: string): Promise<Buffer> {
  const cases = await casesOf(db, caller.cityCode, d);
  const items = d.campaign.checklist.length;
  const periodTo = d.campaign.periodTo;
  const rows = d.grids.map((g) => {
    const late = g.status === 'done' ? !!g.doneAt && shanghaiTime(g.doneAt).slice(0, 10) > periodTo : today > periodTo;
    const numbers = cases.get(g.taskId) ?? [];
    const cells: Cell[] = [
      g.gridName, g.gridCode, g.communityName, g.workers.join('、') || '—', `${g.statusName}${late ? '（逾期）' : ''}`,
      items, g.answered, g.found, g.findings, numbers.join('、'), g.doneAt ? shanghaiTime(g.doneAt) : '', g.updatedBy ?? '',
    ];
    return { code: g.gridCode, cells };
  });
  const sum = (k: 'answered' | 'found' | 'findings') => d.grids.reduce((s, g) => s + g[k], 0);
  const done = d.grids.filter((g) => g.status === 'done').length;
  const total: Cell[] = [`合计（${d.grids.length} 个网格）`, '', '', '', `已完成 ${done}`, items * d.grids.length, sum('answered'), sum('found'), sum('findings'), '', '', ''];
  const scopeCode = caller.scopePath.split('.').pop()!;
  const result: ReportResult = {
    template: { id: 0, code: 'MEDIATION_SCREENING', name: '排查进度', department: '综治中心', builtin: true },
    kind: 'table', title: progressTitle(d), area: { code: scopeCode, name: '', level: 'city' }, date: today, rowLevel: null,
    columns: COLUMNS, header: buildHeader(COLUMNS), rows, total: { cells: total }, truncated: false, generatedAt: new Date().toISOString(),
  };
  return reportWorkbook(result, { unit: await fullAreaName(db, caller.cityCode, caller.scopePath), preparedBy: caller.displayName, printedOn: today });
}

export const mediationScreeningXlsxRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db } = ctx;
  app.get('/api/mediation/screening/campaigns/:id.xlsx', {
    config: { access: { roles: SCREENING_READERS } },
    schema: { tags: ['mediation'], summary: '排查进度表: the per-grid progress of a campaign (my grids; filters status, area) as an Excel form (audited)', params: IdParam, querystring: ProgressQuery },
  }, async (req, reply) => {
    const caller = req.caller!;
    const d = await campaignDetail(db, caller, req.params.id, { ...req.query, page: 1, pageSize: 1_000_000 });
    const today = todayInChina();
    const buffer = await progressWorkbook(db, caller, d, today);
    await appendAudit(db, caller, {
      action: 'mediation.campaign.export', targetType: 'mediation_campaign', targetId: d.campaign.id, ip: req.ip,
      detail: { grids: d.grids.length, status: req.query.status ?? null, area: req.query.area ?? null },
    });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="screening-${d.campaign.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${progressTitle(d)}.xlsx`)}`)
      .header('cache-control', 'no-store')
      .send(buffer);
  });
};
