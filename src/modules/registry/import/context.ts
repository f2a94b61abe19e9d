import { sql } from 'kysely';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { gridsForWrite, visibleTo, type Executor, type GridRef } from '../area-scope.ts';
import { selectHouseholds, type HouseholdRow } from '../household-store.ts';
import { cityTags, type CityTags } from '../tags-service.ts';

/**
 * What the row checks need from the database, read once for the whole file (a query per row
 * would take minutes for 100k rows): grids, tags, registered ID numbers and credit codes,
 * households joined by id, buildings and units of the grids named.
 */
export interface ImportContext {
  grids: Map<string, GridRef>;
  tags: CityTags;
  /** A tag code for a code or a tag name as typed. */
  tagCode(text: string): string;
  people: Map<string, { id: number; inScope: boolean }>;
  organisations: Map<string, { id: number; inScope: boolean; name: string }>;
  households: Map<number, HouseholdRow>;
  buildings: Map<string, Building[]>;
  /** Registered households a row of the file makes the head of (row number by household id). */
  headClaims: Map<number, number>;
}
export interface Building { id: number; name: string; units: { id: number; name: string }[] }

export async function loadContext(db: Executor, caller: Caller, need: { grids: string[]; idNumbers: string[]; creditCodes: string[]; householdIds: number[]; buildingGrids: string[] }): Promise<ImportContext> {
  const city = caller.cityCode;
  const grids = await gridsForWrite(db, caller, need.grids);
  const tags = await cityTags(db, city);
  const byName = new Map([...tags.values()].map((t) => [t.name, t.code]));
  const tagCode = (text: string) => (tags.has(text.toUpperCase()) ? text.toUpperCase() : byName.get(text) ?? text);

  const people = new Map<string, { id: number; inScope: boolean }>();
  if (need.idNumbers.length) {
    const rows = await sql<{ id: number; id_number: string; in_scope: boolean }>`SELECT id, id_number, grid_path <@ ${caller.scopePath}::ltree AS in_scope
      FROM person WHERE city_code = ${city} AND deleted_at IS NULL AND id_number = ANY(${need.idNumbers}::text[])`.execute(db);
    for (const r of rows.rows) people.set(r.id_number, { id: r.id, inScope: r.in_scope });
  }
  const organisations = new Map<string, { id: number; inScope: boolean; name: string }>();
  if (need.creditCodes.length) {
    const rows = await sql<{ id: number; credit_code: string; name: string; in_scope: boolean }>`SELECT id, credit_code, name, grid_path <@ ${caller.scopePath}::ltree AS in_scope
      FROM organisation WHERE city_code = ${city} AND deleted_at IS NULL AND credit_code = ANY(${need.creditCodes}::text[])`.execute(db);
    for (const r of rows.rows) organisations.set(r.credit_code, { id: r.id, inScope: r.in_scope, name: r.name });
  }
  const households = new Map<number, HouseholdRow>();
  if (need.householdIds.length) {
    for (const h of await selectHouseholds(db, caller).where('h.id', 'in', need.householdIds).execute()) households.set(h.id, h);
  }
  const buildings = new Map<string, Building[]>();
  const inGrids = need.buildingGrids.filter((g) => grids.has(g));
  if (inGrids.length) {
    const bs = await db.selectFrom('building as b').select(['b.id', 'b.name', 'b.grid_code']).where(visibleTo(caller, 'b', false)).where('b.grid_code', 'in', inGrids).execute();
    const units = bs.length ? await db.selectFrom('unit').select(['id', 'name', 'building_id']).where('city_code', '=', city).where('building_id', 'in', bs.map((b) => b.id)).execute() : [];
    for (const b of bs) {
      const list = buildings.get(b.grid_code) ?? [];
      list.push({ id: b.id, name: b.name, units: units.filter((u) => u.building_id === b.id) });
      buildings.set(b.grid_code, list);
    }
  }
  return { grids, tags, tagCode, people, organisations, households, buildings, headClaims: new Map() };
}
