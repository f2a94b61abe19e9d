import type { Role } from '../../db/types.ts';
import { STAFF } from '../../kernel/roles.ts';

/** Everyone who works for the city may read the calendar deadlines are counted on. */
export const CALENDAR_READERS: readonly Role[] = STAFF;
/** The schedule is national; a city admin enters a year once the State Council publishes it. */
export const CALENDAR_WRITERS: readonly Role[] = ['city_admin'];
