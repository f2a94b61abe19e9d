import { http } from './http';
import type { CurrentUser } from './types';

export const authApi = {
  login: (username: string, password: string) =>
    http.post<{ user: CurrentUser }>('/api/auth/login', { username, password }, { noAuthRedirect: true }),
  logout: () => http.post<unknown>('/api/auth/logout', {}, { noAuthRedirect: true }),
  logoutAll: () => http.post<unknown>('/api/auth/logout-all', {}, { noAuthRedirect: true }),
  me: () => http.get<{ user: CurrentUser }>('/api/auth/me', undefined, { noAuthRedirect: true }),
};
