// The same answers whatever TZ the server runs in: every day is a Shanghai day.
import { afterAll, describe, expect, it } from 'vitest';
import { addWorkdays } from './workdays.ts';
import { addWorkingHours } from './working-hours.ts';
import { calendarDeadline } from './calendar-days.ts';
import { elapsedWorkdays } from './paused-clock.ts';

const original = process.env.TZ;
afterAll(() => { process.env.TZ = original; });

describe.each(['America/Los_Angeles', 'UTC', 'Pacific/Kiritimati', 'Asia/Shanghai'])('with TZ=%s', (tz) => {
  it('deadlines are unchanged', () => {
    process.env.TZ = tz;
    // The zone really is in force for this process (Node re-reads TZ when it is set).
    const localHour = new Date('2026-10-09T16:30:00Z').getHours();
    expect(localHour).toBe({ 'America/Los_Angeles': 9, UTC: 16, 'Pacific/Kiritimati': 6, 'Asia/Shanghai': 0 }[tz]);
    // 2026-10-10 00:30 Shanghai (the make-up Saturday) → the next working day is Monday 10-12.
    expect(addWorkdays(new Date('2026-10-09T16:30:00Z'), 1).at.toISOString()).toBe('2026-10-12T15:59:59.999Z');
    expect(addWorkingHours(new Date('2026-10-09T09:00:00Z'), 2, { mode: 'working' }).at.toISOString()).toBe('2026-10-10T02:00:00.000Z');
    expect(calendarDeadline(new Date('2026-08-31T16:30:00Z'), 30).day).toBe('2026-10-08');
    expect(elapsedWorkdays(new Date('2026-09-28T02:00:00Z'), new Date('2026-10-08T04:00:00Z')).workdays).toBe(2.5);
  });
});
