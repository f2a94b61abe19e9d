// Who sees which 事件处置 page, mirroring the server (src/modules/events/tickets/access.ts, relations.ts).
import type { Role } from '../../api/types';

/** 受理台: the 12345 desk and the district/street 综治中心 that take calls and walk-ins. */
export const INTAKE_ROLES: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff'];
/** 工单列表: every official (each sees what the server lets them). */
export const BOARD_ROLES: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'grid_worker', 'dept_handler'];
/** 收件箱: units that receive dispatched tickets — departments (归口) and area staff (属地), and on-site verifiers. */
export const INBOX_ROLES: Role[] = ['dept_handler', 'district_staff', 'street_staff', 'community_staff', 'grid_worker'];
/** 来电历史 by phone is the hotline desk's alone (the server refuses others). */
export const CALLER_HISTORY_ROLES: Role[] = ['city_admin', 'dispatcher'];
/** May verify on site (核查): grid workers and community staff of the place. */
export const VERIFIER_ROLES: Role[] = ['grid_worker', 'community_staff'];
/** 事项分类, 派单规则, 办理时限: the 12345 desk and district staff read them, the city admin changes them (server: events/admin/access.ts). */
export const CONFIG_READERS: Role[] = ['city_admin', 'dispatcher', 'district_staff'];
export const CONFIG_WRITERS: Role[] = ['city_admin'];
/** 统计分析: area staff, for their own area (server: events/kpi/routes.ts KPI_READERS). */
export const KPI_ROLES: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'grid_worker'];
/** 疑似重复 and 合并: the centres that triage (server: events/duplicates/routes.ts). */
export const DUPLICATE_ROLES: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff'];
