// 工单 the event loop's API (src/modules/events/tickets): intake, lists, detail with timeline, actions, photos.
import { http, request } from './http';

export type TicketState = 'received' | 'registered' | 'dispatched' | 'accepted' | 'returned' | 'handled' | 'verified' | 'closed' | 'cancelled' | 'merged';
export type Channel = 'hotline' | 'police_transfer' | 'app' | 'patrol' | 'wechat' | 'leader' | 'open311';
export type DemandType = 'consult' | 'complaint' | 'help' | 'suggestion' | 'report' | 'other';
export type Relation = 'centre' | 'handler' | 'verifier' | 'reporter' | 'system';

export const INTAKE_CHANNELS: Channel[] = ['hotline', 'police_transfer', 'app', 'patrol', 'wechat', 'leader'];
export const DEMAND_TYPES: DemandType[] = ['consult', 'complaint', 'help', 'suggestion', 'report', 'other'];
export const STATES: TicketState[] = ['received', 'registered', 'dispatched', 'accepted', 'returned', 'handled', 'verified', 'closed', 'cancelled', 'merged'];

export interface Assignee { kind: string; department: string | null; path: string | null; name: string | null }

export interface Ticket {
  id: number; number: string; cityCode: string; channel: Channel; demandType: DemandType;
  categoryCode: string | null; categoryName: string | null; suggestedCategory: string | null; suggestionConfidence: number | null;
  title: string; description: string; urgent: boolean;
  location: { lon: number; lat: number } | null; address: string | null;
  gridCode: string | null; areaPath: string; areaName: string | null;
  reporterName: string | null; reporterPhone: string | null;
  state: TicketState; stateName: string; centreLevel: string; assignee: Assignee | null;
  signDueAt: string | null; dueAt: string | null; overdue: boolean;
  extension: { days: number; reason: string } | null; returnedFrom: string | null;
  supervision: 'none' | 'yellow' | 'red'; rating: string | null; reopened: number; mergedInto: number | null;
  receivedAt: string; closedAt: string | null; version: number;
}

export interface TicketAction {
  seq: number; action: string; actionName: string; from: string | null; to: string;
  by: { id: number | null; name: string | null; role: string | null };
  note: string | null; data: Record<string, unknown> | null; at: string;
}

export interface TicketPhoto { id: number; filename: string; mime: string; size: number; sha256: string; createdAt: string }

export interface TicketDetail { ticket: Ticket; timeline: TicketAction[]; attachments: TicketPhoto[]; relations: Relation[] }

export interface NewTicket {
  channel: Channel; demandType: DemandType; title?: string; description: string; urgent?: boolean;
  location?: { lon: number; lat: number }; gridCode?: string; areaCode?: string; address?: string;
  reporterName?: string; reporterPhone?: string; categoryCode?: string;
}

/** 事项分类 node (GET /api/tickets/categories, the city's tree). */
export interface CategoryNode { code: string; parentCode: string | null; name: string; level: number; active: boolean; children: CategoryNode[] }

export interface TicketQuery {
  state?: string; channel?: string; demandType?: string; category?: string; area?: string; department?: string;
  overdue?: boolean; supervision?: 'yellow' | 'red' | 'any'; q?: string; reporterPhone?: string; mine?: boolean;
  page?: number; pageSize?: number;
}

/** The body of one workflow action: `{ action, ...its fields }` (see ACTION_BODIES on the server). */
export type ActionBody = { action: string } & Record<string, unknown>;

/** A fresh key per intended create, so a retried click does not file twice. */
const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** A POST with an Idempotency-Key (JSON or a file). */
const postWithKey = <T>(url: string, body: unknown, key: string): Promise<T> =>
  request<T>('POST', url, body instanceof FormData ? { form: body, idempotencyKey: key } : { body, idempotencyKey: key });

function photoForm(file: File): FormData {
  const f = new FormData();
  f.append('file', file, file.name);
  return f;
}

export const ticketsApi = {
  list: (q: TicketQuery) => http.get<{ items: Ticket[]; total: number }>('/api/tickets', q as Record<string, string | number | boolean | undefined>),
  get: (id: number) => http.get<TicketDetail>(`/api/tickets/${id}`),
  create: (body: NewTicket, key = newKey()) => postWithKey<Ticket>('/api/tickets', body, key),
  act: (id: number, body: ActionBody, key = newKey()) => postWithKey<{ ticket: Ticket; action: TicketAction }>(`/api/tickets/${id}/actions`, body, key),
  addPhoto: (id: number, file: File, key = newKey()) => postWithKey<TicketPhoto>(`/api/tickets/${id}/attachments`, photoForm(file), key),
  categories: () => http.get<{ items: CategoryNode[] }>('/api/tickets/categories').then((r) => r.items),
  photoUrl: (photoId: number) => `/api/tickets/attachments/${photoId}`,
};
