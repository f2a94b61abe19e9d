import type { Caller } from '../../../kernel/auth/caller.ts';
import { normaliseCode } from '../../../kernel/validators/index.ts';
import type { Executor, GridRef } from '../area-scope.ts';
import { attempt, type ProblemSink } from '../field-checks.ts';
import type { HouseholdRow } from '../household-store.ts';
import { checkNewOrganisation } from '../organisation-service.ts';
import { CreateOrganisation } from '../organisation-schema.ts';
import { CreatePerson } from '../people-schema.ts';
import { checkNewPerson, HEAD_OF_HOUSEHOLD, type NewPersonValues } from '../people-service.ts';
import { checkTagsAgainst } from '../tags-service.ts';
import { parseCell, textOf } from './cells.ts';
import { columnByHeader, COLUMNS, columnOfField, normaliseHeader, type Column, type ImportKind } from './columns.ts';
import { loadContext, type ImportContext } from './context.ts';
import { checkHouseholdGroups, type HouseholdPlan } from './check-households.ts';
import { Problems, type ParsedRow, type RowError } from './problems.ts';
import { MAX_IMPORT_ROWS, type Sheet } from './read-file.ts';
import { schemaProblems } from './schema-problems.ts';

/**
 * Checks every row of an import file with the API's own checks (people-service, household-service,
 * organisation-service, field-checks, tags-service), collecting every bad field instead of stopping
 * at the first, plus what only a file has: wrong columns, the same ID number twice, rows of one
 * household. Nothing is written; the result is the report and the plan of what to insert.
 */

export interface PersonPlan { row: number; values: NewPersonValues; grid: GridRef; tags: string[]; household: HouseholdRow | null }
export interface OrganisationPlan { row: number; values: ReturnType<typeof checkNewOrganisation>; grid: GridRef; tags: string[] }
export interface ImportPlan { people: PersonPlan[]; households: HouseholdPlan[]; organisations: OrganisationPlan[] }
export interface CheckResult { total: number; validRows: number; invalidRows: number; errors: RowError[]; plan: ImportPlan }

export type Progress = (checked: number) => Promise<void>;
const PROGRESS_EVERY = 5000;

/** The header row read against the kind's columns: each problem is a file-level line naming the column. */
function readHeader(kind: ImportKind, header: string[], problems: Problems): (Column | undefined)[] | null {
  const known = columnByHeader(kind);
  const seen = new Set<Column>();
  const cols = header.map((h) => {
    if (!h) return undefined;
    const col = known.get(normaliseHeader(h));
    if (!col) {
      problems.file(h, `无法识别的列“${h}”，请使用模板中的列名 / unknown column "${h}": use the template's headers`);
      return undefined;
    }
    if (seen.has(col)) {
      problems.file(h, `列“${h}”重复 / column "${h}" appears twice`);
      return undefined;
    }
    seen.add(col);
    return col;
  });
  const missing = COLUMNS[kind].filter((c) => c.required && !seen.has(c));
  for (const c of missing) problems.file(c.header, `缺少必填列“${c.header}” / required column "${c.header}" is missing`, c.field ?? c.householdField ?? c.header);
  return missing.length ? null : cols;
}

/** Rows starting with 示例 are the template's example and are skipped. */
const isExample = (cells: unknown[]) => { const first = cells.find((c) => c !== null && String(c).trim() !== ''); return typeof first === 'string' && first.trim().startsWith('示例'); };

export async function checkSheet(db: Executor, caller: Caller, kind: ImportKind, sheet: Sheet, progress: Progress = async () => {}): Promise<CheckResult> {
  const problems = new Problems(kind);
  const empty: CheckResult = { total: 0, validRows: 0, invalidRows: 0, errors: [], plan: { people: [], households: [], organisations: [] } };
  if (!sheet.header.length) {
    problems.file('file', '文件中没有数据 / the file has no rows');
    return { ...empty, errors: problems.list() };
  }
  const cols = readHeader(kind, sheet.header, problems);
  const dataRows = sheet.rows.filter((r) => !isExample(r.cells));
  const total = dataRows.length;
  if (total > MAX_IMPORT_ROWS) problems.file('file', `文件有 ${total} 行，一次最多导入 ${MAX_IMPORT_ROWS} 行 / at most ${MAX_IMPORT_ROWS} rows per file`);
  if (!cols || total > MAX_IMPORT_ROWS || total === 0) {
    if (total === 0 && cols) problems.file('file', '文件中没有数据行 / the file has no data rows');
    return { ...empty, total, invalidRows: total, errors: problems.list() };
  }

  const rows: ParsedRow[] = dataRows.map((r) => {
    const cells = new Map<Column, (typeof r.cells)[number]>();
    cols.forEach((c, i) => { if (c) cells.set(c, r.cells[i] ?? null); });
    return { number: r.number, cells, values: new Map() };
  });
  const ctx = await loadContext(db, caller, gatherNeeds(kind, rows));

  // Cells into values; a cell that cannot be read is the row's problem for that column.
  for (const row of rows) {
    for (const [col, cell] of row.cells) {
      const p = parseCell(col, cell, ctx.tagCode);
      if (!p.ok) problems.add(row, col, p.message);
      else if (p.value !== undefined) row.values.set(col, p.value);
      else if (col.required) problems.add(row, col, `${col.header}为必填项 / ${col.header} is required`);
    }
  }

  const plan: ImportPlan = { people: [], households: [], organisations: [] };
  let groupRows: ParsedRow[] = [];
  for (const [i, row] of rows.entries()) {
    if (i % PROGRESS_EVERY === 0 && i) await progress(i);
    if (kind === 'organisations') checkOrganisation(row, ctx, problems, plan);
    else if (kind === 'households' || valueOf(row, kind, '户号') !== undefined) groupRows.push(row);
    else checkPerson(kind, row, ctx, problems, plan);
  }
  if (groupRows.length) plan.households = checkHouseholdGroups(kind, groupRows, ctx, problems);
  groupRows = [];

  refuseDuplicates(kind, rows, ctx, problems);
  // A household whose member became bad (a duplicate found across the file) is dropped whole.
  for (const h of plan.households) if (h.rows.some((r) => problems.has(r))) markHousehold(kind, h.rows, problems);
  const byNumber = new Map(rows.map((r) => [r.number, r]));
  plan.households = plan.households.filter((h) => !h.rows.some((r) => problems.has(r)));
  plan.people = plan.people.filter((p) => !problems.has(byNumber.get(p.row)!));
  plan.organisations = plan.organisations.filter((o) => !problems.has(byNumber.get(o.row)!));
  await progress(total);
  const invalidRows = problems.badRows;
  return { total, validRows: total - invalidRows, invalidRows, errors: problems.list(), plan };
}

export function markHousehold(kind: ImportKind, rows: ParsedRow[], problems: Problems): void {
  const bad = rows.filter((r) => problems.has(r)).map((r) => r.number);
  const key = columnByHeader(kind).get('户号')!;
  for (const r of rows) {
    if (!problems.has(r)) problems.add(r, key, `同户其他成员有误（第 ${bad.join('、')} 行），整户不导入 / another member of this household has errors (row ${bad.join(', ')}): the household is not imported`);
  }
}

export function columnNamed(kind: ImportKind, header: string): Column | undefined {
  return COLUMNS[kind].find((c) => c.header === header);
}
export function valueOf<T = unknown>(row: ParsedRow, kind: ImportKind, header: string): T | undefined {
  const c = columnNamed(kind, header);
  return c ? (row.values.get(c) as T | undefined) : undefined;
}

function gatherNeeds(kind: ImportKind, rows: ParsedRow[]) {
  const grids = new Set<string>(), ids = new Set<string>(), codes = new Set<string>(), households = new Set<number>();
  for (const r of rows) {
    for (const [c, cell] of r.cells) {
      const text = textOf(cell);
      if (!text) continue;
      if (c.header === '网格编码') grids.add(text);
      else if (c.field === 'idNumber') ids.add(normaliseCode(text));
      else if (c.field === 'creditCode') codes.add(normaliseCode(text));
      else if (c.field === 'householdId' && /^[0-9]{1,15}$/.test(text)) households.add(Number(text));
    }
  }
  return { grids: [...grids], idNumbers: [...ids], creditCodes: [...codes], householdIds: [...households], buildingGrids: kind === 'households' ? [...grids] : [] };
}

/** The API input of a row: every column's value under its API field (household-level columns left out). */
export function inputOf(row: ParsedRow, level: 'record' | 'household' = 'record'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [c, v] of row.values) {
    const f = level === 'record' ? c.field : c.householdField;
    if (f) out[f] = v;
  }
  return out;
}

/** A sink that files the API's field names under this row's columns. */
export function rowSink(kind: ImportKind, row: ParsedRow, problems: Problems, level: 'record' | 'household' = 'record'): ProblemSink {
  return (field, message) => problems.add(row, columnOfField(kind, field.split('.')[0], level), message);
}

export function gridProblem(code: string): string {
  return `网格 ${code} 不存在或不在您的管辖范围内 / grid ${code} does not exist or is outside your area`;
}

function checkTags(sink: ProblemSink, ctx: ImportContext, tags: string[] | undefined, appliesTo: 'person' | 'household' | 'organisation', field = 'tags') {
  if (tags?.length) attempt(sink, () => checkTagsAgainst(ctx.tags, tags, appliesTo, field), undefined);
}

/** A person on their own, or joining a registered household (住户编号). */
function checkPerson(kind: ImportKind, row: ParsedRow, ctx: ImportContext, problems: Problems, plan: ImportPlan): void {
  const sink = rowSink(kind, row, problems);
  const input = inputOf(row) as Record<string, unknown> & { name?: string; idNumber?: string; gridCode?: string; householdId?: number; relation?: string; tags?: string[] };
  const values = checkNewPerson({ ...input, name: input.name ?? '', idNumber: input.idNumber ?? '' } as CreatePerson, '', sink);
  checkTags(sink, ctx, input.tags, 'person');
  let grid: GridRef | undefined;
  let household: HouseholdRow | null = null;
  if (input.householdId !== undefined) {
    household = ctx.households.get(input.householdId) ?? null;
    if (!household) sink('householdId', `住户 ${input.householdId} 不存在或不在您的管辖范围内 / household ${input.householdId} does not exist or is outside your area`);
    else {
      if (input.gridCode && input.gridCode !== household.grid_code) sink('gridCode', `住户 ${household.id} 在网格 ${household.grid_code}，户内人员随户所在网格 / a member lives in the household’s grid ${household.grid_code}`);
      if (!values.relation) sink('relation', '户内人员需填写与户主关系 / relation to the head of household is required with householdId');
      // One head per household: the registered one, or the first row of the file that claims it.
      if (values.relation === HEAD_OF_HOUSEHOLD) {
        const head = household.head_person_id ?? ctx.headClaims.get(household.id);
        if (head !== undefined && head !== null) sink('relation', `住户 ${household.id} 已有户主（${ctx.headClaims.has(household.id) ? `本文件第 ${head} 行` : `人员 ${head}`}），一户只能有一位户主 / household ${household.id} already has a head`);
        else ctx.headClaims.set(household.id, row.number);
      }
      grid = { code: household.grid_code, path: household.grid_path, name: '' };
      values.address ??= household.address;
    }
  } else if (!input.gridCode) {
    sink('gridCode', '请填写网格编码，或所属住户 / gridCode (or 户号 / 住户编号) is required');
  } else {
    if (values.relation) sink('relation', '与户主关系只在填写户号或住户编号时有效 / relation needs a household');
    grid = ctx.grids.get(input.gridCode);
    if (!grid) sink('gridCode', gridProblem(input.gridCode));
  }
  // Fields the API's schema limits (lengths, patterns) that the checks above do not cover.
  schemaProblems(CreatePerson, { ...input, name: input.name ?? '', idNumber: input.idNumber ?? '' }, sink);
  if (!problems.has(row) && grid) plan.people.push({ row: row.number, values, grid, tags: input.tags ?? [], household });
}

function checkOrganisation(row: ParsedRow, ctx: ImportContext, problems: Problems, plan: ImportPlan): void {
  const sink = rowSink('organisations', row, problems);
  const input = inputOf(row) as Record<string, unknown> & { name?: string; kind?: CreateOrganisation['kind']; gridCode?: string; tags?: string[] };
  const full = { ...input, name: input.name ?? '', kind: input.kind ?? 'enterprise' } as CreateOrganisation;
  const values = checkNewOrganisation(full, sink);
  checkTags(sink, ctx, input.tags, 'organisation');
  const grid = input.gridCode ? ctx.grids.get(input.gridCode) : undefined;
  if (input.gridCode && !grid) sink('gridCode', gridProblem(input.gridCode));
  schemaProblems(CreateOrganisation, { ...full, gridCode: input.gridCode ?? '' }, sink);
  if (!problems.has(row) && grid) plan.organisations.push({ row: row.number, values, grid, tags: input.tags ?? [] });
}

/** The same ID number (credit code) twice in the file names both rows; one already registered names the record. */
function refuseDuplicates(kind: ImportKind, rows: ParsedRow[], ctx: ImportContext, problems: Problems): void {
  const field = kind === 'organisations' ? 'creditCode' : 'idNumber';
  const col = columnOfField(kind, field, 'record')!;
  const byValue = new Map<string, ParsedRow[]>();
  for (const row of rows) {
    const text = textOf(row.cells.get(col) ?? null);
    if (!text || problems.has(row, col)) continue;
    const v = normaliseCode(text);
    byValue.set(v, [...(byValue.get(v) ?? []), row]);
  }
  const what = kind === 'organisations' ? ['统一社会信用代码', 'credit code'] : ['身份证号码', 'ID number'];
  for (const [v, same] of byValue) {
    if (same.length > 1) {
      for (const r of same) {
        const others = same.filter((o) => o !== r).map((o) => o.number);
        problems.add(r, col, `与第 ${others.join('、')} 行的${what[0]}重复 / same ${what[1]} as row ${others.join(', ')}`);
      }
      continue;
    }
    const existing = kind === 'organisations' ? ctx.organisations.get(v) : ctx.people.get(v);
    if (existing) {
      const kindName = kind === 'organisations' ? ['组织', 'organisation'] : ['人员', 'person'];
      problems.add(same[0], col, `该${what[0]}已登记（${kindName[0]} ${existing.id}）${existing.inScope ? '' : '，该记录不在您的管辖范围内，请联系其所在网格'} / this ${what[1]} is already registered (${kindName[1]} ${existing.id})`);
    }
  }
}
