// Who is signed in on this phone. The last user is remembered in localStorage so the page still
// opens (and drafts can still be written) when the phone starts without a network.
import { ref } from 'vue';
import { ApiError } from '../api/http';
import type { CurrentUser } from '../api/types';
import { clearReadCache, mobileApi, setCacheOwner } from './api';
import { loadOutbox } from './offline/outbox';

const KEY = 'shiyu.m.user';
export const user = ref<CurrentUser | null>(null);

function remember(u: CurrentUser | null): void {
  user.value = u;
  setCacheOwner(u?.id ?? null);
  try {
    if (u) localStorage.setItem(KEY, JSON.stringify(u));
    else localStorage.removeItem(KEY);
  } catch {
    /* storage blocked: the session still works while the page is open */
  }
}

function remembered(): CurrentUser | null {
  try {
    const s = localStorage.getItem(KEY);
    return s ? (JSON.parse(s) as CurrentUser) : null;
  } catch {
    return null;
  }
}

let probe: Promise<CurrentUser | null> | null = null;

/** Asks the server once; offline, the remembered user is trusted until the server can say otherwise. */
export function loadSession(): Promise<CurrentUser | null> {
  probe ??= mobileApi.me().then(
    (r) => r.user,
    (err) => {
      if (err instanceof ApiError && err.status === 0) return remembered();
      if (err instanceof ApiError && err.status === 401) return null;
      probe = null;
      throw err;
    },
  ).then(async (u) => {
    remember(u);
    await loadOutbox(u?.id ?? null);
    return u;
  });
  return probe;
}

export async function signIn(username: string, password: string): Promise<CurrentUser> {
  const { user: u } = await mobileApi.login(username, password);
  remember(u);
  await loadOutbox(u.id);
  probe = Promise.resolve(u);
  return u;
}

/** Signs out; the user's drafts stay on the phone for the next sign-in, the read cache goes. */
export async function signOut(): Promise<void> {
  try {
    await mobileApi.logout();
  } finally {
    await clearReadCache().catch(() => undefined);
    remember(null);
    await loadOutbox(null);
    probe = Promise.resolve(null);
  }
}

/** The server said 401: the session is gone (drafts stay). */
export function sessionLost(): void {
  remember(null);
  probe = Promise.resolve(null);
}
