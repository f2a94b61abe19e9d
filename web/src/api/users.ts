import { http } from './http';
import type { Page, Role, User } from './types';

export interface UserCreate {
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string;
  password: string;
  department?: string;
  phone?: string;
}

export type UserPatch = Partial<Pick<UserCreate, 'displayName' | 'role' | 'scopeCode' | 'password'>> & {
  department?: string | null;
  phone?: string | null;
  active?: boolean;
};

export const usersApi = {
  list: (q: string, page: number, pageSize: number) => http.get<Page<User>>('/api/users', { q, page, pageSize }),
  create: (body: UserCreate) => http.post<{ user: User } | User>('/api/users', body),
  update: (id: number, body: UserPatch) => http.patch<{ user: User } | User>(`/api/users/${id}`, body),
  unlock: (id: number) => http.post<unknown>(`/api/users/${id}/unlock`, {}),
};
