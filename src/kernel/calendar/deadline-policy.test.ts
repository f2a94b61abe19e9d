import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { DEFAULT_DEADLINE_POLICY, deadlineFor, validateDeadlinePolicy, type DeadlinePolicy } from './deadline-policy.ts';
import { endOf, sh } from './test-dates.ts';

const policy = DEFAULT_DEADLINE_POLICY;
const clone = (): Record<string, any> => JSON.parse(JSON.stringify(policy));

function badField(input: unknown): string {
  try {
    validateDeadlinePolicy(input);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(400);
    return ((e as AppError).details as { field: string }).field;
  }
  throw new Error('accepted');
}

describe('deadlineFor with the default policy', () => {
  it('a complaint (投诉) received the day before National Day 2026: sign 10-08, handle 13 working days → 10-23', () => {
    const r = deadlineFor(policy, { demandType: '投诉', urgent: false }, sh('2026-09-30T10:00'));
    expect(r.sign).toMatchObject({ at: endOf('2026-10-08'), limit: { workdays: 1 }, source: 'policy' });
    expect(r.handle).toMatchObject({ at: endOf('2026-10-23'), limit: { workdays: 13 }, source: 'demandType' });
    expect(r.warnings).toEqual([]);
  });
  it('a consultation (咨询) and a call for help (求助) get 3 working days', () => {
    expect(deadlineFor(policy, { demandType: '咨询', urgent: false }, sh('2026-02-13T16:00')).handle.at).toEqual(endOf('2026-02-25'));
    expect(deadlineFor(policy, { demandType: '求助', urgent: false }, sh('2026-09-30T10:00')).handle.at).toEqual(endOf('2026-10-10'));
  });
  it('a report (举报) during 春节 2025 gets 13', () => {
    expect(deadlineFor(policy, { demandType: '举报', urgent: false }, sh('2025-01-24T10:00')).handle.at).toEqual(endOf('2025-02-18'));
  });
  it('urgent: 1 hour to sign, 24 natural hours to handle, holidays included', () => {
    const r = deadlineFor(policy, { demandType: '求助', urgent: true }, sh('2026-10-01T20:00'));
    expect(r.sign).toMatchObject({ at: sh('2026-10-01T21:00'), limit: { hours: 1, mode: 'natural' }, source: 'urgent' });
    expect(r.handle).toMatchObject({ at: sh('2026-10-02T20:00'), limit: { hours: 24, mode: 'natural' } });
  });
  it('urgent in working hours when the policy says so', () => {
    const working: DeadlinePolicy = { ...policy, urgent: { signHours: 1, handleHours: 8, mode: 'working' } };
    const r = deadlineFor(working, { demandType: '投诉', urgent: true }, sh('2026-09-30T16:00'));
    expect(r.sign.at).toEqual(sh('2026-09-30T17:00'));
    expect(r.handle.at).toEqual(sh('2026-10-08T16:30'));
  });
  it('a category with its own limit overrides the demand type', () => {
    const r = deadlineFor(policy, { demandType: '投诉', categoryOverride: { handleWorkdays: 5, urgentHandleHours: 12 }, urgent: false }, sh('2026-09-30T10:00'));
    expect(r.handle).toMatchObject({ at: endOf('2026-10-13'), limit: { workdays: 5 }, source: 'category' });
    const u = deadlineFor(policy, { demandType: '投诉', categoryOverride: { urgentHandleHours: 12 }, urgent: true }, sh('2026-09-30T10:00'));
    expect(u.handle).toMatchObject({ at: sh('2026-09-30T22:00'), source: 'category' });
  });
  it('collects the uncovered-year warnings of both steps once', () => {
    const r = deadlineFor(policy, { demandType: '投诉', urgent: false }, sh('2099-06-01T10:00'));
    expect(r.warnings.map((w) => w.year)).toEqual([2099]);
  });
  it('refuses bad terms, naming the field', () => {
    expect(() => deadlineFor(policy, { demandType: '闲聊' as '咨询', urgent: false }, sh('2026-09-30T10:00'))).toThrow(/demandType/);
    expect(() => deadlineFor(policy, { demandType: '咨询', urgent: false }, new Date('x'))).toThrow(/receivedAt/);
    expect(() => deadlineFor(policy, { demandType: '咨询', categoryOverride: { handleWorkdays: -2 }, urgent: false }, sh('2026-09-30T10:00'))).toThrow(/categoryOverride\.handleWorkdays/);
    expect(() => deadlineFor(policy, { demandType: '咨询', categoryOverride: { days: 2 } as never, urgent: false }, sh('2026-09-30T10:00'))).toThrow(/categoryOverride\.days/);
  });
});

describe('validateDeadlinePolicy names the bad field', () => {
  it('accepts the default and returns a copy', () => {
    const v = validateDeadlinePolicy(clone());
    expect(v).toEqual(policy);
  });
  it.each([
    ['signWorkdays', (p: Record<string, any>) => { p.signWorkdays = 1.5; }],
    ['handleWorkdays.建议', (p: Record<string, any>) => { delete p.handleWorkdays['建议']; }],
    ['handleWorkdays.投诉', (p: Record<string, any>) => { p.handleWorkdays['投诉'] = '13'; }],
    ['handleWorkdays.意见', (p: Record<string, any>) => { p.handleWorkdays['意见'] = 3; }],
    ['handleWorkdays', (p: Record<string, any>) => { p.handleWorkdays = [3]; }],
    ['urgent.mode', (p: Record<string, any>) => { p.urgent.mode = 'clock'; }],
    ['urgent.handleHours', (p: Record<string, any>) => { p.urgent.handleHours = 0; }],
    ['urgent.signHours', (p: Record<string, any>) => { p.urgent.signHours = 48; }],
    ['workingHours[1].from', (p: Record<string, any>) => { p.workingHours[1].from = '11:00'; }],
    ['workingHours', (p: Record<string, any>) => { p.workingHours = 'office'; }],
    ['signWorkday', (p: Record<string, any>) => { p.signWorkday = 1; }],
  ])('%s', (field, spoil) => {
    const p = clone();
    spoil(p);
    expect(badField(p)).toBe(field);
  });
  it('refuses what is not an object', () => {
    expect(badField(null)).toBe('policy');
  });
});
