// The phone page's calls to the ticket API (工单): reads straight from the server (a task list
// must be current), writes through the outbox (offline/outbox.ts) with an Idempotency-Key.
import { http } from '../../api/http';
import { saveDraft, type DraftStep, type TicketDraft } from '../offline/outbox';

export interface TicketAssignee { kind: string; department: string | null; path: string | null; name: string | null }
export interface Ticket {
  id: number; number: string; channel: string; demandType: string; categoryName: string | null; title: string; description: string; urgent: boolean;
  location: { lon: number; lat: number } | null; address: string | null; gridCode: string | null; areaName: string | null;
  reporterName: string | null; reporterPhone: string | null; state: string; stateName: string; assignee: TicketAssignee | null;
  signDueAt: string | null; dueAt: string | null; overdue: boolean; supervision: string; rating: string | null; receivedAt: string; closedAt: string | null; version: number;
}
export interface TicketAction {
  seq: number; action: string; actionName: string; from: string | null; to: string; by: { id: number | null; name: string | null; role: string | null };
  note: string | null; data: unknown; at: string;
}
export interface TicketPhoto { id: number; filename: string; mime: string; size: number; createdAt: string }
export interface TicketDetail { ticket: Ticket; timeline: TicketAction[]; attachments: TicketPhoto[]; relations: string[] }
export interface TrackResult {
  number: string; title: string; state: string; stateName: string; receivedAt: string; dueAt: string | null; closedAt: string | null; rating: string | null;
  steps: { action: string; actionName: string; to: string; at: string; result: string | null }[];
}

export const DEMAND_TYPES = ['complaint', 'help', 'suggestion', 'consult', 'report', 'other'] as const;
export const RATINGS = ['satisfied', 'basic', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const ticketApi = {
  list: (query: Record<string, string | number | boolean | undefined>) => http.get<{ items: Ticket[]; total: number }>('/api/tickets', query),
  detail: (id: number) => http.get<TicketDetail>(`/api/tickets/${id}`),
  track: (number: string, phone: string) => http.get<TrackResult>(`/api/tickets/by-number/${encodeURIComponent(number)}`, { phone }, { noAuthRedirect: true }),
  photoUrl: (id: number) => `/api/tickets/attachments/${id}`,
};

type Photo = { blob: Blob; name: string };
// Plain copies: IndexedDB cannot store Vue's reactive proxies of the form.
const photoSteps = (ticket: string, key: string, photos: Photo[]): DraftStep[] =>
  photos.map((p, i) => ({ method: 'POST', url: `/api/tickets/${ticket}/attachments`, key: `${key}.p${i}`, photo: { blob: p.blob, name: p.name }, fieldPrefix: 'photos' }));

export interface ReportInput {
  demandType: string; description: string; location: { lon: number; lat: number } | null; address: string; reporterPhone: string; photos: Photo[];
}

/** 随手拍: the ticket and its photos as one draft; the photo steps wait for the ticket's id. */
export function fileReport(r: ReportInput): Promise<TicketDraft> {
  const body = {
    channel: 'app', demandType: r.demandType, description: r.description.trim(),
    ...(r.location ? { location: { lon: r.location.lon, lat: r.location.lat } } : {}), ...(r.address.trim() ? { address: r.address.trim() } : {}), ...(r.reporterPhone.trim() ? { reporterPhone: r.reporterPhone.trim() } : {}),
  };
  return saveDraft({
    kind: 'ticket-create', ticket: { ticketId: null, summary: r.description.trim().slice(0, 40) }, title: r.description.trim().slice(0, 20), buildingId: 0, unitId: null,
    steps: (key) => [{ method: 'POST', url: '/api/tickets', key, body, createsTicket: true }, ...photoSteps('{ticket}', key, r.photos)],
  }) as Promise<TicketDraft>;
}

/** One workflow action on a ticket (核查, 签收, 反馈, 评价); the photos first, so the action's row follows its evidence. */
export function actOn(t: Pick<Ticket, 'id' | 'number'>, body: Record<string, unknown> & { action: string }, summary: string, photos: Photo[] = []): Promise<TicketDraft> {
  return saveDraft({
    kind: 'ticket-action', ticket: { ticketId: t.id, summary: `${t.number} · ${summary}` }, title: t.number, buildingId: 0, unitId: null,
    steps: (key) => [...photoSteps(String(t.id), key, photos), { method: 'POST', url: `/api/tickets/${t.id}/actions`, key, body: JSON.parse(JSON.stringify(body)) }],
  }) as Promise<TicketDraft>;
}
