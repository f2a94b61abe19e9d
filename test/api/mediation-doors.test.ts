import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { act as actOnTicket, file, ok as okTicket, places, ticketBody, type Places } from './tickets-fixtures.ts';
import { caseBody, companyParty, counts, createCase, demo, get, ok, parties, type Demo } from './mediation-fixtures.ts';

let t: TestApp;
let d: Demo;
let p: Places;
beforeAll(async () => { t = await createTestApp(); d = await demo(t); p = await places(t); });
afterAll(async () => { await t?.close(); });

const counter = async () => (await t.tdb.db.selectFrom('mediation_counter').select('last').executeTakeFirst())?.last ?? 0;

describe('cases from every door (登记)', () => {
  it('a walk-in application: numbered per city and year, registered, one 登记 row, parties masked', async () => {
    const c = ok(await createCase(t, 'kdl.street', caseBody(d.street.id, d.kdlGrid)), 201);
    expect(c.number).toMatch(/^TJ20[0-9]{2}-[0-9]{5}$/);
    expect(c).toMatchObject({ state: 'registered', stateName: '已登记', source: 'walk_in', sourceName: '当事人申请', category: 'neighbour', categoryName: '邻里', amount: 3000, peopleInvolved: 2, dueAt: null, org: { id: d.street.id, level: 'street' } });
    expect(c.areaPath.endsWith(d.kdlGrid)).toBe(true);
    const detail = ok(await get(t, 'kdl.street', `/api/mediation/cases/${c.id}`));
    expect(detail.timeline).toMatchObject([{ seq: 1, action: 'register', actionName: '登记', from: null, to: 'registered', by: { name: '街道综治中心', role: 'street_staff' } }]);
    for (const party of detail.parties) {
      expect(party.idNumber).toMatch(/^[0-9]{6}\*{8}[0-9X]{4}$/);
      expect(party.phone).toMatch(/^1[0-9]{2}\*{4}[0-9]{4}$/);
    }
    expect(detail.relations).toEqual(['committee']);
    expect(detail.actions).toEqual(expect.arrayContaining(['accept', 'reject', 'refuse', 'withdraw', 'recuse', 'flag_police', 'add_party']));
  });

  it('主动调解 by a mediator of the committee, 排查 by community staff referring to the street committee, a point placed in its grid (落格)', async () => {
    const center = p.kdlGrid.center;
    const own = ok(await createCase(t, 'mediator', caseBody(d.street.id, d.kdlGrid, { source: 'initiative', gridCode: undefined, location: { lon: center[0], lat: center[1] } })), 201);
    expect(own).toMatchObject({ source: 'initiative', gridCode: d.kdlGrid, location: { lon: center[0], lat: center[1] } });
    const screened = ok(await createCase(t, 'kdl.community', caseBody(d.street.id, d.kdlGrid, { source: 'screening', category: 'family', peopleInvolved: 5 })), 201);
    expect(screened).toMatchObject({ source: 'screening', sourceName: '排查发现', peopleInvolved: 5 });
    // An organisation with a company as respondent (统一社会信用代码 checked, masked).
    const company = ok(await createCase(t, 'kdl.district', caseBody(d.property.id, d.kdlGrid, { category: 'property_mgmt', parties: [parties()[0], companyParty()] })), 201);
    const detail = ok(await get(t, 'kdl.district', `/api/mediation/cases/${company.id}`));
    expect(detail.parties[1]).toMatchObject({ kind: 'organisation', name: '包头市某物业服务有限公司', legalRep: '孙经理', idNumber: null });
    expect(detail.parties[1].creditCode).toMatch(/^[0-9A-Z]{6}\*{8}[0-9A-Z]{4}$/);
  });

  it('hand-offs 访调/公调/诉调对接 without the referring body or its number are refused naming the field, and nothing is written', async () => {
    const before = await counts(t);
    const last = await counter();
    for (const source of ['petition', 'police', 'court']) {
      const noBody = await createCase(t, 'kdl.district', caseBody(d.district.id, d.kdlGrid, { source, referralNumber: '昆公(2026)调字12号' }));
      expect(noBody.statusCode, noBody.body).toBe(400);
      expect(noBody.json().error).toMatchObject({ code: 'invalid_field', details: { field: 'referringBody' } });
      expect(noBody.json().error.message).toMatch(/移交单位.* \/ /);
      const noNumber = await createCase(t, 'kdl.district', caseBody(d.district.id, d.kdlGrid, { source, referringBody: '昆都仑区公安分局少先路派出所' }));
      expect(noNumber.json().error.details.field).toBe('referralNumber');
      const blank = await createCase(t, 'kdl.district', caseBody(d.district.id, d.kdlGrid, { source, referringBody: ' ', referralNumber: 'X12' }));
      expect(blank.json().error.details.field).toBe('referringBody');
    }
    const walkIn = await createCase(t, 'kdl.district', caseBody(d.district.id, d.kdlGrid, { referringBody: '某派出所' }));
    expect(walkIn.json().error.details.field).toBe('referringBody');
    expect(await counts(t)).toEqual(before);
    expect(await counter()).toBe(last);
  });

  it('hand-offs with them are recorded; 诉前调解 starts its 30 days at receipt', async () => {
    const police = ok(await createCase(t, 'kdl.district', caseBody(d.district.id, d.kdlGrid, { source: 'police', referringBody: '昆都仑区公安分局少先路派出所', referralNumber: '昆公少(2026)调转12号' })), 201);
    expect(police).toMatchObject({ source: 'police', sourceName: '公调对接', referringBody: '昆都仑区公安分局少先路派出所', referralNumber: '昆公少(2026)调转12号', dueAt: null });
    const petition = ok(await createCase(t, 'dispatcher', caseBody(d.street.id, d.kdlGrid, { source: 'petition', referringBody: '昆都仑区信访局', referralNumber: '昆信转〔2026〕88号' })), 201);
    expect(petition.sourceName).toBe('访调对接');
    const court = ok(await createCase(t, 'kdl.district', caseBody(d.district.id, d.kdlGrid, { source: 'court', category: 'contract', referringBody: '包头市昆都仑区人民法院', referralNumber: '(2026)内0203民诉前调1234号' })), 201);
    expect(court.dueAt).not.toBeNull();
    const days = (Date.parse(court.dueAt) - Date.parse(court.registeredAt)) / 86_400_000;
    expect(days).toBeGreaterThan(30); // 30 calendar days from the day after receipt, to 24:00, later still past a holiday
    expect(days).toBeLessThan(41);
  });

  it('bad input names the field: an ID number, one side only, a place outside the organisation, another city’s organisation, a grid of another city', async () => {
    const before = await counts(t);
    const bad = async (body: Record<string, unknown>, field: string, who = 'kdl.street') => {
      const res = await createCase(t, who, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.field).toBe(field);
    };
    await bad(caseBody(d.street.id, d.kdlGrid, { parties: parties([{}, { idNumber: '150203199001011230' }]) }), 'parties[1].idNumber');
    await bad(caseBody(d.street.id, d.kdlGrid, { parties: parties([{}, { role: 'applicant' }]) }), 'parties');
    await bad(caseBody(d.street.id, d.kdlGrid, { parties: [parties()[0], { kind: 'organisation', role: 'respondent', name: '某公司', creditCode: '91150203MA0N3X4Y5B' }] }), 'parties[1].creditCode');
    await bad(caseBody(d.street.id, d.kdlGrid, { category: 'gossip' }), 'category');
    await bad(caseBody(d.street.id, d.kdlGrid, { summary: '吵架' }), 'summary');
    await bad(caseBody(d.community.id, d.hlbeGrid), 'gridCode'); // not a grid of the caller's city
    await bad(caseBody(d.hlbe.id, d.kdlGrid), 'orgId');
    // A district committee's case placed in another district (青山区) is outside its area.
    const qs = await t.tdb.db.selectFrom('area').select('code').where('level', '=', 'grid').where('code', 'like', '150204%').orderBy('code').limit(1).executeTakeFirstOrThrow();
    await bad(caseBody(d.district.id, qs.code), 'orgId', 'dispatcher');
    await bad(caseBody(d.street.id, undefined as unknown as string, { gridCode: undefined }), 'location');
    expect(await counts(t)).toEqual(before);
  });

  it('a retried create with the same Idempotency-Key gives the same case, not a second one', async () => {
    const before = await counts(t);
    const headers = { 'idempotency-key': 'mediation-doors-retry-0001' };
    const body = caseBody(d.street.id, d.kdlGrid);
    const first = ok(await createCase(t, 'kdl.street', body, headers), 201);
    const again = await createCase(t, 'kdl.street', body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.json().id).toBe(first.id);
    expect((await counts(t)).cases).toBe(before.cases + 1);
  });
});

describe('a ticket of the event loop becomes a dispute (linked both ways)', () => {
  it('the street mediator takes a registered ticket: the case keeps ticket_id, the ticket gets a 转人民调解 row; a second take is refused and writes nothing', async () => {
    const ticket = okTicket(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center, { description: '邻居装修噪音扰民，多次协商无果，双方发生口角' })), 201);
    okTicket(await actOnTicket(t, 'dispatcher', ticket.id, { action: 'register' }));
    const c = ok(await createCase(t, 'mediator', { source: 'ticket', ticketId: ticket.id, orgId: d.street.id, category: 'neighbour', summary: '装修噪音扰民引发邻里纠纷', parties: parties() }), 201);
    expect(c).toMatchObject({ source: 'ticket', sourceName: '事件转入', ticket: { id: ticket.id, number: ticket.number }, gridCode: ticket.gridCode, areaPath: ticket.areaPath });
    const tl = okTicket(await get(t, 'dispatcher', `/api/tickets/${ticket.id}`));
    const row = tl.timeline.find((a: { action: string }) => a.action === 'to_mediation');
    expect(row).toMatchObject({ actionName: '转人民调解', from: 'registered', to: 'registered', by: { name: '街道人民调解员', role: 'mediator' }, data: { caseId: c.id, caseNumber: c.number } });
    expect(tl.ticket.state).toBe('registered'); // the ticket keeps its place in the loop and is answered as usual
    expect(ok(await get(t, 'kdl.street', `/api/mediation/cases?ticketId=${ticket.id}`)).items.map((x: { id: number }) => x.id)).toEqual([c.id]);

    const before = await counts(t);
    const again = await createCase(t, 'kdl.street', { source: 'ticket', ticketId: ticket.id, orgId: d.street.id, category: 'neighbour', summary: '装修噪音扰民引发邻里纠纷', parties: parties() });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'ticket_taken', details: { field: 'ticketId' } });
    expect(await counts(t)).toEqual(before);
  });

  it('refused with nothing written: a ticket not yet registered, a ticket the caller cannot see, a place given beside the ticket', async () => {
    const fresh = okTicket(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center)), 201);
    const qsTicket = okTicket(await file(t, 'dispatcher', ticketBody(p.qsGrid.center)), 201);
    const before = await counts(t);
    const last = await counter();
    const body = { source: 'ticket', ticketId: fresh.id, orgId: d.street.id, category: 'neighbour', summary: '路灯纠纷转为邻里纠纷', parties: parties() };
    const early = await createCase(t, 'kdl.street', body);
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.message).toContain('转人民调解');
    expect((await createCase(t, 'mediator', { ...body, ticketId: qsTicket.id })).statusCode).toBe(404);
    const placed = await createCase(t, 'kdl.street', { ...body, gridCode: d.kdlGrid });
    expect(placed.json().error.details.field).toBe('ticketId');
    const noTicket = await createCase(t, 'kdl.street', { ...body, ticketId: undefined });
    expect(noTicket.json().error.details.field).toBe('ticketId');
    expect(await counts(t)).toEqual(before);
    expect(await counter()).toBe(last); // the number taken in the refused transaction was rolled back with it
  });

  it('the tickets route does not take to_mediation: only the mediation module writes it', async () => {
    const ticket = okTicket(await file(t, 'dispatcher', ticketBody(p.kdlGrid.center)), 201);
    okTicket(await actOnTicket(t, 'dispatcher', ticket.id, { action: 'register' }));
    const res = await actOnTicket(t, 'dispatcher', ticket.id, { action: 'to_mediation', caseId: 1, caseNumber: 'TJ2026-00001' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('action');
  });
});
