// 消息通知 on the phone: the same notices as the console's bell (src/modules/events/tickets/notifications.ts).
// The unread count is shared by the 我的 tab's dot and the 消息通知 cell, asked at most every 30 s.
import { ref } from 'vue';
import { http } from '../../api/http';

export interface Notice { id: number; kind: string; message: string; ticketId: number | null; ticketNumber: string | null; caseId: number | null; caseNumber: string | null; createdAt: string; readAt: string | null }

export const noticeApi = {
  list: (pageSize = 50) => http.get<{ items: Notice[]; total: number; unread: number }>('/api/notifications', { pageSize }),
  read: (id: number) => http.post<{ id: number; readAt: string }>(`/api/notifications/${id}/read`),
  readAll: () => http.post<{ read: number }>('/api/notifications/read-all'),
};

export const unreadNotices = ref(0);
let askedAt = 0;

/** Refreshes the unread count unless it was asked within 30 s (force: now); offline it keeps the last count. */
export async function refreshUnread(force = false): Promise<void> {
  if (!force && Date.now() - askedAt < 30_000) return;
  askedAt = Date.now();
  try {
    unreadNotices.value = (await noticeApi.list(1)).unread;
  } catch {
    /* offline or signed out: the count stays as it was */
  }
}
