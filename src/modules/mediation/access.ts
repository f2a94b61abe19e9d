import { sql, type Expression, type SqlBool } from 'kysely';
import type { Role } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { inScope, pathInScope } from '../../kernel/scope.ts';
import type { Relation } from './workflow/actions.ts';

/**
 * Who may call the mediation routes; what each then sees is `visibleCases`/`visibleOrgs`, what each
 * may do on a case is `relationsOf` and the workflow's table. Residents apply and follow their own
 * applications (applications/); grid workers and department handlers have no part here (yet).
 */
export const MEDIATION_READERS: readonly Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'mediator', 'police'];
/** Organisations are set up by the city and the districts (司法局/司法所 work through them). */
export const ORG_WRITERS: readonly Role[] = ['city_admin', 'district_staff'];
export const MEDIATOR_WRITERS: readonly Role[] = ['city_admin', 'district_staff', 'street_staff'];
/** Cases come in through the committees, their mediators and the command centre (hand-offs, tickets). */
export const CASE_CREATORS: readonly Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff', 'mediator'];
/** The one actions route: the committee, the mediators and supervisors (督办, 报告公安). */
export const CASE_ACTORS: readonly Role[] = CASE_CREATORS;
/** Sessions, agreements, 司法确认, 回访, parties: the committee and the case's mediators. */
export const CASE_WORKERS: readonly Role[] = ['city_admin', 'district_staff', 'street_staff', 'community_staff', 'mediator'];
/** Agreements and the clear numbers of parties: those involved and supervisors (checked per case). */
export const AGREEMENT_READERS: readonly Role[] = CASE_CREATORS;
/** 申请调解: residents apply themselves and follow their own applications (applications/). */
export const APPLICANTS: readonly Role[] = ['resident'];
/** The printable agreement: also the resident who applied — a party to it (checked per case: `isApplicant`). */
export const AGREEMENT_PRINT_READERS: readonly Role[] = [...AGREEMENT_READERS, ...APPLICANTS];
export const REVEAL_ROLES: readonly Role[] = CASE_WORKERS;
export const SETTINGS_WRITERS: readonly Role[] = ['city_admin'];

/** Staff who run a committee's desk when their own area is the committee's. */
const COMMITTEE_ROLES: readonly Role[] = ['city_admin', 'district_staff', 'street_staff', 'community_staff'];
/** Staff who supervise the committees below their area. */
const SUPERVISOR_ROLES: readonly Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff'];
/** Staff who see the cases placed in, or run by a committee in, their area. */
const AREA_ROLES: readonly Role[] = ['city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff'];

/** The caller's own mediator records (active): which mediators they are and which organisations they belong to. */
export interface Membership { mediatorIds: number[]; orgIds: number[] }
export const NO_MEMBERSHIP: Membership = { mediatorIds: [], orgIds: [] };

const ids = (list: number[]) => sql.val(list.length ? list : [-1]);

/**
 * The one filter of every case read (alias `c`): the caller's city, and —
 * area staff: cases placed in their area or run by an organisation inside it;
 * mediators: their own organisations' cases and cases they are assigned to;
 * police: only cases reported to them (第二十五条) placed in their area;
 * residents: only the cases they applied for themselves (申请调解).
 */
export function visibleCases(caller: Caller, me: Membership): Expression<SqlBool> {
  const city = sql<SqlBool>`c.city_code = ${caller.cityCode}`;
  if (AREA_ROLES.includes(caller.role)) return sql<SqlBool>`(${city} AND (${inScope(caller, 'c.area_path')} OR ${inScope(caller, 'c.org_path')}))`;
  if (caller.role === 'mediator') {
    return sql<SqlBool>`(${city} AND (c.org_id = ANY(${ids(me.orgIds)}::int[]) OR EXISTS (SELECT 1 FROM mediation_case_mediator cm
      WHERE cm.city_code = c.city_code AND cm.case_id = c.id AND cm.removed_at IS NULL AND cm.mediator_id = ANY(${ids(me.mediatorIds)}::int[]))))`;
  }
  if (caller.role === 'police') return sql<SqlBool>`(${city} AND c.police_flag AND ${inScope(caller, 'c.area_path')})`;
  if (caller.role === 'resident') return sql<SqlBool>`(${city} AND c.applicant_user_id = ${caller.id})`;
  return sql<SqlBool>`false`;
}

/**
 * Organisations one may see and refer a dispute to (alias `o`): of the caller's city, inside their area
 * or above it (a community may refer to its street's or district's committee), and a mediator's own.
 */
export function visibleOrgs(caller: Caller, me: Membership): Expression<SqlBool> {
  return sql<SqlBool>`(o.city_code = ${caller.cityCode} AND (${inScope(caller, 'o.area_path')} OR o.area_path @> ${caller.scopePath}::ltree
    OR o.id = ANY(${ids(me.orgIds)}::int[])))`;
}

/** `visibleOrgs` for a row already loaded. */
export function orgVisibleTo(caller: Caller, me: Membership, org: { city_code: string; id: number; area_path: string }): boolean {
  if (org.city_code !== caller.cityCode) return false;
  return pathInScope(caller, org.area_path) || caller.scopePath.startsWith(`${org.area_path}.`) || me.orgIds.includes(org.id);
}

/** Whether an ltree path lies at or below another. */
export const within = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

/**
 * How the caller stands to a case (the workflow decides what that allows):
 * committee — staff whose own area is the organisation's (its desk), or a mediator of the organisation;
 * mediator — a mediator now on the case;
 * supervisor — staff above the organisation in the area tree, and the command centre;
 * applicant — the resident who applied for it through the app (申请人撤回).
 */
export function relationsOf(caller: Caller, c: { city_code: string; org_id: number; org_path: string; applicant_user_id?: number | null }, onCase: number[], me: Membership): Set<Relation> {
  const out = new Set<Relation>();
  if (caller.cityCode !== c.city_code) return out;
  if (isApplicant(caller, { city_code: c.city_code, applicant_user_id: c.applicant_user_id ?? null })) out.add('applicant');
  const desk = COMMITTEE_ROLES.includes(caller.role) && caller.scopePath === c.org_path;
  if (desk || me.orgIds.includes(c.org_id)) out.add('committee');
  if (onCase.some((id) => me.mediatorIds.includes(id))) out.add('mediator');
  if (SUPERVISOR_ROLES.includes(caller.role) && !desk && pathInScope(caller, c.org_path)) out.add('supervisor');
  return out;
}

/** Those involved (committee, mediators) and supervisors read the agreement, the minutes and clear numbers. */
export const isInvolved = (r: ReadonlySet<Relation>) => r.has('committee') || r.has('mediator') || r.has('supervisor');

/** The resident who applied for the case through the app (a party to it: reads its agreement, masked). */
export const isApplicant = (caller: Caller, c: { city_code: string; applicant_user_id: number | null }) =>
  caller.role === 'resident' && c.city_code === caller.cityCode && c.applicant_user_id === caller.id;
