import type { Role } from '../../../db/types.ts';

/** The event loop's configuration (categories, routing rules, deadline policy) is the city's: its admin writes it. */
export const EVENTS_CONFIG_WRITERS: readonly Role[] = ['city_admin'];
/** The 12345 desk and district staff read it (to dispatch, and to see why a ticket went where it went). */
export const EVENTS_CONFIG_READERS: readonly Role[] = ['city_admin', 'dispatcher', 'district_staff'];
