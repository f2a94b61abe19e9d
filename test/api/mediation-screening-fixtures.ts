import { sql } from 'kysely';
import { dayOf } from '../../src/kernel/calendar/index.ts';
import type { TestApp } from '../helpers/app.ts';
import { caseBody, createCase, demo, ok, post, type MediationMatrixFixture } from './mediation-fixtures.ts';

/** For the scope matrix: campaigns, tasks and warnings of each city, of 青山区, and one open warning per handler. */
export interface ScreeningMatrixFixture {
  /** A campaign and a task (kdl.grid's grid / a grid of 呼伦贝尔) per city, and 青山区's (outside every 昆都仑区 user). */
  campaign: Record<'150200' | '150700' | 'qs', number>;
  task: Record<'150200' | '150700' | 'qs', number>;
  /** A warning each user sees (mediator: on its committee's case; police: reported to them), per city and 青山区's. */
  warning: Record<'150200' | 'mediator' | '150700' | 'qs', number>;
  /** An open warning per user who handles one (each is handled once by the matrix). */
  toHandle: Record<string, number>;
  /** Area codes a campaign may cover: 昆都仑区's demo street (inside every Baotou writer) and a 呼伦贝尔 community. */
  areas: { kdlStreet: string; hlbe: string; qs: string };
}

export async function screeningMatrixFixture(t: TestApp, mx: MediationMatrixFixture): Promise<ScreeningMatrixFixture> {
  const d = await demo(t);
  const db = t.tdb.db;
  const firstCommunity = async (under: string) => (await db.selectFrom('area').select('code').where('level', '=', 'community')
    .where(sql<boolean>`path <@ (SELECT path FROM area WHERE code = ${under})`).orderBy('code').limit(1).executeTakeFirstOrThrow()).code;
  const areas = { kdlStreet: d.street.path.split('.').pop()!, hlbe: await firstCommunity('150702'), qs: await firstCommunity('150204') };
  const period = { periodFrom: dayOf(new Date()), periodTo: dayOf(new Date(Date.now() + 30 * 86_400_000)) };
  const start = async (who: string, code: string) => ok(await post(t, who, '/api/mediation/screening/campaigns', { title: '矩阵测试矛盾纠纷排查', ...period, areaCodes: [code] }), 201).id as number;
  const campaign = { '150200': await start('kdl.street', areas.kdlStreet), '150700': await start('hlbe.admin', areas.hlbe), qs: await start('admin', areas.qs) };
  const taskOf = async (campaignId: number, grid?: string) => {
    let q = db.selectFrom('mediation_screening_task').select('id').where('campaign_id', '=', campaignId);
    if (grid) q = q.where('grid_code', '=', grid);
    return Number((await q.orderBy('id').limit(1).executeTakeFirstOrThrow()).id);
  };
  const task = { '150200': await taskOf(campaign['150200'], d.kdlGrid), '150700': await taskOf(campaign['150700']), qs: await taskOf(campaign.qs) };

  // Warnings raised by the rules on cases filed through the API: violent words (reported to the police) or many people.
  const warningOf = async (who: string, org: number, grid: string, over: { summary: string } | { peopleInvolved: number }) => {
    const c = ok(await createCase(t, who, caseBody(org, grid, over)), 201);
    const rule = 'summary' in over ? 'violent_words' : 'many_parties';
    const w = await db.selectFrom('mediation_warning').select('id').where('case_id', '=', c.id).where('rule', '=', rule).executeTakeFirstOrThrow();
    return Number(w.id);
  };
  const words = { summary: '被申请人扬言要报复申请人，矩阵测试' };
  const warning = {
    '150200': await warningOf('kdl.community', d.community.id, d.kdlGrid, words),
    mediator: await warningOf('mediator', d.street.id, d.kdlGrid, words),
    '150700': await warningOf('hlbe.admin', d.hlbe.id, d.hlbeGrid, words),
    qs: await warningOf('admin', mx.qs.org, mx.qs.grid, words),
  };
  const many = { peopleInvolved: 9 };
  const toHandle: Record<string, number> = {};
  for (const who of ['admin', 'dispatcher', 'kdl.district', 'kdl.street', 'kdl.community']) toHandle[who] = await warningOf('kdl.community', d.community.id, d.kdlGrid, many);
  toHandle.mediator = await warningOf('mediator', d.street.id, d.kdlGrid, many);
  toHandle['hlbe.admin'] = await warningOf('hlbe.admin', d.hlbe.id, d.hlbeGrid, many);
  return { campaign, task, warning, toHandle, areas };
}
