import { http } from './http';
import type { AppConfig } from './types';

let cached: Promise<AppConfig> | null = null;

/** GET /api/config (public), fetched once. */
export function getConfig(): Promise<AppConfig> {
  cached ??= http.get<AppConfig>('/api/config', undefined, { noAuthRedirect: true }).catch((err) => {
    cached = null;
    throw err;
  });
  return cached;
}
