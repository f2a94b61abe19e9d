// 职能部门 names come from the city's department register (GET /api/departments), asked for once per
// page load and shared by every department field (dispatch, routing rules, user accounts).
import { departmentsApi, type Department } from '../../api/departments';

let active: Promise<Department[]> | null = null;

/** The switched-on departments of my city, in the register's order; a failed load is asked again next time. */
export function activeDepartments(): Promise<Department[]> {
  active ??= departmentsApi.list(true).then((r) => r.items, (err) => { active = null; throw err; });
  return active;
}

/** After the register changed (the 部门名录 page): the next field asks the server again. */
export function forgetDepartments(): void {
  active = null;
}
