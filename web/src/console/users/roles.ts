import type { AreaLevel, Role } from '../../api/types';
import { ROLES } from '../../api/types';

// Mirrors src/kernel/roles.ts so the form can guide before the server decides.
const RANK: Record<Role, number> = {
  city_admin: 5, dispatcher: 4, district_staff: 4, street_staff: 3, community_staff: 2,
  grid_worker: 1, dept_handler: 1, mediator: 1, police: 1, resident: 0,
};

export const ROLE_SCOPE_LEVELS: Record<Role, readonly AreaLevel[]> = {
  city_admin: ['city'],
  dispatcher: ['city', 'district'],
  district_staff: ['district'],
  street_staff: ['street'],
  community_staff: ['community'],
  grid_worker: ['grid'],
  dept_handler: ['city', 'district'],
  mediator: ['city', 'district', 'street', 'community'],
  police: ['city', 'district', 'street'],
  resident: ['community', 'grid'],
};

/** Roles `role` may give to others (no one raises a user above their own rank). */
export function assignableRoles(role: Role | undefined): Role[] {
  if (!role) return [];
  if (role === 'city_admin') return ROLES;
  return ROLES.filter((r) => RANK[r] < RANK[role]);
}
