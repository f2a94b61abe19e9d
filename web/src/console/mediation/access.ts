// Who sees which 矛盾纠纷 page, mirroring the server (src/modules/mediation/access.ts); what each may do
// on a case comes from the detail's `relations` and `actions`, and the server still decides.
import type { Role } from '../../api/types';

/** 案件列表, 案件详情, 调解组织, 调解员: the committees, their mediators, the command centre, the police (flagged cases only). */
export const MEDIATION_READERS: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'mediator', 'police'];
/** 登记 from any door. */
export const CASE_CREATORS: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'mediator'];
/** Sessions, agreements, 司法确认, 回访, parties, reveal: the committee and the case's mediators. */
export const CASE_WORKERS: Role[] = ['city_admin', 'district_staff', 'street_staff', 'community_staff', 'mediator'];
/** 调解组织 are set up by the city and the districts; mediators also by the streets. */
export const ORG_WRITERS: Role[] = ['city_admin', 'district_staff'];
export const MEDIATOR_WRITERS: Role[] = ['city_admin', 'district_staff', 'street_staff'];
/** 调解统计: the committees' desks, supervisors and mediators, for an area of their scope (server: stats/routes.ts). */
export const STATS_ROLES: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'mediator'];
/** 预警: seen by the responsible level and above, the case's mediators and the police; handled by all but the police (server: warnings/access.ts). */
export const WARNING_ROLES: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'mediator', 'police'];
export const WARNING_HANDLERS: Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'mediator'];
/** A ticket in these states may become a dispute case (events workflow table: to_mediation), by these relations. */
export const TICKET_REFER_STATES = ['registered', 'dispatched', 'accepted'];
export const TICKET_REFER_RELATIONS = ['centre', 'handler', 'mediator'];
