import type { Kysely } from 'kysely';
import type { Area, DB } from '../../db/types.ts';
import type { RunContext } from './conditions.ts';
import { rowLevelFor, runTables, type TableRun } from './engine.ts';
import { runList } from './listing.ts';
import { naiveTable } from './naive.ts';
import { buildHeader, listColumns, tableColumns, type ReportResult } from './result.ts';
import type { ReportSpec, RowLevel, TableSpec } from './spec.ts';

export interface TemplateRef { id: number; code: string; name: string; department: string; builtin: boolean; spec: ReportSpec }

/**
 * Runs templates for one area (already checked to be in the caller's scope) at a date.
 * The tables go to the engine as one batch (each registry table read once for all of
 * them); listings run beside it. `naive` computes the tables cell by cell instead
 * (tests and benchmark only).
 */
export async function runReports(db: Kysely<DB>, templates: TemplateRef[], area: Area, date: string, opts: { level?: RowLevel; naive?: boolean } = {}): Promise<ReportResult[]> {
  const rc: RunContext = { cityCode: area.city_code, areaPath: area.path, date };
  const generatedAt = new Date().toISOString();
  const base = (t: TemplateRef) => ({
    template: { id: t.id, code: t.code, name: t.name, department: t.department, builtin: t.builtin },
    kind: t.spec.kind,
    title: `${area.name}${t.spec.title ?? t.name}`,
    area: { code: area.code, name: area.name, level: area.level },
    date,
    generatedAt,
  });
  // Tables group by the level each asks for; one batch per level.
  const levelOf = (t: TemplateRef) => rowLevelFor(area, opts.level ?? (t.spec as TableSpec).level);
  const tables = templates.filter((t) => t.spec.kind === 'table');
  const levels = [...new Set(tables.map(levelOf))];
  const [batches, lists] = await Promise.all([
    Promise.all(levels.map(async (level) => {
      const group = tables.filter((t) => levelOf(t) === level);
      const specs = group.map((t) => t.spec as TableSpec);
      const runs: TableRun[] = [];
      // The naive reference runs its cells one after another, as a plain implementation would.
      if (opts.naive) for (const s of specs) runs.push(await naiveTable(db, s, rc, level));
      else runs.push(...await runTables(db, specs, rc, level));
      return group.map((t, i) => [t, runs[i]] as const);
    })),
    Promise.all(templates.filter((t) => t.spec.kind === 'list').map(async (t) => [t, await runList(db, t.spec as Extract<ReportSpec, { kind: 'list' }>, rc)] as const)),
  ]);
  const tableRuns = new Map(batches.flat());
  const listRuns = new Map(lists);
  return templates.map((t): ReportResult => {
    if (t.spec.kind === 'list') {
      const run = listRuns.get(t)!;
      const columns = listColumns(t.spec);
      return {
        ...base(t), rowLevel: null, columns, header: buildHeader(columns), rows: run.rows.map((r) => ({ code: null, cells: r.cells })),
        total: { cells: [`合计 ${run.rows.length} 条${run.truncated ? '（未列全）' : ''}`] }, truncated: run.truncated,
      };
    }
    const level = levelOf(t);
    const run = tableRuns.get(t)!;
    const columns = tableColumns(t.spec, level);
    return {
      ...base(t), rowLevel: level as RowLevel, columns, header: buildHeader(columns),
      rows: run.rows.map((r) => ({ code: r.code, cells: [r.name, ...r.cells] })),
      total: { cells: ['合计', ...run.total] }, truncated: false,
    };
  });
}

/** Runs one template. */
export async function runReport(db: Kysely<DB>, t: TemplateRef, area: Area, date: string, opts: { level?: RowLevel; naive?: boolean } = {}): Promise<ReportResult> {
  return (await runReports(db, [t], area, date, opts))[0];
}
