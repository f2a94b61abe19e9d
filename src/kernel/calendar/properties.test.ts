// Algebra of the chosen conventions, over random instants of the covered years (and some after).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkdays } from './workdays.ts';
import { addWorkingHours } from './working-hours.ts';
import { elapsedWorkdays, extendDeadline, type Interval } from './paused-clock.ts';
import { calendarDeadline } from './calendar-days.ts';
import { dayInfo } from './holiday-data.ts';
import { addDays, dayOf, DAY_MS, endOfDay } from './shanghai-time.ts';

const instant = fc.integer({ min: Date.parse('2004-01-01T00:00:00+08:00'), max: Date.parse('2027-03-31T00:00:00+08:00') }).map((t) => new Date(t));
const count = fc.integer({ min: 0, max: 40 });
const pauses = (base: Date) => fc.array(
  fc.record({ start: fc.integer({ min: -3 * DAY_MS, max: 40 * DAY_MS }), length: fc.integer({ min: 0, max: 12 * DAY_MS }) }),
  { maxLength: 4 },
).map((ps): Interval[] => ps.map((p) => ({ from: new Date(base.getTime() + p.start), to: new Date(base.getTime() + p.start + p.length) })));
const withPauses = instant.chain((a) => fc.tuple(fc.constant(a), pauses(a)));

describe('addWorkdays', () => {
  it('is monotonic in n', () => {
    fc.assert(fc.property(instant, count, count, (a, n, m) => {
      if (n < m) expect(addWorkdays(a, n).at.getTime()).toBeLessThan(addWorkdays(a, m).at.getTime());
    }));
  });
  it('adding 0 to a working-day end returns the same end', () => {
    fc.assert(fc.property(instant, fc.integer({ min: 1, max: 40 }), (a, n) => {
      const end = addWorkdays(a, n).at;
      expect(addWorkdays(end, 0).at).toEqual(end);
    }));
  });
  it('addWorkdays(a, m + n) = addWorkdays(addWorkdays(a, m), n)', () => {
    fc.assert(fc.property(instant, count, count, (a, m, n) => {
      expect(addWorkdays(addWorkdays(a, m).at, n).at).toEqual(addWorkdays(a, m + n).at);
    }));
  });
  it('for n ≥ 1 ends at 23:59:59.999 of a working day with exactly n working days after the day of receipt', () => {
    fc.assert(fc.property(instant, fc.integer({ min: 1, max: 40 }), (a, n) => {
      const r = addWorkdays(a, n);
      expect(r.at).toEqual(endOfDay(r.day));
      expect(dayInfo(r.day).workday).toBe(true);
      let seen = 0;
      for (let d = addDays(dayOf(a), 1); d <= r.day; d = addDays(d, 1)) if (dayInfo(d).workday) seen++;
      expect(seen).toBe(n);
    }));
  });
});

describe('the paused clock', () => {
  it('pausing never shortens a deadline, and the default result is a day end no earlier than the exact one', () => {
    fc.assert(fc.property(withPauses, count, ([a, ps], n) => {
      const d = addWorkdays(a, n).at;
      const exact = extendDeadline(d, ps, { exact: true }).at;
      const rounded = extendDeadline(d, ps).at;
      expect(exact.getTime()).toBeGreaterThanOrEqual(d.getTime());
      expect(rounded.getTime()).toBeGreaterThanOrEqual(exact.getTime());
      expect(rounded).toEqual(endOfDay(dayOf(rounded)));
    }));
  });
  it('more pausing never gives an earlier deadline', () => {
    fc.assert(fc.property(withPauses, count, ([a, ps], n) => {
      const d = addWorkdays(a, n).at;
      expect(extendDeadline(d, ps, { exact: true }).at.getTime()).toBeGreaterThanOrEqual(extendDeadline(d, ps.slice(1), { exact: true }).at.getTime());
    }));
  });
  it('at the extended deadline exactly n working days of the limit are used', () => {
    fc.assert(fc.property(withPauses, fc.integer({ min: 1, max: 40 }), ([a, ps], n) => {
      const extended = extendDeadline(addWorkdays(a, n).at, ps, { receivedAt: a, exact: true }).at;
      expect(elapsedWorkdays(a, new Date(extended.getTime() + 1), ps).workdays).toBe(n);
    }));
  });
  it('elapsed working days grow with time and never exceed calendar days', () => {
    fc.assert(fc.property(withPauses, fc.integer({ min: 0, max: 60 * DAY_MS }), fc.integer({ min: 0, max: 5 * DAY_MS }), ([a, ps], t, dt) => {
      const e1 = elapsedWorkdays(a, new Date(a.getTime() + t), ps).workdays;
      const e2 = elapsedWorkdays(a, new Date(a.getTime() + t + dt), ps).workdays;
      expect(e1).toBeGreaterThanOrEqual(0);
      expect(e2).toBeGreaterThanOrEqual(e1);
      expect(e1).toBeLessThanOrEqual(t / DAY_MS);
    }));
  });
});

describe('addWorkingHours', () => {
  const minutes = fc.integer({ min: 0, max: 60 * 60 });
  it('working hours compose: h1 + h2 = h1 then h2', () => {
    fc.assert(fc.property(instant, minutes, minutes, (a, m1, m2) => {
      const first = addWorkingHours(a, m1 / 60, { mode: 'working' }).at;
      expect(addWorkingHours(first, m2 / 60, { mode: 'working' }).at).toEqual(addWorkingHours(a, (m1 + m2) / 60, { mode: 'working' }).at);
    }));
  });
  it('a working-hours deadline (hours > 0) falls inside office hours of a working day', () => {
    fc.assert(fc.property(instant, fc.integer({ min: 1, max: 3600 }), (a, m) => {
      const r = addWorkingHours(a, m / 60, { mode: 'working' });
      expect(dayInfo(r.day).workday).toBe(true);
      // To the millisecond: a start at 17:29:30 plus one minute ends at 08:30:30 next working day, inside the window.
      const t = new Date(r.at.getTime() + 8 * 3600_000).toISOString().slice(11, 23);
      expect((t > '08:30:00.000' && t <= '12:00:00.000') || (t > '13:30:00.000' && t <= '17:30:00.000'), t).toBe(true);
    }));
  });
  it('natural hours are clock hours', () => {
    fc.assert(fc.property(instant, minutes, (a, m) => {
      expect(addWorkingHours(a, m / 60, { mode: 'natural' }).at.getTime() - a.getTime()).toBe(m * 60_000);
    }));
  });
});

describe('calendarDeadline', () => {
  it('ends on day N, or — when that is a rest day — on the first working day after it', () => {
    fc.assert(fc.property(instant, fc.integer({ min: 1, max: 60 }), (a, n) => {
      const r = calendarDeadline(a, n);
      expect(r.lastDay).toBe(addDays(dayOf(a), n));
      expect(r.day >= r.lastDay).toBe(true);
      expect(dayInfo(r.day).workday).toBe(true);
      expect(r.rolled).toBe(r.day !== r.lastDay);
      for (let d = r.lastDay; d < r.day; d = addDays(d, 1)) expect(dayInfo(d).workday).toBe(false);
    }));
  });
});
