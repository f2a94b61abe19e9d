import type { Role } from '../../../db/types.ts';

/** 预警: seen by the responsible level and above, by the mediators of the case, and by the police when reported to them. */
export const WARNING_READERS: readonly Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'mediator', 'police'];
/** Handled (处置) by those who see it, except the police, who act on no mediation record. */
export const WARNING_HANDLERS: readonly Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'mediator'];
/** The rules are read by the staff who see warnings and set by the city (audited). */
export const RULE_READERS: readonly Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'mediator'];
export const RULE_WRITERS: readonly Role[] = ['city_admin'];
