import type { Assignee } from '../../api/tickets';

/** The unit answerable now: a department's name or the area's name (属地). */
export const assigneeName = (a: Assignee | null): string => (a ? (a.kind === 'department' ? a.department : a.name ?? a.path) ?? '' : '');
