// 职能部门名录: the city's department register (src/modules/events/departments).
import { http } from './http';

export type DepartmentKind = 'government' | 'utility' | 'other';
export const DEPARTMENT_KINDS: DepartmentKind[] = ['government', 'utility', 'other'];

export interface Department {
  id: number;
  name: string;
  shortName: string | null;
  kind: DepartmentKind;
  phone: string | null;
  active: boolean;
  sort: number;
  /** Tickets assigned to it and not yet closed. */
  openTickets: number;
  /** Active routing rules (派单规则) naming it. */
  activeRules: number;
  /** Active department-handler accounts of it. */
  handlers: number;
  updatedAt: string;
}

export interface DepartmentBody {
  name?: string;
  shortName?: string | null;
  kind?: DepartmentKind;
  phone?: string | null;
  sort?: number;
  active?: boolean;
}

export const departmentsApi = {
  list: (active?: boolean) => http.get<{ items: Department[] }>('/api/departments', { active }),
  create: (body: DepartmentBody & { name: string }) => http.post<Department>('/api/departments', body),
  update: (id: number, body: DepartmentBody) => http.patch<Department>(`/api/departments/${id}`, body),
};
