import type { Role } from '../../../db/types.ts';

/** 排查活动 are run by the city, a district or a street for its own area (综治中心). */
export const CAMPAIGN_WRITERS: readonly Role[] = ['city_admin', 'district_staff', 'street_staff'];
/** Campaigns and tasks are read by the area staff and the grid workers, each for the grids in their area. */
export const SCREENING_READERS: readonly Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'grid_worker'];
/** The checklist is filled, and findings reported, by the grid worker (or the community on their behalf). */
export const TASK_WORKERS: readonly Role[] = ['grid_worker', 'community_staff'];
