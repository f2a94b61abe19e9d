import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act, agreementBody, caseAt, caseBody, counts, createCase, demo, get, ok, parties, post, session, today, type Demo } from './mediation-fixtures.ts';

let t: TestApp;
let d: Demo;
beforeAll(async () => { t = await createTestApp(); d = await demo(t); });
afterAll(async () => { await t?.close(); });

const detail = async (id: number, who = 'kdl.street') => ok(await get(t, who, `/api/mediation/cases/${id}`));
const refusal = (res: { statusCode: number; json(): { error: { code: string; details: { field: string } } } }, status: number, code: string, field?: string) => {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(res.json().error.code).toBe(code);
  if (field) expect(res.json().error.details.field).toBe(field);
};

describe('the whole process to an agreement (人民调解法)', () => {
  it('登记 → 受理 → 指派 → 调解 → 达成协议 → 司法确认 → 回访, each an append-only row, deadlines from 受理 and from signing', async () => {
    const c = ok(await createCase(t, 'kdl.street', caseBody(d.street.id, d.kdlGrid)), 201);
    const accepted = ok(await act(t, 'kdl.street', c.id, { action: 'accept', note: '属于民间纠纷，予以受理' }));
    expect(accepted.case).toMatchObject({ state: 'accepted', stateName: '已受理' });
    expect(accepted.case.dueAt).not.toBeNull();
    expect(accepted.action).toMatchObject({ seq: 2, action: 'accept', actionName: '受理', from: 'registered', to: 'accepted', note: '属于民间纠纷，予以受理' });
    const assigned = ok(await act(t, 'kdl.street', c.id, { action: 'assign', mediatorIds: [d.me, d.colleague], chosenBy: 'committee' }));
    expect(assigned.case).toMatchObject({ state: 'assigned', mediators: [{ id: d.me }, { id: d.colleague }] });
    // The assigned mediator records two sessions (调解记录).
    const s1 = ok(await post(t, 'mediator', `/api/mediation/cases/${c.id}/sessions`, session()), 201);
    expect(s1.case.state).toBe('mediating');
    ok(await post(t, 'mediator', `/api/mediation/cases/${c.id}/sessions`, session('第二次调解，双方就赔偿数额达成一致意见')), 201);
    const ps = (await detail(c.id)).parties.map((p: { id: number }) => p.id);
    // One day for the whole story: the signing day sent (a later today() differs once 00:00 Beijing has passed).
    const body = agreementBody(ps, [d.me]);
    const day = body.signedOn;
    const agreed = ok(await post(t, 'mediator', `/api/mediation/cases/${c.id}/agreement`, body), 201);
    expect(agreed.case).toMatchObject({ state: 'agreed', stateName: '达成协议' });
    expect(agreed.case.concludedAt).not.toBeNull();
    expect(agreed.action.data).toMatchObject({ signedOn: day });
    const applied = ok(await post(t, 'kdl.street', `/api/mediation/cases/${c.id}/judicial-confirmation`, { appliedOn: day, court: '包头市昆都仑区人民法院' }), 201);
    expect(applied.action).toMatchObject({ action: 'judicial_apply', actionName: '申请司法确认', from: 'agreed', to: 'agreed' });
    ok(await post(t, 'kdl.street', `/api/mediation/cases/${c.id}/judicial-confirmation/result`, { result: 'confirmed', decidedOn: day }));
    ok(await post(t, 'mediator', `/api/mediation/cases/${c.id}/follow-ups`, { visitedOn: day, performance: 'performed', note: '赔偿款已转账，防水已重做' }), 201);

    const all = await detail(c.id);
    expect(all.timeline.map((a: { seq: number }) => a.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(all.timeline.map((a: { action: string }) => a.action)).toEqual(['register', 'accept', 'assign', 'record_session', 'record_session', 'agree', 'judicial_apply', 'judicial_result', 'follow_up']);
    expect(all.sessions).toHaveLength(2);
    expect(all.sessions[0].minutes).toContain('双方到场陈述');
    expect(all.agreement).toMatchObject({ signedOn: day, readable: true });
    expect(all.agreement.judicialDueOn > day).toBe(true);
    expect(all.judicial).toMatchObject({ appliedOn: day, court: '包头市昆都仑区人民法院', result: 'confirmed', resultName: '确认有效' });
    expect(all.followUps).toMatchObject([{ performance: 'performed', performanceName: '已履行' }]);
    expect(all.case.version).toBe(9);
    // After the agreement only 回访 and 司法确认 remain.
    expect(all.actions.sort()).toEqual(['follow_up', 'judicial_apply', 'judicial_result']);
    refusal(await act(t, 'kdl.street', c.id, { action: 'flag_police', reason: '双方又起冲突' }), 409, 'case_concluded', 'action');
    refusal(await act(t, 'admin', c.id, { action: 'supervise', level: 'yellow' }), 409, 'case_concluded', 'action');
    refusal(await post(t, 'kdl.street', `/api/mediation/cases/${c.id}/judicial-confirmation`, { appliedOn: day, court: '某法院' }), 409, 'already_applied', 'appliedOn');

    const doc = ok(await get(t, 'mediator', `/api/mediation/cases/${c.id}/agreement`));
    expect(doc).toMatchObject({ caseNumber: c.number, org: { id: d.street.id }, disputes: '漏水损失的赔偿数额及维修责任', signedOn: day, signedBy: { parties: ps, mediators: [{ id: d.me, name: '街道人民调解员' }] } });
    expect(doc.parties.map((p: { roleName: string }) => p.roleName)).toEqual(['申请人', '被申请人']);
    expect(doc.parties[0].idNumber).toContain('********');
    expect(doc.terms).toHaveLength(2);
    expect(doc.terms[0]).toEqual({ content: '被申请人赔偿申请人维修费 2500 元', manner: '一次性银行转账', deadline: day });
  });

  it('the history is append-only: the database refuses to change or remove an action row, a session or an agreement', async () => {
    for (const table of ['mediation_case_action', 'mediation_session', 'mediation_agreement', 'mediation_party']) {
      await expect(sql`UPDATE ${sql.table(table)} SET city_code = city_code`.execute(t.tdb.db)).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM ${sql.table(table)}`.execute(t.tdb.db)).rejects.toThrow(/append-only/);
    }
  });
});

describe('an agreement without the items the law requires is refused naming each, with nothing written', () => {
  it('names every missing item; a party without an ID number on record is named too; adding it as a party … then it passes', async () => {
    const c = await caseAt(t, 'mediating', 'kdl.street', d.street.id, d.kdlGrid, d.me, { parties: parties([{}, { idNumber: undefined, address: undefined }]) });
    const before = await counts(t);
    const version = (await detail(c.id)).case.version;
    const res = await post(t, 'mediator', `/api/mediation/cases/${c.id}/agreement`, {
      parties: c.parties, facts: '漏水', disputes: '', responsibilities: ' ', terms: [{ content: '赔偿 2500 元', manner: '', deadline: '下周' }],
      signedOn: today(), signedBy: { parties: [c.parties[0]], mediators: [] },
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('agreement_incomplete');
    expect(err.details.missing.map((m: { field: string }) => m.field)).toEqual([
      'agreement.parties[1].idNumber', 'agreement.parties[1].address', 'agreement.facts', 'agreement.disputes', 'agreement.responsibilities',
      'agreement.terms[0].manner', 'agreement.terms[0].deadline', 'agreement.signedBy.parties[1]', 'agreement.signedBy.mediators',
    ]);
    expect(err.details.field).toBe('agreement.parties[1].idNumber');
    expect(err.message).toMatch(/^调解协议书缺少必备事项：.* \/ the agreement lacks required items: /);
    for (const m of err.details.missing) expect(m.message).toMatch(/: .+ \/ .+/);
    expect(await counts(t)).toEqual(before);
    expect((await detail(c.id)).case).toMatchObject({ state: 'mediating', version });
    // With no terms, no parties and a future day, those are named as well.
    const empty = (await post(t, 'mediator', `/api/mediation/cases/${c.id}/agreement`, { parties: [], facts: '', disputes: '', responsibilities: '', terms: [], signedOn: '2099-01-01', signedBy: { parties: [], mediators: [d.colleague] } })).json().error;
    expect(empty.details.missing.map((m: { field: string }) => m.field)).toEqual(expect.arrayContaining(['agreement.parties', 'agreement.terms', 'agreement.signedOn', 'agreement.signedBy.mediators']));
    // The respondent gives their particulars as a new party record (追加), and the agreement binds that record.
    const added = ok(await post(t, 'mediator', `/api/mediation/cases/${c.id}/parties`, { ...parties()[1], name: '刘志刚' }), 201);
    const newId = added.action.data.partyId as number;
    expect(added.action).toMatchObject({ action: 'add_party', actionName: '追加当事人', data: { role: 'respondent', kind: 'person' } });
    ok(await post(t, 'mediator', `/api/mediation/cases/${c.id}/agreement`, agreementBody([c.parties[0], newId], [d.me])), 201);
  });

  it('a bad party is refused naming its field, before anything is written', async () => {
    const c = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const before = await counts(t);
    const res = await post(t, 'kdl.street', `/api/mediation/cases/${c.id}/parties`, { kind: 'person', role: 'third_party', name: '王五', idNumber: '15020319900101123X' });
    refusal(res, 400, 'invalid_field', 'party.idNumber');
    expect(await counts(t)).toEqual(before);
  });
});

describe('other endings and side paths', () => {
  it('调解不成 requires the referral (仲裁/行政/诉讼 …); the failed case is then frozen', async () => {
    const c = await caseAt(t, 'mediating', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    refusal(await act(t, 'mediator', c.id, { action: 'fail', note: '分歧过大' }), 400, 'invalid_field', 'referral');
    refusal(await act(t, 'mediator', c.id, { action: 'fail', referral: 'court', note: '分歧过大' }), 400, 'invalid_field', 'referral');
    const failed = ok(await act(t, 'mediator', c.id, { action: 'fail', referral: 'litigation', note: '双方对赔偿数额分歧过大，告知可向人民法院起诉' }));
    expect(failed.case).toMatchObject({ state: 'failed', stateName: '调解不成', referral: 'litigation', referralName: '诉讼' });
    refusal(await post(t, 'mediator', `/api/mediation/cases/${c.id}/sessions`, session()), 409, 'case_final', 'action');
    refusal(await act(t, 'kdl.street', c.id, { action: 'accept' }), 409, 'case_final', 'action');
  });

  it('不予受理 with its reason; a party’s refusal ends it; only an applicant withdraws', async () => {
    const a = await caseAt(t, 'registered', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    refusal(await act(t, 'mediator', a.id, { action: 'reject', reason: 'not_a_reason', note: 'x' }), 400, 'invalid_field', 'reason');
    expect(ok(await act(t, 'kdl.street', a.id, { action: 'reject', reason: 'in_litigation', note: '当事人已向人民法院起诉' })).case.state).toBe('rejected');
    const b = await caseAt(t, 'assigned', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    refusal(await act(t, 'mediator', b.id, { action: 'withdraw', partyId: b.parties[1], note: '不想调了' }), 409, 'not_applicant', 'partyId');
    refusal(await act(t, 'mediator', b.id, { action: 'refuse', partyId: 999999, note: '拒绝' }), 400, 'invalid_field', 'partyId');
    expect(ok(await act(t, 'mediator', b.id, { action: 'refuse', partyId: b.parties[1], note: '被申请人明确表示拒绝调解' })).case).toMatchObject({ state: 'refused', stateName: '当事人拒绝调解' });
    const c = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    expect(ok(await act(t, 'kdl.street', c.id, { action: 'withdraw', partyId: c.parties[0], note: '双方已自行和解' })).case.state).toBe('withdrawn');
  });

  it('an illegal move is refused with a Chinese and English message naming the field', async () => {
    const c = await caseAt(t, 'registered', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const res = await post(t, 'kdl.street', `/api/mediation/cases/${c.id}/agreement`, agreementBody(c.parties, [d.me]));
    refusal(res, 409, 'illegal_transition', 'action');
    expect(res.json().error.message).toBe('action: 案件当前为「已登记」，不能达成协议 / the case is registered: cannot record the agreement');
    // The district (a supervisor) may not accept the street committee's case.
    refusal(await act(t, 'kdl.district', c.id, { action: 'accept' }), 403, 'forbidden', 'action');
    const bogus = await act(t, 'kdl.street', c.id, { action: 'dance' });
    refusal(bogus, 400, 'invalid_field', 'action');
  });

  it('诉前调解 may be extended once, with the parties’ consent; other cases not at all', async () => {
    const court = ok(await createCase(t, 'kdl.district', caseBody(d.district.id, d.kdlGrid, { source: 'court', referringBody: '包头市昆都仑区人民法院', referralNumber: '(2026)内0203民诉前调88号' })), 201);
    ok(await act(t, 'kdl.district', court.id, { action: 'accept' }));
    const due = (await detail(court.id, 'kdl.district')).case.dueAt;
    expect(due).toBe(court.dueAt); // 受理 keeps the 30 days from receipt
    refusal(await act(t, 'kdl.district', court.id, { action: 'extend', days: 31, note: '双方同意' }), 400, 'invalid_field', 'days');
    const ext = ok(await act(t, 'kdl.district', court.id, { action: 'extend', days: 15, note: '双方当事人书面同意延长' }));
    expect(Date.parse(ext.case.dueAt)).toBeGreaterThan(Date.parse(due) + 14 * 86_400_000);
    expect(ext.case.extensions).toBe(1);
    refusal(await act(t, 'kdl.district', court.id, { action: 'extend', days: 5, note: '再延' }), 409, 'already_extended', 'days');
    const walkIn = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    refusal(await act(t, 'kdl.street', walkIn.id, { action: 'extend', days: 5, note: '双方同意' }), 409, 'not_court_referral', 'action');
  });
});

describe('回避 (conflicts of interest)', () => {
  it('a party asks for recusal: recorded, the mediator leaves the case, may not be assigned again; the committee assigns another', async () => {
    const c = await caseAt(t, 'mediating', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const rec = ok(await act(t, 'kdl.street', c.id, { action: 'recuse', mediatorId: d.me, requestedBy: 'party', partyId: c.parties[1], reason: '被申请人称调解员与申请人系亲属' }));
    expect(rec.case).toMatchObject({ state: 'accepted', mediators: [] });
    expect(rec.action).toMatchObject({ action: 'recuse', actionName: '回避', from: 'mediating', to: 'accepted', note: '被申请人称调解员与申请人系亲属', data: { mediatorId: d.me, requestedBy: 'party', partyId: c.parties[1] } });
    const after = await detail(c.id);
    expect(after.recusals).toMatchObject([{ mediatorId: d.me, mediatorName: '街道人民调解员', requestedBy: 'party', partyId: c.parties[1] }]);
    expect(after.mediators[0]).toMatchObject({ id: d.me, removedReason: 'recusal' });
    // The recused mediator no longer stands as the case's mediator (still a member of the committee).
    expect(ok(await get(t, 'mediator', `/api/mediation/cases/${c.id}`)).relations).toEqual(['committee']);
    refusal(await act(t, 'kdl.street', c.id, { action: 'assign', mediatorIds: [d.me], chosenBy: 'committee' }), 409, 'recused', 'mediatorIds');
    refusal(await act(t, 'kdl.street', c.id, { action: 'recuse', mediatorId: d.me, requestedBy: 'mediator', reason: '再次回避' }), 409, 'already_recused', 'mediatorId');
    expect(ok(await act(t, 'kdl.street', c.id, { action: 'assign', mediatorIds: [d.colleague], chosenBy: 'committee' })).case.state).toBe('assigned');
    expect(ok(await post(t, 'kdl.street', `/api/mediation/cases/${c.id}/sessions`, session()), 201).case.state).toBe('mediating');
  });

  it('a mediator who shares a party’s phone is refused; the parties may choose a mediator of another organisation, the committee may not', async () => {
    const colleaguePhone = (await t.tdb.db.selectFrom('mediator').select('phone').where('id', '=', d.colleague).executeTakeFirstOrThrow()).phone!;
    const c = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me, { parties: parties([{ phone: colleaguePhone }]) });
    const res = await act(t, 'kdl.street', c.id, { action: 'assign', mediatorIds: [d.colleague], chosenBy: 'committee' });
    refusal(res, 409, 'conflict_of_interest', 'mediatorIds');
    expect(res.json().error.message).toContain('应当回避');
    refusal(await act(t, 'kdl.street', c.id, { action: 'assign', mediatorIds: [d.districtMediator], chosenBy: 'committee' }), 400, 'invalid_field', 'mediatorIds');
    refusal(await act(t, 'kdl.street', c.id, { action: 'assign', mediatorIds: [987654], chosenBy: 'committee' }), 400, 'invalid_field', 'mediatorIds');
    const chosen = ok(await act(t, 'kdl.street', c.id, { action: 'assign', mediatorIds: [d.districtMediator], chosenBy: 'parties', note: '双方当事人共同选定' }));
    expect(chosen.case.mediators).toMatchObject([{ id: d.districtMediator }]);
    expect((await detail(c.id)).mediators).toMatchObject([{ id: d.districtMediator, chosenBy: 'parties', lead: true }]);
  });
});
