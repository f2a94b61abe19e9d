// The resident's calls for 申请调解: reads straight from the server, the application and its 撤回 through
// the outbox (offline/outbox.ts) with an Idempotency-Key, so a weak network never files either twice.
import { http } from '../../api/http';
import { saveDraft, type MediationDraft } from '../offline/outbox';

export interface ApplicationSummary {
  id: number; number: string; state: string; plainState: 'waiting' | 'accepted' | 'mediating' | 'agreed' | 'failed' | 'rejected' | 'ended';
  stateName: string; category: string; categoryName: string; summary: string; orgName: string; registeredAt: string;
}
export interface ApplicationDetail extends ApplicationSummary {
  address: string | null; areaName: string | null;
  org: { id: number; name: string; phone: string | null; address: string | null };
  mediators: string[];
  parties: { role: string; roleName: string; kind: string; name: string; me: boolean }[];
  dueAt: string | null;
  steps: { key: string; title: string; at: string | null; done: boolean }[];
  sessions: { heldAt: string; place: string }[];
  rejection: { reason: string; reasonName: string; note: string | null; at: string } | null;
  referral: { referral: string; referralName: string; note: string | null; at: string } | null;
  agreement: { signedOn: string; judicialDueOn: string; terms: { content: string; manner: string; deadline: string }[]; documentUrl: string } | null;
  judicial: { appliedOn: string; court: string; resultName: string | null; decidedOn: string | null } | null;
  followUps: { visitedOn: string; performanceName: string }[];
}
export interface Committee { id: number; name: string; level: string; phone: string | null; address: string | null; nearest: boolean }

export const mediationApi = {
  list: () => http.get<{ items: ApplicationSummary[]; total: number }>('/api/mediation/applications', { pageSize: 100 }),
  detail: (id: number) => http.get<ApplicationDetail>(`/api/mediation/applications/${id}`),
  committees: (p: { lon: number; lat: number } | null) => http.get<{ items: Committee[] }>('/api/mediation/applications/committees', p ?? {}),
};

export interface ApplicationInput {
  category: string; summary: string; otherParties: { name: string; phone: string; kind: 'person' | 'organisation' }[];
  address: string; location: { lon: number; lat: number } | null; peopleInvolved: number | null; preferredOrgId: number | null;
}

/** 申请人撤回 as one draft, sent like the application (one Idempotency-Key: a resend is answered, not withdrawn twice). */
export function withdrawApplication(a: Pick<ApplicationSummary, 'id' | 'number'>, reason: string, summary: string): Promise<MediationDraft> {
  return saveDraft({
    kind: 'mediation-withdraw', mediation: { summary, caseId: a.id }, title: summary.slice(0, 20), buildingId: 0, unitId: null,
    steps: (key) => [{ method: 'POST', url: `/api/mediation/applications/${a.id}/withdraw`, key, body: { reason: reason.trim() } }],
  }) as Promise<MediationDraft>;
}

/** 申请调解 as one draft: plain copies (IndexedDB cannot store Vue's reactive proxies). */
export function fileApplication(a: ApplicationInput, replaces?: string): Promise<MediationDraft> {
  const body = {
    category: a.category, summary: a.summary.trim(), address: a.address.trim(),
    otherParties: a.otherParties.map((p) => ({ name: p.name.trim(), kind: p.kind, ...(p.phone.trim() ? { phone: p.phone.trim() } : {}) })),
    ...(a.location ? { location: { lon: a.location.lon, lat: a.location.lat } } : {}),
    ...(a.peopleInvolved ? { peopleInvolved: a.peopleInvolved } : {}),
    ...(a.preferredOrgId ? { preferredOrgId: a.preferredOrgId } : {}),
  };
  const summary = a.summary.trim().slice(0, 40);
  return saveDraft({
    ...(replaces ? { id: replaces } : {}), kind: 'mediation-application', mediation: { summary }, title: summary.slice(0, 20), buildingId: 0, unitId: null,
    steps: (key) => [{ method: 'POST', url: '/api/mediation/applications', key, body, createsCase: true }],
  }) as Promise<MediationDraft>;
}
