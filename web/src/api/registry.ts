// The registry 基层一表通 (/api/registry): people, households, buildings, organisations, rental houses,
// tags, change history, imports and exports. ID and phone numbers arrive masked.
import { ApiError, http } from './http';
import type { Page } from './types';

export type ResidenceType = 'registered' | 'floating' | 'overseas' | 'left_behind';
export const RESIDENCE_TYPES: ResidenceType[] = ['registered', 'floating', 'overseas', 'left_behind'];

/** The list kinds with a list route, an export route and a history route. */
export type RecordKind = 'people' | 'households' | 'buildings' | 'organisations' | 'rental-houses';

export interface TagRef { code: string; name: string; category: string }
export interface Attachment { id: number; filename: string; mime: string; size: number; sha256: string; createdAt: string }
interface Stamps { version: number; createdAt: string; updatedAt: string }

export interface Person extends Stamps {
  id: number; name: string; idNumber: string | null; sex: string; birthMonth: string; age: number;
  ethnicity: string | null; politicalStatus: string | null; education: string | null; phone: string | null;
  residenceType: ResidenceType; householdId: number | null; relation: string | null; gridCode: string;
  address: string | null; workplace: string | null; nationality: string; notes: string | null; tags: TagRef[];
}
export interface ResidenceChange { id: number; fromType: string | null; toType: string; on: string; reason: string | null; at: string }
export interface PersonDetail extends Person {
  household: { id: number; address: string; headName: string | null } | null;
  residenceChanges: ResidenceChange[];
  attachments: Attachment[];
}

export interface Household extends Stamps {
  id: number; gridCode: string; buildingId: number | null; unitId: number | null; room: string | null; address: string;
  kind: string; phone: string | null; headPersonId: number | null; headName: string | null; memberCount: number; notes: string | null; tags: TagRef[];
}
export interface HouseholdDetail extends Household {
  members: Person[];
  rentalHouses: { id: number; landlordName: string; tenants: number; purpose: string; status: string }[];
  attachments: Attachment[];
}

export interface Organisation extends Stamps {
  id: number; kind: string; name: string; creditCode: string | null; industry: string | null; legalRep: string | null; phone: string | null;
  address: string | null; gridCode: string; employees: number | null; registeredCapital: number | null; establishedOn: string | null;
  status: string; hasPartyOrg: boolean; notes: string | null; tags: TagRef[];
}
export interface OrganisationDetail extends Organisation { attachments: Attachment[] }

export interface RentalHouse extends Stamps {
  id: number; gridCode: string; householdId: number | null; buildingId: number | null; unitId: number | null; room: string | null; address: string;
  landlord: { personId: number | null; name: string; phone: string | null };
  tenants: number; areaM2: number | null; purpose: string; registeredOn: string | null; status: string; notes: string | null;
}
export interface RentalHouseDetail extends RentalHouse { attachments: Attachment[] }

export interface Building {
  id: number; gridCode: string; name: string; address: string | null; floors: number | null; kind: string; location: number[] | null;
  unitCount: number; householdCount: number; createdAt: string; updatedAt: string;
}
export interface HouseholdBrief { id: number; room: string | null; address: string; headName: string | null; memberCount: number }
export interface BuildingDetail extends Building {
  units: { id: number; name: string; floors: number | null; roomsPerFloor: number | null; households: HouseholdBrief[] }[];
  householdsWithoutUnit: HouseholdBrief[];
  attachments: Attachment[];
}

export interface HistoryItem {
  id: number;
  action: string;
  at: string;
  by: { id: number | null; name: string | null };
  /** field → [before, after]; ID and phone numbers masked. */
  changes: Record<string, [unknown, unknown]>;
}

export interface Tag {
  code: string; name: string; category: string; appliesTo: 'person' | 'household' | 'organisation'; description: string | null;
  active: boolean; builtin: boolean; used: number; updatedAt: string;
}
export type TagInput = Pick<Tag, 'code' | 'name' | 'category' | 'appliesTo'> & { description?: string | null };
export type TagPatch = Partial<Pick<Tag, 'name' | 'description' | 'active'>>;

export interface CodeItem { code: string; name: string }
export type Vocabularies = Record<string, CodeItem[]>;

export interface SearchResult {
  matchedBy: string;
  people: Person[];
  households: { id: number; gridCode: string; address: string; headName: string | null }[];
  organisations: { id: number; kind: string; name: string; creditCode: string | null; gridCode: string }[];
}

/** Filters of a list; the same names go to the list route and to its export route. */
export type ListQuery = Record<string, string | number | undefined>;

// Import jobs (导入): checked in the background, then run for all rows or only the valid ones.
export type ImportKind = 'people' | 'households' | 'organisations';
export const IMPORT_KINDS: ImportKind[] = ['people', 'households', 'organisations'];
export type ImportStatus = 'checking' | 'checked' | 'importing' | 'done' | 'failed' | 'cancelled';
export interface ImportError { row: number; column: string; field: string; value: string | null; message: string }
export interface ImportJob {
  id: number; kind: ImportKind; filename: string; status: ImportStatus;
  total: number; processed: number; validRows: number; invalidRows: number; imported: number; errorCount: number;
  errors: ImportError[]; message: string | null; validOnly: boolean | null; createdBy: { id: number; name: string }; createdAt: string; finishedAt: string | null;
}

const enc = encodeURIComponent;
const base = '/api/registry';

/** A URL with its query string, for downloads the browser makes itself (an anchor with the session cookie). */
export function urlWith(path: string, query: ListQuery = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export const registryApi = {
  list: <T>(kind: RecordKind, query: ListQuery) => http.get<Page<T>>(`${base}/${kind}`, query),
  get: <T>(kind: RecordKind, id: number) => http.get<T>(`${base}/${kind}/${id}`),
  history: (kind: RecordKind, id: number) => http.get<{ items: HistoryItem[] }>(`${base}/${kind}/${id}/history`).then((r) => r.items),
  exportUrl: (kind: RecordKind, format: 'xlsx' | 'csv', query: ListQuery) => urlWith(`${base}/${kind}/export`, { ...query, page: undefined, pageSize: undefined, format }),
  attachmentUrl: (id: number) => `${base}/attachments/${id}`,
  attach: (kind: RecordKind, id: number, file: File) => upload<Attachment>(`${base}/${kind}/${id}/attachments`, file),
  search: (q: string, limit = 20) => http.get<SearchResult>(`${base}/search`, { q, limit }),
  vocabularies: () => http.get<{ lists: Vocabularies }>(`${base}/vocabularies`).then((r) => r.lists),

  reveal: (personId: number, field: 'idNumber' | 'phone', reason: string) =>
    http.post<{ id: number; field: string; value: string | null }>(`${base}/people/${personId}/reveal`, { field, reason }),
  addPersonTag: (personId: number, code: string) => http.post<{ changed: boolean; tags: TagRef[] }>(`${base}/people/${personId}/tags`, { code }),
  removePersonTag: (personId: number, code: string) => http.delete<{ changed: boolean; tags: TagRef[] }>(`${base}/people/${personId}/tags/${enc(code)}`),

  tags: (query: { appliesTo?: string; active?: boolean } = {}) => http.get<{ items: Tag[] }>(`${base}/tags`, query).then((r) => r.items),
  createTag: (body: TagInput) => http.post<Tag>(`${base}/tags`, body),
  updateTag: (code: string, body: TagPatch) => http.patch<Tag>(`${base}/tags/${enc(code)}`, body),
  deleteTag: (code: string) => http.delete<{ ok: boolean }>(`${base}/tags/${enc(code)}`),

  importTemplateUrl: (kind: ImportKind, format: 'xlsx' | 'csv') => urlWith(`${base}/imports/template`, { kind, format }),
  uploadImport: (kind: ImportKind, file: File) => upload<ImportJob>(urlWith(`${base}/imports`, { kind }), file),
  importReportUrl: (id: number) => `${base}/imports/${id}/report.xlsx`,
  imports: () => http.get<{ items: ImportJob[] }>(`${base}/imports`).then((r) => r.items),
  importJob: (id: number) => http.get<ImportJob>(`${base}/imports/${id}`),
  runImport: (id: number, validOnly: boolean) => http.post<ImportJob>(`${base}/imports/${id}/run`, { validOnly }),
  cancelImport: (id: number) => http.post<ImportJob>(`${base}/imports/${id}/cancel`, {}),
};

/** Sends one file as multipart field "file"; errors come back as ApiError like every other call. */
async function upload<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Requested-With': 'shiyu' } });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器 / cannot reach the server');
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (data as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `${res.status} ${res.statusText}`, e?.details ?? null);
  }
  return data as T;
}
