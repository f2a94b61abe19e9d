import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../src/kernel/calendar/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { demo, get, ok, parties, post, today, type Demo } from './mediation-fixtures.ts';

let t: TestApp;
let d: Demo;
let streetCode: string;
let gridsInStreet: number;
beforeAll(async () => {
  t = await createTestApp();
  d = await demo(t);
  streetCode = d.street.path.split('.').pop()!;
  gridsInStreet = Number((await t.tdb.db.selectFrom('area').select(sql<number>`count(*)`.as('n')).where('level', '=', 'grid').where(sql<boolean>`path <@ ${d.street.path}::ltree`).executeTakeFirstOrThrow()).n);
});
afterAll(async () => { await t?.close(); });

const db = () => t.tdb.db;
const inDays = (n: number) => dayOf(new Date(Date.now() + n * 86_400_000));
const campaign = (over: Record<string, unknown> = {}) => ({ title: '春节前矛盾纠纷集中排查', periodFrom: today(), periodTo: inDays(20), areaCodes: [streetCode], ...over });
const count = async (table: 'mediation_case' | 'mediation_screening_finding' | 'mediation_campaign' | 'mediation_screening_task') =>
  Number((await db().selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
const myTask = async (campaignId: number, who = 'kdl.grid') => {
  const { items } = ok(await get(t, who, `/api/mediation/screening/tasks?campaignId=${campaignId}`));
  expect(items).toHaveLength(1);
  return items[0];
};

describe('排查活动 (campaigns)', () => {
  it('a street starts one over its area: one task per grid, the default checklist, audited', async () => {
    const c = ok(await post(t, 'kdl.street', '/api/mediation/screening/campaigns', campaign()), 201);
    expect(c).toMatchObject({ title: '春节前矛盾纠纷集中排查', areas: [{ code: streetCode }], createdBy: '街道综治中心', progress: { grids: gridsInStreet, pending: gridsInStreet, inProgress: 0, done: 0, findings: 0 } });
    expect(c.checklist.map((i: { key: string; name: string; categoryName: string }) => `${i.key} ${i.name} ${i.categoryName}`)).toEqual([
      'c1 婚姻家庭矛盾 婚姻家庭', 'c2 邻里纠纷 邻里', 'c3 拖欠农民工工资 劳动争议', 'c4 征地拆迁 征地拆迁', 'c5 物业纠纷 物业', 'c6 涉众型经济纠纷 合同',
    ]);
    expect(await db().selectFrom('mediation_screening_task').select('grid_code').where('campaign_id', '=', c.id).execute()).toHaveLength(gridsInStreet);
    expect(await db().selectFrom('audit_log').select('target_id').where('action', '=', 'mediation.campaign.create').execute()).toContainEqual({ target_id: String(c.id) });
  });

  it('refuses areas outside the caller’s, bad periods and checklists, naming the field; nothing written', async () => {
    const before = [await count('mediation_campaign'), await count('mediation_screening_task')];
    for (const [who, body, field] of [
      ['kdl.street', campaign({ areaCodes: [streetCode, '150204'] }), 'areaCodes[1]'],
      ['kdl.district', campaign({ areaCodes: ['150702'] }), 'areaCodes[0]'],
      ['kdl.street', campaign({ periodTo: inDays(-1), periodFrom: inDays(-5) }), 'periodTo'],
      ['kdl.street', campaign({ periodFrom: inDays(3), periodTo: inDays(2) }), 'periodTo'],
      ['kdl.street', campaign({ checklist: [{ name: '邻里纠纷' }, { name: '邻里纠纷' }] }), 'checklist[1].name'],
      ['kdl.street', campaign({ title: '排查' }), 'title'],
    ] as const) {
      const res = await post(t, who, '/api/mediation/screening/campaigns', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.field).toBe(field);
    }
    for (const who of ['kdl.community', 'kdl.grid', 'mediator', 'dispatcher']) expect((await post(t, who, '/api/mediation/screening/campaigns', campaign())).statusCode, who).toBe(403);
    expect([await count('mediation_campaign'), await count('mediation_screening_task')]).toEqual(before);
  });

  it('each level sees the campaigns over its area with the progress of its own grids; another city none', async () => {
    const c = ok(await post(t, 'kdl.district', '/api/mediation/screening/campaigns', campaign({ title: '昆都仑区劳资纠纷专项排查', areaCodes: ['150203'], checklist: [{ name: '拖欠农民工工资', category: 'labour' }] })), 201);
    const progress = async (who: string) => (ok(await get(t, who, '/api/mediation/screening/campaigns')).items as { id: number; progress: { grids: number } }[]).find((x) => x.id === c.id)?.progress.grids;
    expect(await progress('kdl.district')).toBe(c.progress.grids);
    expect(await progress('kdl.street')).toBe(gridsInStreet);
    expect(await progress('kdl.grid')).toBe(1);
    expect(await progress('hlbe.admin')).toBeUndefined();
    expect((await get(t, 'hlbe.admin', `/api/mediation/screening/campaigns/${c.id}`)).statusCode).toBe(404);
    const detail = ok(await get(t, 'kdl.community', `/api/mediation/screening/campaigns/${c.id}`));
    const community = (await db().selectFrom('app_user').select('scope_path').where('username', '=', 'kdl.community').executeTakeFirstOrThrow()).scope_path;
    expect(detail.gridTotal).toBe(detail.campaign.progress.grids);
    expect(detail.grids.every((g: { gridCode: string }) => g.gridCode.startsWith(community.split('.').pop()!))).toBe(true);
  });
});

describe('排查任务 (a grid worker’s tasks)', () => {
  it('fills the checklist: partly (排查中), done only with every item answered, a finding needs a note; then closed', async () => {
    const c = ok(await post(t, 'kdl.street', '/api/mediation/screening/campaigns', campaign({ title: '邻里纠纷排查', checklist: [{ name: '婚姻家庭矛盾', category: 'family' }, { name: '邻里纠纷', category: 'neighbour' }] })), 201);
    const task = await myTask(c.id);
    expect(task).toMatchObject({ gridCode: d.kdlGrid, status: 'pending', statusName: '未开始', items: 2, answered: 0, late: false });
    const answer = (payload: Record<string, unknown>, who = 'kdl.grid') => post(t, who, `/api/mediation/screening/tasks/${task.id}/answers`, payload);
    const partly = ok(await answer({ answers: [{ item: 'c1', found: false }] }));
    expect(partly.task).toMatchObject({ status: 'in_progress', answered: 1 });
    for (const [payload, field] of [
      [{ answers: [], done: true }, 'done'],
      [{ answers: [{ item: 'c2', found: true }] }, 'answers[0].note'],
      [{ answers: [{ item: 'c9', found: false }] }, 'answers[0].item'],
    ] as const) {
      const res = await answer(payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.field).toBe(field);
    }
    expect((await answer({ answers: [], version: 1 })).statusCode).toBe(409); // the version read is stale
    const done = ok(await answer({ answers: [{ item: 'c2', found: true, note: '3号楼两户因噪音多次争吵，已劝解' }], done: true }));
    expect(done.task).toMatchObject({ status: 'done', statusName: '已完成', answered: 2, found: 1 });
    expect(done.checklist.map((i: { answer: unknown }) => i.answer)).toEqual([{ found: false, note: null }, { found: true, note: '3号楼两户因噪音多次争吵，已劝解' }]);
    const closed = await answer({ answers: [{ item: 'c1', found: true, note: '补充' }] });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('task_done');
    const detail = ok(await get(t, 'kdl.street', `/api/mediation/screening/campaigns/${c.id}?status=done`));
    expect(detail.grids).toMatchObject([{ taskId: task.id, gridCode: d.kdlGrid, status: 'done', answered: 2, found: 1, workers: ['网格员'], updatedBy: '网格员' }]);
    expect(detail.campaign.progress).toMatchObject({ done: 1, pending: gridsInStreet - 1 });
    // Outside the grid worker's grid, and for readers who do not fill: refused.
    const other = await db().selectFrom('mediation_screening_task').select('id').where('campaign_id', '=', c.id).where('grid_code', '<>', d.kdlGrid).limit(1).executeTakeFirstOrThrow();
    expect((await post(t, 'kdl.grid', `/api/mediation/screening/tasks/${other.id}/answers`, { answers: [{ item: 'c1', found: false }] })).statusCode).toBe(404);
    expect((await answer({ answers: [] }, 'kdl.street')).statusCode).toBe(403);
  });

  it('a campaign not started yet takes no answers', async () => {
    const c = ok(await post(t, 'kdl.street', '/api/mediation/screening/campaigns', campaign({ title: '下月物业纠纷排查', periodFrom: inDays(10), periodTo: inDays(30) })), 201);
    const task = await myTask(c.id);
    const res = await post(t, 'kdl.grid', `/api/mediation/screening/tasks/${task.id}/answers`, { answers: [{ item: 'c1', found: false }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('not_started');
  });
});

describe('排查发现 → 纠纷案件', () => {
  it('a finding becomes a case (source screening) of the nearest committee, linked to the task; replays once; bad input writes nothing', async () => {
    const c = ok(await post(t, 'kdl.street', '/api/mediation/screening/campaigns', campaign({ title: '婚姻家庭矛盾排查' })), 201);
    const task = await myTask(c.id);
    const before = [await count('mediation_case'), await count('mediation_screening_finding')];
    const bad = await post(t, 'kdl.grid', `/api/mediation/screening/tasks/${task.id}/findings`, { item: 'c1', summary: '夫妻因家务长期争吵', parties: parties().slice(0, 1) });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.details.field).toBe('parties');
    const noItem = await post(t, 'kdl.grid', `/api/mediation/screening/tasks/${task.id}/findings`, { item: 'c99', summary: '夫妻因家务长期争吵', parties: parties() });
    expect(noItem.json().error.details.field).toBe('item');
    expect([await count('mediation_case'), await count('mediation_screening_finding')]).toEqual(before);

    const body = { item: 'c1', summary: '夫妻因赡养老人问题长期争吵，女方要求社区调解', parties: parties([{ address: undefined }, { address: undefined }]) };
    const key = { 'idempotency-key': `finding-${task.id}-00001` };
    const filed = ok(await t.as(await t.login('kdl.grid'), { method: 'POST', url: `/api/mediation/screening/tasks/${task.id}/findings`, payload: body, headers: key }), 201);
    expect(filed.finding).toMatchObject({ item: 'c1', orgName: d.community.name });
    expect(filed.task).toMatchObject({ status: 'in_progress', found: 1, findings: 1 });
    const replay = await t.as(await t.login('kdl.grid'), { method: 'POST', url: `/api/mediation/screening/tasks/${task.id}/findings`, payload: body, headers: key });
    expect(replay.statusCode).toBe(201);
    expect(replay.json().finding.caseId).toBe(filed.finding.caseId);
    expect([await count('mediation_case'), await count('mediation_screening_finding')]).toEqual([before[0] + 1, before[1] + 1]);

    const seen = ok(await get(t, 'kdl.community', `/api/mediation/cases/${filed.finding.caseId}`));
    expect(seen.case).toMatchObject({ source: 'screening', sourceName: '排查发现', category: 'family', gridCode: d.kdlGrid, org: { id: d.community.id }, state: 'registered' });
    expect(seen.timeline[0]).toMatchObject({ action: 'register', by: { name: '网格员', role: 'grid_worker' } });
    const detail = ok(await get(t, 'kdl.grid', `/api/mediation/screening/tasks/${task.id}`));
    expect(detail.checklist[0]).toMatchObject({ key: 'c1', answer: { found: true }, findings: [{ caseId: filed.finding.caseId, caseNumber: seen.case.number }] });
    // Another organisation named, inside the grid's area: the street committee.
    const toStreet = ok(await post(t, 'kdl.grid', `/api/mediation/screening/tasks/${task.id}/findings`, { ...body, item: 'c2', orgId: d.street.id, category: 'neighbour', summary: '楼上楼下因噪音多次发生争执' }), 201);
    expect(toStreet.finding.orgName).toBe(d.street.name);
    // An organisation of 呼伦贝尔 is refused naming orgId.
    const far = await post(t, 'kdl.grid', `/api/mediation/screening/tasks/${task.id}/findings`, { ...body, orgId: d.hlbe.id });
    expect(far.json().error.details.field).toBe('orgId');
  });

  it('a finding with violent words is warned and reported to the police at once', async () => {
    const c = ok(await post(t, 'kdl.street', '/api/mediation/screening/campaigns', campaign({ title: '重点矛盾排查' })), 201);
    const task = await myTask(c.id);
    const filed = ok(await post(t, 'kdl.grid', `/api/mediation/screening/tasks/${task.id}/findings`, {
      item: 'c3', summary: '包工头拖欠工资，工人扬言要跳楼讨薪', peopleInvolved: 12, parties: parties(),
    }), 201);
    const warnings = ok(await get(t, 'police', `/api/mediation/warnings?caseId=${filed.finding.caseId}`)).items;
    expect(warnings).toMatchObject([{ rule: 'violent_words', policeFlagged: true, reason: '纠纷简要情况中出现暴力风险言语：「扬言」「跳楼」' }]);
    const all = ok(await get(t, 'kdl.street', `/api/mediation/warnings?caseId=${filed.finding.caseId}`)).items.map((w: { rule: string }) => w.rule).sort();
    expect(all).toEqual(expect.arrayContaining(['many_parties', 'violent_words']));
  });
});

describe('网格员 on the per-grid progress', () => {
  it('names the grid’s active grid workers (as the Excel form does), apart from who filled the task last (填报人)', async () => {
    const admin = await t.login('admin');
    const add = async (username: string, displayName: string) =>
      ok(await t.as(admin, { method: 'POST', url: '/api/users', payload: { username, displayName, role: 'grid_worker', scopeCode: d.kdlGrid, password: 'grid-worker-2026' } }), 201);
    await add('kdl.grid.b', '网格员乙');
    const gone = await add('kdl.grid.c', '网格员丙');
    ok(await t.as(admin, { method: 'PATCH', url: `/api/users/${gone.id}`, payload: { active: false } }));
    const c = ok(await post(t, 'kdl.street', '/api/mediation/screening/campaigns', campaign({ title: '网格员名单核对排查' })), 201);
    // The community fills the grid's task for its worker: 填报人 is the community's desk, not a grid worker.
    const task = await myTask(c.id);
    ok(await post(t, 'kdl.community', `/api/mediation/screening/tasks/${task.id}/answers`, { answers: [{ item: 'c1', found: false }] }));
    const community = (await db().selectFrom('app_user').select('display_name').where('username', '=', 'kdl.community').executeTakeFirstOrThrow()).display_name;

    const detail = ok(await get(t, 'kdl.street', `/api/mediation/screening/campaigns/${c.id}`));
    const mine = detail.grids.find((g: { gridCode: string }) => g.gridCode === d.kdlGrid);
    expect(mine).toMatchObject({ workers: ['网格员', '网格员乙'], updatedBy: community, status: 'in_progress' });
    // A grid without a worker's account names none.
    const staffed = new Set((await db().selectFrom('app_user as u').innerJoin('area as a', 'a.path', 'u.scope_path').select('a.code').where('u.role', '=', 'grid_worker').where('u.active', '=', true).execute()).map((r) => r.code));
    const bare = detail.grids.find((g: { gridCode: string }) => !staffed.has(g.gridCode));
    expect(bare).toMatchObject({ workers: [], updatedBy: null });
    expect(detail.grids.filter((g: { workers: string[] }) => g.workers.length).map((g: { gridCode: string }) => g.gridCode)).toEqual([...staffed].filter((code) => detail.grids.some((g: { gridCode: string }) => g.gridCode === code)).sort());
  });
});
