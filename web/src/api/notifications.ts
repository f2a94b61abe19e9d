// 站内通知: notices for me, my department or my own area (src/modules/events/tickets/notifications.ts).
import { http } from './http';

/** A ticket's notice names the ticket; a dispute case's (kind mediation.*) names the case. */
export interface Notice { id: number; kind: string; message: string; ticketId: number | null; ticketNumber: string | null; caseId: number | null; caseNumber: string | null; createdAt: string; readAt: string | null }
export interface NoticePage { items: Notice[]; total: number; unread: number }

export const notificationsApi = {
  list: (q: { unread?: boolean; page?: number; pageSize?: number } = {}) => http.get<NoticePage>('/api/notifications', q),
  read: (id: number) => http.post<{ id: number; readAt: string }>(`/api/notifications/${id}/read`),
  readAll: () => http.post<{ read: number }>('/api/notifications/read-all'),
};
