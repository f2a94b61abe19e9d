import { describe, expect, it } from 'vitest';
import { addWorkingHours } from './working-hours.ts';
import { sh } from './test-dates.ts';

const working = (start: string, hours: number, workingHours?: Array<{ from: string; to: string }>) =>
  addWorkingHours(sh(start), hours, { mode: 'working', workingHours }).at;

describe('addWorkingHours, natural mode: clock hours, holidays included', () => {
  it('24 hours from the eve of National Day ends on the holiday', () => {
    expect(addWorkingHours(sh('2026-09-30T18:00'), 24, { mode: 'natural' })).toEqual({ at: sh('2026-10-01T18:00'), day: '2026-10-01', warnings: [] });
  });
  it('half hours and midnight', () => {
    expect(addWorkingHours(sh('2026-10-09T23:00'), 1.5, { mode: 'natural' }).at).toEqual(sh('2026-10-10T00:30'));
  });
});

describe('addWorkingHours, working mode: 08:30–12:00 and 13:30–17:30 of working days', () => {
  it('within one day, over the lunch break', () => {
    expect(working('2026-09-30T10:00', 4)).toEqual(sh('2026-09-30T15:30'));
  });
  it('a window used up exactly ends at its close, not at the next opening', () => {
    expect(working('2026-09-30T08:30', 3.5)).toEqual(sh('2026-09-30T12:00'));
    expect(working('2026-09-30T08:30', 7.5)).toEqual(sh('2026-09-30T17:30'));
  });
  it('starting before opening or during lunch counts from the next opening', () => {
    expect(working('2026-09-29T07:00', 1)).toEqual(sh('2026-09-29T09:30'));
    expect(working('2026-09-30T12:30', 1)).toEqual(sh('2026-09-30T14:30'));
  });
  it('over 国庆 2026 to 10-08', () => {
    // 16:00–17:30 (1.5 h), then 10-08 08:30–12:00 (3.5 h) and 13:30–16:30 (3 h).
    expect(working('2026-09-30T16:00', 8)).toEqual(sh('2026-10-08T16:30'));
  });
  it('into a make-up Saturday', () => {
    expect(working('2026-10-09T17:00', 2)).toEqual(sh('2026-10-10T10:00'));
    expect(working('2026-02-13T17:00', 1)).toEqual(sh('2026-02-14T09:00'));
  });
  it('over 春节 2026: from the make-up Saturday 02-14 to 02-24', () => {
    expect(working('2026-02-14T16:30', 2)).toEqual(sh('2026-02-24T09:30'));
  });
  it('configurable office hours (summer schedule 14:30–18:00)', () => {
    expect(working('2026-09-30T11:00', 2, [{ from: '08:30', to: '12:00' }, { from: '14:30', to: '18:00' }])).toEqual(sh('2026-09-30T15:30'));
  });
  it('0 hours is the start itself', () => {
    expect(working('2026-10-03T03:00', 0)).toEqual(sh('2026-10-03T03:00'));
  });
  it('refuses bad windows and hours, naming the field', () => {
    expect(() => working('2026-09-30T10:00', 1, [{ from: '08:30', to: '12:00' }, { from: '11:00', to: '17:30' }])).toThrow(/workingHours\[1\]\.from/);
    expect(() => working('2026-09-30T10:00', 1, [{ from: '12:00', to: '08:30' }])).toThrow(/workingHours\[0\]\.to/);
    expect(() => working('2026-09-30T10:00', 1, [{ from: '8:30', to: '12:00' }])).toThrow(/workingHours\[0\]\.from/);
    expect(() => working('2026-09-30T10:00', 1, [])).toThrow(/workingHours/);
    expect(() => working('2026-09-30T10:00', -1)).toThrow(/hours/);
    expect(() => addWorkingHours(sh('2026-09-30T10:00'), 1, { mode: 'wall' as 'natural' })).toThrow(/mode/);
  });
  it('warns when the hours run into an uncovered year', () => {
    expect(addWorkingHours(sh('2099-06-01T09:00'), 2, { mode: 'working' }).warnings.map((w) => w.year)).toEqual([2099]);
  });
});
