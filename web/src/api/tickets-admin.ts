// The event loop's configuration, figures and duplicate suggestions (src/modules/events/admin, kpi,
// duplicates): 事项分类, 派单规则 with the route preview, 办理时限, 统计分析, 疑似重复.
import { http } from './http';
import { urlWith } from './registry';
import type { Assignee, Ticket } from './tickets';

/** 事项分类 node as the admin page sees it: limits, on/off and open tickets in my area. */
export interface CategoryAdminNode {
  code: string; parentCode: string | null; name: string; level: number;
  source: string; builtin: boolean; active: boolean;
  handleWorkdays: number | null; urgentHours: number | null;
  openTickets: number; openTicketsTotal: number; children: CategoryAdminNode[];
}
export type CategoryOut = Omit<CategoryAdminNode, 'openTickets' | 'openTicketsTotal' | 'children'>;
export interface NewCategory { parentCode?: string | null; name: string; handleWorkdays?: number | null; urgentHours?: number | null }
export interface CategoryChange { name?: string; active?: boolean; handleWorkdays?: number | null; urgentHours?: number | null }

export interface RuleAssignee extends Assignee { area: string | null }
export interface RoutingRule {
  id: number; category: string; categoryName: string | null; area: string; areaName: string | null;
  assignee: RuleAssignee; active: boolean; note: string | null; createdAt: string;
}
/** Exactly one of department (归口) and assigneeArea (属地). */
export interface NewRule { category: string; area: string; department?: string; assigneeArea?: string; note?: string }
export interface RoutePreview { assignee: RuleAssignee; rule: RoutingRule | null; territorial: boolean }

/** The calendar's demand types are keyed in Chinese (kernel/calendar/deadline-policy.ts). */
export const POLICY_DEMANDS = ['咨询', '投诉', '求助', '建议', '举报', '其他'] as const;
export type PolicyDemand = (typeof POLICY_DEMANDS)[number];
export interface DeadlinePolicy {
  signWorkdays: number;
  handleWorkdays: Record<PolicyDemand, number>;
  urgent: { signHours: number; handleHours: number; mode: 'natural' | 'working' };
  workingHours: { from: string; to: string }[];
  redAfterWorkdays: number;
}
export interface PolicyOut { policy: DeadlinePolicy; isDefault: boolean; updatedAt: string | null }
export interface PolicyPreview {
  receivedAt: string; redAfterWorkdays: number;
  items: { demandType: string; demandName: string; handleWorkdays: number; signDueAt: string; handleDueAt: string; redFrom: string }[];
  urgent: { signDueAt: string; handleDueAt: string; signHours: number; handleHours: number; mode: string };
  uncoveredYears: number[];
}

export const KPI_GROUPS = ['area', 'department', 'category', 'month', 'quarter'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];
export const KPI_RATES = ['closed', 'onTime', 'visited', 'satisfied', 'returned', 'repeat'] as const;
export type KpiRate = (typeof KPI_RATES)[number];
export interface KpiQuery { groupBy?: KpiGroup; level?: string; from?: string; to?: string; area?: string }
export interface Ratio { numerator: number; denominator: number; rate: number | null }
export interface KpiRow {
  key: string; name: string; received: number; dispatched: number; returned: number; closed: number; onTime: number;
  rated: number; satisfied: number; basic: number; dissatisfied: number; repeat: number; rates: Record<KpiRate, Ratio>;
}
export interface KpiOut {
  groupBy: KpiGroup; level: string | null; area: { code: string; name: string; fullName: string };
  from: string; to: string; generatedAt: string; rows: KpiRow[]; total: KpiRow;
}

export interface DuplicateCandidate { ticket: Ticket; distanceM: number | null; sameGrid: boolean; hoursApart: number; textSimilarity: number; score: number }

const enc = encodeURIComponent;

export const ticketsAdminApi = {
  categories: () => http.get<{ items: CategoryAdminNode[] }>('/api/tickets/categories').then((r) => r.items),
  createCategory: (body: NewCategory) => http.post<CategoryOut>('/api/tickets/categories', body),
  patchCategory: (code: string, body: CategoryChange) => http.patch<CategoryOut>(`/api/tickets/categories/${enc(code)}`, body),

  rules: (q: { category?: string; active?: boolean } = {}) => http.get<{ items: RoutingRule[] }>('/api/tickets/routing-rules', q).then((r) => r.items),
  createRule: (body: NewRule) => http.post<RoutingRule>('/api/tickets/routing-rules', body),
  patchRule: (id: number, body: { active?: boolean; note?: string | null }) => http.patch<RoutingRule>(`/api/tickets/routing-rules/${id}`, body),
  deleteRule: (id: number) => http.delete<{ deleted: number }>(`/api/tickets/routing-rules/${id}`),
  routePreview: (area: string, category?: string | null) => http.get<RoutePreview>('/api/tickets/route-preview', { area, category: category ?? undefined }),

  policy: () => http.get<PolicyOut>('/api/tickets/deadline-policy'),
  savePolicy: (policy: DeadlinePolicy) => http.put<PolicyOut>('/api/tickets/deadline-policy', policy),
  /** The server counts the working days (holidays, make-up Saturdays): the browser never does. */
  previewPolicy: (policy: DeadlinePolicy) => http.post<PolicyPreview>('/api/tickets/deadline-policy/preview', policy),

  kpis: (q: KpiQuery) => http.get<KpiOut>('/api/tickets/kpis', { ...q }),
  /** The same query as a download the browser makes itself (the session cookie goes along). */
  kpisXlsxUrl: (q: KpiQuery) => urlWith('/api/tickets/kpis.xlsx', { ...q }),

  duplicates: (id: number) => http.get<{ items: DuplicateCandidate[] }>(`/api/tickets/${id}/duplicates`).then((r) => r.items),
};
