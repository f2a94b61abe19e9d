import type { GridRef } from '../area-scope.ts';
import { attempt, type ProblemSink } from '../field-checks.ts';
import { CreateHousehold } from '../household-schema.ts';
import { checkNewHousehold } from '../household-service.ts';
import type { MemberInput } from '../people-schema.ts';
import type { NewPersonValues } from '../people-service.ts';
import { checkTagsAgainst } from '../tags-service.ts';
import { gridProblem, inputOf, markHousehold, columnNamed, valueOf } from './check.ts';
import { columnOfField, type ImportKind } from './columns.ts';
import type { Building, ImportContext } from './context.ts';
import type { ParsedRow, Problems } from './problems.ts';
import { schemaProblems } from './schema-problems.ts';

/** A new household from the rows sharing a 户号, valid as a whole. */
export interface HouseholdPlan {
  rows: ParsedRow[];
  grid: GridRef;
  buildingId: number | null;
  unitId: number | null;
  room: string | null;
  address: string;
  kind: 'family' | 'collective';
  phone: string | null;
  tags: string[];
  members: { row: number; values: NewPersonValues; tags: string[] }[];
  head: number;
}

interface HouseholdCells { gridCode?: string; address?: string; building?: string; unit?: string; room?: string; kind?: 'family' | 'collective'; phone?: string; tags?: string[] }

const byIdOrName = <T extends { id: number; name: string }>(list: readonly T[], text: string) =>
  list.find((x) => x.name === text) ?? (/^[0-9]+$/.test(text) ? list.find((x) => x.id === Number(text)) : undefined);

/** The building and unit named on the head's row, looked up in the household's grid. */
function placeOf(hh: HouseholdCells, grid: GridRef, buildings: Building[], sink: ProblemSink): { buildingId: number | null; unitId: number | null } {
  if (!hh.building) {
    if (hh.unit) sink('unit', '填写单元时须同时填写楼栋 / give the building of the unit');
    return { buildingId: null, unitId: null };
  }
  const b = byIdOrName(buildings, hh.building);
  if (!b) {
    sink('building', `网格 ${grid.code} 中没有楼栋“${hh.building}” / no building "${hh.building}" in grid ${grid.code}`);
    return { buildingId: null, unitId: null };
  }
  if (!hh.unit) return { buildingId: b.id, unitId: null };
  const u = byIdOrName(b.units, hh.unit);
  if (!u) sink('unit', `楼栋“${b.name}”中没有单元“${hh.unit}” / no unit "${hh.unit}" in building ${b.name}`);
  return { buildingId: b.id, unitId: u?.id ?? null };
}

/**
 * Rows grouped by 户号 become households through the API's household check (one head 02, members'
 * fields, no ID twice); a household with any bad row is refused whole, each good row saying why.
 */
export function checkHouseholdGroups(kind: ImportKind, rows: ParsedRow[], ctx: ImportContext, problems: Problems): HouseholdPlan[] {
  const groups = new Map<string, ParsedRow[]>();
  for (const r of rows) {
    const key = String(valueOf(r, kind, '户号'));
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const relationCol = columnNamed(kind, '与户主关系');
  const gridCol = columnNamed(kind, '网格编码');
  const plans: HouseholdPlan[] = [];
  for (const members of groups.values()) {
    const head = members.find((r) => valueOf(r, kind, '与户主关系') === '02') ?? members[0];
    const sink: ProblemSink = (field, message) => {
      const m = /^members\.(\d+)\.([^.]+)/.exec(field);
      if (m) problems.add(members[Number(m[1])], columnOfField(kind, m[2], 'record'), message);
      else if (field === 'members') problems.add(head, relationCol, message);
      else problems.add(head, columnOfField(kind, field.split('.')[0], 'household'), message);
    };
    const hh = inputOf(head, 'household') as HouseholdCells;
    const memberInputs = members.map((r) => {
      const { gridCode: _g, householdId, ...rest } = inputOf(r) as Record<string, unknown>;
      if (householdId !== undefined) problems.add(r, columnNamed(kind, '住户编号'), '已填户号（新建住户），不能再填住户编号 / give either 户号 (a new household) or 住户编号, not both');
      const g = (inputOf(r, 'household') as HouseholdCells).gridCode;
      if (r !== head && g && hh.gridCode && g !== hh.gridCode) problems.add(r, gridCol, `与户主行的网格编码 ${hh.gridCode} 不同，同户成员在同一网格 / differs from the head's grid ${hh.gridCode}`);
      return { ...rest, name: (rest.name as string) ?? '', idNumber: (rest.idNumber as string) ?? '' } as MemberInput;
    });
    const checked = checkNewHousehold({ address: hh.address ?? '', phone: hh.phone, members: memberInputs }, sink);
    let grid: GridRef | undefined;
    if (!hh.gridCode) sink('gridCode', '户主行须填写网格编码 / the head’s row needs the grid code');
    else if (!(grid = ctx.grids.get(hh.gridCode))) sink('gridCode', gridProblem(hh.gridCode));
    const place = grid ? placeOf(hh, grid, ctx.buildings.get(grid.code) ?? [], sink) : { buildingId: null, unitId: null };
    if (hh.tags?.length) attempt(sink, () => checkTagsAgainst(ctx.tags, hh.tags!, 'household', 'tags'), undefined);
    memberInputs.forEach((m, i) => { if (m.tags?.length) attempt(sink, () => checkTagsAgainst(ctx.tags, m.tags!, 'person', `members.${i}.tags`), undefined); });
    schemaProblems(CreateHousehold, { gridCode: hh.gridCode ?? '', address: hh.address ?? '', room: hh.room, phone: hh.phone, kind: hh.kind, members: memberInputs }, sink);

    if (members.some((r) => problems.has(r)) || !grid) {
      markHousehold(kind, members, problems);
      continue;
    }
    plans.push({
      rows: members, grid, ...place, room: hh.room ?? null, address: checked.address, kind: hh.kind ?? 'family', phone: checked.phone, tags: hh.tags ?? [],
      members: checked.members.map((values, i) => ({ row: members[i].number, values: { ...values, address: values.address ?? checked.address }, tags: memberInputs[i].tags ?? [] })),
      head: checked.head,
    });
  }
  return plans;
}
