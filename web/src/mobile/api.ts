// The phone page's calls to the registry API. Reads go through a cache in IndexedDB, so the
// grid's buildings, units and code lists are there when the network is not; writes with an
// Idempotency-Key (or a photo) go through `send`, a thin wrapper over http.ts's request.
import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { ApiError, http, request } from '../api/http';
import type { CurrentUser } from '../api/types';
import { idbClear, idbGet, idbPut } from './offline/idb';

export interface TagRef { code: string; name: string; category: string }
export interface Building {
  id: number; gridCode: string; name: string; address: string | null; floors: number | null; kind: string;
  location: [number, number] | null; unitCount: number; householdCount: number;
}
export interface HouseholdBrief { id: number; room: string | null; address: string; headName: string | null; memberCount: number }
export interface Unit { id: number; name: string; floors: number | null; roomsPerFloor: number | null; households: HouseholdBrief[] }
export interface BuildingDetail extends Building { units: Unit[]; householdsWithoutUnit: HouseholdBrief[] }
export interface Household {
  id: number; gridCode: string; buildingId: number | null; unitId: number | null; room: string | null; address: string; kind: string;
  phone: string | null; headPersonId: number | null; headName: string | null; memberCount: number; notes: string | null; tags: TagRef[]; version: number;
}
export interface Person {
  id: number; name: string; idNumber: string | null; sex: string; birthMonth: string; age: number; phone: string | null;
  residenceType: string; householdId: number | null; relation: string | null; tags: TagRef[]; version: number;
}
export interface Attachment { id: number; filename: string; mime: string; size: number; createdAt: string }
export interface HouseholdDetail extends Household { members: Person[]; attachments: Attachment[] }
export interface HistoryItem { id: number; action: string; at: string; by: { id: number | null; name: string | null }; changes: Record<string, [unknown, unknown]> }
export interface CodeItem { code: string; name: string }
export interface Tag { code: string; name: string; category: string; appliesTo: string; active: boolean }
export interface AreaName { code: string; name: string }
/** Where a point of the user's city lies: the grid a report there goes to, and the areas above it. */
export interface Located { grid: AreaName; community: AreaName | null; street: AreaName | null; district: AreaName | null; city: AreaName }
/** The city's public district or street borders (code and name), simplified for the phone. */
export type OutlineCollection = FeatureCollection<Polygon | MultiPolygon, AreaName>;

/** A read answered by the server (cachedAt null) or, when the network is gone, by the last copy kept. */
export interface Cached<T> { data: T; cachedAt: string | null }

let cacheOwner = 'anonymous';
/** Cached reads are kept per user, so a shared phone does not show one worker's grid to another. */
export function setCacheOwner(userId: number | null): void {
  cacheOwner = userId === null ? 'anonymous' : String(userId);
}

type Query = Record<string, string | number | boolean | undefined>;

async function cachedGet<T>(url: string, query?: Query): Promise<Cached<T>> {
  const qs = new URLSearchParams(Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString();
  const key = `${cacheOwner} ${url}${qs ? `?${qs}` : ''}`;
  try {
    const data = await http.get<T>(url, query);
    void idbPut('cache', { key, data, at: new Date().toISOString() }).catch(() => undefined);
    return { data, cachedAt: null };
  } catch (err) {
    // Only a lost network falls back to the copy; a refusal (404, 403) is the server's answer.
    if (!(err instanceof ApiError) || err.status !== 0) throw err;
    const hit = await idbGet<{ data: T; at: string }>('cache', key).catch(() => undefined);
    if (!hit) throw err;
    return { data: hit.data, cachedAt: hit.at };
  }
}

export const clearReadCache = () => idbClear('cache');

export interface SendOptions {
  /** JSON body, or a photo sent as multipart field "file". */
  json?: unknown;
  photo?: { blob: Blob; name: string };
  idempotencyKey?: string;
}

/** One write with an Idempotency-Key and a JSON body or a photo (multipart field "file"). */
export function send<T>(method: string, url: string, opts: SendOptions = {}): Promise<T> {
  let form: FormData | undefined;
  if (opts.photo) {
    form = new FormData();
    form.append('file', opts.photo.blob, opts.photo.name);
  }
  return request<T>(method, url, { body: opts.json, form, idempotencyKey: opts.idempotencyKey, noAuthRedirect: true });
}

const R = '/api/registry';

export const mobileApi = {
  login: (username: string, password: string) => http.post<{ user: CurrentUser }>('/api/auth/login', { username, password }, { noAuthRedirect: true }),
  logout: () => http.post<unknown>('/api/auth/logout', {}, { noAuthRedirect: true }),
  me: () => http.get<{ user: CurrentUser }>('/api/auth/me', undefined, { noAuthRedirect: true }),

  buildings: (grid: string) => cachedGet<{ items: Building[]; total: number }>(`${R}/buildings`, { grid, pageSize: 200 }),
  building: (id: number) => cachedGet<BuildingDetail>(`${R}/buildings/${id}`),
  unitHouseholds: (unit: number) => cachedGet<{ items: Household[]; total: number }>(`${R}/households`, { unit, pageSize: 200 }),
  household: (id: number) => cachedGet<HouseholdDetail>(`${R}/households/${id}`),
  history: (kind: 'households' | 'people', id: number) => cachedGet<{ items: HistoryItem[] }>(`${R}/${kind}/${id}/history`),
  vocabularies: () => cachedGet<{ lists: Record<string, CodeItem[]> }>(`${R}/vocabularies`),
  tags: () => cachedGet<{ items: Tag[] }>(`${R}/tags`, { active: true }),
  gridShape: (code: string) => cachedGet<FeatureCollection<Geometry, { code: string; name: string }>>(`/api/areas/${encodeURIComponent(code)}/self.geojson`),
  attachmentUrl: (id: number) => `${R}/attachments/${id}`,

  /** Straight from the server (a point is asked once); 404 naming location when it is in no grid of the city. */
  locate: (lon: number, lat: number) => http.get<Located>('/api/areas/locate', { lon, lat }),
  /** The browser revalidates it by ETag (a 304 most times); the copy in IndexedDB serves offline. */
  outline: (level: 'district' | 'street') => cachedGet<OutlineCollection>('/api/areas/outline.geojson', { level }),
};

/**
 * Fills the cache for a walk without network: the code lists, the tags and every building of the
 * grid with its units. One request at a time, in the background; stops at the first failure.
 */
export async function warmCache(buildings: Building[]): Promise<void> {
  try {
    await mobileApi.vocabularies();
    await mobileApi.tags();
    for (const b of buildings) await mobileApi.building(b.id);
  } catch {
    /* offline or refused: what is cached stays */
  }
}
