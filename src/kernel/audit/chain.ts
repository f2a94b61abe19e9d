import crypto from 'node:crypto';

/** The fields of an audit row that its hash covers. */
export interface AuditFields {
  at: Date;
  city_code: string | null;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: unknown;
  ip: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so jsonb's reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash = sha256(prev_hash | canonical row): changing or removing any row breaks every later link. */
export function auditHash(prevHash: string, f: AuditFields): string {
  const body = canonicalJson([
    f.at.toISOString(), f.city_code, f.actor_id, f.actor_name, f.action, f.target_type, f.target_id, f.detail ?? {}, f.ip,
  ]);
  return crypto.createHash('sha256').update(prevHash).update('|').update(body).digest('hex');
}
