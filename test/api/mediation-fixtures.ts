import { sql } from 'kysely';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { dayOf } from '../../src/kernel/calendar/index.ts';
import type { TestApp } from '../helpers/app.ts';
import { newCreditCode, newIdNumber } from './registry-fixtures.ts';

/** Shared helpers of the mediation API tests (矛盾纠纷多元化解): the demo organisations, cases through HTTP. */

export const ok = (res: LightMyRequestResponse, status = 200) => { expect(res.statusCode, res.body).toBe(status); return res.json(); };
export const today = () => dayOf(new Date());

export interface Org { id: number; path: string; name: string }
export interface Demo {
  /** The demo street's committee (kdl.street's desk; the `mediator` login belongs to it) and its studio. */
  street: Org; studio: Org;
  /** kdl.community's community committee, 昆都仑区's committee and property committee, the city's medical committee. */
  community: Org; district: Org; property: Org; city: Org;
  /** 鄂温克族自治旗's committee (呼伦贝尔). */
  hlbe: Org;
  /** Mediator ids: the `mediator` login's record, a colleague in the street committee, one of the district committee, one of the banner. */
  me: number; colleague: number; districtMediator: number; hlbeMediator: number;
  /** kdl.grid's grid (inside every 昆都仑区 demo user's scope), a grid of 呼伦贝尔's banner. */
  kdlGrid: string; hlbeGrid: string;
}

export async function demo(t: TestApp): Promise<Demo> {
  const db = t.tdb.db;
  const org = async (where: string) => {
    const r = await db.selectFrom('mediation_org').select(['id', 'area_path', 'name']).where(sql<boolean>`${sql.raw(where)}`).orderBy('id').limit(1).executeTakeFirstOrThrow();
    return { id: r.id, path: r.area_path, name: r.name };
  };
  const scope = async (u: string) => (await db.selectFrom('app_user').select('scope_path').where('username', '=', u).executeTakeFirstOrThrow()).scope_path;
  const streetPath = await scope('kdl.street');
  const mediator = await db.selectFrom('mediator as m').innerJoin('app_user as u', 'u.id', 'm.user_id').select(['m.id', 'm.org_id']).where('u.username', '=', 'mediator').executeTakeFirstOrThrow();
  const firstMediator = async (orgId: number, not?: number) => (await db.selectFrom('mediator').select('id').where('org_id', '=', orgId).where('id', '!=', not ?? -1).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  const street = await org(`area_path = '${streetPath}' AND kind = 'people_committee'`);
  const district = await org(`area_path = '150200.150203' AND kind = 'people_committee'`);
  const hlbe = await org(`area_path = '150700.150724' AND kind = 'people_committee'`);
  const grid = await scope('kdl.grid');
  const hlbeGrid = await db.selectFrom('area').select('code').where('level', '=', 'grid').where(sql<boolean>`path <@ '150700.150724'::ltree`).orderBy('code').limit(1).executeTakeFirstOrThrow();
  return {
    street, district, hlbe,
    studio: await org(`area_path = '${streetPath}' AND kind = 'branded_studio'`),
    community: await org(`area_path = '${await scope('kdl.community')}' AND kind = 'people_committee'`),
    property: await org(`area_path = '150200.150203' AND kind = 'industry_committee'`),
    city: await org(`area_path = '150200' AND kind = 'industry_committee'`),
    me: mediator.id, colleague: await firstMediator(street.id, mediator.id), districtMediator: await firstMediator(district.id), hlbeMediator: await firstMediator(hlbe.id),
    kdlGrid: grid.split('.').pop()!, hlbeGrid: hlbeGrid.code,
  };
}

/** Two parties with identities and addresses (enough for an agreement), a neighbour dispute. */
export function parties(over: Record<string, unknown>[] = []) {
  const base = [
    { kind: 'person', role: 'applicant', name: '张桂芳', idNumber: newIdNumber('2'), phone: '13947200001', address: '少先路街道某小区3号楼2单元401' },
    { kind: 'person', role: 'respondent', name: '刘志刚', idNumber: newIdNumber('1'), phone: '13947200002', address: '少先路街道某小区3号楼2单元501' },
  ];
  return base.map((p, i) => ({ ...p, ...over[i] }));
}
export const companyParty = (role = 'respondent') => ({ kind: 'organisation', role, name: '包头市某物业服务有限公司', creditCode: newCreditCode(), phone: '0472-2123456', address: '昆都仑区某路 8 号', legalRep: '孙经理' });

export function caseBody(orgId: number, gridCode: string, over: Record<string, unknown> = {}) {
  return { source: 'walk_in', orgId, category: 'neighbour', summary: '楼上卫生间漏水，楼下天花板受损，双方就维修和赔偿发生争执', amount: 3000, gridCode, parties: parties(), ...over };
}

export async function createCase(t: TestApp, who: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.as(await t.login(who), { method: 'POST', url: '/api/mediation/cases', payload: body, headers });
}
export async function act(t: TestApp, who: string, id: number, body: Record<string, unknown>) {
  return t.as(await t.login(who), { method: 'POST', url: `/api/mediation/cases/${id}/actions`, payload: body });
}
export async function post(t: TestApp, who: string, url: string, payload: Record<string, unknown>) {
  return t.as(await t.login(who), { method: 'POST', url, payload });
}
export async function get(t: TestApp, who: string, url: string) {
  return t.as(await t.login(who), { url });
}

export const session = (minutes = '双方到场陈述，申请人要求赔偿维修费，被申请人同意承担部分费用') =>
  ({ heldAt: new Date().toISOString(), place: '街道人民调解室', attendees: ['张桂芳', '刘志刚', '街道人民调解员'], minutes });

export function agreementBody(partyIds: number[], mediatorIds: number[], over: Record<string, unknown> = {}) {
  return {
    parties: partyIds, facts: '被申请人家卫生间防水层老化漏水，致申请人家卫生间天花板及墙面受损', disputes: '漏水损失的赔偿数额及维修责任',
    responsibilities: '被申请人对漏水负全部责任；申请人对损失扩大无责任',
    terms: [{ content: '被申请人赔偿申请人维修费 2500 元', manner: '一次性银行转账', deadline: today() }, { content: '被申请人重做卫生间防水', manner: '自行委托施工单位', deadline: today() }],
    signedOn: today(), signedBy: { parties: partyIds, mediators: mediatorIds }, ...over,
  };
}

/** Steps of the main path for a case the `by` user runs as committee, up to `stage`. */
export type Stage = 'registered' | 'accepted' | 'assigned' | 'mediating' | 'agreed' | 'applied';
export async function caseAt(t: TestApp, stage: Stage, by: string, orgId: number, gridCode: string, mediatorId: number, extra: Record<string, unknown> = {}): Promise<{ id: number; number: string; parties: number[] }> {
  const created = ok(await createCase(t, by, caseBody(orgId, gridCode, extra)), 201);
  const id = created.id as number;
  const ps = (await t.tdb.db.selectFrom('mediation_party').select('id').where('case_id', '=', id).orderBy('id').execute()).map((p) => p.id);
  const order: Stage[] = ['registered', 'accepted', 'assigned', 'mediating', 'agreed', 'applied'];
  const steps: [Stage, () => Promise<LightMyRequestResponse>][] = [
    ['accepted', () => act(t, by, id, { action: 'accept' })],
    ['assigned', () => act(t, by, id, { action: 'assign', mediatorIds: [mediatorId], chosenBy: 'committee' })],
    ['mediating', () => post(t, by, `/api/mediation/cases/${id}/sessions`, session())],
    ['agreed', () => post(t, by, `/api/mediation/cases/${id}/agreement`, agreementBody(ps, [mediatorId]))],
    ['applied', () => post(t, by, `/api/mediation/cases/${id}/judicial-confirmation`, { appliedOn: today(), court: '包头市昆都仑区人民法院' })],
  ];
  for (const [s, run] of steps) {
    if (order.indexOf(s) > order.indexOf(stage)) break;
    const res = await run();
    expect(res.statusCode, `${s}: ${res.body}`).toBeLessThan(300);
  }
  return { id, number: created.number, parties: ps };
}

export const counts = async (t: TestApp) => {
  const n = async (table: 'mediation_case' | 'mediation_case_action' | 'mediation_party' | 'mediation_agreement' | 'mediation_session' | 'ticket_action' | 'mediation_counter') =>
    Number((await t.tdb.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { cases: await n('mediation_case'), actions: await n('mediation_case_action'), parties: await n('mediation_party'), agreements: await n('mediation_agreement'), sessions: await n('mediation_session'), ticketActions: await n('ticket_action') };
};

/** For the scope matrix: per demo user the cases and records they may act on once, and cases elsewhere. */
export interface MediationMatrixFixture {
  /** Per user: the organisation they file to, the place, the org/mediator they may change, and cases by stage (for their relation). */
  own: Record<string, {
    orgId: number; grid: string; patchOrg: number; patchMediator: number; mediatorOrg: number;
    open: number; assigned: number; mediating: number; agreed: number; applied: number; party: number; mediators: number[]; mediatingParties: number[];
  }>;
  /** A 青山区 organisation, mediator, grid and case (outside every 昆都仑区 user); a case of each city. */
  qs: { org: number; mediator: number; grid: string; caseId: number; party: number };
  byCity: Record<string, { caseId: number; org: number; mediator: number; grid: string }>;
}

export async function mediationMatrixFixture(t: TestApp): Promise<MediationMatrixFixture> {
  const d = await demo(t);
  const db = t.tdb.db;
  const firstMediator = async (orgId: number) => (await db.selectFrom('mediator').select('id').where('org_id', '=', orgId).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  // 呼伦贝尔 has no city-level committee in the demo data: its admin sets one up (and a mediator) to act as a committee.
  const hlbeCity = ok(await post(t, 'hlbe.admin', '/api/mediation/organisations', { name: '呼伦贝尔市医疗纠纷人民调解委员会', kind: 'industry_committee', field: 'medical', areaCode: '150700' }), 201).id as number;
  const hlbeCityMediator = ok(await post(t, 'hlbe.admin', '/api/mediation/mediators', { orgId: hlbeCity, name: '敖登', kind: 'full_time', phone: '13904700099' }), 201).id as number;
  const qsGrid = (await db.selectFrom('area').select('code').where('level', '=', 'grid').where('code', 'like', '150204%').orderBy('code').limit(1).executeTakeFirstOrThrow()).code;
  const qsOrg = ok(await post(t, 'admin', '/api/mediation/organisations', { name: '青山区人民调解委员会', kind: 'people_committee', areaCode: '150204' }), 201).id as number;
  const qsMediator = ok(await post(t, 'admin', '/api/mediation/mediators', { orgId: qsOrg, name: '青山调解员', kind: 'full_time' }), 201).id as number;
  const qsCase = await caseAt(t, 'registered', 'admin', qsOrg, qsGrid, qsMediator); // the city supervises 青山区's committee, it does not accept for it

  // Who runs whose cases as committee (admin: the city's medical committee; the mediator: its street committee).
  const runs: Record<string, { by: string; org: number; grid: string; mediator: number; patchOrg: number; patchMediator: number; mediatorOrg: number }> = {
    admin: { by: 'admin', org: d.city.id, grid: d.kdlGrid, mediator: await firstMediator(d.city.id), patchOrg: d.district.id, patchMediator: d.colleague, mediatorOrg: d.street.id },
    'kdl.district': { by: 'kdl.district', org: d.district.id, grid: d.kdlGrid, mediator: d.districtMediator, patchOrg: d.property.id, patchMediator: d.colleague, mediatorOrg: d.street.id },
    'kdl.street': { by: 'kdl.street', org: d.street.id, grid: d.kdlGrid, mediator: d.me, patchOrg: d.street.id, patchMediator: d.colleague, mediatorOrg: d.street.id },
    'kdl.community': { by: 'kdl.community', org: d.community.id, grid: d.kdlGrid, mediator: await firstMediator(d.community.id), patchOrg: d.community.id, patchMediator: d.colleague, mediatorOrg: d.community.id },
    mediator: { by: 'mediator', org: d.street.id, grid: d.kdlGrid, mediator: d.me, patchOrg: d.street.id, patchMediator: d.colleague, mediatorOrg: d.street.id },
    'hlbe.admin': { by: 'hlbe.admin', org: hlbeCity, grid: d.hlbeGrid, mediator: hlbeCityMediator, patchOrg: d.hlbe.id, patchMediator: d.hlbeMediator, mediatorOrg: d.hlbe.id },
  };
  const own: MediationMatrixFixture['own'] = {};
  for (const [username, r] of Object.entries(runs)) {
    const at = (stage: Stage) => caseAt(t, stage, r.by, r.org, r.grid, r.mediator);
    const open = await at('accepted');
    const mediating = await at('mediating');
    own[username] = {
      orgId: r.org, grid: r.grid, patchOrg: r.patchOrg, patchMediator: r.patchMediator, mediatorOrg: r.mediatorOrg,
      open: open.id, party: open.parties[0], assigned: (await at('assigned')).id, mediating: mediating.id, mediatingParties: mediating.parties,
      agreed: (await at('agreed')).id, applied: (await at('applied')).id, mediators: [r.mediator],
    };
  }
  // The command centre supervises the street committee's cases; the police see one reported to them.
  const dispatcherOpen = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
  own.dispatcher = { ...own['kdl.street'], open: dispatcherOpen.id };
  const flagged = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
  ok(await act(t, 'kdl.street', flagged.id, { action: 'flag_police', reason: '当事人扬言报复，可能激化' }));
  own.police = { ...own['kdl.street'], open: flagged.id };
  return {
    own,
    qs: { org: qsOrg, mediator: qsMediator, grid: qsGrid, caseId: qsCase.id, party: qsCase.parties[0] },
    byCity: {
      '150200': { caseId: own['kdl.street'].open, org: d.street.id, mediator: d.colleague, grid: d.kdlGrid },
      '150700': { caseId: own['hlbe.admin'].open, org: d.hlbe.id, mediator: d.hlbeMediator, grid: d.hlbeGrid },
    },
  };
}
