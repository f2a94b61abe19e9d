import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

import type { AreaGeometry } from '../kernel/geo/geojson-utils.ts';

/** GeoJSON geometry as stored in jsonb (WGS84 lon/lat). */
export type Geometry = AreaGeometry;

export type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** 区划层级: city 市 → district 区/旗/县 → street 街道/镇/苏木 → community 社区/村/嘎查 → grid 网格 */
export type AreaLevel = 'city' | 'district' | 'street' | 'community' | 'grid';

export interface CityTable {
  code: string;
  name: string;
  province_code: string;
}

export interface AreaTable {
  city_code: string;
  code: string;
  parent_code: string | null;
  level: AreaLevel;
  name: string;
  /** ltree path of codes from the city down, e.g. 150200.150203.150203010.150203010011 */
  path: string;
  households: number;
  /** GeoJSON geometry, or null where none is known. */
  geometry: ColumnType<Geometry | null, string | null, string | null>;
  /** [lon, lat] of a point inside the area, for labels and map fly-to. */
  center: ColumnType<[number, number] | null, string | null, string | null>;
  /** official: from the division codes; generated: synthesised; imported: from a GeoJSON upload. */
  source: 'official' | 'generated' | 'imported';
  updated_at: Timestamp;
}

/** 楼栋 building under a grid. */
export interface BuildingTable {
  city_code: string;
  id: Generated<number>;
  grid_code: string;
  name: string;
  address: string | null;
  location: ColumnType<[number, number] | null, string | null, string | null>;
  floors: number | null;
  created_at: Generated<Date>;
}

/** 单元 unit of a building. */
export interface UnitTable {
  city_code: string;
  id: Generated<number>;
  building_id: number;
  name: string;
}

/** 警格 police grid, an overlay beside the governance grids. */
export interface PoliceGridTable {
  city_code: string;
  code: string;
  name: string;
  station: string | null;
  geometry: ColumnType<Geometry, string, string>;
  updated_at: Timestamp;
}

export type Role =
  | 'city_admin'
  | 'dispatcher'
  | 'district_staff'
  | 'street_staff'
  | 'community_staff'
  | 'grid_worker'
  | 'dept_handler'
  | 'mediator'
  | 'resident';

export interface AppUserTable {
  id: Generated<number>;
  city_code: string;
  username: string;
  display_name: string;
  role: Role;
  /** ltree path of the area the user may see. */
  scope_path: string;
  department: string | null;
  phone: string | null;
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserSessionTable {
  /** sha256 of the cookie token: a leaked table does not leak sessions. */
  id: string;
  user_id: number;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  city_code: string | null;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, never>;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface IdempotencyTable {
  key: string;
  user_id: number;
  route: string;
  status: number;
  body: ColumnType<unknown, string, string>;
  created_at: Generated<Date>;
}

export interface DB {
  city: CityTable;
  area: AreaTable;
  building: BuildingTable;
  unit: UnitTable;
  police_grid: PoliceGridTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_key: ApiKeyTable;
  audit_log: AuditLogTable;
  idempotency: IdempotencyTable;
}

export type Area = Selectable<AreaTable>;
export type NewArea = Insertable<AreaTable>;
export type AppUser = Selectable<AppUserTable>;
