import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/db/types.ts';
import { ALL_ROLES, STAFF, USER_MANAGERS } from '../../src/kernel/roles.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { REPORT_READERS } from '../../src/modules/reports/routes.ts';
import { REGISTRY_READERS, REGISTRY_WRITERS, REVEAL_ROLES, TAG_EDITORS } from '../../src/modules/registry/access.ts';
import { csv, fileUpload, importMatrixFixture, PEOPLE_HEADER, type ImportMatrixFixture } from './registry-import-fixtures.ts';
import { newCreditCode, newIdNumber, pngUpload, registryMatrixFixture, type RegistryKind, type RegistryMatrixFixture, type RegistryRecords } from './registry-fixtures.ts';
import { TICKET_ACTORS, TICKET_FILERS, TICKET_READERS } from '../../src/modules/events/tickets/access.ts';
import { ticketMatrixFixture, type TicketMatrixFixture } from './tickets-fixtures.ts';
import { EVENTS_CONFIG_READERS, EVENTS_CONFIG_WRITERS } from '../../src/modules/events/admin/access.ts';
import { eventsAdminMatrixFixture, type EventsAdminMatrixFixture } from './events-admin-fixtures.ts';
import { KPI_READERS } from '../../src/modules/events/kpi/routes.ts';
import { DUPLICATE_READERS } from '../../src/modules/events/duplicates/routes.ts';
import { DEPARTMENT_READERS, DEPARTMENT_WRITERS } from '../../src/modules/events/departments/routes.ts';
import { AGREEMENT_PRINT_READERS, APPLICANTS } from '../../src/modules/mediation/access.ts';
import { applicationMatrixFixture, type ApplicationMatrixFixture } from './mediation-applications-fixtures.ts';
import { AGREEMENT_READERS, CASE_ACTORS, CASE_CREATORS, CASE_WORKERS, MEDIATION_READERS, MEDIATOR_WRITERS, ORG_WRITERS, REVEAL_ROLES as CASE_REVEALERS, SETTINGS_WRITERS } from '../../src/modules/mediation/access.ts';
import { agreementBody, caseBody, mediationMatrixFixture, session, today, type MediationMatrixFixture } from './mediation-fixtures.ts';
import { STATS_READERS as MEDIATION_STATS_READERS } from '../../src/modules/mediation/stats/routes.ts';
import { CALENDAR_READERS, CALENDAR_WRITERS } from '../../src/modules/calendar/access.ts';
import { CAMPAIGN_WRITERS, SCREENING_READERS, TASK_WORKERS } from '../../src/modules/mediation/screening/access.ts';
import { RULE_READERS, RULE_WRITERS, WARNING_HANDLERS, WARNING_READERS } from '../../src/modules/mediation/warnings/access.ts';
import { screeningMatrixFixture, type ScreeningMatrixFixture } from './mediation-screening-fixtures.ts';
import { MADE_UP_2027, MADE_UP_SOURCE } from '../../src/kernel/calendar/test-schedule.ts';

/**
 * The scope matrix: every route the server has × every role × inside / outside the
 * caller's area / another city. The routes come from the server itself, so a new route
 * without an entry here fails this test.
 */

interface Who { username: string; role: Role; cityCode: string; scopeCode: string; center: [number, number]; userId: number }
interface Fixture {
  users: Record<string, Who>;
  kdlCommunity: string; // a community inside every 昆都仑区 demo user's scope (and the admin's)
  kdlGridUserId: number;
  outsideArea: string; outsideCommunity: string; outsideCenter: [number, number]; outsideUserId: number; // in 青山区 150204
  hlbeArea: string; hlbeCommunity: string; hlbeCenter: [number, number];
  baotouCenter: [number, number];
  communityGrids: Record<string, unknown>; // valid FeatureCollection of grids per community code
  keys: Record<string, number>; // an API key id per username
}
interface Variants { inside: InjectOptions; outside?: InjectOptions; otherCity?: InjectOptions }
interface Rule {
  roles: readonly Role[] | 'public';
  /** Requests for this user; inside must pass, outside and otherCity must be refused. */
  req: (f: Fixture, w: Who) => Variants;
  /** Expected status of the inside request when not 2xx (e.g. a deliberately wrong password still passing the guard). */
  insideStatus?: number;
  /** Status for outside/otherCity; 404 "not found or not yours" unless said. */
  outsideStatus?: number;
  /** A route that is answered 200 either way and says "not yours" in its body. */
  check?: (res: LightMyRequestResponse, variant: keyof Variants) => void;
  fresh?: boolean; // needs its own session (logout)
}

const areaOf = (w: Who, f: Fixture) => (w.cityCode === '150700' ? f.hlbeArea : w.scopeCode);
const outsideOf = (w: Who, f: Fixture) => (w.cityCode === '150700' ? '150203' : w.scopeCode === '150200' ? undefined : f.outsideArea);
const otherCityOf = (w: Who, f: Fixture) => (w.cityCode === '150700' ? '150203' : f.hlbeArea);
const communityOf = (w: Who, f: Fixture) => (w.cityCode === '150700' ? f.hlbeCommunity : f.kdlCommunity);

function areaRoute(path: (code: string) => string): Rule['req'] {
  return (f, w) => {
    const out = outsideOf(w, f);
    return { inside: { url: path(areaOf(w, f)) }, outside: out ? { url: path(out) } : undefined, otherCity: { url: path(otherCityOf(w, f)) } };
  };
}

const MATRIX: Record<string, Rule> = {
  'GET /api/health': { roles: 'public', req: () => ({ inside: { url: '/api/health' } }) },
  'GET /api/config': { roles: 'public', req: () => ({ inside: { url: '/api/config' } }) },
  'POST /api/auth/login': { roles: 'public', req: (_f, w) => ({ inside: { method: 'POST', url: '/api/auth/login', payload: { username: w.username, password: 'shiyu-demo-2026' } } }) },
  'GET /api/auth/me': { roles: ALL_ROLES, req: () => ({ inside: { url: '/api/auth/me' } }) },
  'POST /api/auth/logout': { roles: ALL_ROLES, fresh: true, req: () => ({ inside: { method: 'POST', url: '/api/auth/logout' } }) },
  'POST /api/auth/logout-all': { roles: ALL_ROLES, fresh: true, req: () => ({ inside: { method: 'POST', url: '/api/auth/logout-all' } }) },
  'POST /api/auth/password': { roles: ALL_ROLES, insideStatus: 400, req: () => ({ inside: { method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'not-my-password-1', newPassword: 'whatever-123456' } } }) },
  'GET /api/api-keys': { roles: STAFF, req: () => ({ inside: { url: '/api/api-keys' } }) },
  'POST /api/api-keys': { roles: STAFF, req: () => ({ inside: { method: 'POST', url: '/api/api-keys', payload: { name: 'matrix' } } }) },
  'DELETE /api/api-keys/:id': {
    roles: STAFF,
    req: (f, w) => ({ inside: { method: 'DELETE', url: `/api/api-keys/${f.keys[w.username]}` }, outside: { method: 'DELETE', url: `/api/api-keys/${f.keys[w.username === 'admin' ? 'dispatcher' : 'admin']}` } }),
  },
  'GET /api/users': { roles: USER_MANAGERS, req: () => ({ inside: { url: '/api/users' } }) },
  'POST /api/users': {
    roles: USER_MANAGERS, outsideStatus: 400,
    req: (f, w) => {
      const n = Math.random().toString(36).slice(2, 8);
      const body = (scopeCode: string) => ({ username: `m.${n}.${scopeCode.slice(-4)}`, displayName: '矩阵测试', role: 'community_staff', scopeCode, password: 'matrix-pass-2026' });
      return w.cityCode === '150700'
        ? { inside: { method: 'POST', url: '/api/users', payload: body(f.hlbeCommunity) }, otherCity: { method: 'POST', url: '/api/users', payload: body(f.kdlCommunity) } }
        : w.role === 'community_staff'
          ? { inside: { method: 'POST', url: '/api/users', payload: { ...body(f.kdlCommunity), role: 'grid_worker', scopeCode: f.users['kdl.grid'].scopeCode } }, outside: { method: 'POST', url: '/api/users', payload: { ...body(f.outsideCommunity), role: 'grid_worker' } }, otherCity: { method: 'POST', url: '/api/users', payload: { ...body(f.hlbeCommunity), role: 'grid_worker' } } }
          : { inside: { method: 'POST', url: '/api/users', payload: body(f.kdlCommunity) }, outside: w.scopeCode === '150200' ? undefined : { method: 'POST', url: '/api/users', payload: body(f.outsideCommunity) }, otherCity: { method: 'POST', url: '/api/users', payload: body(f.hlbeCommunity) } };
    },
  },
  'PATCH /api/users/:id': {
    roles: USER_MANAGERS,
    req: (f, w) => w.cityCode === '150700'
      ? { inside: { method: 'PATCH', url: `/api/users/${w.userId}`, payload: { displayName: '呼伦贝尔市管理员' } }, otherCity: { method: 'PATCH', url: `/api/users/${f.kdlGridUserId}`, payload: { displayName: '网格员' } } }
      : { inside: { method: 'PATCH', url: `/api/users/${f.kdlGridUserId}`, payload: { displayName: '网格员' } }, outside: w.scopeCode === '150200' ? undefined : { method: 'PATCH', url: `/api/users/${f.outsideUserId}`, payload: { displayName: 'x' } }, otherCity: { method: 'PATCH', url: `/api/users/${f.users['hlbe.admin'].userId}`, payload: { displayName: 'x' } } },
  },
  'POST /api/users/:id/unlock': {
    roles: USER_MANAGERS,
    req: (f, w) => w.cityCode === '150700'
      ? { inside: { method: 'POST', url: `/api/users/${w.userId}/unlock` }, otherCity: { method: 'POST', url: `/api/users/${f.kdlGridUserId}/unlock` } }
      : { inside: { method: 'POST', url: `/api/users/${f.kdlGridUserId}/unlock` }, outside: w.scopeCode === '150200' ? undefined : { method: 'POST', url: `/api/users/${f.outsideUserId}/unlock` }, otherCity: { method: 'POST', url: `/api/users/${f.users['hlbe.admin'].userId}/unlock` } },
  },
  'GET /api/areas/roots': {
    roles: STAFF, req: () => ({ inside: { url: '/api/areas/roots' } }),
    check: (res) => expect(res.json().items).toHaveLength(1),
  },
  'GET /api/areas/search': {
    roles: STAFF,
    req: (_f, w) => ({ inside: { url: `/api/areas/search?q=${w.cityCode === '150700' ? '海拉尔' : '社区'}` }, otherCity: { url: `/api/areas/search?q=${w.cityCode === '150700' ? '昆都仑' : '海拉尔'}` } }),
    check: (res, v) => (v === 'inside' ? expect(res.json().items.length).toBeGreaterThan(0) : expect(res.json().items).toHaveLength(0)),
  },
  'GET /api/areas/:code': { roles: STAFF, req: areaRoute((c) => `/api/areas/${c}`) },
  'GET /api/areas/:code/children': { roles: STAFF, req: areaRoute((c) => `/api/areas/${c}/children`) },
  'GET /api/areas/:code/children.geojson': { roles: STAFF, req: areaRoute((c) => `/api/areas/${c}/children.geojson`) },
  'GET /api/areas/:code/self.geojson': { roles: STAFF, req: areaRoute((c) => `/api/areas/${c}/self.geojson`) },
  'GET /api/areas/:code/buildings': { roles: STAFF, req: areaRoute((c) => `/api/areas/${c}/buildings`) },
  'GET /api/areas/:code/grids.geojson': {
    roles: STAFF,
    req: (f, w) => {
      // A city-wide export is large; city users export one community instead.
      const cityWide = w.scopeCode === '150200';
      const v = areaRoute((c) => `/api/areas/${c}/grids.geojson`)(f, cityWide ? { ...w, scopeCode: f.kdlCommunity } : w);
      return cityWide ? { ...v, outside: undefined } : v;
    },
  },
  'GET /api/geo/locate': {
    roles: STAFF,
    req: (f, w) => {
      const at = ([lon, lat]: [number, number]) => ({ url: `/api/geo/locate?lon=${lon}&lat=${lat}` });
      return { inside: at(w.center), outside: w.scopeCode === '150200' || w.cityCode === '150700' ? undefined : at(f.outsideCenter), otherCity: at(w.cityCode === '150700' ? f.baotouCenter : f.hlbeCenter) };
    },
    check: (res, v) => (v === 'inside' ? expect(res.json().grid).not.toBeNull() : expect(res.json().grid).toBeNull()),
  },
  // Everyone, residents too: any point of the caller's city (where a report there goes); another city's point is refused.
  'GET /api/areas/locate': {
    roles: ALL_ROLES,
    req: (f, w) => {
      const at = ([lon, lat]: [number, number]) => ({ url: `/api/areas/locate?lon=${lon}&lat=${lat}` });
      return { inside: at(w.center), otherCity: at(w.cityCode === '150700' ? f.baotouCenter : f.hlbeCenter) };
    },
  },
  'GET /api/areas/outline.geojson': {
    roles: ALL_ROLES, req: () => ({ inside: { url: '/api/areas/outline.geojson?level=street' } }),
    check: (res) => expect(res.json().features.length).toBeGreaterThan(50),
  },
  'POST /api/areas/:code/grids/import': {
    roles: ['city_admin', 'district_staff', 'street_staff', 'community_staff'],
    req: (f, w) => {
      const imp = (c: string) => ({ method: 'POST' as const, url: `/api/areas/${c}/grids/import?dryRun=true`, payload: f.communityGrids[c] ?? { type: 'FeatureCollection', features: [] } });
      const mine = communityOf(w, f);
      return { inside: imp(mine), outside: w.scopeCode === '150200' || w.cityCode === '150700' ? undefined : imp(f.outsideCommunity), otherCity: imp(w.cityCode === '150700' ? f.kdlCommunity : f.hlbeCommunity) };
    },
  },
  'POST /api/police-grids/import': {
    roles: ['city_admin'],
    req: (_f, w) => {
      const [lon, lat] = w.center;
      const ring = [[lon - 0.01, lat - 0.01], [lon + 0.01, lat - 0.01], [lon + 0.01, lat + 0.01], [lon - 0.01, lat + 0.01], [lon - 0.01, lat - 0.01]];
      return { inside: { method: 'POST', url: '/api/police-grids/import', payload: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'JG001', name: '第一警格', station: '派出所' }, geometry: { type: 'Polygon', coordinates: [ring] } }] } } };
    },
  },
  'GET /api/police-grids.geojson': { roles: STAFF, req: () => ({ inside: { url: '/api/police-grids.geojson' } }) },
  'GET /api/audit': { roles: ['city_admin'], req: () => ({ inside: { url: '/api/audit' } }) },
  'POST /api/audit/verify': { roles: ['city_admin'], req: () => ({ inside: { method: 'POST', url: '/api/audit/verify' } }) },
  // Reports: templates are city-wide (another city's is not found); runs are cut to the caller's area.
  'GET /api/reports/templates': { roles: REPORT_READERS, req: () => ({ inside: { url: '/api/reports/templates' } }) },
  'GET /api/reports/templates/:id': { roles: REPORT_READERS, req: (_f, w) => ({ inside: { url: '/api/reports/templates/MZ_ELDERLY' }, otherCity: { url: `/api/reports/templates/${reportFx.otherCity(w)}` } }) },
  'POST /api/reports/templates': {
    roles: ['city_admin', 'district_staff'],
    req: () => ({ inside: { method: 'POST', url: '/api/reports/templates', payload: { code: `MX_NEW_${Math.random().toString(36).slice(2, 8).toUpperCase()}`, name: '矩阵', department: '测试', spec: reportFx.spec } } }),
  },
  'PATCH /api/reports/templates/:id': {
    roles: ['city_admin', 'district_staff'],
    req: (_f, w) => ({ inside: { method: 'PATCH', url: `/api/reports/templates/${reportFx.own[w.username] ?? 'MX_NONE'}`, payload: { name: '矩阵改' } }, otherCity: { method: 'PATCH', url: `/api/reports/templates/${reportFx.otherCity(w)}`, payload: { name: 'x' } } }),
  },
  'DELETE /api/reports/templates/:id': {
    roles: ['city_admin', 'district_staff'],
    req: (_f, w) => ({ inside: { method: 'DELETE', url: `/api/reports/templates/${reportFx.own[w.username] ?? 'MX_NONE'}` }, otherCity: { method: 'DELETE', url: `/api/reports/templates/${reportFx.otherCity(w)}` } }),
  },
  'GET /api/reports/templates/:id/run': { roles: REPORT_READERS, req: areaRoute((c) => `/api/reports/templates/ZZ_ACTUAL_POPULATION/run?area=${c}`) },
  'GET /api/reports/templates/:id/export.xlsx': { roles: REPORT_READERS, req: areaRoute((c) => `/api/reports/templates/MZ_ELDERLY_ALONE_LIST/export.xlsx?area=${c}`) },
  'GET /api/reports/usage': { roles: REPORT_READERS, req: () => ({ inside: { url: '/api/reports/usage' } }) },
  // Registry 基层一表通: records in the user's area / in 青山区 / in the other city (helpers reg* below the matrix).
  'GET /api/registry/vocabularies': { roles: REGISTRY_READERS, req: () => ({ inside: { url: '/api/registry/vocabularies' } }) },
  'GET /api/registry/tags': { roles: REGISTRY_READERS, req: () => ({ inside: { url: '/api/registry/tags' } }) },
  'POST /api/registry/tags': { roles: TAG_EDITORS, req: () => ({ inside: { method: 'POST', url: '/api/registry/tags', payload: { code: `MX_${Math.random().toString(36).slice(2, 8).toUpperCase()}`, name: '矩阵', category: 'care', appliesTo: 'person' } } }) },
  'PATCH /api/registry/tags/:code': { roles: TAG_EDITORS, req: (_f, w) => ({ inside: { method: 'PATCH', url: '/api/registry/tags/VETERAN', payload: { description: '矩阵' } }, otherCity: { method: 'PATCH', url: `/api/registry/tags/${reg.cityOnlyTag[w.cityCode === '150700' ? '150200' : '150700']}`, payload: { description: 'x' } } }) },
  'DELETE /api/registry/tags/:code': { roles: TAG_EDITORS, req: (_f, w) => ({ inside: { method: 'DELETE', url: `/api/registry/tags/${reg.deletableTag[w.username] ?? 'MX_NONE'}` }, otherCity: { method: 'DELETE', url: `/api/registry/tags/${reg.cityOnlyTag[w.cityCode === '150700' ? '150200' : '150700']}` } }) },
  'GET /api/registry/search': {
    roles: REGISTRY_READERS,
    req: regRecord('people', () => ''),
    check: (res, v) => expect(res.json().people).toHaveLength(v === 'inside' ? 1 : 0),
  },
  'GET /api/registry/buildings': { roles: REGISTRY_READERS, req: regGrid((g) => `/api/registry/buildings?grid=${g}`) },
  'POST /api/registry/buildings': { roles: REGISTRY_WRITERS, outsideStatus: 400, req: regCreate('/api/registry/buildings', (gridCode) => ({ gridCode, name: '矩阵新楼', units: [{ name: '1单元' }] })) },
  'GET /api/registry/buildings/:id': { roles: REGISTRY_READERS, req: regRecord('buildings', (id) => `/api/registry/buildings/${id}`) },
  'PATCH /api/registry/buildings/:id': { roles: REGISTRY_WRITERS, req: regOwn('buildings', (id) => ({ method: 'PATCH', url: `/api/registry/buildings/${id}`, payload: { floors: 6 } })) },
  'GET /api/registry/households': { roles: REGISTRY_READERS, req: regGrid((g) => `/api/registry/households?grid=${g}`) },
  'POST /api/registry/households': { roles: REGISTRY_WRITERS, outsideStatus: 400, req: regCreate('/api/registry/households', (gridCode) => ({ gridCode, address: '矩阵路 1 号', members: [{ name: '矩阵户主', idNumber: newIdNumber(), relation: '02' }] })) },
  'GET /api/registry/households/:id': { roles: REGISTRY_READERS, req: regRecord('households', (id) => `/api/registry/households/${id}`) },
  'PATCH /api/registry/households/:id': { roles: REGISTRY_WRITERS, req: regOwn('households', (id) => ({ method: 'PATCH', url: `/api/registry/households/${id}`, payload: { version: 1, room: '101' } })) },
  'GET /api/registry/people': { roles: REGISTRY_READERS, req: regGrid((g) => `/api/registry/people?grid=${g}`) },
  'POST /api/registry/people': { roles: REGISTRY_WRITERS, outsideStatus: 400, req: regCreate('/api/registry/people', (gridCode) => ({ gridCode, name: '矩阵人员', idNumber: newIdNumber() })) },
  'GET /api/registry/people/:id': { roles: REGISTRY_READERS, req: regRecord('people', (id) => `/api/registry/people/${id}`) },
  'PATCH /api/registry/people/:id': { roles: REGISTRY_WRITERS, req: regOwn('people', (id) => ({ method: 'PATCH', url: `/api/registry/people/${id}`, payload: { version: 1, notes: '矩阵' } })) },
  'POST /api/registry/people/:id/move': { roles: REGISTRY_WRITERS, req: regOwn('people', (id) => ({ method: 'POST', url: `/api/registry/people/${id}/move`, payload: { toType: 'floating', reason: '矩阵测试' } })) },
  'POST /api/registry/people/:id/tags': { roles: REGISTRY_WRITERS, req: regOwn('people', (id) => ({ method: 'POST', url: `/api/registry/people/${id}/tags`, payload: { code: 'DISABLED' } })) },
  'DELETE /api/registry/people/:id/tags/:code': { roles: REGISTRY_WRITERS, req: regOwn('people', (id) => ({ method: 'DELETE', url: `/api/registry/people/${id}/tags/VETERAN` })) },
  'POST /api/registry/people/:id/deregister': { roles: REGISTRY_WRITERS, req: regSpare((r) => ({ method: 'POST', url: `/api/registry/people/${r.spare.person}/deregister`, payload: { reason: 'moved_out' } })) },
  'POST /api/registry/households/:id/deregister': { roles: REGISTRY_WRITERS, req: regSpare((r) => ({ method: 'POST', url: `/api/registry/households/${r.spare.household}/deregister`, payload: { reason: 'moved_out' } })) },
  'POST /api/registry/people/:id/reveal': { roles: REVEAL_ROLES, req: regRecord('people', (id) => `/api/registry/people/${id}/reveal`, () => ({ method: 'POST', payload: { field: 'phone', reason: '矩阵核对' } })) },
  'GET /api/registry/organisations': { roles: REGISTRY_READERS, req: regGrid((g) => `/api/registry/organisations?grid=${g}`) },
  'POST /api/registry/organisations': { roles: REGISTRY_WRITERS, outsideStatus: 400, req: regCreate('/api/registry/organisations', (gridCode) => ({ gridCode, kind: 'enterprise', name: '矩阵企业', creditCode: newCreditCode() })) },
  'GET /api/registry/organisations/:id': { roles: REGISTRY_READERS, req: regRecord('organisations', (id) => `/api/registry/organisations/${id}`) },
  'PATCH /api/registry/organisations/:id': { roles: REGISTRY_WRITERS, req: regOwn('organisations', (id) => ({ method: 'PATCH', url: `/api/registry/organisations/${id}`, payload: { version: 1, employees: 3 } })) },
  'GET /api/registry/rental-houses': { roles: REGISTRY_READERS, req: regGrid((g) => `/api/registry/rental-houses?grid=${g}`) },
  'POST /api/registry/rental-houses': { roles: REGISTRY_WRITERS, outsideStatus: 400, req: regCreate('/api/registry/rental-houses', (gridCode) => ({ gridCode, address: '矩阵路 2 号', landlordName: '矩阵房东' })) },
  'GET /api/registry/rental-houses/:id': { roles: REGISTRY_READERS, req: regRecord('rental-houses', (id) => `/api/registry/rental-houses/${id}`) },
  'PATCH /api/registry/rental-houses/:id': { roles: REGISTRY_WRITERS, req: regOwn('rental-houses', (id) => ({ method: 'PATCH', url: `/api/registry/rental-houses/${id}`, payload: { version: 1, tenants: 2 } })) },
  ...Object.fromEntries((['people', 'households', 'buildings', 'organisations', 'rental-houses'] as const).flatMap((k): [string, Rule][] => [
    [`GET /api/registry/${k}/:id/history`, { roles: REGISTRY_READERS, req: regRecord(k, (id) => `/api/registry/${k}/${id}/history`) }],
    [`POST /api/registry/${k}/:id/attachments`, { roles: REGISTRY_WRITERS, req: regRecord(k, (id) => `/api/registry/${k}/${id}/attachments`, () => ({ method: 'POST', ...pngUpload() })) }],
  ])),
  // Imports 批量导入: a job is seen by its creator and by users whose area contains the creator's (helpers imp* below the matrix).
  'GET /api/registry/imports/template': { roles: REGISTRY_WRITERS, req: () => ({ inside: { url: '/api/registry/imports/template?kind=people' } }) },
  'POST /api/registry/imports': { roles: REGISTRY_WRITERS, req: () => ({ inside: { method: 'POST', url: '/api/registry/imports?kind=people', ...fileUpload(csv([PEOPLE_HEADER]), 'matrix.csv') } }) },
  'GET /api/registry/imports': { roles: REGISTRY_WRITERS, req: () => ({ inside: { url: '/api/registry/imports' } }) },
  'GET /api/registry/imports/:id': { roles: REGISTRY_WRITERS, req: impJob('view', (id) => ({ url: `/api/registry/imports/${id}` })) },
  'GET /api/registry/imports/:id/report.xlsx': { roles: REGISTRY_WRITERS, req: impJob('view', (id) => ({ url: `/api/registry/imports/${id}/report.xlsx` })) },
  'POST /api/registry/imports/:id/run': { roles: REGISTRY_WRITERS, req: impJob('run', (id) => ({ method: 'POST', url: `/api/registry/imports/${id}/run`, payload: { validOnly: true } })) },
  'POST /api/registry/imports/:id/cancel': { roles: REGISTRY_WRITERS, req: impJob('cancel', (id) => ({ method: 'POST', url: `/api/registry/imports/${id}/cancel` })) },
  ...Object.fromEntries((['people', 'households', 'organisations', 'rental-houses', 'buildings'] as const).map((k): [string, Rule] =>
    [`GET /api/registry/${k}/export`, { roles: REGISTRY_READERS, req: regGrid((g) => `/api/registry/${k}/export?grid=${g}&format=csv`) }])),
  'GET /api/registry/attachments/:id': { roles: REGISTRY_READERS, req: (_f, w) => regVariants(w, (r) => ({ url: `/api/registry/attachments/${r.attachment}` })) },
  // Tickets 工单 (helper tkVariants below the matrix): each user's own ticket, one in 青山区, one in the other city.
  'POST /api/tickets': {
    roles: TICKET_FILERS, outsideStatus: 400,
    req: (f, w) => {
      const body = ([lon, lat]: [number, number]) => ({ method: 'POST' as const, url: '/api/tickets', payload: { channel: w.role === 'resident' ? 'app' : 'hotline', demandType: 'help', description: '矩阵测试诉求', location: { lon, lat } } });
      const below = w.scopeCode !== '150200' && w.cityCode !== '150700' && w.role !== 'resident';
      return { inside: body(w.center), outside: below ? body(f.outsideCenter) : undefined, otherCity: body(w.cityCode === '150700' ? f.baotouCenter : f.hlbeCenter) };
    },
  },
  'GET /api/tickets': { roles: TICKET_READERS, req: (_f, w) => tkVariants(w, (x) => ({ url: `/api/tickets?q=${encodeURIComponent(x.word)}` })), check: (res, v) => expect(res.json().items).toHaveLength(v === 'inside' ? 1 : 0) },
  'GET /api/tickets/:id': { roles: TICKET_READERS, req: (_f, w) => tkVariants(w, (x) => ({ url: `/api/tickets/${x.id}` })) },
  'POST /api/tickets/:id/actions': { roles: TICKET_ACTORS, req: (_f, w) => tkVariants(w, (x) => ({ method: 'POST', url: `/api/tickets/${x.id}/actions`, payload: 'action' in x ? x.action : { action: 'supervise', level: 'yellow' } })) },
  'GET /api/tickets/by-number/:number': { roles: 'public', req: () => ({ inside: { url: `/api/tickets/by-number/${tk.own.resident.number}?phone=${tk.phone}` } }) },
  'POST /api/tickets/:id/attachments': { roles: TICKET_ACTORS, req: (_f, w) => tkVariants(w, (x) => ({ method: 'POST', url: `/api/tickets/${x.id}/attachments`, ...pngUpload() })) },
  'GET /api/tickets/attachments/:id': { roles: TICKET_READERS, req: (_f, w) => tkVariants(w, (x) => ({ url: `/api/tickets/attachments/${x.photo}` })) },
  'GET /api/tickets/:id/duplicates': { roles: DUPLICATE_READERS, req: (_f, w) => tkVariants(w, (x) => ({ url: `/api/tickets/${x.id}/duplicates` })) },
  'GET /api/tickets/kpis': { roles: KPI_READERS, req: areaRoute((c) => `/api/tickets/kpis?area=${c}`) },
  'GET /api/tickets/kpis.xlsx': { roles: KPI_READERS, req: areaRoute((c) => `/api/tickets/kpis.xlsx?area=${c}`) },
  'GET /api/notifications': { roles: TICKET_READERS, req: () => ({ inside: { url: '/api/notifications' } }) },
  'POST /api/notifications/read-all': { roles: TICKET_READERS, req: () => ({ inside: { method: 'POST', url: '/api/notifications/read-all' } }) },
  // Event-loop configuration 事项分类/派单规则/办理时限: the caller's city only (fixture ea: per city a custom category and two rules).
  'GET /api/tickets/categories': { roles: EVENTS_CONFIG_READERS, req: () => ({ inside: { url: '/api/tickets/categories' } }) },
  'POST /api/tickets/categories': { roles: EVENTS_CONFIG_WRITERS, req: () => ({ inside: { method: 'POST', url: '/api/tickets/categories', payload: { parentCode: 'S01', name: `矩阵${Math.random().toString(36).slice(2, 8)}` } } }) },
  'PATCH /api/tickets/categories/:code': { roles: EVENTS_CONFIG_WRITERS, req: (_f, w) => ({ inside: { method: 'PATCH', url: '/api/tickets/categories/S01', payload: { handleWorkdays: 4 } }, otherCity: { method: 'PATCH', url: `/api/tickets/categories/${ea.other(w.cityCode).category}`, payload: { handleWorkdays: 4 } } }) },
  'GET /api/tickets/routing-rules': { roles: EVENTS_CONFIG_READERS, req: () => ({ inside: { url: '/api/tickets/routing-rules' } }) },
  'POST /api/tickets/routing-rules': { roles: EVENTS_CONFIG_WRITERS, outsideStatus: 400, req: (f, w) => ({ inside: { method: 'POST', url: '/api/tickets/routing-rules', payload: { category: 'S06', area: areaOf(w, f), department: '矩阵局' } }, otherCity: { method: 'POST', url: '/api/tickets/routing-rules', payload: { category: 'S06', area: otherCityOf(w, f), department: '矩阵局' } } }) },
  'PATCH /api/tickets/routing-rules/:id': { roles: EVENTS_CONFIG_WRITERS, req: (_f, w) => ({ inside: { method: 'PATCH', url: `/api/tickets/routing-rules/${ea.byCity[w.cityCode].rule}`, payload: { note: '矩阵' } }, otherCity: { method: 'PATCH', url: `/api/tickets/routing-rules/${ea.other(w.cityCode).rule}`, payload: { note: '矩阵' } } }) },
  'DELETE /api/tickets/routing-rules/:id': { roles: EVENTS_CONFIG_WRITERS, req: (_f, w) => ({ inside: { method: 'DELETE', url: `/api/tickets/routing-rules/${ea.byCity[w.cityCode].deletable}` }, otherCity: { method: 'DELETE', url: `/api/tickets/routing-rules/${ea.other(w.cityCode).rule}` } }) },
  'GET /api/tickets/route-preview': { roles: EVENTS_CONFIG_READERS, outsideStatus: 400, req: (f, w) => ({ inside: { url: `/api/tickets/route-preview?category=S01&area=${areaOf(w, f)}` }, otherCity: { url: `/api/tickets/route-preview?category=S01&area=${otherCityOf(w, f)}` } }) },
  'GET /api/tickets/deadline-policy': { roles: EVENTS_CONFIG_READERS, req: () => ({ inside: { url: '/api/tickets/deadline-policy' } }) },
  'PUT /api/tickets/deadline-policy': { roles: EVENTS_CONFIG_WRITERS, req: () => ({ inside: { method: 'PUT', url: '/api/tickets/deadline-policy', payload: ea.policy } }) },
  'POST /api/tickets/deadline-policy/preview': { roles: EVENTS_CONFIG_READERS, req: () => ({ inside: { method: 'POST', url: '/api/tickets/deadline-policy/preview', payload: ea.policy } }) },
  // 职能部门名录: the caller's city only (fixture ea: per city the department 矩阵局).
  'GET /api/departments': { roles: DEPARTMENT_READERS, req: () => ({ inside: { url: '/api/departments' } }) },
  'POST /api/departments': { roles: DEPARTMENT_WRITERS, req: () => ({ inside: { method: 'POST', url: '/api/departments', payload: { name: `矩阵部门${Math.random().toString(36).slice(2, 8)}`, kind: 'other' } } }) },
  'PATCH /api/departments/:id': { roles: DEPARTMENT_WRITERS, req: (_f, w) => ({ inside: { method: 'PATCH', url: `/api/departments/${ea.byCity[w.cityCode].department}`, payload: { phone: '0472-5123456' } }, otherCity: { method: 'PATCH', url: `/api/departments/${ea.other(w.cityCode).department}`, payload: { phone: '0472-5123456' } } }) },
  // 工作日历: national, read by all staff; any city admin enters a year (here the made-up 2027, a new version each time).
  'GET /api/calendar/years': { roles: CALENDAR_READERS, req: () => ({ inside: { url: '/api/calendar/years' } }) },
  'GET /api/calendar/years/:year': { roles: CALENDAR_READERS, req: () => ({ inside: { url: '/api/calendar/years/2027' } }) },
  'PUT /api/calendar/years/:year': { roles: CALENDAR_WRITERS, req: () => ({ inside: { method: 'PUT', url: '/api/calendar/years/2027', payload: { source: MADE_UP_SOURCE, days: [...MADE_UP_2027] } } }) },
  'POST /api/notifications/:id/read': {
    roles: TICKET_READERS,
    req: (_f, w) => ({
      inside: { method: 'POST', url: `/api/notifications/${tk.own[w.username].notice}/read` },
      outside: w.cityCode === '150700' ? undefined : { method: 'POST', url: `/api/notifications/${tk.qsNotice}/read` },
      otherCity: { method: 'POST', url: `/api/notifications/${tk.own[w.cityCode === '150700' ? 'admin' : 'hlbe.admin'].notice}/read` },
    }),
  },
  // 矛盾纠纷多元化解: per user the organisation, mediator and cases of their own (fixture mx); outside: 青山区's; other city: the other's.
  'GET /api/mediation/organisations': { roles: MEDIATION_READERS, req: () => ({ inside: { url: '/api/mediation/organisations' } }) },
  'POST /api/mediation/organisations': {
    roles: ORG_WRITERS, outsideStatus: 400,
    req: (f, w) => {
      const at = (areaCode: string) => ({ method: 'POST' as const, url: '/api/mediation/organisations', payload: { name: `矩阵调委会${Math.random().toString(36).slice(2, 8)}`, kind: 'people_committee', areaCode } });
      return { inside: at(communityOf(w, f)), outside: w.scopeCode === '150200' || w.cityCode === '150700' ? undefined : at(f.outsideCommunity), otherCity: at(w.cityCode === '150700' ? f.kdlCommunity : f.hlbeCommunity) };
    },
  },
  'PATCH /api/mediation/organisations/:id': { roles: ORG_WRITERS, req: (_f, w) => mxVariants(w, (o) => ({ method: 'PATCH', url: `/api/mediation/organisations/${o.patchOrg}`, payload: { phone: '0472-2119999' } }), (c) => ({ method: 'PATCH', url: `/api/mediation/organisations/${c.org}`, payload: { phone: '0472-2119999' } })) },
  'GET /api/mediation/mediators': { roles: MEDIATION_READERS, req: () => ({ inside: { url: '/api/mediation/mediators' } }) },
  'POST /api/mediation/mediators': {
    roles: MEDIATOR_WRITERS, outsideStatus: 400,
    req: (_f, w) => mxVariants(w, (o) => ({ method: 'POST', url: '/api/mediation/mediators', payload: { orgId: o.mediatorOrg, name: '矩阵调解员', kind: 'part_time' } }), (c) => ({ method: 'POST', url: '/api/mediation/mediators', payload: { orgId: c.org, name: '矩阵调解员', kind: 'part_time' } })),
  },
  'PATCH /api/mediation/mediators/:id': { roles: MEDIATOR_WRITERS, req: (_f, w) => mxVariants(w, (o) => ({ method: 'PATCH', url: `/api/mediation/mediators/${o.patchMediator}`, payload: { specialties: ['neighbour'] } }), (c) => ({ method: 'PATCH', url: `/api/mediation/mediators/${c.mediator}`, payload: { specialties: ['neighbour'] } })) },
  'POST /api/mediation/cases': {
    roles: CASE_CREATORS, outsideStatus: 400,
    req: (_f, w) => mxVariants(w, (o) => ({ method: 'POST', url: '/api/mediation/cases', payload: caseBody(o.orgId, o.grid) }), (c) => ({ method: 'POST', url: '/api/mediation/cases', payload: caseBody(c.org, c.grid) })),
  },
  'GET /api/mediation/cases': { roles: MEDIATION_READERS, req: () => ({ inside: { url: '/api/mediation/cases' } }) },
  'GET /api/mediation/cases/:id': { roles: MEDIATION_READERS, req: (_f, w) => mxCase(w, (o) => o.open, (id) => ({ url: `/api/mediation/cases/${id}` })) },
  'POST /api/mediation/cases/:id/actions': { roles: CASE_ACTORS, req: (_f, w) => mxCase(w, (o) => o.open, (id) => ({ method: 'POST', url: `/api/mediation/cases/${id}/actions`, payload: { action: 'flag_police', reason: '矩阵测试：可能激化' } })) },
  'POST /api/mediation/cases/:id/parties': { roles: CASE_WORKERS, req: (_f, w) => mxCase(w, (o) => o.open, (id) => ({ method: 'POST', url: `/api/mediation/cases/${id}/parties`, payload: { kind: 'person', role: 'third_party', name: '矩阵第三人' } })) },
  'POST /api/mediation/cases/:id/parties/:partyId/reveal': {
    roles: CASE_REVEALERS,
    req: (_f, w) => ({ ...mxCase(w, (o) => o.open, (id) => ({ method: 'POST', url: `/api/mediation/cases/${id}/parties/${mx.qs.party}/reveal`, payload: { field: 'phone', reason: '矩阵测试查看' } })), inside: { method: 'POST', url: `/api/mediation/cases/${mxOwn(w).open}/parties/${mxOwn(w).party}/reveal`, payload: { field: 'phone', reason: '矩阵测试查看' } } }),
  },
  'POST /api/mediation/cases/:id/sessions': { roles: CASE_WORKERS, req: (_f, w) => mxCase(w, (o) => o.assigned, (id) => ({ method: 'POST', url: `/api/mediation/cases/${id}/sessions`, payload: session() })) },
  'POST /api/mediation/cases/:id/agreement': { roles: CASE_WORKERS, req: (_f, w) => mxCase(w, (o) => o.mediating, (id) => ({ method: 'POST', url: `/api/mediation/cases/${id}/agreement`, payload: agreementBody(mxOwn(w).mediatingParties, mxOwn(w).mediators) })) },
  'GET /api/mediation/cases/:id/agreement': { roles: AGREEMENT_READERS, req: (_f, w) => mxCase(w, (o) => o.agreed, (id) => ({ url: `/api/mediation/cases/${id}/agreement` })) },
  'GET /api/mediation/cases/:id/agreement.html': {
    roles: AGREEMENT_PRINT_READERS,
    req: (_f, w) => (w.role === 'resident'
      ? { inside: { url: `/api/mediation/cases/${ap.agreed}/agreement.html` }, outside: { url: `/api/mediation/cases/${mx.own['kdl.street'].agreed}/agreement.html` }, otherCity: { url: `/api/mediation/cases/${mx.byCity['150700'].caseId}/agreement.html` } }
      : mxCase(w, (o) => o.agreed, (id) => ({ url: `/api/mediation/cases/${id}/agreement.html` }))),
  },
  // 申请调解: a resident's own applications; another's case in the city (outside) and the other city's are 404 (ap: mediation-applications-fixtures.ts).
  'POST /api/mediation/applications': {
    roles: APPLICANTS, outsideStatus: 400,
    req: (f, w) => {
      const at = ([lon, lat]: [number, number]) => ({ method: 'POST' as const, url: '/api/mediation/applications', payload: { category: 'neighbour', summary: '矩阵测试：邻居装修噪音，请求调解', otherParties: [{ name: '矩阵邻居', kind: 'person' }], address: '矩阵小区', location: { lon, lat } } });
      return { inside: at(w.center), otherCity: at(w.cityCode === '150700' ? f.baotouCenter : f.hlbeCenter) };
    },
  },
  'GET /api/mediation/applications': { roles: APPLICANTS, req: () => ({ inside: { url: '/api/mediation/applications' } }) },
  'GET /api/mediation/applications/committees': {
    roles: APPLICANTS, outsideStatus: 400,
    req: (f, w) => ({ inside: { url: `/api/mediation/applications/committees?lon=${w.center[0]}&lat=${w.center[1]}` }, otherCity: { url: `/api/mediation/applications/committees?lon=${f.hlbeCenter[0]}&lat=${f.hlbeCenter[1]}` } }),
  },
  'GET /api/mediation/applications/:id': {
    roles: APPLICANTS,
    req: () => ({ inside: { url: `/api/mediation/applications/${ap.waiting}` }, outside: { url: `/api/mediation/applications/${mx.own['kdl.street'].open}` }, otherCity: { url: `/api/mediation/applications/${mx.byCity['150700'].caseId}` } }),
  },
  'POST /api/mediation/applications/:id/withdraw': {
    roles: APPLICANTS,
    req: () => {
      const at = (id: number) => ({ method: 'POST' as const, url: `/api/mediation/applications/${id}/withdraw`, payload: { reason: '矩阵测试：撤回申请' } });
      return { inside: at(ap.withdrawable), outside: at(mx.own['kdl.street'].open), otherCity: at(mx.byCity['150700'].caseId) };
    },
  },
  'POST /api/mediation/cases/:id/judicial-confirmation': { roles: CASE_WORKERS, req: (_f, w) => mxCase(w, (o) => o.agreed, (id) => ({ method: 'POST', url: `/api/mediation/cases/${id}/judicial-confirmation`, payload: { appliedOn: today(), court: '矩阵人民法院' } })) },
  'POST /api/mediation/cases/:id/judicial-confirmation/result': { roles: CASE_WORKERS, req: (_f, w) => mxCase(w, (o) => o.applied, (id) => ({ method: 'POST', url: `/api/mediation/cases/${id}/judicial-confirmation/result`, payload: { result: 'confirmed', decidedOn: today() } })) },
  'POST /api/mediation/cases/:id/follow-ups': { roles: CASE_WORKERS, req: (_f, w) => mxCase(w, (o) => o.agreed, (id) => ({ method: 'POST', url: `/api/mediation/cases/${id}/follow-ups`, payload: { visitedOn: today(), performance: 'partly', note: '矩阵回访' } })) },
  'GET /api/mediation/settings': { roles: MEDIATION_READERS, req: () => ({ inside: { url: '/api/mediation/settings' } }) },
  'PUT /api/mediation/settings': { roles: SETTINGS_WRITERS, req: () => ({ inside: { method: 'PUT', url: '/api/mediation/settings', payload: { conclusionDays: 30, courtDays: 30, courtExtensionDays: 30, redAfterWorkdays: 5 } } }) },
  // 人民调解统计: an area of one's own scope (mediators: further, their organisations' cases); 青山区 and the other city: 404.
  'GET /api/mediation/stats': { roles: MEDIATION_STATS_READERS, req: areaRoute((c) => `/api/mediation/stats?area=${c}`) },
  'GET /api/mediation/stats.xlsx': { roles: MEDIATION_STATS_READERS, req: areaRoute((c) => `/api/mediation/stats.xlsx?area=${c}`) },
  // 排查预警: campaigns, tasks and warnings of the user's city; 青山区's outside; the other city's (sc: mediation-screening-fixtures.ts).
  'POST /api/mediation/screening/campaigns': {
    roles: CAMPAIGN_WRITERS, outsideStatus: 400,
    req: (_f, w) => scVariants(w, (k) => ({ method: 'POST', url: '/api/mediation/screening/campaigns', payload: { title: '矩阵排查活动', periodFrom: today(), periodTo: today(), areaCodes: [k === '150200' ? sc.areas.kdlStreet : k === '150700' ? sc.areas.hlbe : sc.areas.qs] } })),
  },
  'GET /api/mediation/screening/campaigns': { roles: SCREENING_READERS, req: () => ({ inside: { url: '/api/mediation/screening/campaigns' } }) },
  'GET /api/mediation/screening/campaigns/:id': { roles: SCREENING_READERS, req: (_f, w) => scVariants(w, (k) => ({ url: `/api/mediation/screening/campaigns/${sc.campaign[k]}` })) },
  'GET /api/mediation/screening/campaigns/:id.xlsx': { roles: SCREENING_READERS, req: (_f, w) => scVariants(w, (k) => ({ url: `/api/mediation/screening/campaigns/${sc.campaign[k]}.xlsx` })) },
  'GET /api/mediation/screening/tasks': { roles: SCREENING_READERS, req: () => ({ inside: { url: '/api/mediation/screening/tasks' } }) },
  'GET /api/mediation/screening/tasks/:id': { roles: SCREENING_READERS, req: (_f, w) => scVariants(w, (k) => ({ url: `/api/mediation/screening/tasks/${sc.task[k]}` })) },
  'POST /api/mediation/screening/tasks/:id/answers': { roles: TASK_WORKERS, req: (_f, w) => scVariants(w, (k) => ({ method: 'POST', url: `/api/mediation/screening/tasks/${sc.task[k]}/answers`, payload: { answers: [{ item: 'c1', found: false }] } })) },
  'POST /api/mediation/screening/tasks/:id/findings': {
    roles: TASK_WORKERS,
    req: (_f, w) => scVariants(w, (k) => ({ method: 'POST', url: `/api/mediation/screening/tasks/${sc.task[k]}/findings`, payload: { item: 'c2', summary: '矩阵测试：楼上楼下噪音纠纷', parties: caseBody(1, '').parties } })),
  },
  'GET /api/mediation/warnings': { roles: WARNING_READERS, req: () => ({ inside: { url: '/api/mediation/warnings' } }) },
  'GET /api/mediation/warnings/rules': { roles: RULE_READERS, req: () => ({ inside: { url: '/api/mediation/warnings/rules' } }) },
  'PUT /api/mediation/warnings/rules/:rule': { roles: RULE_WRITERS, req: () => ({ inside: { method: 'PUT', url: '/api/mediation/warnings/rules/many_parties', payload: { enabled: true, level: 'warning', police: false, params: { minPeople: 5 } } } }) },
  'GET /api/mediation/warnings/:id': { roles: WARNING_READERS, req: (_f, w) => scVariants(w, (k) => ({ url: `/api/mediation/warnings/${k === '150200' && w.role === 'mediator' ? sc.warning.mediator : sc.warning[k]}` })) },
  'POST /api/mediation/warnings/:id/handle': {
    roles: WARNING_HANDLERS,
    req: (_f, w) => ({
      ...scVariants(w, (k) => ({ method: 'POST', url: `/api/mediation/warnings/${sc.warning[k]}/handle`, payload: { note: '矩阵测试处置' } })),
      inside: { method: 'POST', url: `/api/mediation/warnings/${sc.toHandle[w.username] ?? sc.warning['150200']}/handle`, payload: { note: '矩阵测试处置' } },
    }),
  },
  // Open311 GeoReport v2: public like the spec; POST checks its api_key inside (a session is not a key: 403 error array).
  'GET /open311/v2/discovery.:format': { roles: 'public', req: () => ({ inside: { url: '/open311/v2/discovery.json' } }) },
  'GET /open311/v2/services.:format': { roles: 'public', req: () => ({ inside: { url: '/open311/v2/services.xml?jurisdiction_id=150200' } }) },
  'GET /open311/v2/services/:service_code.:format': { roles: 'public', req: () => ({ inside: { url: '/open311/v2/services/T01.01.json?jurisdiction_id=150200' } }) },
  'POST /open311/v2/requests.:format': { roles: 'public', insideStatus: 403, req: (_f, w) => ({ inside: { method: 'POST', url: '/open311/v2/requests.json', payload: { jurisdiction_id: w.cityCode, service_code: 'T01', lat: w.center[1], long: w.center[0] } } }) },
  'GET /open311/v2/requests.:format': { roles: 'public', req: () => ({ inside: { url: '/open311/v2/requests.json?jurisdiction_id=150200' } }) },
  'GET /open311/v2/requests/:service_request_id.:format': { roles: 'public', req: () => ({ inside: { url: `/open311/v2/requests/${tk.own.resident.number}.json?jurisdiction_id=150200` } }) },
};

let t: TestApp;
let f: Fixture;
const DEMO = ['admin', 'dispatcher', 'kdl.district', 'kdl.street', 'kdl.community', 'kdl.grid', 'dept.zhujian', 'mediator', 'police', 'resident', 'hlbe.admin'];

async function centerOf(code: string): Promise<[number, number]> {
  // A point inside the first grid under the area, so "inside" really lands in a grid of the scope.
  const row = await t.tdb.db.selectFrom('area').select('center').where('level', '=', 'grid')
    .where(sql<boolean>`path <@ (SELECT path FROM area WHERE code = ${code})`).orderBy('code').limit(1).executeTakeFirstOrThrow();
  return row.center!;
}
async function firstCommunity(under: string): Promise<string> {
  const r = await t.tdb.db.selectFrom('area').select('code').where('level', '=', 'community')
    .where(sql<boolean>`path <@ (SELECT path FROM area WHERE code = ${under})`).orderBy('code').limit(1).executeTakeFirstOrThrow();
  return r.code;
}

beforeAll(async () => {
  t = await createTestApp();
  const users: Record<string, Who> = {};
  for (const u of DEMO) {
    const me = (await t.as(await t.login(u), { url: '/api/auth/me' })).json().user;
    users[u] = { username: u, role: me.role, cityCode: me.cityCode, scopeCode: me.scopeCode, center: await centerOf(me.scopeCode), userId: me.id };
  }
  const admin = await t.login('admin');
  const outsideCommunity = await firstCommunity('150204');
  const outsideGrid = await t.tdb.db.selectFrom('area').select('code').where('parent_code', '=', outsideCommunity).orderBy('code').limit(1).executeTakeFirstOrThrow();
  const created = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username: 'qs.grid', displayName: '青山区网格员', role: 'grid_worker', scopeCode: outsideGrid.code, password: 'qingshan-2026' } });
  expect(created.statusCode).toBe(201);
  const kdlCommunity = users['kdl.community'].scopeCode;
  const hlbeCommunity = await firstCommunity('150702');
  const communityGrids: Record<string, unknown> = {};
  for (const [c, who] of [[kdlCommunity, 'admin'], [hlbeCommunity, 'hlbe.admin']] as const) {
    communityGrids[c] = (await t.as(await t.login(who), { url: `/api/areas/${c}/grids.geojson` })).json();
  }
  const keys: Record<string, number> = {};
  for (const u of DEMO) {
    if (users[u].role === 'resident') continue;
    keys[u] = (await t.as(await t.login(u), { method: 'POST', url: '/api/api-keys', payload: { name: 'for-delete' } })).json().id;
  }
  f = {
    users, kdlCommunity, kdlGridUserId: users['kdl.grid'].userId,
    outsideArea: '150204', outsideCommunity, outsideCenter: await centerOf('150204'), outsideUserId: created.json().id,
    hlbeArea: '150702', hlbeCommunity, hlbeCenter: await centerOf('150702'), baotouCenter: await centerOf('150203'),
    communityGrids, keys,
  };
});
afterAll(async () => { await t?.close(); });

// Report templates for the PATCH/DELETE rows: one custom template per writer, owned by its scope, and one per city.
const reportFx = {
  own: {} as Record<string, number>, byCity: {} as Record<string, number>,
  otherCity: (w: Who) => reportFx.byCity[w.cityCode === '150700' ? '150200' : '150700'],
  spec: { kind: 'table', level: 'street', columns: [{ key: 'people', label: '实有人口', measure: { kind: 'count', entity: 'person' } }] },
};
beforeAll(async () => {
  const add = async (cityCode: string, code: string, ownerPath: string) => Number((await t.tdb.db.insertInto('report_template')
    .values({ city_code: cityCode, code, name: '矩阵', department: '测试', spec: JSON.stringify(reportFx.spec), owner_path: ownerPath }).returning('id').executeTakeFirstOrThrow()).id);
  for (const w of Object.values(f.users)) {
    if (w.role === 'city_admin' || w.role === 'district_staff') reportFx.own[w.username] = await add(w.cityCode, `MX_${w.username.replace(/\W/g, '_').toUpperCase()}`, (await t.tdb.db.selectFrom('area').select('path').where('code', '=', w.scopeCode).executeTakeFirstOrThrow()).path);
  }
  for (const city of ['150200', '150700']) reportFx.byCity[city] = await add(city, 'MX_CITY', city);
});

// Registry fixtures: built through the API after the users are known.
let reg: RegistryMatrixFixture;
beforeAll(async () => { reg = await registryMatrixFixture(t, f.users); });
let imp: ImportMatrixFixture;
beforeAll(async () => { imp = await importMatrixFixture(t, f.users, reg.grids, newIdNumber); });
let tk: TicketMatrixFixture;
beforeAll(async () => { tk = await ticketMatrixFixture(t, f.users, f.outsideUserId); });
let ea: EventsAdminMatrixFixture;
beforeAll(async () => { ea = await eventsAdminMatrixFixture(t.tdb.db); });
let mx: MediationMatrixFixture;
beforeAll(async () => { mx = await mediationMatrixFixture(t); });
let ap: ApplicationMatrixFixture;
beforeAll(async () => { ap = await applicationMatrixFixture(t); });
let sc: ScreeningMatrixFixture;
beforeAll(async () => { sc = await screeningMatrixFixture(t, mx); });
/** inside: the user's city's; outside: 青山区's, for users below the city; otherCity: the other city's. */
function scVariants(w: Who, req: (k: '150200' | '150700' | 'qs') => InjectOptions): Variants {
  const hl = w.cityCode === '150700';
  return { inside: req(hl ? '150700' : '150200'), outside: hl || w.scopeCode === '150200' ? undefined : req('qs'), otherCity: req(hl ? '150200' : '150700') };
}
type MxOwn = MediationMatrixFixture['own'][string];
type MxCity = MediationMatrixFixture['byCity'][string];
/** The user's own mediation records (the street's for users with none). */
const mxOwn = (w: Who): MxOwn => mx.own[w.username] ?? mx.own['kdl.street'];
/** inside: the user's own; outside: 青山区's (for users below the city); otherCity: the other city's. */
function mxVariants(w: Who, own: (o: MxOwn) => InjectOptions, elsewhere: (c: MxCity) => InjectOptions): Variants {
  const hl = w.cityCode === '150700';
  return {
    inside: own(mxOwn(w)),
    outside: hl || w.scopeCode === '150200' ? undefined : elsewhere({ caseId: mx.qs.caseId, org: mx.qs.org, mediator: mx.qs.mediator, grid: mx.qs.grid }),
    otherCity: elsewhere(mx.byCity[hl ? '150200' : '150700']),
  };
}
function mxCase(w: Who, pick: (o: MxOwn) => number, req: (id: number) => InjectOptions): Variants {
  return mxVariants(w, (o) => req(pick(o)), (c) => req(c.caseId));
}
/** inside: the user's own ticket; outside: a 青山区 ticket (for all but the city-wide desk); otherCity: the other city's. */
function tkVariants(w: Who, at: (x: TicketMatrixFixture['qs'] | TicketMatrixFixture['own'][string]) => InjectOptions): Variants {
  const hl = w.cityCode === '150700';
  return {
    inside: at(tk.own[w.username]),
    outside: hl || w.role === 'city_admin' || w.role === 'dispatcher' ? undefined : at(tk.qs),
    otherCity: at(hl ? tk.kdl : tk.hlbe),
  };
}
/** inside: the user's own job; outside: a 青山区 grid worker's (for users below the city); otherCity: the other city admin's. */
function impJob(which: 'view' | 'run' | 'cancel', req: (id: number) => InjectOptions): Rule['req'] {
  return (_f, w) => ({
    inside: req((imp.own[w.username] ?? imp.own.admin)[which]),
    outside: w.scopeCode === '150200' || w.cityCode === '150700' ? undefined : req(imp.qs),
    otherCity: req(imp.byCity[w.cityCode === '150700' ? '150200' : '150700']),
  });
}
/** inside: the user's city's records (昆都仑 grid / 呼伦贝尔); outside: 青山区, for users below the city; otherCity: the other city's. */
function regVariants(w: Who, at: (r: RegistryRecords, gridCode: string) => InjectOptions): Variants {
  const hl = w.cityCode === '150700';
  return {
    inside: hl ? at(reg.hlbe, reg.grids.hlbeGrid) : at(reg.kdl, reg.grids.kdlGrid),
    outside: hl || w.scopeCode === '150200' ? undefined : at(reg.qs, reg.grids.qsGrid),
    otherCity: hl ? at(reg.kdl, reg.grids.kdlGrid) : at(reg.hlbe, reg.grids.hlbeGrid),
  };
}
function regRecord(kind: RegistryKind, path: (id: number) => string, extra: () => InjectOptions = () => ({})): Rule['req'] {
  // The search row finds the record by its ID number (path gives '').
  return (_f, w) => regVariants(w, (r) => ({ ...extra(), url: path(r[kind]) || `/api/registry/search?q=${r.idNumber}` }));
}
function regGrid(path: (gridCode: string) => string): Rule['req'] {
  return (_f, w) => regVariants(w, (_r, g) => ({ url: path(g) }));
}
function regCreate(url: string, body: (gridCode: string) => Record<string, unknown>): Rule['req'] {
  return (_f, w) => regVariants(w, (_r, g) => ({ method: 'POST', url, payload: body(g) }));
}
/** A record of the user's own, changed once (its version is 1 when the row runs). */
function regOwn(kind: RegistryKind, req: (id: number) => InjectOptions): Rule['req'] {
  return (f, w) => ({ ...regVariants(w, (r) => req(r[kind])), inside: req((reg.own[w.username] ?? reg.kdl)[kind]) });
}

/** The user's own spare records (a lone person, an empty household): deregistered once, inside only. */
function regSpare(req: (r: RegistryRecords) => InjectOptions): Rule['req'] {
  return (_f, w) => ({ ...regVariants(w, req), inside: req(reg.own[w.username] ?? reg.kdl) });
}

describe('scope matrix', () => {
  it('has a rule for every route the server serves, and no rule for a route it does not', () => {
    const served = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(served.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !served.includes(k))).toEqual([]);
  });

  it('every route declares the roles the matrix expects', () => {
    for (const r of t.app.routeTable) {
      const rule = MATRIX[`${r.method} ${r.url}`];
      if (rule.roles === 'public') expect(r.access, r.url).toEqual({ public: true });
      else expect([...(r.access as { roles: Role[] }).roles].sort(), `${r.method} ${r.url}`).toEqual([...rule.roles].sort());
    }
  });

  it('refuses anonymous callers on every non-public route', async () => {
    for (const [key, rule] of Object.entries(MATRIX)) {
      if (rule.roles === 'public') continue;
      const { inside } = rule.req(f, f.users.admin);
      const res = await t.app.inject({ ...inside, headers: { 'x-requested-with': 'shiyu' } });
      expect(res.statusCode, key).toBe(401);
    }
  });

  for (const username of DEMO) {
    it(`allows ${username} exactly where its role and area say`, async () => {
      const w = f.users[username];
      // Logout routes end sessions (logout-all: every session of the user), so they run last.
      const ordered = Object.entries(MATRIX).sort(([, a], [, b]) => Number(!!a.fresh) - Number(!!b.fresh));
      for (const [key, rule] of ordered) {
        const allowed = rule.roles === 'public' || rule.roles.includes(w.role);
        const variants = rule.req(f, w);
        for (const v of ['inside', 'outside', 'otherCity'] as const) {
          const opts = variants[v];
          if (!opts) continue;
          const cookie = rule.fresh ? (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'shiyu-demo-2026' } })).cookies[0].value : undefined;
          const res = await t.as(cookie ? `shiyu_sid=${cookie}` : await t.login(username), opts);
          const label = `${username} ${key} ${v} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          if (!allowed) {
            expect(res.statusCode, label).toBe(403);
          } else if (v === 'inside') {
            if (rule.insideStatus) expect(res.statusCode, label).toBe(rule.insideStatus);
            else expect(res.statusCode, label).toBeLessThan(300);
          } else if (rule.check) {
            expect(res.statusCode, label).toBe(200);
          } else {
            expect(res.statusCode, label).toBe(rule.outsideStatus ?? 404);
          }
          if (allowed && rule.check && res.statusCode === 200) rule.check(res, v);
        }
      }
    });
  }
});
