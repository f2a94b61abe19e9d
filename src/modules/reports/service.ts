import { sql, type Kysely } from 'kysely';
import type { Area, DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { appendAudit } from '../../kernel/audit/audit.ts';
import { AppError, conflict, invalidField, notFound } from '../../kernel/errors.ts';
import { codeOfPath, pathInScope } from '../../kernel/scope.ts';
import { todayInChina } from '../../kernel/validators/normalise.ts';
import { findAreaInScope } from '../org/store.ts';
import { isCode } from '../registry/vocabularies/index.ts';
import { runReport, type TemplateRef } from './run.ts';
import type { ReportResult } from './result.ts';
import type { CreateTemplate, RunQuery, TemplateSummary, UpdateTemplate } from './schema.ts';
import { parseSpec, tagRefs, type Filter, type ReportSpec } from './spec.ts';
import { cityTags, findTemplate, fullAreaName, listTemplates, type TemplateRow } from './store.ts';
import { usage } from './usage.ts';
import { reportWorkbook } from './xlsx.ts';

/** Who may write templates: the city and its districts; everyone else reads. */
export const TEMPLATE_WRITERS = ['city_admin', 'district_staff'] as const;

const missing = (ref: string) => notFound(`报表模板 ${ref} 不存在 / report template ${ref}`);

function mayEdit(caller: Caller, t: TemplateRow): boolean {
  return !t.builtin && (TEMPLATE_WRITERS as readonly string[]).includes(caller.role) && !!t.owner_path && pathInScope(caller, t.owner_path);
}

function summary(caller: Caller, t: TemplateRow): TemplateSummary {
  const spec = t.spec as ReportSpec;
  return {
    id: t.id, code: t.code, name: t.name, department: t.department, description: t.description, builtin: t.builtin,
    kind: spec.kind, level: spec.kind === 'table' ? spec.level : null, entity: spec.kind === 'list' ? spec.entity : null,
    columns: spec.kind === 'table' ? spec.columns.length : spec.fields.length,
    editable: mayEdit(caller, t), version: t.version, updatedAt: t.updated_at.toISOString(),
  };
}

export async function listReportTemplates(db: Kysely<DB>, caller: Caller) {
  return { items: (await listTemplates(db, caller.cityCode)).map((t) => summary(caller, t)) };
}

async function getTemplate(db: Kysely<DB>, caller: Caller, ref: string): Promise<TemplateRow> {
  const t = await findTemplate(db, caller.cityCode, ref);
  if (!t) throw missing(ref);
  return t;
}

export async function getReportTemplate(db: Kysely<DB>, caller: Caller, ref: string) {
  const t = await getTemplate(db, caller, ref);
  return { ...summary(caller, t), spec: t.spec };
}

/** The spec's structure, then what only the database knows: the city's tags and the code lists. */
async function checkSpec(db: Kysely<DB>, cityCode: string, raw: unknown): Promise<ReportSpec> {
  const spec = parseSpec(raw);
  const tags = await cityTags(db, cityCode);
  for (const ref of tagRefs(spec)) {
    const tag = tags.get(ref.code);
    if (!tag) throw invalidField(ref.field, `本市没有标签 ${ref.code} / no tag ${ref.code} in this city`);
    if (tag.appliesTo !== ref.appliesTo) throw invalidField(ref.field, `标签 ${ref.code} 用于 ${tag.appliesTo}，不能用于 ${ref.appliesTo} / tag applies to ${tag.appliesTo}, not ${ref.appliesTo}`);
  }
  const lists: [keyof Filter | string, string][] = [['ethnicity', 'ethnicity'], ['education', 'education'], ['politicalStatus', 'political_status'], ['industry', 'industry']];
  const checkFilter = (f: Filter | undefined, at: string) => {
    for (const [key, list] of lists) {
      ((f as Record<string, string[] | undefined> | undefined)?.[key] ?? []).forEach((code, i) => {
        // Industry codes finer than a section are checked by their section letter.
        if (!isCode(list, list === 'industry' ? code[0] : code)) throw invalidField(`${at}.${key}.${i}`, `${code} 不在代码表 ${list} 中 / not a code of ${list}`);
      });
    }
  };
  if (spec.kind === 'list') checkFilter(spec.filter, 'spec.filter');
  else spec.columns.forEach((c, i) => { if (c.measure.kind === 'count' || c.measure.kind === 'sum') checkFilter(c.measure.filter, `spec.columns.${i}.measure.filter`); });
  return spec;
}

export async function createReportTemplate(db: Kysely<DB>, caller: Caller, input: CreateTemplate, ip: string | null) {
  const spec = await checkSpec(db, caller.cityCode, input.spec);
  const id = await db.transaction().execute(async (trx) => {
    const clash = await trx.selectFrom('report_template').select('id').where('city_code', '=', caller.cityCode).where('code', '=', input.code).executeTakeFirst();
    if (clash) throw conflict(`code: 报表编码 ${input.code} 已被使用 / code already used`, { field: 'code' });
    const { id } = await trx.insertInto('report_template').values({
      city_code: caller.cityCode, code: input.code, name: input.name, department: input.department, description: input.description ?? null,
      spec: JSON.stringify(spec), owner_path: caller.scopePath, created_by: caller.id, updated_by: caller.id,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, caller, { action: 'report.template.create', targetType: 'report_template', targetId: id, ip, detail: { code: input.code, name: input.name } });
    return id;
  });
  return getReportTemplate(db, caller, String(id));
}

function checkEditable(caller: Caller, t: TemplateRow) {
  if (t.builtin) throw new AppError(403, 'forbidden', `内置报表 ${t.code} 只读，可复制后修改 / built-in template ${t.code} is read-only; copy it to change it`);
  if (!mayEdit(caller, t)) throw new AppError(403, 'forbidden', `报表 ${t.code} 由上级创建，您不能修改 / template ${t.code} belongs to a wider area than yours`);
}

export async function updateReportTemplate(db: Kysely<DB>, caller: Caller, ref: string, input: UpdateTemplate, ip: string | null) {
  const t = await getTemplate(db, caller, ref);
  checkEditable(caller, t);
  const spec = input.spec === undefined ? undefined : await checkSpec(db, caller.cityCode, input.spec);
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('report_template').set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.department !== undefined ? { department: input.department } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(spec ? { spec: JSON.stringify(spec) } : {}),
      updated_by: caller.id, updated_at: sql`now()`, version: sql`version + 1`,
    }).where('city_code', '=', t.city_code).where('id', '=', t.id).where('version', '=', input.version ?? t.version).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw conflict(`version: 报表 ${t.code} 已被他人修改，请刷新后重试 / changed by someone else since version ${input.version}`, { field: 'version' });
    await appendAudit(trx, caller, { action: 'report.template.update', targetType: 'report_template', targetId: t.id, ip, detail: { code: t.code, fields: Object.keys(input).filter((k) => k !== 'version') } });
  });
  return getReportTemplate(db, caller, String(t.id));
}

export async function deleteReportTemplate(db: Kysely<DB>, caller: Caller, ref: string, ip: string | null): Promise<void> {
  const t = await getTemplate(db, caller, ref);
  checkEditable(caller, t);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('report_template').where('city_code', '=', t.city_code).where('id', '=', t.id).execute();
    await appendAudit(trx, caller, { action: 'report.template.delete', targetType: 'report_template', targetId: t.id, ip, detail: { code: t.code, name: t.name } });
  });
}

function checkDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date || date < '1900-01-01' || date > '2199-12-31') {
    throw invalidField('date', `${date} 不是有效日期 / not a valid date`);
  }
  return date;
}

async function areaFor(db: Kysely<DB>, caller: Caller, code: string | undefined): Promise<Area> {
  const want = code ?? codeOfPath(caller.scopePath);
  const area = await findAreaInScope(db, caller, want);
  if (!area) throw notFound(`区划 ${want} 不存在或不在您的管辖范围内 / area ${want}`);
  return area;
}

const refOf = (t: TemplateRow): TemplateRef => ({ id: t.id, code: t.code, name: t.name, department: t.department, builtin: t.builtin, spec: t.spec as ReportSpec });

/** Runs a template for an area of the caller's scope: never outside it. */
export async function runReportTemplate(db: Kysely<DB>, caller: Caller, ref: string, q: RunQuery): Promise<ReportResult> {
  return (await run(db, caller, ref, q)).result;
}

async function run(db: Kysely<DB>, caller: Caller, ref: string, q: RunQuery) {
  const date = checkDate(q.date ?? todayInChina());
  const t = await getTemplate(db, caller, ref);
  const area = await areaFor(db, caller, q.area);
  return { area, result: await runReport(db, refOf(t), area, date, { level: q.level }) };
}

/** The run as an Excel workbook as an official prints it; every export is audited. */
export async function exportReportTemplate(db: Kysely<DB>, caller: Caller, ref: string, q: RunQuery, ip: string | null) {
  const { area, result } = await run(db, caller, ref, q);
  const unit = await fullAreaName(db, area.city_code, area.path);
  const buffer = await reportWorkbook(result, { unit, preparedBy: caller.displayName, printedOn: todayInChina() });
  await appendAudit(db, caller, {
    action: 'report.export', targetType: 'report_template', targetId: result.template.id, ip,
    detail: { code: result.template.code, area: result.area.code, date: result.date, rows: result.rows.length, kind: result.kind },
  });
  return { buffer, filename: `${result.title}_${result.date}.xlsx` };
}

export async function reportUsage(db: Kysely<DB>, caller: Caller) {
  const templates = await listTemplates(db, caller.cityCode);
  const tags = await cityTags(db, caller.cityCode);
  return usage(templates.map((t) => ({ code: t.code, spec: t.spec as ReportSpec })), new Map([...tags].map(([c, t]) => [c, t.name])));
}
