import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkdays } from '../../../kernel/calendar/index.ts';
import type { ActionName, ActionRequest, Relation } from './actions.ts';
import { ACTIONS } from './actions.ts';
import { decide, type DeadlineClock } from './decide.ts';
import { TRANSITIONS, transitionOf } from './table.ts';
import { ALL_STATES, FINAL_STATES, SUPERVISION, type State, type TicketSnapshot } from './states.ts';

// The real working-day calendar: 签收 1 working day, 办理 3 (consult/help) or 13 (complaint/report).
const clock: DeadlineClock = {
  signDue: (now) => addWorkdays(now, 1).at,
  handleDue: (now, t) => addWorkdays(now, t.demandType === 'complaint' || t.demandType === 'report' ? 13 : 3).at,
  extend: (due, days) => addWorkdays(due, days).at,
};
const NOW = new Date('2026-09-28T02:00:00Z'); // Monday 10:00 in Shanghai, the week before 国庆
const RELATIONS: Relation[] = ['centre', 'handler', 'verifier', 'reporter', 'system', 'mediator'];

/** A valid request of each action. */
const REQUESTS: Record<ActionName, ActionRequest> = {
  register: { action: 'register' },
  cancel: { action: 'cancel', reason: 'duplicate', note: '重复来电' },
  merge: { action: 'merge', into: 7 },
  dispatch: { action: 'dispatch', assignee: { kind: 'department', department: '市住建局' } },
  sign: { action: 'sign' },
  return: { action: 'return', reason: 'not_our_function', note: '不属本部门职能' },
  rule_return: { action: 'rule_return', approve: true, note: '退单理由成立' },
  request_extension: { action: 'request_extension', days: 5, reason: '需协调产权单位' },
  rule_extension: { action: 'rule_extension', approve: true },
  escalate: { action: 'escalate', note: '街道无法协调' },
  reply: { action: 'reply', result: '已更换路灯' },
  verify: { action: 'verify', passed: true, note: '现场已修复' },
  close: { action: 'close' },
  rate: { action: 'rate', rating: 'satisfied' },
  reopen: { action: 'reopen', reason: '群众认为未解决' },
  supervise: { action: 'supervise', level: 'yellow' },
  to_mediation: { action: 'to_mediation', caseId: 3, caseNumber: 'TJ2026-00003' },
};

/** A ticket in `state` on which every guard of `action` holds (so only the table decides). */
function ticketFor(state: State, action: ActionName): TicketSnapshot {
  return {
    state, demandType: 'complaint', urgent: false, centreLevel: 'street',
    assignee: state === 'received' || state === 'registered' ? null : { kind: 'department', department: '市住建局' },
    signDueAt: null, dueAt: new Date('2026-10-20T15:59:59.999Z'),
    extension: action === 'rule_extension' ? { days: 5, reason: '协调' } : null,
    returnedFrom: state === 'returned' ? 'accepted' : null,
    supervision: 'none', rating: action === 'reopen' ? 'dissatisfied' : null, reopened: 0, mergedInto: null, actions: 3,
  };
}

describe('the transition table', () => {
  it('has one row per action, only known states, and no way out of a final state', () => {
    expect(TRANSITIONS.map((t) => t.action).sort()).toEqual((Object.keys(ACTIONS) as ActionName[]).sort());
    for (const t of TRANSITIONS) {
      for (const s of t.from) expect(ALL_STATES).toContain(s);
      for (const s of FINAL_STATES) expect(t.from).not.toContain(s);
    }
  });

  it('every state × action × relation is allowed exactly where the table says, else refused with a clear reason', () => {
    let allowed = 0;
    for (const state of ALL_STATES) {
      for (const action of Object.keys(ACTIONS) as ActionName[]) {
        for (const rel of RELATIONS) {
          const t = ticketFor(state, action);
          const out = decide(t, REQUESTS[action], new Set([rel]), NOW, clock);
          const row = transitionOf(action);
          const label = `${state} × ${action} × ${rel}`;
          if (FINAL_STATES.includes(state)) {
            expect(out, label).toMatchObject({ ok: false, status: 409, code: 'ticket_final', field: 'action' });
          } else if (!row.from.includes(state)) {
            expect(out, label).toMatchObject({ ok: false, status: 409, code: 'illegal_transition', field: 'action' });
            if (!out.ok) expect(out.message, label).toMatch(/不能.* \/ cannot/);
          } else if (!row.by.includes(rel)) {
            expect(out, label).toMatchObject({ ok: false, status: 403, code: 'forbidden' });
          } else {
            expect(out.ok, `${label}: ${out.ok ? '' : out.message}`).toBe(true);
            if (out.ok) {
              expect(out.ticket.actions).toBe(t.actions + 1);
              expect(ALL_STATES).toContain(out.to);
            }
            allowed++;
          }
        }
      }
    }
    expect(allowed).toBe(TRANSITIONS.reduce((n, t) => n + t.from.length * t.by.length, 0));
  });

  it('walks the main path 受理 → 立案 → 派遣 → 签收 → 反馈 → 核查 → 结案 → 评价 with working-day deadlines', () => {
    let t = ticketFor('received', 'register');
    t = { ...t, assignee: null, dueAt: null };
    const steps: [ActionName, Relation, State][] = [
      ['register', 'centre', 'registered'], ['dispatch', 'centre', 'dispatched'], ['sign', 'handler', 'accepted'],
      ['reply', 'handler', 'handled'], ['verify', 'verifier', 'verified'], ['close', 'centre', 'closed'], ['rate', 'reporter', 'closed'],
    ];
    for (const [action, rel, to] of steps) {
      const out = decide(t, REQUESTS[action], new Set([rel]), NOW, clock);
      if (!out.ok) throw new Error(out.message);
      expect(out.to).toBe(to);
      t = out.ticket;
      if (action === 'dispatch') {
        // Monday 28 Sep 2026 + 1 working day = Tue 29 Sep; + 13 working days crosses 国庆 (1–7 Oct off,
        // Sat 10 Oct a make-up working day): 29, 30 Sep, 8, 9, 10, 12–16, 19, 20, 21 Oct → 21 Oct.
        expect(t.signDueAt?.toISOString()).toBe('2026-09-29T15:59:59.999Z');
        expect(t.dueAt?.toISOString()).toBe('2026-10-21T15:59:59.999Z');
      }
    }
    expect(t.rating).toBe('satisfied');
    expect(t.actions).toBe(3 + steps.length);
  });

  it('side paths: a failed check goes back to the unit, a refused return to the step it left, an approved extension moves the deadline', () => {
    const failed = decide(ticketFor('handled', 'verify'), { action: 'verify', passed: false, note: '现场未修复' }, new Set(['verifier']), NOW, clock);
    expect(failed).toMatchObject({ ok: true, to: 'accepted' });
    const refused = decide({ ...ticketFor('returned', 'rule_return'), returnedFrom: 'dispatched' }, { action: 'rule_return', approve: false, note: '属本部门职能' }, new Set(['centre']), NOW, clock);
    expect(refused).toMatchObject({ ok: true, to: 'dispatched' });
    const upheld = decide(ticketFor('returned', 'rule_return'), REQUESTS.rule_return, new Set(['centre']), NOW, clock);
    expect(upheld.ok && upheld.ticket.assignee).toBeNull();
    const ext = decide(ticketFor('accepted', 'rule_extension'), REQUESTS.rule_extension, new Set(['centre']), NOW, clock);
    // 20 Oct 2026 (Tue) + 5 working days = 27 Oct (Tue).
    expect(ext.ok && ext.ticket.dueAt?.toISOString()).toBe('2026-10-27T15:59:59.999Z');
    expect(ext.ok && ext.ticket.extension).toBeNull();
  });

  it('refuses guarded actions with the field to fix', () => {
    const late = decide(ticketFor('accepted', 'request_extension'), REQUESTS.request_extension, new Set(['handler']), new Date('2026-10-21T00:00:00Z'), clock);
    expect(late).toMatchObject({ ok: false, status: 409, code: 'past_deadline', field: 'days' });
    const twice = decide({ ...ticketFor('accepted', 'request_extension'), extension: { days: 3, reason: 'x' } }, REQUESTS.request_extension, new Set(['handler']), NOW, clock);
    expect(twice).toMatchObject({ ok: false, code: 'extension_pending' });
    const happy = decide({ ...ticketFor('closed', 'reopen'), rating: 'satisfied' }, REQUESTS.reopen, new Set(['centre']), NOW, clock);
    expect(happy).toMatchObject({ ok: false, code: 'not_dissatisfied', field: 'reason' });
    const top = decide({ ...ticketFor('accepted', 'escalate'), centreLevel: 'city' }, REQUESTS.escalate, new Set(['handler']), NOW, clock);
    expect(top).toMatchObject({ ok: false, code: 'top_level' });
    const lower = decide({ ...ticketFor('accepted', 'supervise'), supervision: 'red' }, REQUESTS.supervise, new Set(['system']), NOW, clock);
    expect(lower).toMatchObject({ ok: false, code: 'supervision_not_raised', field: 'level' });
    for (const [req, field] of [
      [{ action: 'return', reason: 'other', note: ' ' }, 'note'], [{ action: 'reply', result: '' }, 'result'],
      [{ action: 'request_extension', days: 0, reason: '需要时间' }, 'days'], [{ action: 'request_extension', days: 2.5, reason: '需要时间' }, 'days'],
      [{ action: 'merge', into: -1 }, 'into'], [{ action: 'dispatch', assignee: { kind: 'department', department: '' } }, 'assignee'],
      [{ action: 'dispatch', assignee: { kind: 'area', path: 'drop table' } }, 'assignee'],
    ] as [ActionRequest, string][]) {
      const state = req.action === 'merge' || req.action === 'dispatch' ? 'registered' : req.action === 'return' ? 'dispatched' : 'accepted';
      const out = decide(ticketFor(state, req.action), req, new Set(['centre', 'handler']), NOW, clock);
      expect(out, JSON.stringify(req)).toMatchObject({ ok: false, status: 400, field });
    }
  });
});

describe('invariants under random action sequences (fast-check)', () => {
  const anyRequest = fc.oneof(
    ...Object.values(REQUESTS).map((r) => fc.constant(r)),
    fc.constant<ActionRequest>({ action: 'verify', passed: false, note: '未修复' }),
    fc.constant<ActionRequest>({ action: 'rule_return', approve: false, note: '理由不成立' }),
    fc.constant<ActionRequest>({ action: 'rule_extension', approve: false }),
    fc.constant<ActionRequest>({ action: 'rate', rating: 'dissatisfied' }),
    fc.constant<ActionRequest>({ action: 'supervise', level: 'red' }),
    fc.record({ action: fc.constant('request_extension' as const), days: fc.integer({ min: -2, max: 40 }), reason: fc.constantFrom('协调', '', '需要更多时间') }),
  );
  const step = fc.record({
    req: anyRequest,
    rels: fc.subarray(RELATIONS, { minLength: 1 }),
    hours: fc.integer({ min: 0, max: 24 * 20 }),
  });

  it('one current state; deadlines never move earlier; history grows by one per applied action; final and closed tickets change only as allowed', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
      let t: TicketSnapshot = { ...ticketFor('received', 'register'), assignee: null, dueAt: null };
      let now = NOW;
      for (const s of steps) {
        now = new Date(now.getTime() + s.hours * 3_600_000);
        const out = decide(t, s.req, new Set(s.rels), now, clock);
        if (!out.ok) {
          expect([400, 403, 409]).toContain(out.status);
          expect(out.message).toContain(' / ');
          continue;
        }
        const n = out.ticket;
        expect(ALL_STATES).toContain(n.state);
        expect(n.state).toBe(out.to);
        expect(out.from).toBe(t.state);
        expect(n.actions).toBe(t.actions + 1);
        expect(FINAL_STATES).not.toContain(t.state);
        if (t.dueAt && n.dueAt) expect(n.dueAt.getTime()).toBeGreaterThanOrEqual(t.dueAt.getTime());
        if (t.state === 'closed') expect(['rate', 'reopen']).toContain(s.req.action);
        if (s.req.action !== 'reopen') expect(SUPERVISION.indexOf(n.supervision)).toBeGreaterThanOrEqual(SUPERVISION.indexOf(t.supervision));
        if (n.state === 'dispatched' || n.state === 'accepted') expect(n.assignee).not.toBeNull();
        t = n;
      }
    }), { numRuns: 400 });
  });
});
