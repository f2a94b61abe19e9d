import type { Role } from '../../db/types.ts';
import { AREA_STAFF } from '../../kernel/roles.ts';

/** Who reads the registry 基层一表通: the staff of the area tree, each inside their own scope. */
export const REGISTRY_READERS: readonly Role[] = AREA_STAFF;

/** Who keeps it current (采集/维护); the command centre reads but does not edit base data. */
export const REGISTRY_WRITERS: readonly Role[] = ['city_admin', 'district_staff', 'street_staff', 'community_staff', 'grid_worker'];

/** Who may see a full ID or phone number (查看明文), each time with a reason and an audit record (PIPL). */
export const REVEAL_ROLES: readonly Role[] = ['city_admin', 'district_staff', 'street_staff', 'community_staff'];

/** Who edits the city's tag vocabulary (标签). */
export const TAG_EDITORS: readonly Role[] = ['city_admin'];

export const readers = { access: { roles: REGISTRY_READERS } };
export const writers = { access: { roles: REGISTRY_WRITERS } };
