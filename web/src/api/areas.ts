import type { FeatureCollection, Geometry } from 'geojson';
import { http } from './http';
import type { AreaDetail, AreaFeatureProps, AreaNode } from './types';

export type AreaCollection = FeatureCollection<Geometry, AreaFeatureProps>;

const enc = encodeURIComponent;

export const areasApi = {
  roots: () => http.get<{ items: AreaNode[] }>('/api/areas/roots').then((r) => r.items),
  get: (code: string) => http.get<AreaDetail>(`/api/areas/${enc(code)}`),
  children: (code: string) => http.get<{ items: AreaNode[] }>(`/api/areas/${enc(code)}/children`).then((r) => r.items),
  childrenGeo: (code: string) => http.get<AreaCollection>(`/api/areas/${enc(code)}/children.geojson`),
  selfGeo: (code: string) => http.get<AreaCollection>(`/api/areas/${enc(code)}/self.geojson`),
  search: (q: string) => http.get<{ items: (AreaNode & { path: string })[] }>('/api/areas/search', { q }).then((r) => r.items),
};
