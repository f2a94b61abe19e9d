import { http } from './http';
import type { LocateResult } from './types';

export const geoApi = {
  /** Which grid contains the point (WGS84); null when none. */
  locate: (lon: number, lat: number) => http.get<LocateResult>('/api/geo/locate', { lon, lat }),
};
