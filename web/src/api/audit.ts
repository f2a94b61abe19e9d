import { http } from './http';
import type { AuditRecord, Page, VerifyResult } from './types';

export const auditApi = {
  list: (page: number, pageSize: number) => http.get<Page<AuditRecord>>('/api/audit', { page, pageSize }),
  verify: () => http.post<VerifyResult>('/api/audit/verify', {}),
};
