import { describe, expect, it } from 'vitest';
import { elapsedWorkdays, extendDeadline } from './paused-clock.ts';
import { addWorkdays } from './workdays.ts';
import { endOf, sh } from './test-dates.ts';

// Received Monday 2026-09-28 10:00, 3 working days: 09-29, 09-30, then 10-08 (国庆 10-01…10-07).
const received = sh('2026-09-28T10:00');
const deadline = endOf('2026-10-08');

describe('extendDeadline: the clock stands still during a pause', () => {
  it('the base deadline', () => {
    expect(addWorkdays(received, 3).at).toEqual(deadline);
  });
  it('one full working day paused moves the deadline one working day', () => {
    const r = extendDeadline(deadline, [{ from: sh('2026-09-29T09:00'), to: sh('2026-09-30T09:00') }]);
    expect(r.at).toEqual(endOf('2026-10-09'));
    expect(extendDeadline(deadline, [{ from: sh('2026-09-29T09:00'), to: sh('2026-09-30T09:00') }], { exact: true }).at).toEqual(endOf('2026-10-09'));
  });
  it('a pause over the holiday counts only its working time (09-30 15:00 → 10-08 09:00 is 18 h)', () => {
    const pause = [{ from: sh('2026-09-30T15:00'), to: sh('2026-10-08T09:00') }];
    expect(extendDeadline(deadline, pause, { exact: true }).at).toEqual(new Date(sh('2026-10-09T18:00').getTime() - 1));
    expect(extendDeadline(deadline, pause).at).toEqual(endOf('2026-10-09'));
  });
  it('a pause running past the deadline resumes with the time left at its start (the make-up Saturday was paused)', () => {
    const r = extendDeadline(deadline, [{ from: sh('2026-10-08T20:00'), to: sh('2026-10-12T10:00') }], { exact: true });
    expect(r.at).toEqual(new Date(sh('2026-10-12T14:00').getTime() - 1));
  });
  it('a pause after the deadline or only on holidays changes nothing', () => {
    expect(extendDeadline(deadline, [{ from: sh('2026-10-09T08:00'), to: sh('2026-10-20T08:00') }]).at).toEqual(deadline);
    expect(extendDeadline(deadline, [{ from: sh('2026-10-02T00:00'), to: sh('2026-10-05T00:00') }]).at).toEqual(deadline);
  });
  it('time paused on the day of receipt is not counted when receivedAt is given (the clock had not started)', () => {
    const pause = [{ from: sh('2026-09-28T11:00'), to: sh('2026-09-28T16:00') }];
    expect(extendDeadline(deadline, pause, { receivedAt: received }).at).toEqual(deadline);
    expect(extendDeadline(deadline, pause, { exact: true }).at).toEqual(new Date(sh('2026-10-09T05:00').getTime() - 1));
  });
  it('overlapping pauses count once', () => {
    const one = extendDeadline(deadline, [{ from: sh('2026-09-29T09:00'), to: sh('2026-09-30T09:00') }], { exact: true }).at;
    const two = extendDeadline(deadline, [{ from: sh('2026-09-29T21:00'), to: sh('2026-09-30T09:00') }, { from: sh('2026-09-29T09:00'), to: sh('2026-09-30T08:00') }], { exact: true }).at;
    expect(two).toEqual(one);
  });
  it('refuses a pause that ends before it starts, naming it', () => {
    expect(() => extendDeadline(deadline, [{ from: sh('2026-09-30T09:00'), to: sh('2026-09-29T09:00') }])).toThrow(/pauses\[0\]\.to/);
  });
});

describe('elapsedWorkdays: working days of the limit used, pauses excluded', () => {
  it('from receipt to midday of 10-08 across 国庆', () => {
    expect(elapsedWorkdays(received, sh('2026-10-08T12:00')).workdays).toBe(2.5);
    expect(elapsedWorkdays(received, sh('2026-10-08T12:00'), [{ from: sh('2026-09-29T09:00'), to: sh('2026-09-30T09:00') }]).workdays).toBe(1.5);
  });
  it('nothing is used on the day of receipt', () => {
    expect(elapsedWorkdays(received, sh('2026-09-28T23:00')).workdays).toBe(0);
  });
  it('across 春节 2026: the make-up Saturday 02-14 and 02-24 are the only working days to 02-25', () => {
    expect(elapsedWorkdays(sh('2026-02-13T09:00'), sh('2026-02-25T00:00')).workdays).toBe(2);
  });
});
