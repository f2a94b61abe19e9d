// Who sees the 排查 pages, mirroring the server (src/modules/mediation/screening/access.ts); the server still decides.
import type { Role } from '../../../api/types';

/** 排查活动 are started by the city, a district or a street for its own area (综治中心). */
export const CAMPAIGN_WRITERS: Role[] = ['city_admin', 'district_staff', 'street_staff'];
/** Campaigns and their per-grid progress: the area staff and the grid workers, each over the grids in their area. */
export const SCREENING_READERS: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'grid_worker'];
