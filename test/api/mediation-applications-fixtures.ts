import { sql } from 'kysely';
import type { TestApp } from '../helpers/app.ts';
import { act, agreementBody, demo, ok, post, session } from './mediation-fixtures.ts';
import { newIdNumber } from './registry-fixtures.ts';

/** Helpers of the 申请调解 tests: a resident's application through HTTP, and one taken to a signed agreement. */

/** A point inside a grid (its centre), by grid code. */
export async function gridCentre(t: TestApp, code: string): Promise<{ lon: number; lat: number }> {
  const r = await t.tdb.db.selectFrom('area').select('center').where('code', '=', code).executeTakeFirstOrThrow();
  return { lon: r.center![0], lat: r.center![1] };
}

/** The first grid of another community than the resident's, in the same street (which has no committee of its own). */
export async function neighbourGrid(t: TestApp): Promise<string> {
  const home = (await t.tdb.db.selectFrom('app_user').select('scope_path').where('username', '=', 'resident').executeTakeFirstOrThrow()).scope_path;
  const street = home.split('.').slice(0, -1).join('.');
  const r = await t.tdb.db.selectFrom('area').select('code').where('level', '=', 'grid')
    .where(sql<boolean>`path <@ ${street}::ltree AND NOT path <@ ${home}::ltree`).orderBy('code').limit(1).executeTakeFirstOrThrow();
  return r.code;
}

export function applicationBody(over: Record<string, unknown> = {}) {
  return {
    category: 'neighbour', summary: '楼上邻居家装修半年，每天早上七点前就开始电钻施工，多次沟通无果。请求调解：约定施工时间并赔偿损坏的吊顶。',
    otherParties: [{ name: '王某', phone: '13947209999', kind: 'person' }], address: '少先路街道某小区 5 号楼 3 单元', ...over,
  };
}

export async function apply(t: TestApp, who: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.as(await t.login(who), { method: 'POST', url: '/api/mediation/applications', payload: body, headers });
}

/**
 * The demo resident's application to the street committee, accepted and assigned by the street mediator, a session,
 * both parties' particulars corrected (an app application has no ID numbers), the agreement signed.
 */
export async function agreedApplication(t: TestApp): Promise<{ id: number; number: string }> {
  const d = await demo(t);
  const created = ok(await apply(t, 'resident', applicationBody({ preferredOrgId: d.street.id })), 201);
  const id = created.id as number;
  ok(await act(t, 'mediator', id, { action: 'accept' }));
  ok(await act(t, 'mediator', id, { action: 'assign', mediatorIds: [d.me], chosenBy: 'committee' }));
  ok(await post(t, 'mediator', `/api/mediation/cases/${id}/sessions`, session()), 201);
  const ps = (await t.tdb.db.selectFrom('mediation_party').select('id').where('case_id', '=', id).orderBy('id').execute()).map((p) => p.id);
  for (const [i, pid] of ps.entries()) {
    ok(await act(t, 'mediator', id, { action: 'correct_party', partyId: pid, changes: { idNumber: newIdNumber(i === 0 ? '2' : '1'), address: `少先路街道某小区 5 号楼 ${i + 3}01` }, reason: '调解时当事人出示身份证，补录' }));
  }
  ok(await post(t, 'mediator', `/api/mediation/cases/${id}/agreement`, agreementBody(ps, [d.me])), 201);
  return { id, number: created.number };
}

/** For the scope matrix: the demo resident's application waiting for 受理, one to withdraw, and one with a signed agreement. */
export interface ApplicationMatrixFixture { waiting: number; withdrawable: number; agreed: number }
export async function applicationMatrixFixture(t: TestApp): Promise<ApplicationMatrixFixture> {
  const waiting = ok(await apply(t, 'resident', applicationBody()), 201).id as number;
  const withdrawable = ok(await apply(t, 'resident', applicationBody()), 201).id as number;
  return { waiting, withdrawable, agreed: (await agreedApplication(t)).id };
}
