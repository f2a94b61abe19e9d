// Shapes of the Shiyu API as the console uses them.

export type Role =
  | 'city_admin' | 'dispatcher' | 'district_staff' | 'street_staff' | 'community_staff'
  | 'grid_worker' | 'dept_handler' | 'mediator' | 'police' | 'resident';

export const ROLES: Role[] = [
  'city_admin', 'dispatcher', 'district_staff', 'street_staff', 'community_staff',
  'grid_worker', 'dept_handler', 'mediator', 'police', 'resident',
];

export type AreaLevel = 'city' | 'district' | 'street' | 'community' | 'grid';
export const LEVELS: AreaLevel[] = ['city', 'district', 'street', 'community', 'grid'];

export interface AreaNode {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
  households: number;
  childCount: number;
  gridCount: number;
}

export interface AreaRef {
  code: string;
  name: string;
  level: AreaLevel;
}

export interface AreaDetail extends AreaNode {
  path: string;
  center: [number, number] | null;
  source: 'official' | 'generated' | 'imported';
  ancestors: AreaRef[];
  counts: { district: number; street: number; community: number; grid: number; building: number };
}

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  cityCode: string;
  scopePath: string;
  scopeCode: string;
  scopeName: string;
  department: string | null;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  cityCode: string;
  scopeCode: string;
  scopeName: string;
  department: string | null;
  phone: string | null;
  active: boolean;
  locked: boolean;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface AppConfig {
  tileUrl: string | null;
  productName: string;
  version: string;
}

export interface LocateResult {
  grid: (AreaNode & { exact: boolean; distanceMeters: number; ancestors: AreaRef[] }) | null;
  /** The point lies in a grid, but one outside the caller's area. */
  outsideScope?: boolean;
}

export interface AuditRecord {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
  ip: string | null;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
  message: string;
}

export interface AreaFeatureProps {
  code: string;
  name: string;
  level: AreaLevel;
  households: number;
  childCount: number;
  gridCount: number;
}
