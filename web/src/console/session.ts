import { computed, ref } from 'vue';
import { authApi } from '../api/auth';
import { ApiError } from '../api/http';
import type { CurrentUser, Role } from '../api/types';

/** The signed-in official, shared by every view. */
export const currentUser = ref<CurrentUser | null>(null);
let probe: Promise<CurrentUser | null> | null = null;

/** Asks the server who is signed in (once; later calls reuse the answer). */
export function loadSession(force = false): Promise<CurrentUser | null> {
  if (force) probe = null;
  probe ??= authApi.me().then(
    (r) => (currentUser.value = r.user),
    (err) => {
      probe = null;
      if (err instanceof ApiError && err.status === 401) return (currentUser.value = null);
      throw err;
    },
  );
  return probe;
}

export async function signIn(username: string, password: string): Promise<CurrentUser> {
  const { user } = await authApi.login(username, password);
  currentUser.value = user;
  probe = Promise.resolve(user);
  return user;
}

export async function signOut(everywhere = false): Promise<void> {
  try {
    await (everywhere ? authApi.logoutAll() : authApi.logout());
  } finally {
    clearSession();
  }
}

export function clearSession(): void {
  currentUser.value = null;
  probe = Promise.resolve(null);
}

/** Roles that may manage users inside their own scope (same list as the server's USER_MANAGERS). */
export const USER_MANAGERS: Role[] = ['city_admin', 'district_staff', 'street_staff', 'community_staff'];
export const AUDITORS: Role[] = ['city_admin'];

// The registry 基层一表通 and reports, mirroring src/modules/registry/access.ts and src/modules/reports/routes.ts.
const AREA_STAFF: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'grid_worker'];
export const REGISTRY_READERS: Role[] = AREA_STAFF;
export const REGISTRY_WRITERS: Role[] = ['city_admin', 'district_staff', 'street_staff', 'community_staff', 'grid_worker'];
/** May see a full ID or phone number, each time with a reason written to the audit log. */
export const REVEAL_ROLES: Role[] = ['city_admin', 'district_staff', 'street_staff', 'community_staff'];
export const TAG_EDITORS: Role[] = ['city_admin'];
export const REPORT_READERS: Role[] = [...AREA_STAFF, 'dept_handler'];
export const TEMPLATE_WRITERS: Role[] = ['city_admin', 'district_staff'];

export function hasRole(roles: readonly Role[] | undefined): boolean {
  if (!roles) return true;
  return !!currentUser.value && roles.includes(currentUser.value.role);
}

export const isUserManager = computed(() => hasRole(USER_MANAGERS));
