import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, TicketActionTable, TicketTable } from '../../../db/types.ts';
import { AppError, conflict } from '../../../kernel/errors.ts';
import { ACTIONS, type ActionName } from '../workflow/actions.ts';
import type { Names, TicketRow } from './snapshot.ts';

/** The SQL of tickets: rows, action rows, names for display. Services hold the rules. */

export type Executor = Kysely<DB> | Transaction<DB>;

export const ticketNotFound = (id: number | string) =>
  new AppError(404, 'not_found', `工单 ${id} 不存在或不在您的管辖范围内 / ticket ${id} not found or outside your area`);

export async function loadTicket(db: Executor, cityCode: string, id: number, forUpdate = false): Promise<TicketRow | undefined> {
  let q = db.selectFrom('ticket').selectAll().where('city_code', '=', cityCode).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** An action row of a new ticket, before the ticket has its id. */
export type NewAction = Omit<Insertable<TicketActionTable>, 'ticket_id' | 'data'> & { data: Record<string, unknown> };

/**
 * A new ticket as the database will hold it: every column given, so an answer built from it is the row
 * written. The values not given are the table's defaults (test/api/ticket-row-defaults.test.ts holds them to it).
 */
export function newTicketRow(values: Omit<Insertable<TicketTable>, 'id' | 'number' | 'received_at'> & { received_at: Date }, id: number, number: string): TicketRow {
  return {
    category_code: null, suggested_category: null, suggestion_confidence: null, urgent: false, lon: null, lat: null, address: null, grid_code: null,
    reporter_name: null, reporter_phone: null, reporter_user_id: null, external_id: null, centre_level: 'street',
    assignee_kind: null, assignee_department: null, assignee_path: null, sign_due_at: null, due_at: null, extension_days: null, extension_reason: null,
    returned_from: null, supervision: 'none', rating: null, reopened: 0, merged_into: null, action_count: 0, closed_at: null, created_by: null,
    updated_at: values.received_at, version: 1, ...values, id, number,
  } as TicketRow;
}

/**
 * New tickets (rows from newTicketRow) with their first action rows (受理, and 立案 when filed
 * registered) as CTEs of one statement (kernel/write-batcher.ts): only the tickets whose ordinal is in
 * `go`, each with its actions. Ids come with the rows (taken from the sequence beforehand).
 */
export function insertTicketsCtes(tickets: { row: TicketRow; actions: NewAction[] }[]) {
  const columns = Object.keys(tickets[0].row);
  const actions = tickets.flatMap((t) => t.actions.map((a) => ({ ...a, ticket_id: t.row.id })));
  // The rows as one JSON parameter, typed by the table itself: building a many-row VALUES with Kysely
  // cost more CPU than the insert. The column names come from TicketRow's keys, never from input.
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  return sql`t AS (
      INSERT INTO ticket (${cols}) OVERRIDING SYSTEM VALUE
      SELECT ${cols} FROM jsonb_populate_recordset(NULL::ticket, ${JSON.stringify(tickets.map((t) => t.row))}::jsonb) WITH ORDINALITY AS r
        WHERE r.ordinality IN (SELECT ord FROM go)
      RETURNING id
    ), a AS (
      INSERT INTO ticket_action (city_code, ticket_id, seq, action, from_state, to_state, actor_id, actor_name, actor_role, note, data, at)
      SELECT a.city_code, a.ticket_id, a.seq, a.action, a.from_state, a.to_state, a.actor_id, a.actor_name, a.actor_role, a.note, a.data, a.at
        FROM jsonb_to_recordset(${JSON.stringify(actions)}::jsonb)
          AS a(ticket_id bigint, city_code text, seq int, action text, from_state text, to_state text, actor_id int, actor_name text, actor_role text, note text, data jsonb, at timestamptz)
        WHERE a.ticket_id IN (SELECT id FROM t)
    )`;
}

/** Optimistic write: the row must still be at the version read (it is, under FOR UPDATE; the check says so out loud). */
export async function updateTicket(trx: Transaction<DB>, row: TicketRow, set: Updateable<TicketTable>): Promise<TicketRow> {
  const out = await trx.updateTable('ticket').set({ ...set, version: row.version + 1, updated_at: new Date() })
    .where('city_code', '=', row.city_code).where('id', '=', row.id).where('version', '=', row.version)
    .returningAll().executeTakeFirst();
  if (!out) throw conflict('version: 工单已被他人修改，请刷新后重试 / the ticket was changed meanwhile; reload and retry', { field: 'version' });
  return out;
}

export type ActionRow = { seq: number; action: string; from_state: string | null; to_state: string; actor_id: number | null; actor_name: string | null; actor_role: string | null; note: string | null; data: unknown; at: Date };

export async function insertAction(trx: Transaction<DB>, values: Insertable<TicketActionTable>): Promise<ActionRow> {
  return trx.insertInto('ticket_action').values(values)
    .returning(['seq', 'action', 'from_state', 'to_state', 'actor_id', 'actor_name', 'actor_role', 'note', 'data', 'at']).executeTakeFirstOrThrow();
}

export async function actionsOf(db: Executor, cityCode: string, ticketId: number): Promise<ActionRow[]> {
  return db.selectFrom('ticket_action').select(['seq', 'action', 'from_state', 'to_state', 'actor_id', 'actor_name', 'actor_role', 'note', 'data', 'at'])
    .where('city_code', '=', cityCode).where('ticket_id', '=', ticketId).orderBy('seq').execute();
}

export const toActionOut = (a: ActionRow) => ({
  seq: a.seq, action: a.action, actionName: ACTIONS[a.action as ActionName]?.zh ?? (a.action === 'receive' ? '受理' : a.action),
  from: a.from_state, to: a.to_state, by: { id: a.actor_id, name: a.actor_name, role: a.actor_role }, note: a.note, data: a.data, at: a.at.toISOString(),
});

export async function attachmentsOf(db: Executor, cityCode: string, ticketId: number) {
  const rows = await db.selectFrom('ticket_attachment').select(['id', 'filename', 'mime', 'size', 'sha256', 'created_at'])
    .where('city_code', '=', cityCode).where('ticket_id', '=', ticketId).orderBy('id').execute();
  return rows.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size, sha256: a.sha256, createdAt: a.created_at.toISOString() }));
}

/** Category and area names for display, for a page of rows in two queries. */
export async function namesFor(db: Executor, rows: Pick<TicketRow, 'city_code' | 'category_code' | 'area_path' | 'assignee_path'>[]): Promise<Names[]> {
  if (!rows.length) return [];
  const city = rows[0].city_code;
  const cats = [...new Set(rows.map((r) => r.category_code).filter((c): c is string => !!c))];
  const paths = [...new Set(rows.flatMap((r) => [r.area_path, r.assignee_path]).filter((p): p is string => !!p))];
  const catNames = new Map((cats.length ? await db.selectFrom('ticket_category').select(['code', 'name']).where('city_code', '=', city).where('code', 'in', cats).execute() : []).map((c) => [c.code, c.name]));
  const areaNames = new Map((paths.length ? await db.selectFrom('area').select(['path', 'name']).where('city_code', '=', city)
    .where(sql<boolean>`path = ANY(${sql.val(paths)}::ltree[])`).execute() : []).map((a) => [a.path, a.name]));
  return rows.map((r) => ({
    category: r.category_code ? catNames.get(r.category_code) ?? null : null,
    area: areaNames.get(r.area_path) ?? null,
    assigneeArea: r.assignee_path ? areaNames.get(r.assignee_path) ?? null : null,
  }));
}

export async function areaByCode(db: Executor, cityCode: string, code: string) {
  return db.selectFrom('area').select(['code', 'path', 'level', 'name']).where('city_code', '=', cityCode).where('code', '=', code).executeTakeFirst();
}

export async function activeCategory(db: Executor, cityCode: string, code: string) {
  return db.selectFrom('ticket_category').select(['code', 'name', 'handle_workdays', 'urgent_hours'])
    .where('city_code', '=', cityCode).where('code', '=', code).where('active', '=', true).executeTakeFirst();
}

/** The first-level category of a name (the classifier predicts names like 城乡建设). */
export async function topCategoryByName(db: Executor, cityCode: string, name: string) {
  return db.selectFrom('ticket_category').select(['code', 'name']).where('city_code', '=', cityCode).where('level', '=', 1)
    .where('name', '=', name).where('active', '=', true).orderBy('sort').limit(1).executeTakeFirst();
}
