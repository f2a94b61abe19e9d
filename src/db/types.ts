import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

import type { AreaGeometry } from '../kernel/geo/geojson-utils.ts';

/** GeoJSON geometry as stored in jsonb (WGS84 lon/lat). */
export type Geometry = AreaGeometry;

export type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

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
  grid_path: string | null;
  name: string;
  address: string | null;
  location: ColumnType<[number, number] | null, string | null, string | null>;
  floors: number | null;
  kind: Generated<'residential' | 'commercial' | 'mixed' | 'public' | 'bungalow'>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** 单元 unit of a building. */
export interface UnitTable {
  city_code: string;
  id: Generated<number>;
  building_id: number;
  name: string;
  floors: number | null;
  rooms_per_floor: number | null;
}

/** Columns every registry record shares: who made and changed it, optimistic version, soft delete. */
interface RecordColumns {
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  created_by: number | null;
  updated_by: number | null;
  version: Generated<number>;
  deleted_at: Date | null;
}

/** National code lists (GB/T 2261.1, 3304, 4762, 4658, 4761, 4754 …). */
export interface VocabularyTable {
  list: string;
  code: string;
  name: string;
  sort: Generated<number>;
}

/** 标签 tags for the groups departments follow, per city. */
export interface TagTable {
  city_code: string;
  code: string;
  name: string;
  category: string;
  applies_to: 'person' | 'household' | 'organisation';
  description: string | null;
  active: Generated<boolean>;
  builtin: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** 户 household. */
export interface HouseholdTable extends RecordColumns {
  city_code: string;
  id: Generated<number>;
  grid_code: string;
  grid_path: string;
  building_id: number | null;
  unit_id: number | null;
  room: string | null;
  address: string;
  kind: Generated<'family' | 'collective'>;
  phone: string | null;
  head_person_id: number | null;
  notes: string | null;
  /** The tags of the live members, sorted: kept by a trigger on person (reports read it). */
  member_tag_codes: Generated<string[] | null>;
}

export type ResidenceType = 'registered' | 'floating' | 'overseas' | 'left_behind';

/** 人 person: 户籍 registered / 流动 floating / 境外 overseas / 留守 left-behind. */
export interface PersonTable extends RecordColumns {
  city_code: string;
  id: Generated<number>;
  id_number: string;
  name: string;
  sex: '1' | '2';
  birth_date: ColumnType<string, string, string>;
  ethnicity: string | null;
  political_status: string | null;
  education: string | null;
  phone: string | null;
  residence_type: ResidenceType;
  household_id: number | null;
  relation: string | null;
  grid_code: string;
  grid_path: string;
  address: string | null;
  workplace: string | null;
  nationality: Generated<string>;
  notes: string | null;
  /** The person's tag codes, sorted: a copy of entity_tag kept by a trigger (reports read it). */
  tag_codes: Generated<string[] | null>;
}

export interface PersonResidenceChangeTable {
  city_code: string;
  id: Generated<number>;
  person_id: number;
  from_type: ResidenceType | null;
  to_type: ResidenceType;
  changed_on: ColumnType<string, string | undefined, string>;
  reason: string | null;
  changed_by: number | null;
  created_at: Generated<Date>;
}

/** 非公经济组织 enterprises and 社会组织 social organisations. */
export interface OrganisationTable extends RecordColumns {
  city_code: string;
  id: Generated<number>;
  kind: 'enterprise' | 'social_org' | 'individual_business' | 'public_institution';
  name: string;
  credit_code: string | null;
  industry: string | null;
  legal_rep: string | null;
  phone: string | null;
  address: string | null;
  grid_code: string;
  grid_path: string;
  employees: number | null;
  registered_capital: ColumnType<string | null, string | number | null, string | number | null>;
  established_on: ColumnType<string | null, string | null, string | null>;
  status: Generated<'active' | 'suspended' | 'closed'>;
  has_party_org: Generated<boolean>;
  notes: string | null;
}

/** 出租房屋 rental house. */
export interface RentalHouseTable extends RecordColumns {
  city_code: string;
  id: Generated<number>;
  grid_code: string;
  grid_path: string;
  household_id: number | null;
  building_id: number | null;
  unit_id: number | null;
  room: string | null;
  address: string;
  landlord_person_id: number | null;
  landlord_name: string;
  landlord_phone: string | null;
  tenants: Generated<number>;
  area_m2: ColumnType<string | null, string | number | null, string | number | null>;
  purpose: Generated<'residence' | 'business' | 'mixed' | 'dormitory'>;
  registered_on: ColumnType<string | null, string | null, string | null>;
  status: Generated<'active' | 'ended'>;
  notes: string | null;
}

export interface EntityTagTable {
  city_code: string;
  entity_type: 'person' | 'household' | 'organisation';
  entity_id: number;
  tag_code: string;
  since: ColumnType<string | null, string | null, string | null>;
  note: string | null;
  created_at: Generated<Date>;
  created_by: number | null;
}

export interface RecordChangeTable {
  city_code: string;
  id: Generated<number>;
  entity_type: string;
  entity_id: number;
  action: string;
  changed_at: Generated<Date>;
  changed_by: number | null;
  changed_by_name: string | null;
  changes: ColumnType<Record<string, unknown>, string, never>;
}

export interface AttachmentTable {
  city_code: string;
  id: Generated<number>;
  entity_type: string;
  entity_id: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  created_at: Generated<Date>;
  created_by: number | null;
}

/** 报表模板 report template: rows × columns over the registry, declared as JSON (modules/reports/spec.ts). */
export interface ReportTemplateTable {
  city_code: string;
  id: Generated<number>;
  code: string;
  name: string;
  department: string;
  description: string | null;
  spec: ColumnType<unknown, string, string>;
  builtin: Generated<boolean>;
  /** Scope path of the author of a custom template: who may change it. */
  owner_path: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  created_by: number | null;
  updated_by: number | null;
  version: Generated<number>;
}

/** 批量导入 a registry import job: progress, report and (until it ends) the uploaded file. */
export interface RegistryImportJobTable {
  city_code: string;
  id: Generated<number>;
  kind: 'people' | 'households' | 'organisations';
  filename: string;
  format: 'xlsx' | 'csv';
  status: 'checking' | 'checked' | 'importing' | 'done' | 'failed' | 'cancelled';
  valid_only: boolean | null;
  total: Generated<number>;
  processed: Generated<number>;
  valid_rows: Generated<number>;
  invalid_rows: Generated<number>;
  imported: Generated<number>;
  error_count: Generated<number>;
  /** Every line of the validation report (the API shows the first 500). */
  errors: ColumnType<unknown, string | undefined, string>;
  message: string | null;
  file: Buffer | null;
  file_size: number;
  created_by: number;
  created_by_name: string;
  creator_scope: string;
  /** host:pid:token of the process working on the job, for recovery after a crash. */
  runner: string | null;
  heartbeat_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: Date | null;
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
  | 'police'
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

/** 事项分类 a node of the ticket category tree (12345 taxonomy, 数字城管 classes, or the city's own). */
export interface TicketCategoryTable {
  city_code: string;
  code: string;
  parent_code: string | null;
  name: string;
  level: number;
  source: 'taxonomy' | 'szcg' | 'custom';
  handle_workdays: number | null;
  urgent_hours: number | null;
  active: Generated<boolean>;
  sort: Generated<number>;
}

/** 职能部门名录: the departments (and utilities) of a city that tickets are dispatched to. */
export interface DepartmentTable {
  city_code: string;
  id: Generated<number>;
  /** The key other tables refer to with (city_code, name), ON UPDATE CASCADE. */
  name: string;
  short_name: string | null;
  /** government 政府职能部门 | utility 公共服务企业 (供水/供电/供热/燃气) | other */
  kind: Generated<'government' | 'utility' | 'other'>;
  /** 值班电话 duty phone (an office number, not personal data). */
  phone: string | null;
  active: Generated<boolean>;
  sort: Generated<number>;
  /** Key of the built-in list entry it was seeded from, so a rename is not undone by the next seed. */
  builtin_key: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** 派单规则 category × area → the unit that handles it. */
export interface RoutingRuleTable {
  city_code: string;
  id: Generated<number>;
  category_code: string;
  area_path: string;
  assignee_kind: 'department' | 'area';
  department: string | null;
  assignee_path: string | null;
  active: Generated<boolean>;
  note: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface DeadlinePolicyTable {
  city_code: string;
  policy: ColumnType<unknown, string, string>;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

export type TicketStateName = 'received' | 'registered' | 'dispatched' | 'accepted' | 'returned' | 'handled' | 'verified' | 'closed' | 'cancelled' | 'merged';

/** 工单 a ticket of the event loop. */
export interface TicketTable {
  city_code: string;
  id: Generated<number>;
  number: string;
  channel: 'hotline' | 'police_transfer' | 'app' | 'patrol' | 'wechat' | 'leader' | 'open311';
  demand_type: 'consult' | 'complaint' | 'help' | 'suggestion' | 'report' | 'other';
  category_code: string | null;
  suggested_category: string | null;
  suggestion_confidence: number | null;
  title: string;
  description: string;
  urgent: Generated<boolean>;
  lon: number | null;
  lat: number | null;
  address: string | null;
  grid_code: string | null;
  area_path: string;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_user_id: number | null;
  external_id: string | null;
  state: TicketStateName;
  centre_level: Generated<'street' | 'district' | 'city'>;
  assignee_kind: 'department' | 'area' | null;
  assignee_department: string | null;
  assignee_path: string | null;
  sign_due_at: NullableTimestamp;
  due_at: NullableTimestamp;
  extension_days: number | null;
  extension_reason: string | null;
  returned_from: 'dispatched' | 'accepted' | null;
  supervision: Generated<'none' | 'yellow' | 'red'>;
  rating: 'satisfied' | 'basic' | 'dissatisfied' | null;
  reopened: Generated<number>;
  merged_into: number | null;
  action_count: Generated<number>;
  received_at: Generated<Date>;
  closed_at: NullableTimestamp;
  created_by: number | null;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

/** The last ticket number given per city and day (0009). */
export interface TicketCounterTable {
  city_code: string;
  day: string;
  last: number;
}

/** One append-only row per change of a ticket. */
export interface TicketActionTable {
  city_code: string;
  id: Generated<number>;
  ticket_id: number;
  seq: number;
  action: string;
  from_state: TicketStateName | null;
  to_state: TicketStateName;
  actor_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  note: string | null;
  data: ColumnType<unknown, string | undefined, string>;
  at: Generated<Date>;
}

export interface TicketAttachmentTable {
  city_code: string;
  id: Generated<number>;
  ticket_id: number;
  action_seq: number | null;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** 站内通知 for a user, a department or everyone of an area. */
export interface NotificationTable {
  city_code: string;
  id: Generated<number>;
  user_id: number | null;
  department: string | null;
  area_path: string | null;
  ticket_id: number | null;
  /** A dispute case's notice (0014). */
  mediation_case_id: number | null;
  kind: string;
  message: string;
  created_at: Generated<Date>;
  read_at: Date | null;
}

/** 节假日安排 entered by the deployment for a year chinese-days does not ship (national, not per city); append-only versions. */
export interface CalendarYearVersionTable {
  year: number;
  version: number;
  /** The notice it was copied from, e.g. 国办发明电〔2026〕X号. */
  source: string;
  entered_by: number | null;
  entered_by_name: string;
  entered_at: Generated<Date>;
}

/** A holiday or make-up working day of one version of a year. */
export interface CalendarYearDayTable {
  year: number;
  version: number;
  /** 'YYYY-MM-DD' (date columns are read as text). */
  date: string;
  kind: 'holiday' | 'makeup';
  name: string;
}

/** 调解组织 a mediation organisation placed in the area tree (0012). */
export interface MediationOrgTable {
  city_code: string;
  id: Generated<number>;
  name: string;
  kind: 'people_committee' | 'industry_committee' | 'branded_studio' | 'lawyer_studio' | 'court_invited' | 'police_room' | 'non_litigation_centre';
  field: string | null;
  area_code: string;
  area_path: string;
  level: 'city' | 'district' | 'street' | 'community';
  phone: string | null;
  address: string | null;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

/** 调解员 of one organisation, optionally a login. */
export interface MediatorTable {
  city_code: string;
  id: Generated<number>;
  org_id: number;
  user_id: number | null;
  name: string;
  phone: string | null;
  kind: 'full_time' | 'part_time' | 'lawyer' | 'invited';
  specialties: Generated<string[]>;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface MediationSettingTable {
  city_code: string;
  conclusion_days: Generated<number>;
  court_days: Generated<number>;
  court_extension_days: Generated<number>;
  red_after_workdays: Generated<number>;
  updated_by: number | null;
  updated_at: Generated<Date>;
  /** Optimistic edits of the settings page (0014). */
  version: Generated<number>;
}

export interface MediationCounterTable {
  city_code: string;
  year: number;
  last: number;
}

export type MediationStateName = 'registered' | 'accepted' | 'assigned' | 'mediating' | 'agreed' | 'failed' | 'rejected' | 'refused' | 'withdrawn';

/** 纠纷案件 a dispute case. */
export interface MediationCaseTable {
  city_code: string;
  id: Generated<number>;
  number: string;
  source: 'walk_in' | 'initiative' | 'ticket' | 'petition' | 'police' | 'court' | 'screening';
  referring_body: string | null;
  referral_number: string | null;
  ticket_id: number | null;
  category: string;
  summary: string;
  /** numeric(14,2), read as text by pg. */
  amount: ColumnType<string | null, number | null | undefined, number | null>;
  people_involved: number;
  lon: number | null;
  lat: number | null;
  address: string | null;
  grid_code: string | null;
  area_path: string;
  org_id: number;
  org_path: string;
  state: MediationStateName;
  due_at: NullableTimestamp;
  extensions: Generated<number>;
  supervision: Generated<'none' | 'yellow' | 'red'>;
  police_flag: Generated<boolean>;
  police_reason: string | null;
  police_flagged_at: NullableTimestamp;
  referral: string | null;
  registered_at: Timestamp;
  accepted_at: NullableTimestamp;
  concluded_at: NullableTimestamp;
  action_count: Generated<number>;
  created_by: number | null;
  /** 申请调解: the resident's account that applied through the app (0015). */
  applicant_user_id: Generated<number | null>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

/** 当事人 of a case. */
export interface MediationPartyTable {
  city_code: string;
  id: Generated<number>;
  case_id: number;
  kind: 'person' | 'organisation';
  role: 'applicant' | 'respondent' | 'third_party';
  name: string;
  id_number: string | null;
  credit_code: string | null;
  phone: string | null;
  address: string | null;
  legal_rep: string | null;
  action_seq: number;
  /** The action seq of its latest 更正当事人 (0014); null as registered. */
  corrected_seq: number | null;
  created_at: Generated<Date>;
}

export interface MediationCaseMediatorTable {
  city_code: string;
  case_id: number;
  mediator_id: number;
  assigned_seq: number;
  chosen_by: 'committee' | 'parties';
  lead: Generated<boolean>;
  assigned_at: Timestamp;
  removed_seq: number | null;
  removed_at: NullableTimestamp;
  removed_reason: 'recusal' | 'reassigned' | null;
}

/** One append-only row per change of a dispute case. */
export interface MediationCaseActionTable {
  city_code: string;
  id: Generated<number>;
  case_id: number;
  seq: number;
  action: string;
  from_state: MediationStateName | null;
  to_state: MediationStateName;
  actor_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  note: string | null;
  data: ColumnType<unknown, string | undefined, string>;
  at: Timestamp;
}

export interface MediationRecusalTable {
  city_code: string;
  id: Generated<number>;
  case_id: number;
  mediator_id: number;
  requested_by: 'party' | 'mediator';
  party_id: number | null;
  reason: string;
  action_seq: number;
  at: Timestamp;
}

export interface MediationSessionTable {
  city_code: string;
  id: Generated<number>;
  case_id: number;
  action_seq: number;
  held_at: Date;
  place: string;
  attendees: string[];
  minutes: string;
  recorded_by: number | null;
  created_at: Generated<Date>;
}

/** Date columns come back as 'YYYY-MM-DD' (db/database.ts keeps them as text). */
export interface MediationAgreementTable {
  city_code: string;
  case_id: number;
  action_seq: number;
  party_ids: number[];
  facts: string;
  disputes: string;
  responsibilities: string;
  terms: ColumnType<{ content: string; manner: string; deadline: string }[], string, string>;
  signed_on: string;
  signed_parties: number[];
  signed_mediators: number[];
  judicial_due_on: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface MediationJudicialTable {
  city_code: string;
  case_id: number;
  applied_on: string;
  court: string;
  applied_seq: number;
  result: 'confirmed' | 'rejected' | null;
  decided_on: string | null;
  result_seq: number | null;
}

export interface MediationFollowUpTable {
  city_code: string;
  id: Generated<number>;
  case_id: number;
  action_seq: number;
  visited_on: string;
  performance: 'performed' | 'partly' | 'not_performed';
  note: string;
  recorded_by: number | null;
  created_at: Generated<Date>;
}

/** 排查活动 a screening campaign (0013); checklist items [{key, name, category}]. */
export interface MediationCampaignTable {
  city_code: string;
  id: Generated<number>;
  title: string;
  period_from: string;
  period_to: string;
  checklist: ColumnType<{ key: string; name: string; category: string }[], string, string>;
  area_codes: string[];
  area_paths: string[];
  owner_path: string;
  created_by: number;
  created_by_name: string;
  created_at: Generated<Date>;
}

/** 排查任务 of one grid in a campaign. */
export interface MediationScreeningTaskTable {
  city_code: string;
  id: Generated<number>;
  campaign_id: number;
  grid_code: string;
  grid_path: string;
  status: Generated<'pending' | 'in_progress' | 'done'>;
  answers: ColumnType<Record<string, { found: boolean; note: string | null }>, string | undefined, string>;
  started_at: NullableTimestamp;
  done_at: NullableTimestamp;
  updated_by: number | null;
  updated_by_name: string | null;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

/** 排查发现 filed as a case. */
export interface MediationScreeningFindingTable {
  city_code: string;
  id: Generated<number>;
  task_id: number;
  item: string;
  case_id: number;
  created_by: number;
  created_at: Generated<Date>;
}

export type WarningLevel = 'attention' | 'warning' | 'urgent';

/** 预警规则 of a city, once edited. */
export interface MediationWarningRuleTable {
  city_code: string;
  rule: string;
  enabled: boolean;
  level: WarningLevel;
  police: boolean;
  params: ColumnType<Record<string, unknown>, string, string>;
  updated_by: number | null;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

/** 预警 raised on a case. */
export interface MediationWarningTable {
  city_code: string;
  id: Generated<number>;
  rule: string;
  case_id: number;
  level: WarningLevel;
  reason: string;
  trigger: string;
  area_path: string;
  grid_code: string | null;
  police_flagged: Generated<boolean>;
  state: Generated<'open' | 'handled'>;
  data: ColumnType<unknown, string | undefined, string>;
  raised_at: Timestamp;
  handled_by: number | null;
  handled_by_name: string | null;
  handled_at: NullableTimestamp;
  note: string | null;
}

export interface MediationWarningActionTable {
  city_code: string;
  id: Generated<number>;
  warning_id: number;
  action: 'raise' | 'flag_police' | 'handle';
  actor_id: number | null;
  actor_name: string;
  actor_role: string;
  note: string | null;
  at: Timestamp;
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
  vocabulary: VocabularyTable;
  tag: TagTable;
  household: HouseholdTable;
  person: PersonTable;
  person_residence_change: PersonResidenceChangeTable;
  organisation: OrganisationTable;
  rental_house: RentalHouseTable;
  entity_tag: EntityTagTable;
  record_change: RecordChangeTable;
  attachment: AttachmentTable;
  report_template: ReportTemplateTable;
  registry_import_job: RegistryImportJobTable;
  ticket_category: TicketCategoryTable;
  department: DepartmentTable;
  routing_rule: RoutingRuleTable;
  deadline_policy: DeadlinePolicyTable;
  ticket: TicketTable;
  ticket_action: TicketActionTable;
  ticket_counter: TicketCounterTable;
  ticket_attachment: TicketAttachmentTable;
  notification: NotificationTable;
  calendar_year_version: CalendarYearVersionTable;
  calendar_year_day: CalendarYearDayTable;
  mediation_org: MediationOrgTable;
  mediator: MediatorTable;
  mediation_setting: MediationSettingTable;
  mediation_counter: MediationCounterTable;
  mediation_case: MediationCaseTable;
  mediation_party: MediationPartyTable;
  mediation_case_mediator: MediationCaseMediatorTable;
  mediation_case_action: MediationCaseActionTable;
  mediation_recusal: MediationRecusalTable;
  mediation_session: MediationSessionTable;
  mediation_agreement: MediationAgreementTable;
  mediation_judicial: MediationJudicialTable;
  mediation_follow_up: MediationFollowUpTable;
  mediation_campaign: MediationCampaignTable;
  mediation_screening_task: MediationScreeningTaskTable;
  mediation_screening_finding: MediationScreeningFindingTable;
  mediation_warning_rule: MediationWarningRuleTable;
  mediation_warning: MediationWarningTable;
  mediation_warning_action: MediationWarningActionTable;
}

export type Area = Selectable<AreaTable>;
export type NewArea = Insertable<AreaTable>;
export type AppUser = Selectable<AppUserTable>;
