// 矛盾纠纷多元化解 the disputes module's API (src/modules/mediation, its README): organisations and
// mediators, cases from every door, the workflow's actions, the records the law asks for, the
// printable agreement, the figures (调解统计) and the early warnings (预警).
import { http, request } from './http';
import { urlWith } from './registry';

export interface MediationOrg {
  id: number; name: string; kind: string; kindName: string; field: string | null; fieldName: string | null;
  level: string; areaCode: string; areaPath: string; areaName: string | null;
  phone: string | null; address: string | null; active: boolean; mediators: number; openCases: number; version: number;
}
export interface OrgQuery { area?: string; kind?: string; level?: string; field?: string; active?: boolean; q?: string; page?: number; pageSize?: number }
export interface NewOrg { name: string; kind: string; field?: string; areaCode: string; phone?: string; address?: string }
export interface OrgChange { name?: string; field?: string | null; phone?: string | null; address?: string | null; active?: boolean; version?: number }

export interface Mediator {
  id: number; orgId: number; orgName: string; name: string; phone: string | null; kind: string; kindName: string;
  specialties: string[]; specialtyNames: string[]; userId: number | null; username: string | null; active: boolean; workload: number; version: number;
}
export interface MediatorQuery { orgId?: number; area?: string; specialty?: string; kind?: string; active?: boolean; q?: string; page?: number; pageSize?: number }
export interface NewMediator { orgId: number; name: string; phone?: string; kind: string; specialties?: string[]; userId?: number }
export interface MediatorChange { name?: string; phone?: string | null; kind?: string; specialties?: string[]; userId?: number | null; active?: boolean; version?: number }

export interface PartyIn { kind: 'person' | 'organisation'; role: string; name: string; idNumber?: string; creditCode?: string; phone?: string; address?: string; legalRep?: string }
export interface NewCase {
  source: string; referringBody?: string; referralNumber?: string; ticketId?: number; orgId: number; category: string; summary: string;
  amount?: number; peopleInvolved?: number; gridCode?: string; areaCode?: string; address?: string; parties: PartyIn[];
}

export interface MediationCase {
  id: number; number: string; cityCode: string; source: string; sourceName: string; referringBody: string | null; referralNumber: string | null;
  ticket: { id: number; number: string | null } | null;
  category: string; categoryName: string; summary: string; amount: number | null; peopleInvolved: number;
  location: { lon: number; lat: number } | null; address: string | null; gridCode: string | null; areaPath: string; areaName: string | null;
  org: { id: number; name: string; kind: string; level: string }; mediators: { id: number; name: string }[];
  state: string; stateName: string; dueAt: string | null; overdue: boolean; extensions: number; supervision: 'none' | 'yellow' | 'red';
  policeFlag: boolean; policeReason: string | null; referral: string | null; referralName: string | null;
  registeredAt: string; acceptedAt: string | null; concludedAt: string | null; version: number;
}
export interface CaseQuery {
  state?: string; source?: string; category?: string; orgId?: number; area?: string; mediatorId?: number; mine?: boolean;
  overdue?: boolean; supervision?: 'yellow' | 'red' | 'any'; police?: boolean; ticketId?: number; q?: string; page?: number; pageSize?: number;
}
export interface Party {
  id: number; kind: string; role: string; roleName: string; name: string;
  idNumber: string | null; creditCode: string | null; phone: string | null; address: string | null; legalRep: string | null;
}
export interface CaseAction {
  seq: number; action: string; actionName: string; from: string | null; to: string;
  by: { id: number | null; name: string | null; role: string | null }; note: string | null; data: unknown; at: string;
}
export interface CaseDetail {
  case: MediationCase;
  parties: Party[];
  mediators: { id: number; name: string; kind: string; orgName: string; chosenBy: string; lead: boolean; assignedAt: string; removedAt: string | null; removedReason: string | null }[];
  recusals: { mediatorId: number; mediatorName: string; requestedBy: string; partyId: number | null; reason: string; at: string }[];
  timeline: CaseAction[];
  sessions: { id: number; heldAt: string; place: string; attendees: string[]; minutes: string | null }[];
  agreement: { signedOn: string; judicialDueOn: string; readable: boolean } | null;
  judicial: { appliedOn: string; court: string; result: string | null; resultName: string | null; decidedOn: string | null } | null;
  followUps: { id: number; visitedOn: string; performance: string; performanceName: string; note: string }[];
  relations: string[];
  actions: string[];
}
export interface SessionIn { heldAt: string; place: string; attendees: string[]; minutes: string }
export interface AgreementIn {
  parties: number[]; facts: string; disputes: string; responsibilities: string;
  terms: { content: string; manner: string; deadline: string }[];
  signedOn: string; signedBy: { parties: number[]; mediators: number[] };
}
/** The body of one workflow action on the actions route: `{ action, ...what it carries }`. */
export type CaseActionBody = { action: string } & Record<string, unknown>;
/** 更正当事人: only the particulars to correct (null clears one). */
export interface PartyChanges { name?: string; idNumber?: string | null; creditCode?: string | null; phone?: string | null; address?: string | null; legalRep?: string | null }
/** 调解设置 of the city, with the version an edit sends back (0: the defaults, never edited). */
export interface MediationSettings { conclusionDays: number; courtDays: number; courtExtensionDays: number; redAfterWorkdays: number; version: number }

/** 调解统计 (GET /api/mediation/stats, src/modules/mediation/stats): each rate with its numerator and denominator. */
export const STATS_GROUPS = ['category', 'level', 'organisation', 'source', 'month', 'quarter'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];
export interface StatsRatio { num: number; den: number; rate: number | null }
export interface StatsRow {
  key: string; name: string; received: number; accepted: number; concluded: number; agreed: number; failed: number;
  rejected: number; refused: number; withdrawn: number; successRate: StatsRatio;
  judicialApplied: number; judicialConfirmed: number; judicialRejected: number; judicialRate: StatsRatio;
  daysCounted: number; daysTotal: number; avgDays: number | null; medianDays: number | null; overdue: number; policeFlagged: number;
}
export interface StatsOut {
  area: { code: string; name: string; fullName: string }; from: string; to: string; groupBy: string; generatedAt: string;
  rows: StatsRow[]; total: StatsRow;
}
export interface StatsQuery { area?: string; from?: string; to?: string; groupBy: StatsGroup }

/** 预警 (GET /api/mediation/warnings, src/modules/mediation/warnings). */
export interface Warning {
  id: number; rule: string; ruleName: string; level: string; levelName: string; caseId: number; caseNumber: string; caseState: string;
  areaName: string | null; gridCode: string | null; reason: string; raisedAt: string; policeFlagged: boolean; state: string;
  handledAt: string | null; handledBy: string | null; note: string | null; related: number[];
}
export interface WarningQuery { state?: 'open' | 'handled'; level?: string; rule?: string; police?: boolean; page?: number; pageSize?: number }

/** A fresh key per intended write, so a retried click does not file twice. */
export const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
const postWithKey = <T>(url: string, body: unknown, key = newKey()) => request<T>('POST', url, { body, idempotencyKey: key });
type Result = { case: MediationCase; action: CaseAction };
const q = (o: object) => o as Record<string, string | number | boolean | undefined>;

export const mediationApi = {
  orgs: (query: OrgQuery) => http.get<{ items: MediationOrg[]; total: number }>('/api/mediation/organisations', q(query)),
  createOrg: (body: NewOrg, key?: string) => postWithKey<MediationOrg>('/api/mediation/organisations', body, key),
  patchOrg: (id: number, body: OrgChange) => http.patch<MediationOrg>(`/api/mediation/organisations/${id}`, body),
  mediators: (query: MediatorQuery) => http.get<{ items: Mediator[]; total: number }>('/api/mediation/mediators', q(query)),
  createMediator: (body: NewMediator, key?: string) => postWithKey<Mediator>('/api/mediation/mediators', body, key),
  patchMediator: (id: number, body: MediatorChange) => http.patch<Mediator>(`/api/mediation/mediators/${id}`, body),

  cases: (query: CaseQuery) => http.get<{ items: MediationCase[]; total: number }>('/api/mediation/cases', q(query)),
  get: (id: number) => http.get<CaseDetail>(`/api/mediation/cases/${id}`),
  create: (body: NewCase, key?: string) => postWithKey<MediationCase>('/api/mediation/cases', body, key),
  act: (id: number, body: CaseActionBody, key?: string) => postWithKey<Result>(`/api/mediation/cases/${id}/actions`, body, key),
  addParty: (id: number, body: PartyIn, key?: string) => postWithKey<Result>(`/api/mediation/cases/${id}/parties`, body, key),
  reveal: (id: number, partyId: number, field: 'idNumber' | 'creditCode' | 'phone', reason: string, seq?: number) =>
    http.post<{ partyId: number; field: string; value: string | null }>(`/api/mediation/cases/${id}/parties/${partyId}/reveal`, { field, reason, ...(seq !== undefined && { seq }) }),
  correctParty: (id: number, partyId: number, changes: PartyChanges, reason: string, key?: string) =>
    postWithKey<Result>(`/api/mediation/cases/${id}/actions`, { action: 'correct_party', partyId, changes, reason }, key),
  settings: () => http.get<MediationSettings>('/api/mediation/settings'),
  saveSettings: (body: MediationSettings) => http.put<MediationSettings>('/api/mediation/settings', body),
  session: (id: number, body: SessionIn, key?: string) => postWithKey<Result>(`/api/mediation/cases/${id}/sessions`, body, key),
  agreement: (id: number, body: AgreementIn, key?: string) => postWithKey<Result>(`/api/mediation/cases/${id}/agreement`, body, key),
  judicialApply: (id: number, body: { appliedOn: string; court: string; note?: string }, key?: string) => postWithKey<Result>(`/api/mediation/cases/${id}/judicial-confirmation`, body, key),
  judicialResult: (id: number, body: { result: string; decidedOn: string; note?: string }, key?: string) => postWithKey<Result>(`/api/mediation/cases/${id}/judicial-confirmation/result`, body, key),
  followUp: (id: number, body: { visitedOn: string; performance: string; note: string }, key?: string) => postWithKey<Result>(`/api/mediation/cases/${id}/follow-ups`, body, key),
  /** The print-ready 调解协议书, opened by the browser itself (the session cookie goes along); clear ID numbers with a reason. */
  agreementHtmlUrl: (id: number, reveal?: { reason: string }) =>
    urlWith(`/api/mediation/cases/${id}/agreement.html`, reveal ? { reveal: 'true', reason: reveal.reason } : {}),

  stats: (query: StatsQuery) => http.get<StatsOut>('/api/mediation/stats', q(query)),
  statsXlsxUrl: (query: StatsQuery) => urlWith('/api/mediation/stats.xlsx', { ...query }),
  warnings: (query: WarningQuery) => http.get<{ items: Warning[]; total: number }>('/api/mediation/warnings', q(query)),
  handleWarning: (id: number, note: string, key?: string) => postWithKey<{ warning: Warning }>(`/api/mediation/warnings/${id}/handle`, { note }, key),
};

/** 排查 (src/modules/mediation/screening): campaigns over areas, one task per grid, the checklist, findings filed as cases. */
export type TaskStatus = 'pending' | 'in_progress' | 'done';
export interface ChecklistItem { key: string; name: string; category: string; categoryName: string }
export interface ScreeningProgress { grids: number; pending: number; inProgress: number; done: number; findings: number }
export interface Campaign {
  id: number; title: string; periodFrom: string; periodTo: string; areas: { code: string; name: string }[]; checklist: ChecklistItem[];
  createdBy: string; createdAt: string; progress: ScreeningProgress;
}
export interface NewCampaign { title: string; periodFrom: string; periodTo: string; areaCodes: string[]; checklist?: { name: string; category?: string }[] }
export interface GridProgress {
  taskId: number; gridCode: string; gridName: string; communityName: string | null; status: TaskStatus; statusName: string;
  /** 网格员: the grid's active grid-worker accounts, by name; updatedBy (填报人) is who filled the task last. */
  workers: string[];
  answered: number; found: number; findings: number; doneAt: string | null; updatedBy: string | null;
}
export interface CampaignDetail { campaign: Campaign; grids: GridProgress[]; gridTotal: number }
export interface ScreeningTask {
  id: number; campaignId: number; campaignTitle: string; periodFrom: string; periodTo: string; gridCode: string; gridName: string;
  status: TaskStatus; statusName: string; items: number; answered: number; found: number; findings: number; late: boolean; doneAt: string | null; version: number;
}
export interface TaskDetail {
  task: ScreeningTask;
  checklist: (ChecklistItem & { answer: { found: boolean; note: string | null } | null; findings: { id: number; caseId: number; caseNumber: string; at: string }[] })[];
}
export interface AnswersIn { answers: { item: string; found: boolean; note?: string }[]; done?: boolean; version?: number }
export interface FindingIn {
  item: string; summary: string; parties: PartyIn[]; orgId?: number; category?: string; peopleInvolved?: number; amount?: number; address?: string;
  location?: { lon: number; lat: number };
}
export interface CampaignQuery { period?: 'current' | 'upcoming' | 'ended'; page?: number; pageSize?: number }
export interface GridQuery { status?: TaskStatus; area?: string; page?: number; pageSize?: number }
const SC = '/api/mediation/screening';

export const screeningApi = {
  campaigns: (query: CampaignQuery) => http.get<{ items: Campaign[]; total: number }>(`${SC}/campaigns`, q(query)),
  campaign: (id: number, query: GridQuery) => http.get<CampaignDetail>(`${SC}/campaigns/${id}`, q(query)),
  createCampaign: (body: NewCampaign, key?: string) => postWithKey<Campaign>(`${SC}/campaigns`, body, key),
  /** 排查进度表, opened by the browser itself (the session cookie goes along); the page's filters apply. */
  progressXlsxUrl: (id: number, query: Pick<GridQuery, 'status' | 'area'>) => urlWith(`${SC}/campaigns/${id}.xlsx`, { ...query }),
  tasks: (query: { status?: TaskStatus; campaignId?: number; open?: boolean; page?: number; pageSize?: number }) => http.get<{ items: ScreeningTask[]; total: number }>(`${SC}/tasks`, q(query)),
  task: (id: number) => http.get<TaskDetail>(`${SC}/tasks/${id}`),
  /** The phone sends these through its outbox (the same URLs with an Idempotency-Key). */
  answersUrl: (id: number) => `${SC}/tasks/${id}/answers`,
  findingsUrl: (id: number) => `${SC}/tasks/${id}/findings`,
};
