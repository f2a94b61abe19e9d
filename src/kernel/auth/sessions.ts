import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from './caller.ts';
import { randomToken, sameDigest, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'shiyu_sid';

/** Creates a server-side session and returns the token for the cookie (only its hash is stored). */
export async function createSession(db: Kysely<DB>, userId: number, hours: number, ip: string | null, userAgent: string | null): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('user_session')
    .values({ id: sha256(token), user_id: userId, expires_at: new Date(Date.now() + hours * 3600_000), ip, user_agent: userAgent?.slice(0, 300) ?? null })
    .execute();
  return token;
}

const userColumns = ['u.id', 'u.username', 'u.display_name', 'u.role', 'u.city_code', 'u.scope_path', 'u.department'] as const;

function toCaller(u: { id: number; username: string; display_name: string; role: Caller['role']; city_code: string; scope_path: string; department: string | null }, via: Caller['via'], sessionId?: string): Caller {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, cityCode: u.city_code, scopePath: u.scope_path, department: u.department, via, sessionId };
}

/**
 * Callers of recent sessions, kept briefly: every request asks, and a client's requests come in bursts.
 * This node forgets a user's entries when it ends their sessions or changes them (forgetSessions);
 * another node sees such a change within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 2_000;
const MAX_CACHED = 10_000;
type SessionUser = Parameters<typeof toCaller>[0] & { last_seen_at: Date };
const recent = new Map<string, { row: SessionUser; at: number }>();

/** Drops cached sessions: a user's, or all (e.g. after a department is renamed). */
export function forgetSessions(userId?: number): void {
  if (userId === undefined) return recent.clear();
  for (const [id, e] of recent) if (e.row.id === userId) recent.delete(id);
}

/** The caller of a session token, or null when the session is unknown, expired or the user inactive. */
export async function callerFromSession(db: Kysely<DB>, token: string, hours: number): Promise<Caller | null> {
  const id = sha256(token);
  const hit = recent.get(id);
  if (hit && Date.now() - hit.at < SESSION_CACHE_MS) return toCaller(hit.row, 'session', id);
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([...userColumns, 's.last_seen_at'])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', new Date())
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) {
    recent.delete(id);
    return null;
  }
  // Sliding expiry, written at most once a minute to keep reads cheap.
  if (Date.now() - row.last_seen_at.getTime() > 60_000) {
    await db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + hours * 3600_000) })
      .where('id', '=', id)
      .execute();
  }
  if (recent.size >= MAX_CACHED) recent.clear();
  recent.set(id, { row, at: Date.now() });
  return toCaller(row, 'session', id);
}

/** API keys look like `sy_<prefix>_<secret>`; the prefix finds the row, the secret's hash proves it. */
export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const m = /^sy_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{20,})$/.exec(key);
  return m ? { prefix: m[1], secret: m[2] } : null;
}

export async function callerFromApiKey(db: Kysely<DB>, key: string): Promise<Caller | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const row = await db
    .selectFrom('api_key as k')
    .innerJoin('app_user as u', 'u.id', 'k.user_id')
    .select([...userColumns, 'k.id as key_id', 'k.key_hash'])
    .where('k.prefix', '=', parsed.prefix)
    .where('k.revoked_at', 'is', null)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row || !sameDigest(row.key_hash, sha256(parsed.secret))) return null;
  await db.updateTable('api_key').set({ last_used_at: new Date() }).where('id', '=', row.key_id).execute();
  return toCaller(row, 'api_key');
}

export async function newApiKey(): Promise<{ key: string; prefix: string; hash: string }> {
  const prefix = randomToken(12).replace(/[^A-Za-z0-9]/g, '').slice(0, 8).padEnd(8, 'x');
  const secret = randomToken(24);
  return { key: `sy_${prefix}_${secret}`, prefix, hash: sha256(secret) };
}
