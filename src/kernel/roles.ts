import type { Role } from '../db/types.ts';

/** The roles of the platform, with the Chinese names staff know them by. */
export const ROLES: Record<Role, { zh: string; en: string }> = {
  city_admin: { zh: '市级管理员', en: 'City administrator' },
  dispatcher: { zh: '指挥中心调度员', en: 'Command-centre dispatcher' },
  district_staff: { zh: '区县工作人员', en: 'District staff' },
  street_staff: { zh: '街道工作人员', en: 'Street staff' },
  community_staff: { zh: '社区工作人员', en: 'Community staff' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  dept_handler: { zh: '职能部门办理人', en: 'Department handler' },
  mediator: { zh: '调解员', en: 'Mediator' },
  police: { zh: '公安民警', en: 'Police officer' },
  resident: { zh: '居民', en: 'Resident' },
};

export const ALL_ROLES = Object.keys(ROLES) as Role[];

/** Staff who run the area tree and its people. */
export const AREA_STAFF: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'grid_worker'];

/** Roles that may manage users inside their own scope. */
export const USER_MANAGERS: Role[] = ['city_admin', 'district_staff', 'street_staff', 'community_staff'];

/** Everyone who works for the city (not residents). */
export const STAFF: Role[] = ALL_ROLES.filter((r) => r !== 'resident');

/** The area level a role's scope is normally set at, used to check a new user's scope. */
export const ROLE_SCOPE_LEVELS: Record<Role, readonly string[]> = {
  city_admin: ['city'],
  dispatcher: ['city', 'district'],
  district_staff: ['district'],
  street_staff: ['street'],
  community_staff: ['community'],
  grid_worker: ['grid'],
  dept_handler: ['city', 'district'],
  mediator: ['city', 'district', 'street', 'community'],
  police: ['city', 'district', 'street'], // 市局, 分局, 派出所
  resident: ['community', 'grid'],
};

/** Whether `role` may create or edit a user with role `target` (no one raises above their own rank). */
const RANK: Record<Role, number> = {
  city_admin: 5, dispatcher: 4, district_staff: 4, street_staff: 3, community_staff: 2,
  grid_worker: 1, dept_handler: 1, mediator: 1, police: 1, resident: 0,
};
export function mayAssignRole(role: Role, target: Role): boolean {
  return role === 'city_admin' || RANK[target] < RANK[role];
}
