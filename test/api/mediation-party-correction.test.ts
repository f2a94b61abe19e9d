import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { newIdNumber } from './registry-fixtures.ts';
import { act, agreementBody, caseAt, counts, get, ok, parties, post, type Demo, demo } from './mediation-fixtures.ts';

// 更正当事人: a party registered without an ID number or address (or with a typo) is corrected in place,
// the old and new values kept in the append-only action row, masked in every answer; 回避 holds as at 指派.
let t: TestApp;
let d: Demo;
beforeAll(async () => { t = await createTestApp(); d = await demo(t); });
afterAll(async () => { await t?.close(); });

const detail = async (id: number, who = 'kdl.street') => ok(await get(t, who, `/api/mediation/cases/${id}`));
const partyRow = (id: number) => t.tdb.db.selectFrom('mediation_party').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const correct = (who: string, id: number, partyId: number, changes: Record<string, unknown>, reason = '被申请人补充提供身份证件和住址') =>
  act(t, who, id, { action: 'correct_party', partyId, changes, reason });
/** A case in mediation whose respondent was registered without an ID number or address (it blocks the agreement). */
const blocked = () => caseAt(t, 'mediating', 'kdl.street', d.street.id, d.kdlGrid, d.me, { parties: parties([{}, { idNumber: undefined, address: undefined }]) });

describe('更正当事人 (correct_party)', () => {
  it('a bad ID number is refused naming changes.idNumber with nothing written; the good one corrects the party in place and the blocked agreement goes through', async () => {
    const c = await blocked();
    const refused = await post(t, 'mediator', `/api/mediation/cases/${c.id}/agreement`, agreementBody(c.parties, [d.me]));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.field).toBe('agreement.parties[1].idNumber');

    const before = await counts(t);
    const version = (await detail(c.id)).case.version;
    const bad = await correct('mediator', c.id, c.parties[1], { idNumber: '15020319900101123X', address: '少先路街道某小区3号楼2单元501' });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_field', details: { field: 'changes.idNumber' } });
    expect(bad.json().error.message).toMatch(/^changes\.idNumber: .+ \/ .+/);
    expect((await correct('mediator', c.id, c.parties[1], { phone: '123' })).json().error.details.field).toBe('changes.phone');
    expect((await correct('mediator', c.id, c.parties[1], { creditCode: '91150203MA0N000000' })).json().error.details.field).toBe('changes.creditCode');
    expect((await correct('mediator', c.id, c.parties[1], {})).json().error.details.field).toBe('changes');
    expect((await correct('mediator', c.id, c.parties[1], { address: '某小区' }, '补')).json().error.details.field).toBe('reason');
    expect((await correct('mediator', c.id, 999999, { address: '某小区' })).json().error.details.field).toBe('partyId');
    // The values on record again: nothing to correct.
    expect((await correct('mediator', c.id, c.parties[0], { name: '张桂芳' })).json().error.details.field).toBe('changes');
    expect(await counts(t)).toEqual(before);
    expect((await partyRow(c.parties[1])).id_number).toBeNull();
    expect((await detail(c.id)).case.version).toBe(version);

    const id = newIdNumber('1');
    const done = ok(await correct('mediator', c.id, c.parties[1], { idNumber: id.toLowerCase(), address: '少先路街道某小区3号楼2单元501' }));
    expect(done.action).toMatchObject({ action: 'correct_party', actionName: '更正当事人', from: 'mediating', to: 'mediating', note: '被申请人补充提供身份证件和住址' });
    expect(done.action.data).toEqual({
      partyId: c.parties[1],
      changes: { idNumber: { before: null, after: `${id.slice(0, 6)}********${id.slice(-4)}` }, address: { before: null, after: '少先路街道某小区3号楼2单元501' } },
    });
    expect(await partyRow(c.parties[1])).toMatchObject({ id_number: id.toUpperCase(), address: '少先路街道某小区3号楼2单元501', corrected_seq: done.action.seq });
    // One record of the person still: no party was added.
    const after = await counts(t);
    expect(after).toMatchObject({ parties: before.parties, actions: before.actions + 1 });
    const full = ok(await post(t, 'mediator', `/api/mediation/cases/${c.id}/agreement`, agreementBody(c.parties, [d.me])), 201);
    expect(full.case.state).toBe('agreed');

    // Audited: which fields and why, never the values.
    const audit = await t.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', 'mediation.party.correct').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_name: '街道人民调解员', target_id: String(c.parties[1]), detail: { caseId: c.id, seq: done.action.seq, fields: ['idNumber', 'address'], reason: '被申请人补充提供身份证件和住址' } });
    expect(JSON.stringify(audit.detail)).not.toContain(id.slice(6, 14));
  });

  it('the timeline masks the old and new numbers for all; addresses only for those involved; the old value only through the audited reveal', async () => {
    const c = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const old = (await partyRow(c.parties[0])).phone!;
    const done = ok(await correct('kdl.street', c.id, c.parties[0], { phone: '13947209999', address: '少先路街道新小区1号楼' }, '申请人更换了手机号码'));
    const seq = done.action.seq as number;
    const entry = (who: string) => detail(c.id, who).then((x) => x.timeline.find((a: { seq: number }) => a.seq === seq));
    const desk = await entry('kdl.street');
    expect(desk.data.changes.phone).toEqual({ before: `${old.slice(0, 3)}****${old.slice(-4)}`, after: '139****9999' });
    expect(desk.data.changes.address.after).toBe('少先路街道新小区1号楼');
    // The community sees the case (it lies in its area) but is not involved: no address.
    const community = await entry('kdl.community');
    expect(community.data.changes.phone.after).toBe('139****9999');
    expect(community.data.changes.address).toEqual({ before: null, after: null, hidden: true });
    expect(JSON.stringify((await get(t, 'kdl.community', `/api/mediation/cases/${c.id}`)).json())).not.toContain('13947209999');

    const revealed = ok(await post(t, 'kdl.street', `/api/mediation/cases/${c.id}/parties/${c.parties[0]}/reveal`, { field: 'phone', reason: '核对更正前的联系电话', seq }));
    expect(revealed).toEqual({ partyId: c.parties[0], field: 'phone', value: old });
    const audit = await t.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', 'mediation.party.reveal').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ caseId: c.id, field: 'phone', seq });
    expect(ok(await post(t, 'kdl.street', `/api/mediation/cases/${c.id}/parties/${c.parties[0]}/reveal`, { field: 'phone', reason: '核对现在的联系电话' })).value).toBe('13947209999');
    const wrong = await post(t, 'kdl.street', `/api/mediation/cases/${c.id}/parties/${c.parties[0]}/reveal`, { field: 'idNumber', reason: '核对更正前的号码', seq });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.field).toBe('seq');
  });

  it('not after 结案; not by another organisation’s mediator (404) nor a supervisor (403)', async () => {
    const agreed = await caseAt(t, 'agreed', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const late = await correct('kdl.street', agreed.id, agreed.parties[0], { address: '少先路街道新小区2号楼' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'case_concluded', details: { field: 'action' } });
    const failed = await caseAt(t, 'mediating', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    ok(await act(t, 'mediator', failed.id, { action: 'fail', referral: 'litigation', note: '双方分歧过大，告知可以起诉' }));
    expect((await correct('mediator', failed.id, failed.parties[0], { address: '少先路街道新小区2号楼' })).json().error.code).toBe('case_final');

    // The district committee's case: the street committee's mediator does not see it; the district's supervisor … is its desk.
    const other = await caseAt(t, 'accepted', 'kdl.district', d.district.id, d.kdlGrid, d.districtMediator);
    const stranger = await correct('mediator', other.id, other.parties[0], { address: '少先路街道新小区3号楼' });
    expect(stranger.statusCode).toBe(404);
    const street = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const supervisor = await correct('kdl.district', street.id, street.parties[0], { address: '少先路街道新小区3号楼' });
    expect(supervisor.statusCode).toBe(403);
    expect(supervisor.json().error.code).toBe('forbidden');
    expect((await partyRow(street.parties[0])).address).toBe(parties()[0].address);
  });

  it('the database keeps a party row as registered unless a correct_party action row records the change', async () => {
    const c = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    await expect(sql`UPDATE mediation_party SET phone = '13900000000' WHERE id = ${c.parties[0]}`.execute(t.tdb.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE mediation_party SET phone = '13900000000', corrected_seq = 99 WHERE id = ${c.parties[0]}`.execute(t.tdb.db)).rejects.toThrow(/no correct_party action row/);
    await expect(sql`UPDATE mediation_party SET role = 'third_party', corrected_seq = 99 WHERE id = ${c.parties[0]}`.execute(t.tdb.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM mediation_party WHERE id = ${c.parties[0]}`.execute(t.tdb.db)).rejects.toThrow(/append-only/);
  });
});

describe('回避 on 更正当事人 and 追加当事人: a party may not get the phone of a mediator on the case', () => {
  const mediatorPhone = async (id: number) => (await t.tdb.db.selectFrom('mediator').select('phone').where('id', '=', id).executeTakeFirstOrThrow()).phone!;

  it('a correction giving a party the phone of the mediator on the case is refused 409 naming changes.phone, and nothing is written', async () => {
    const c = await caseAt(t, 'mediating', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const phone = await mediatorPhone(d.me);
    const before = await counts(t);
    const res = await correct('kdl.street', c.id, c.parties[1], { phone, address: '少先路街道某小区3号楼2单元502' }, '被申请人更换了联系电话');
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict_of_interest', details: { field: 'changes.phone' } });
    expect(res.json().error.message).toMatch(/^changes\.phone: 调解员.+与当事人刘志刚有利害关系（电话相同），应当回避 \/ /);
    expect(await counts(t)).toEqual(before);
    expect(await partyRow(c.parties[1])).toMatchObject({ phone: parties()[1].phone, address: parties()[1].address, corrected_seq: null });
    // Written the other way (+86, spaces), it is the same phone.
    const spaced = await correct('mediator', c.id, c.parties[0], { phone: `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` }, '申请人更换了联系电话');
    expect(spaced.json().error?.code, spaced.body).toBe('conflict_of_interest');
    // Another phone is a plain correction.
    ok(await correct('mediator', c.id, c.parties[1], { phone: '13947208888' }, '被申请人更换了联系电话'));
  });

  it('追加当事人 with that phone is refused the same way, naming party.phone', async () => {
    const c = await caseAt(t, 'assigned', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    const before = await counts(t);
    const res = await post(t, 'mediator', `/api/mediation/cases/${c.id}/parties`, { kind: 'person', role: 'third_party', name: '王第三', phone: await mediatorPhone(d.me) });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict_of_interest', details: { field: 'party.phone' } });
    expect(await counts(t)).toEqual(before);
  });

  it('only mediators now on the case count: before 指派, and after the mediator is recused, the phone is no conflict', async () => {
    const phone = await mediatorPhone(d.me);
    const accepted = await caseAt(t, 'accepted', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    ok(await correct('kdl.street', accepted.id, accepted.parties[1], { phone }, '被申请人更换了联系电话'));
    // …and then 指派 of that mediator is what refuses it (the same check).
    const assign = await act(t, 'kdl.street', accepted.id, { action: 'assign', mediatorIds: [d.me], chosenBy: 'committee' });
    expect(assign.statusCode).toBe(409);
    expect(assign.json().error).toMatchObject({ code: 'conflict_of_interest', details: { field: 'mediatorIds' } });

    const recused = await caseAt(t, 'assigned', 'kdl.street', d.street.id, d.kdlGrid, d.me);
    ok(await act(t, 'kdl.street', recused.id, { action: 'recuse', mediatorId: d.me, requestedBy: 'mediator', reason: '调解员另有公务' }));
    ok(await post(t, 'kdl.street', `/api/mediation/cases/${recused.id}/parties`, { kind: 'person', role: 'third_party', name: '王第三', phone }), 201);
  });
});
