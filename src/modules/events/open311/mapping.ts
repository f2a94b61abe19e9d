import { maskIdNumber, maskPhone } from '../../../kernel/privacy.ts';
import { DEMAND_TYPES, STATES, type DemandType } from '../workflow/states.ts';
import type { TicketRow } from '../tickets/snapshot.ts';

/** Tickets (工单) and categories (事项分类) ⇄ GeoReport v2 services and service requests. */

/** W3C datetime in Beijing time (China keeps +08:00 all year): 2026-11-24T09:30:00+08:00. */
export function w3(d: Date | null): string | null {
  if (!d) return null;
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export interface CategoryRow { code: string; parent_code: string | null; name: string; level: number }

/** A service is a level-1 or level-2 category; a ticket filed under a level-3 one belongs to its level-2 service. */
export const serviceCodeOf = (categoryCode: string | null) => (categoryCode ? categoryCode.split('.').slice(0, 2).join('.') : null);

/** The services of a city: its active level-1 and level-2 categories (a level-2 one only under an active parent). */
export function servicesOf(categories: CategoryRow[]) {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const children = new Map<string, string[]>();
  for (const c of categories) if (c.parent_code) children.set(c.parent_code, [...(children.get(c.parent_code) ?? []), c.name]);
  return categories.filter((c) => c.level === 1 || (c.level === 2 && c.parent_code && byCode.has(c.parent_code))).map((c) => {
    const group = c.level === 1 ? c.name : byCode.get(c.parent_code!)!.name;
    return {
      service_code: c.code,
      service_name: c.name,
      description: c.level === 1 ? `${c.name}（大类）/ ${c.name} (general)` : `${group} / ${c.name}`,
      metadata: true,
      type: 'realtime',
      keywords: children.get(c.code)?.join(', ') ?? null,
      group,
    };
  });
}

/** 诉求类型 and 紧急: what the intake needs beyond the text; both optional, so plain clients can file. */
export const DEFAULT_DEMAND: DemandType = 'help';
export function serviceDefinition(serviceCode: string) {
  return {
    service_code: serviceCode,
    attributes: [
      {
        variable: true, code: 'demand_type', datatype: 'singlevaluelist', required: false,
        datatype_description: `不填时为“${DEMAND_TYPES[DEFAULT_DEMAND]}” / ${DEFAULT_DEMAND} when absent`, order: 1,
        description: '诉求类型：决定办理时限 / type of demand; it sets the deadline',
        values: (Object.entries(DEMAND_TYPES) as [DemandType, string][]).map(([key, name]) => ({ key, name })),
      },
      {
        variable: true, code: 'urgent', datatype: 'singlevaluelist', required: false,
        datatype_description: '不填时为“否” / false when absent', order: 2,
        description: '是否紧急（危及安全，需按小时处置）/ urgent: a danger to be handled within hours',
        values: [{ key: 'false', name: '否' }, { key: 'true', name: '是' }],
      },
    ],
  };
}

// Mobile and landline numbers and ID numbers a reporter may have typed into the text (digits on neither side).
const ID_NUMBER = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;
const PHONE = /(?<![0-9])(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})(?![0-9])/g;
/** Public text: personal numbers masked (the reporter's own phone may sit in the description). */
export function publicText(text: string | null): string | null {
  if (text === null) return null;
  return text.replace(ID_NUMBER, (m) => maskIdNumber(m)!).replace(PHONE, (m) => maskPhone(m)!);
}

const CANCEL_REASONS: Record<string, string> = { invalid: '无效诉求 / invalid', duplicate: '重复诉求 / duplicate request', out_of_scope: '不属于受理范围 / out of scope', other: '其他 / other' };
const FINISHED = ['closed', 'cancelled', 'merged'];

/** What a ticket's public GeoReport view needs besides its row: its receive data, last answer, cancel reason, merge target. */
export interface RequestExtras { mediaUrl: string | null; answer: string | null; cancelReason: string | null; mergedIntoNumber: string | null; agency: string | null; serviceName: string | null }

/** 已结案/已注销/已合并 are closed; everything before is open. Notes: the state, with the unit's answer or why it ended. */
export function statusNotes(row: TicketRow, x: RequestExtras): string {
  const state = `${STATES[row.state].zh} / ${STATES[row.state].en}`;
  if (row.state === 'cancelled') return `${state}：${x.cancelReason ? CANCEL_REASONS[x.cancelReason] ?? x.cancelReason : ''}`.replace(/：$/, '');
  if (row.state === 'merged') return x.mergedIntoNumber ? `${state}：并入 / merged into ${x.mergedIntoNumber}` : state;
  if (x.answer && ['handled', 'verified', 'closed'].includes(row.state)) return `${state}：${x.answer}`;
  return state;
}

/** A ticket as a public GeoReport service request: no reporter name, phone, e-mail or staff notes. */
export function toRequest(row: TicketRow, x: RequestExtras) {
  const closed = FINISHED.includes(row.state);
  return {
    service_request_id: row.number,
    status: closed ? 'closed' : 'open',
    status_notes: publicText(statusNotes(row, x)),
    service_name: x.serviceName,
    service_code: serviceCodeOf(row.category_code),
    description: publicText(row.description),
    agency_responsible: x.agency,
    service_notice: null,
    requested_datetime: w3(row.received_at),
    updated_datetime: w3(row.state === 'closed' && row.closed_at ? row.closed_at : row.updated_at),
    expected_datetime: closed ? null : w3(row.due_at),
    address: publicText(row.address),
    address_id: row.grid_code,
    zipcode: null,
    lat: row.lat,
    long: row.lon,
    media_url: x.mediaUrl,
  };
}
export type Open311Request = ReturnType<typeof toRequest>;
