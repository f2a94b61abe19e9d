// The 30-day windows of a dispute, counted in calendar days as 民事诉讼法 第八十五条 counts them: the first
// day not counted, a last day on a holiday or rest day moved to the next working day, a make-up
// working day (调休上班) not moved. 2026: 国庆 1–7 Oct off, Sat 10 Oct works; 春节 15–23 Feb off, Sat 14 Feb works.
import { describe, expect, it } from 'vitest';
import { clockFor, DEFAULT_TERMS } from './clock.ts';
import { decide } from './decide.ts';
import { caseFor, REQUESTS } from './fixtures.ts';
import type { ActionRequest } from './actions.ts';

const clock = clockFor();
const sh = (s: string) => new Date(`${s}+08:00`);

describe('诉前调解: 30 days from receiving the court’s referral, one extension', () => {
  it('day 30 on 国庆 moves to Thu 8 Oct; on the make-up Saturday it stays', () => {
    expect(clock.courtDue(sh('2026-09-01T10:00:00'))).toEqual(sh('2026-10-08T23:59:59.999'));
    expect(clock.courtDue(sh('2026-09-10T16:00:00'))).toEqual(sh('2026-10-10T23:59:59.999'));
  });
  it('day 30 in 春节 moves to Tue 24 Feb; on the make-up Saturday 14 Feb it stays', () => {
    expect(clock.courtDue(sh('2026-01-16T09:00:00'))).toEqual(sh('2026-02-24T23:59:59.999'));
    expect(clock.courtDue(sh('2026-01-15T09:00:00'))).toEqual(sh('2026-02-14T23:59:59.999'));
  });
  it('an extension counts on from the deadline and rolls past 春节 too', () => {
    // Due Wed 21 Jan 2026; + 30 days = Fri 20 Feb, inside 春节 → Tue 24 Feb.
    const c = { ...caseFor('mediating'), dueAt: sh('2026-01-21T23:59:59.999') };
    const out = decide(c, { action: 'extend', days: DEFAULT_TERMS.courtExtensionDays, note: '双方同意延长' }, new Set(['committee']), sh('2026-01-20T10:00:00'), clock);
    expect(out.ok && out.case.dueAt).toEqual(sh('2026-02-24T23:59:59.999'));
  });
});

describe('调解期限: one month (30 days, the city’s setting) from 受理', () => {
  it('accepted Sat 5 Sep 2026: day 30 is Mon 5 Oct in 国庆 → Thu 8 Oct; a court case keeps its own 30 days from receipt', () => {
    const walkIn = { ...caseFor('registered'), source: 'walk_in' as const, dueAt: null };
    const out = decide(walkIn, REQUESTS.accept, new Set(['committee']), sh('2026-09-05T10:00:00'), clock);
    expect(out.ok && out.case.dueAt).toEqual(sh('2026-10-08T23:59:59.999'));
    const court = { ...caseFor('registered'), dueAt: sh('2026-10-08T23:59:59.999') };
    const kept = decide(court, REQUESTS.accept, new Set(['committee']), sh('2026-09-20T10:00:00'), clock);
    expect(kept.ok && kept.case.dueAt).toEqual(sh('2026-10-08T23:59:59.999'));
  });
  it('a city that sets 20 days gets 20', () => {
    expect(clockFor({ ...DEFAULT_TERMS, conclusionDays: 20 }).conclusionDue(sh('2026-03-02T10:00:00'))).toEqual(sh('2026-03-23T23:59:59.999')); // day 20 is Sun 22 Mar → Mon 23
  });
});

describe('司法确认: applied jointly within 30 days of the agreement taking effect', () => {
  const agreed = (signedOn: string) => ({ ...caseFor('agreed'), registeredAt: sh('2026-01-01T09:00:00'), agreement: { signedOn, judicialDueOn: clock.judicialDue(signedOn) } });
  const apply = (signedOn: string, appliedOn: string) =>
    decide(agreed(signedOn), { action: 'judicial_apply', appliedOn, court: '包头市昆都仑区人民法院' } as ActionRequest, new Set(['committee']), sh('2026-12-01T10:00:00'), clock);

  it('signed Tue 1 Sep 2026: the window ends Thu 8 Oct (day 30 is 1 Oct, 国庆); 8 Oct is in time, 9 Oct is late', () => {
    expect(clock.judicialDue('2026-09-01')).toBe('2026-10-08');
    expect(apply('2026-09-01', '2026-10-08')).toMatchObject({ ok: true });
    expect(apply('2026-09-01', '2026-10-09')).toMatchObject({ ok: false, status: 409, code: 'judicial_window_passed', field: 'appliedOn' });
  });
  it('signed Thu 15 Jan 2026: day 30 is the make-up Saturday 14 Feb, which stays; signed 16 Jan: 24 Feb', () => {
    expect(clock.judicialDue('2026-01-15')).toBe('2026-02-14');
    expect(apply('2026-01-15', '2026-02-15')).toMatchObject({ ok: false, code: 'judicial_window_passed' });
    expect(clock.judicialDue('2026-01-16')).toBe('2026-02-24');
    expect(apply('2026-01-16', '2026-02-24')).toMatchObject({ ok: true });
  });
  it('an ordinary Sunday moves to Monday; the message names the last day', () => {
    expect(clock.judicialDue('2026-09-11')).toBe('2026-10-12'); // day 30 Sun 11 Oct
    const late = apply('2026-09-11', '2026-10-13');
    expect(!late.ok && late.message).toContain('2026-10-12');
  });
});
