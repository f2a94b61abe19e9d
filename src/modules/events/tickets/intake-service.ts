import type { Insertable, Kysely } from 'kysely';
import type { DB, TicketTable } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { invalidField } from '../../../kernel/errors.ts';
import { checkPhone } from '../../../kernel/validators/index.ts';
import type { GridLocator } from '../../org/grid-locator.ts';
import type { CreateTicket, TicketOut } from './schema.ts';
import { dayOf } from '../../../kernel/calendar/index.ts';
import { WriteBatcher } from '../../../kernel/write-batcher.ts';
import { numbersExhausted, takeTicketNumbers, ticketNumbers } from './numbering.ts';
import { resolvePlace } from './place.ts';
import { toTicketOut, type Names, type TicketRow } from './snapshot.ts';
import { activeCategory, insertTicketsCtes, newTicketRow, type NewAction } from './store.ts';
import { APPLY_CONFIDENCE, type CategorySuggester } from './suggestion.ts';
import { plainText, titleFrom } from './text.ts';

export interface IntakeDeps { grids: GridLocator; suggester: CategorySuggester }
/** The intake route's body, or an integration's (Open311) mapped onto it; receiveData: what that channel adds to the 受理 row. */
export type IntakeBody = Omit<CreateTicket, 'channel'> & { channel: CreateTicket['channel'] | 'open311' };

/**
 * 立案 at once, without the centre's triage: a grid worker's (or community staff's) own patrol
 * report — they stand on the spot, which is what 立案 would check — and a leader's referral (交办).
 */
export function registeredAtIntake(caller: Caller, channel: IntakeBody['channel']): boolean {
  return (channel === 'patrol' && (caller.role === 'grid_worker' || caller.role === 'community_staff')) || (channel === 'leader' && caller.role !== 'resident');
}

function normalisedPhone(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const p = checkPhone(raw);
  if (!p.ok) throw invalidField('reporterPhone', p.reason);
  return p.phone;
}

/** An intake checked, ready to be numbered and written: the ticket's values, its first action rows and its display names. */
export interface PreparedIntake {
  values: Omit<Insertable<TicketTable>, 'id' | 'number' | 'received_at'> & { received_at: Date };
  /** The row with its id and number, given just before the write (answerIntakes); kept if the write is retried. */
  row?: TicketRow;
  day: string;
  actions: NewAction[];
  names: Names;
}

/**
 * 受理, first half, outside any transaction: every check, the place (落格), the category (given or
 * suggested) — reads of settled data, so the intake's transaction holds nothing while they run.
 * A refusal comes before any number is taken, so bad input leaves no gap.
 */
export async function prepareIntake(db: Kysely<DB>, deps: IntakeDeps, caller: Caller, body: IntakeBody, receiveData: Record<string, unknown> = {}): Promise<PreparedIntake> {
  const resident = caller.role === 'resident';
  if (resident && body.channel !== 'app') throw invalidField('channel', '居民通过随手拍（app）反映问题 / residents file through the app channel');
  if (resident && body.reporterName !== undefined) throw invalidField('reporterName', '居民只能以本人名义反映 / residents file in their own name');
  const description = plainText(body.description, 'description');
  const title = body.title !== undefined ? plainText(body.title, 'title') : titleFrom(description);
  const address = body.address !== undefined ? plainText(body.address, 'address') : null;
  let phone = normalisedPhone(body.reporterPhone);
  let name = body.reporterName !== undefined ? plainText(body.reporterName, 'reporterName') : null;
  if (resident) {
    name = caller.displayName;
    phone ??= (await db.selectFrom('app_user').select('phone').where('id', '=', caller.id).executeTakeFirst())?.phone ?? null;
  }
  const place = await resolvePlace(db, deps.grids, caller, body);
  const given = body.categoryCode ? await activeCategory(db, caller.cityCode, body.categoryCode) : undefined;
  if (body.categoryCode && !given) {
    throw invalidField('categoryCode', `事项分类 ${body.categoryCode} 不存在或已停用 / category ${body.categoryCode} is unknown or inactive`);
  }
  const suggestion = await deps.suggester.suggest(db, caller.cityCode, `${title} ${description}`);
  const category = body.categoryCode ?? (suggestion && suggestion.confidence >= APPLY_CONFIDENCE ? suggestion.code : null);

  const now = new Date();
  const registered = registeredAtIntake(caller, body.channel);
  const values: PreparedIntake['values'] = {
    city_code: caller.cityCode, channel: body.channel, demand_type: body.demandType,
    category_code: category, suggested_category: suggestion?.code ?? null, suggestion_confidence: suggestion?.confidence ?? null,
    title, description, urgent: body.urgent ?? false, lon: place.lon, lat: place.lat, address, grid_code: place.gridCode, area_path: place.areaPath,
    reporter_name: name, reporter_phone: phone, reporter_user_id: resident ? caller.id : null,
    state: registered ? 'registered' : 'received', action_count: registered ? 2 : 1, received_at: now, created_by: caller.id,
  };
  const actor = { city_code: caller.cityCode, actor_id: caller.id, actor_name: caller.displayName, actor_role: caller.role, at: now };
  const actions: PreparedIntake['actions'] = [{ ...actor, seq: 1, action: 'receive', from_state: null, to_state: 'received',
    data: { channel: body.channel, ...receiveData, ...(suggestion ? { suggestion: { category: suggestion.code, label: suggestion.label, confidence: suggestion.confidence, applied: category === suggestion.code && !body.categoryCode } } : {}) } }];
  if (registered) {
    actions.push({ ...actor, seq: 2, action: 'register', from_state: 'received', to_state: 'registered',
      note: body.channel === 'patrol' ? '网格巡查上报，受理即立案' : '领导交办，受理即立案', data: { auto: true } });
  }
  // A suggestion's label is its first-level category's name (topCategoryByName).
  const names: Names = { category: given?.name ?? (category ? suggestion?.label : null) ?? null, area: place.areaName, assigneeArea: null };
  return { values, actions, names, day: dayOf(now) };
}

/** What an intake takes before its write: its day's number and its id (numbering.ts). */
const numberedAt = (items: PreparedIntake[]) => items.map((p) => ({ city: p.values.city_code, day: p.day }));

/** The rows as they will be written, with the ids and numbers taken, and the answers built from them. */
export function answerIntakes(items: PreparedIntake[], taken: unknown[]): TicketOut[] {
  const t = taken as ({ last: number | null; id: number } | undefined)[];
  const numbers = ticketNumbers(numberedAt(items), t.map((x) => x?.last ?? null));
  if (numbers.includes(null) || t.includes(undefined)) throw numbersExhausted();
  items.forEach((p, i) => { p.row = newTicketRow(p.values, t[i]!.id, numbers[i]!); });
  return items.map((p) => toTicketOut(p.row!, p.names));
}

/** The intake route's writer: intakes that queue under load are numbered and written together (kernel/write-batcher.ts). */
const batchers = new WeakMap<Kysely<DB>, WriteBatcher<PreparedIntake, TicketOut>>();
export function intakeBatcher(db: Kysely<DB>): WriteBatcher<PreparedIntake, TicketOut> {
  let b = batchers.get(db);
  if (!b) batchers.set(db, b = new WriteBatcher(db, { take: (items) => takeTicketNumbers(numberedAt(items)), answer: answerIntakes, ctes: (items) => insertTicketsCtes(items.map((p) => ({ row: p.row!, actions: p.actions }))) }));
  return b;
}

/** 受理 in one go, without an Idempotency-Key (Open311): prepared, then written with whatever else is queued. */
export async function intakeTicket(db: Kysely<DB>, deps: IntakeDeps, caller: Caller, body: IntakeBody, receiveData: Record<string, unknown> = {}): Promise<TicketOut> {
  const outcome = await intakeBatcher(db).submit(await prepareIntake(db, deps, caller, body, receiveData));
  if (!('written' in outcome)) throw new Error('an intake without a key was not written');
  return outcome.written;
}
