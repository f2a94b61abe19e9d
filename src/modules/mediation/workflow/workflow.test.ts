import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTIONS, RELATIONS, type ActionName, type ActionRequest, type Relation } from './actions.ts';
import { clockFor } from './clock.ts';
import { decide } from './decide.ts';
import { caseFor, MEDIATOR, NOW, REQUESTS } from './fixtures.ts';
import { openCase } from './intake.ts';
import { AFTER_AGREEMENT, ALL_STATES, FINAL_STATES, type CaseSnapshot, type State } from './states.ts';
import { TRANSITIONS, transitionOf } from './table.ts';

const clock = clockFor();

describe('the transition table of a dispute case', () => {
  it('has one row per action, only known states, and no way out of an ended case', () => {
    expect(TRANSITIONS.map((t) => t.action).sort()).toEqual((Object.keys(ACTIONS) as ActionName[]).sort());
    for (const t of TRANSITIONS) {
      for (const s of t.from) expect(ALL_STATES).toContain(s);
      for (const s of FINAL_STATES) expect(t.from).not.toContain(s);
      if (t.from.includes('agreed')) expect(AFTER_AGREEMENT).toContain(t.action);
    }
  });

  it('every state × action × relation is allowed exactly where the table says, else refused with a clear reason', () => {
    let allowed = 0;
    for (const state of ALL_STATES) {
      for (const action of Object.keys(ACTIONS) as ActionName[]) {
        for (const rel of RELATIONS) {
          const c = caseFor(state, action);
          const out = decide(c, REQUESTS[action], new Set([rel]), NOW, clock);
          const row = transitionOf(action)!;
          const label = `${state} × ${action} × ${rel}`;
          if (FINAL_STATES.includes(state)) {
            expect(out, label).toMatchObject({ ok: false, status: 409, code: 'case_final', field: 'action' });
          } else if (state === 'agreed' && !(AFTER_AGREEMENT as readonly string[]).includes(action)) {
            expect(out, label).toMatchObject({ ok: false, status: 409, code: 'case_concluded', field: 'action' });
          } else if (!row.from.includes(state)) {
            expect(out, label).toMatchObject({ ok: false, status: 409, code: 'illegal_transition', field: 'action' });
            if (!out.ok) expect(out.message, label).toMatch(/不能.* \/ the case is .*: cannot/);
          } else if (!row.by.includes(rel)) {
            expect(out, label).toMatchObject({ ok: false, status: 403, code: 'forbidden' });
          } else {
            expect(out.ok, `${label}: ${out.ok ? '' : out.message}`).toBe(true);
            if (out.ok) {
              expect(out.case.actions).toBe(c.actions + 1);
              expect(ALL_STATES).toContain(out.to);
            }
            allowed++;
          }
        }
      }
    }
    expect(allowed).toBe(TRANSITIONS.reduce((n, t) => n + t.from.length * t.by.length, 0));
  });

  it('the applicant (a resident who applied on the phone) may only withdraw, and only before an outcome', () => {
    expect(TRANSITIONS.filter((t) => t.by.includes('applicant')).map((t) => t.action)).toEqual(['withdraw']);
    const applicant = new Set<Relation>(['applicant']);
    for (const state of ['registered', 'accepted', 'assigned', 'mediating'] as State[]) {
      expect(decide(caseFor(state), REQUESTS.withdraw, applicant, NOW, clock), state).toMatchObject({ ok: true, from: state, to: 'withdrawn' });
    }
    expect(decide(caseFor('agreed'), REQUESTS.withdraw, applicant, NOW, clock)).toMatchObject({ ok: false, status: 409, code: 'case_concluded' });
    expect(decide(caseFor('withdrawn'), REQUESTS.withdraw, applicant, NOW, clock)).toMatchObject({ ok: false, status: 409, code: 'case_final' });
    expect(decide(caseFor('accepted'), { action: 'withdraw', partyId: 1, note: ' ' }, applicant, NOW, clock)).toMatchObject({ ok: false, status: 400, field: 'note' });
    for (const action of ['accept', 'reject', 'refuse', 'assign', 'correct_party', 'add_party', 'flag_police', 'supervise'] as ActionName[]) {
      const state = action === 'accept' || action === 'reject' ? 'registered' : 'accepted';
      expect(decide(caseFor(state, action), REQUESTS[action], applicant, NOW, clock), action).toMatchObject({ ok: false, status: 403, code: 'forbidden' });
    }
  });

  it('walks 登记 → 受理 → 指派 → 调解 → 达成协议 → 司法确认 → 回访 with the month from 受理 and the 30-day window from signing', () => {
    const parties = caseFor('registered').parties.map((p) => ({ ...p, idNumber: '150203199001011234', creditCode: null, address: '包头市', legalRep: null }));
    let c = openCase({ source: 'walk_in', category: 'neighbour', orgId: 1, parties }, NOW, clock);
    expect(c).toMatchObject({ state: 'registered', dueAt: null, actions: 1 });
    const steps: [ActionRequest, Relation, State][] = [
      [REQUESTS.accept, 'committee', 'accepted'], [REQUESTS.assign, 'committee', 'assigned'],
      [REQUESTS.record_session, 'mediator', 'mediating'], [REQUESTS.record_session, 'mediator', 'mediating'],
      [REQUESTS.agree, 'mediator', 'agreed'], [REQUESTS.judicial_apply, 'committee', 'agreed'],
      [REQUESTS.judicial_result, 'committee', 'agreed'], [REQUESTS.follow_up, 'mediator', 'agreed'],
    ];
    for (const [req, rel, to] of steps) {
      const out = decide(c, req, new Set([rel]), NOW, clock);
      if (!out.ok) throw new Error(out.message);
      expect(out.to).toBe(to);
      c = out.case;
      // 受理 Mon 28 Sep 2026 + 30 calendar days = Wed 28 Oct (a working day: no rollover).
      if (req.action === 'accept') expect(c.dueAt?.toISOString()).toBe('2026-10-28T15:59:59.999Z');
    }
    // Signed Mon 28 Sep: day 30 is Wed 28 Oct.
    expect(c.agreement).toEqual({ signedOn: '2026-09-28', judicialDueOn: '2026-10-28' });
    expect(c.judicial).toEqual({ appliedOn: '2026-09-28', result: 'confirmed' });
    expect(c.actions).toBe(1 + steps.length);
  });

  it('side paths: refusal, withdrawal, failure with referral, recusal back to 受理, and 诉前 extension once', () => {
    expect(decide(caseFor('mediating'), REQUESTS.refuse, new Set(['mediator']), NOW, clock)).toMatchObject({ ok: true, to: 'refused' });
    expect(decide(caseFor('accepted'), REQUESTS.withdraw, new Set(['committee']), NOW, clock)).toMatchObject({ ok: true, to: 'withdrawn' });
    const failed = decide(caseFor('mediating'), REQUESTS.fail, new Set(['mediator']), NOW, clock);
    expect(failed.ok && failed.case.referral).toBe('litigation');
    const recused = decide(caseFor('mediating'), { ...REQUESTS.recuse, mediatorId: 11 } as ActionRequest, new Set(['committee']), NOW, clock);
    expect(recused).toMatchObject({ ok: true, to: 'accepted', case: { mediators: [], recused: [11] } });
    const again = decide((recused as { case: CaseSnapshot }).case, REQUESTS.assign, new Set(['committee']), NOW, clock);
    expect(again).toMatchObject({ ok: false, status: 409, code: 'recused', field: 'mediatorIds' });
    const ext = decide(caseFor('mediating'), REQUESTS.extend, new Set(['committee']), NOW, clock);
    // 20 Oct + 15 days = 4 Nov 2026 (Wednesday).
    expect(ext.ok && ext.case.dueAt?.toISOString()).toBe('2026-11-04T15:59:59.999Z');
    const twice = decide((ext as { case: CaseSnapshot }).case, REQUESTS.extend, new Set(['committee']), NOW, clock);
    expect(twice).toMatchObject({ ok: false, code: 'already_extended', field: 'days' });
  });

  it('refuses guarded actions with the field to fix', () => {
    const rel = new Set<Relation>(['committee', 'mediator', 'supervisor']);
    const cases: [State, ActionRequest, string, string][] = [
      ['accepted', { action: 'withdraw', partyId: 2, note: '撤回' }, 'not_applicant', 'partyId'],
      ['accepted', { action: 'refuse', partyId: 9, note: '拒绝' }, 'invalid_field', 'partyId'],
      ['accepted', { action: 'assign', mediators: [{ ...MEDIATOR, orgId: 2 }], chosenBy: 'committee' }, 'invalid_field', 'mediatorIds'],
      ['accepted', { action: 'assign', mediators: [{ ...MEDIATOR, active: false }], chosenBy: 'committee' }, 'mediator_inactive', 'mediatorIds'],
      ['accepted', { action: 'assign', mediators: [{ ...MEDIATOR, phone: '13900000002' }], chosenBy: 'committee' }, 'conflict_of_interest', 'mediatorIds'],
      ['accepted', { action: 'assign', mediators: [], chosenBy: 'committee' }, 'invalid_field', 'mediatorIds'],
      ['mediating', { action: 'fail', referral: 'nowhere' as never, note: '不成' }, 'invalid_field', 'referral'],
      ['mediating', { action: 'extend', days: 31, note: '同意' }, 'invalid_field', 'days'],
      ['mediating', { action: 'record_session', session: { heldAt: '2026-10-30T02:00:00Z', place: '调解室', attendees: ['张三'], minutes: '双方陈述各自意见和诉求' } }, 'invalid_field', 'session.heldAt'],
      ['mediating', { action: 'record_session', session: { heldAt: '2026-09-27T02:00:00Z', place: '调解室', attendees: [], minutes: '双方陈述各自意见和诉求' } }, 'invalid_field', 'session.attendees'],
      ['accepted', { action: 'add_party', party: { kind: 'person', role: 'third_party', name: '王五', idNumber: '150203199001011235' } }, 'invalid_field', 'party.idNumber'],
      // 回避, the same check as at 指派: a party given the phone of a mediator on the case.
      ['mediating', { action: 'add_party', party: { kind: 'person', role: 'third_party', name: '王五', phone: MEDIATOR.phone! }, onCase: [MEDIATOR] }, 'conflict_of_interest', 'party.phone'],
      ['mediating', { action: 'correct_party', partyId: 2, changes: { phone: MEDIATOR.phone }, reason: '更正联系电话', onCase: [MEDIATOR] }, 'conflict_of_interest', 'changes.phone'],
      ['accepted', { action: 'flag_police', reason: '吵' }, 'invalid_field', 'reason'],
      ['agreed', { action: 'judicial_apply', appliedOn: '2026-09-24', court: '昆都仑区人民法院' }, 'invalid_field', 'appliedOn'],
      ['agreed', { action: 'judicial_result', result: 'confirmed', decidedOn: '2026-09-27' }, 'no_application', 'result'],
      ['agreed', { action: 'follow_up', visitedOn: '2026-09-29', performance: 'performed', note: '已履行' }, 'invalid_field', 'visitedOn'],
    ];
    for (const [state, req, code, field] of cases) {
      expect(decide(caseFor(state), req, rel, NOW, clock), JSON.stringify(req)).toMatchObject({ ok: false, code, field });
    }
    const walkIn = { ...caseFor('mediating'), source: 'walk_in' as const };
    expect(decide(walkIn, REQUESTS.extend, rel, NOW, clock)).toMatchObject({ ok: false, status: 409, code: 'not_court_referral' });
    const late = decide(caseFor('mediating'), REQUESTS.extend, rel, new Date('2026-10-21T00:00:00Z'), clock);
    expect(late).toMatchObject({ ok: false, code: 'past_deadline', field: 'days' });
    const flagged = decide({ ...caseFor('accepted'), policeFlag: true }, REQUESTS.flag_police, rel, NOW, clock);
    expect(flagged).toMatchObject({ ok: false, code: 'already_flagged' });
    const red = decide({ ...caseFor('accepted'), supervision: 'red' }, REQUESTS.supervise, rel, NOW, clock);
    expect(red).toMatchObject({ ok: false, code: 'supervision_not_raised', field: 'level' });
    // Another phone, or a mediator no longer on the case (not in onCase), is no conflict.
    expect(decide(caseFor('mediating'), { action: 'correct_party', partyId: 2, changes: { phone: '13900000099' }, reason: '更正联系电话', onCase: [MEDIATOR] }, rel, NOW, clock)).toMatchObject({ ok: true });
    expect(decide(caseFor('mediating'), { action: 'add_party', party: { kind: 'person', role: 'third_party', name: '王五', phone: MEDIATOR.phone! }, onCase: [] }, rel, NOW, clock)).toMatchObject({ ok: true });
    const conflict = decide(caseFor('mediating'), { action: 'correct_party', partyId: 2, changes: { phone: MEDIATOR.phone }, reason: '更正联系电话', onCase: [MEDIATOR] }, rel, NOW, clock);
    expect(!conflict.ok && conflict.message).toContain('调解员李调解与当事人李四有利害关系');
  });

  it('an agreement without its required items is refused naming each one', () => {
    const c = { ...caseFor('mediating'), parties: caseFor('mediating').parties.map((p, i) => (i === 1 ? { ...p, identified: false, hasAddress: false } : p)) };
    const out = decide(c, { action: 'agree', agreement: { parties: [1, 2], facts: '漏水', disputes: '', responsibilities: '', terms: [{ content: '赔偿', manner: '', deadline: '' }], signedOn: '2026-09-28', signedBy: { parties: [1], mediators: [] } } }, new Set(['mediator']), NOW, clock);
    expect(out).toMatchObject({ ok: false, status: 400, code: 'agreement_incomplete', field: 'agreement.parties[1].idNumber' });
    expect(!out.ok && out.missing!.map((m) => m.field)).toEqual([
      'agreement.parties[1].idNumber', 'agreement.parties[1].address', 'agreement.facts', 'agreement.disputes', 'agreement.responsibilities',
      'agreement.terms[0].manner', 'agreement.terms[0].deadline', 'agreement.signedBy.parties[1]', 'agreement.signedBy.mediators',
    ]);
    expect(!out.ok && out.message).toContain('调解协议书缺少必备事项');
    const stranger = decide(caseFor('mediating'), { action: 'agree', agreement: { ...(REQUESTS.agree as Extract<ActionRequest, { action: 'agree' }>).agreement, signedBy: { parties: [1, 2, 9], mediators: [11] } } }, new Set(['mediator']), NOW, clock);
    expect(!stranger.ok && stranger.missing).toEqual([{ field: 'agreement.signedBy.parties', message: 'agreement.signedBy.parties: 签名的 9 不是协议约束的当事人 / signer 9 is not a party the agreement binds' }]);
  });
});

describe('更正当事人 (correct_party)', () => {
  const rel = new Set<Relation>(['mediator']);
  const blank = (): CaseSnapshot => ({ ...caseFor('mediating'), parties: caseFor('mediating').parties.map((p, i) => (i === 1 ? { ...p, identified: false, hasAddress: false } : p)) });

  it('corrects the party in place: the agreement it blocked then goes through, and no second record of the person appears', () => {
    const c = blank();
    expect(decide(c, REQUESTS.agree, rel, NOW, clock)).toMatchObject({ ok: false, code: 'agreement_incomplete', field: 'agreement.parties[1].idNumber' });
    const out = decide(c, REQUESTS.correct_party, rel, NOW, clock);
    if (!out.ok) throw new Error(out.message);
    expect(out).toMatchObject({ from: 'mediating', to: 'mediating' });
    expect(out.case.parties).toHaveLength(2);
    expect(out.case.parties[1]).toMatchObject({ id: 2, role: 'respondent', name: '李四', identified: true, hasAddress: true });
    expect(decide(out.case, REQUESTS.agree, rel, NOW, clock)).toMatchObject({ ok: true, to: 'agreed' });
    // A cleared phone and a new name are kept; the kind decides which identity number is asked.
    const renamed = decide(c, { action: 'correct_party', partyId: 1, changes: { name: '张叁', phone: null }, reason: '姓名录入有误' }, rel, NOW, clock);
    expect(renamed.ok && renamed.case.parties[0]).toMatchObject({ name: '张叁', phone: null, identified: true });
  });

  it('refuses a bad correction naming the field under changes, and any correction once the case is concluded', () => {
    const cases: [ActionRequest, string][] = [
      [{ action: 'correct_party', partyId: 2, changes: { idNumber: '150203199001011235' }, reason: '补充身份证号码' }, 'changes.idNumber'],
      [{ action: 'correct_party', partyId: 2, changes: { phone: '12345' }, reason: '更正联系电话' }, 'changes.phone'],
      [{ action: 'correct_party', partyId: 2, changes: { creditCode: '91150203MA0N000000' }, reason: '更正信用代码' }, 'changes.creditCode'],
      [{ action: 'correct_party', partyId: 2, changes: { name: ' ' }, reason: '更正姓名错误' }, 'changes.name'],
      [{ action: 'correct_party', partyId: 2, changes: {}, reason: '更正当事人' }, 'changes'],
      [{ action: 'correct_party', partyId: 9, changes: { address: '包头市' }, reason: '补充住址信息' }, 'partyId'],
      [{ action: 'correct_party', partyId: 2, changes: { address: '包头市' }, reason: '补' }, 'reason'],
    ];
    for (const [req, field] of cases) expect(decide(blank(), req, rel, NOW, clock), JSON.stringify(req)).toMatchObject({ ok: false, status: 400, field });
    expect(decide(caseFor('agreed'), REQUESTS.correct_party, rel, NOW, clock)).toMatchObject({ ok: false, status: 409, code: 'case_concluded' });
    expect(decide(caseFor('failed'), REQUESTS.correct_party, rel, NOW, clock)).toMatchObject({ ok: false, status: 409, code: 'case_final' });
    expect(decide(blank(), REQUESTS.correct_party, new Set(['supervisor']), NOW, clock)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('invariants under random action sequences (fast-check)', () => {
  // The main path weighs more, so random walks get past 受理 and 指派 to agreements and beyond.
  const MAIN: ActionName[] = ['accept', 'assign', 'record_session', 'agree'];
  const anyRequest = fc.oneof(
    ...Object.values(REQUESTS).map((r) => ({ arbitrary: fc.constant(r), weight: MAIN.includes(r.action) ? 5 : 1 })),
    fc.constant<ActionRequest>({ ...REQUESTS.recuse, mediatorId: 11 } as ActionRequest),
    fc.constant<ActionRequest>({ action: 'supervise', level: 'red' }),
    fc.constant<ActionRequest>({ action: 'withdraw', partyId: 2, note: '撤回' }),
    fc.constant<ActionRequest>({ action: 'correct_party', partyId: 2, changes: { phone: MEDIATOR.phone }, reason: '更正联系电话', onCase: [MEDIATOR] }),
    fc.record({ action: fc.constant('extend' as const), days: fc.integer({ min: -2, max: 40 }), note: fc.constantFrom('同意', '') }),
    fc.record({ action: fc.constant('judicial_apply' as const), appliedOn: fc.constantFrom('2026-09-20', '2026-10-28', '2026-12-01', 'x'), court: fc.constant('昆都仑区人民法院') }),
    fc.record({
      action: fc.constant('correct_party' as const), partyId: fc.constantFrom(1, 2, 3),
      changes: fc.record({ idNumber: fc.constantFrom('150203199001011232', '150203199001011235', null), phone: fc.constantFrom('13900000011', 'abc', null) }, { requiredKeys: [] }),
      reason: fc.constantFrom('补充身份证号码', ''),
    }),
  );
  const step = fc.record({ req: anyRequest, rels: fc.subarray([...RELATIONS], { minLength: 1 }), hours: fc.integer({ min: 0, max: 24 * 10 }) });

  it('one current state; deadlines never move earlier; history grows by one per applied action; ended cases frozen, agreed ones take only 回访 and 司法确认', () => {
    const reached = new Set<State>();
    fc.assert(fc.property(fc.constantFrom<'walk_in' | 'court'>('walk_in', 'court'), fc.array(step, { minLength: 5, maxLength: 60 }), (source, steps) => {
      const parties = caseFor('registered').parties.map((p) => ({ ...p, idNumber: '150203199001011234', creditCode: null, address: '包头市', legalRep: null }));
      let c = openCase({ source, category: 'neighbour', orgId: 1, parties }, NOW, clock);
      let now = NOW;
      for (const s of steps) {
        now = new Date(now.getTime() + s.hours * 3_600_000);
        const out = decide(c, s.req, new Set(s.rels), now, clock);
        if (!out.ok) {
          expect([400, 403, 409]).toContain(out.status);
          expect(out.message).toContain(' / ');
          expect(out.field).toBeTruthy();
          continue;
        }
        const n = out.case;
        expect(ALL_STATES).toContain(n.state);
        expect(n.state).toBe(out.to);
        expect(out.from).toBe(c.state);
        expect(n.actions).toBe(c.actions + 1);
        // Applied only through a relation its row names: the applicant alone can do nothing but withdraw.
        expect(transitionOf(s.req.action)!.by.some((r) => s.rels.includes(r))).toBe(true);
        if (s.rels.every((r) => r === 'applicant')) expect(s.req.action).toBe('withdraw');
        expect(FINAL_STATES).not.toContain(c.state);
        if (c.state === 'agreed') expect(AFTER_AGREEMENT).toContain(s.req.action);
        if (c.dueAt) expect(n.dueAt!.getTime()).toBeGreaterThanOrEqual(c.dueAt.getTime());
        if (n.state === 'assigned' || n.state === 'mediating') expect(n.mediators.length).toBeGreaterThan(0);
        for (const r of n.recused) expect(n.mediators).not.toContain(r);
        expect(n.extensions).toBeLessThanOrEqual(1);
        // A correction changes a party's particulars, never who the parties are.
        if (s.req.action === 'correct_party') expect(n.parties.map((p) => [p.id, p.role, p.kind])).toEqual(c.parties.map((p) => [p.id, p.role, p.kind]));
        c = n;
        reached.add(n.state);
      }
    }), { numRuns: 400 });
    // The random walks did reach every state, so the invariants were tried on each.
    expect([...reached].sort()).toEqual([...ALL_STATES].sort());
  });
});
