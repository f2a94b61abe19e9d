import { Command } from 'commander';
import { loadConfig } from '../../../config.ts';
import { withDatabase } from '../../../db/with-database.ts';
import { formatShanghai } from '../../../kernel/calendar/index.ts';
import { sweepOnce } from './sweep.ts';
import { CalendarYearLoader } from '../../calendar/year-loader.ts';

/** `shiyu events sweep [--now ISO]`: one pass of the deadline sweeper, printing what it did. */
export function eventsCommand(): Command {
  const cmd = new Command('events').description('the event loop (事件处置闭环)');
  cmd.command('sweep').description('raise yellow/red 督办 on overdue tickets once and print what was done')
    .option('--now <iso>', 'sweep as at this instant (ISO 8601), e.g. 2026-10-09T10:00:00+08:00')
    .option('--city <code>', 'one city only')
    .action((opts: { now?: string; city?: string }) => withDatabase(loadConfig(), async ({ db }) => {
      const now = opts.now ? new Date(opts.now) : new Date();
      if (Number.isNaN(now.getTime())) throw new Error(`--now: not an ISO date-time: ${opts.now}`);
      await new CalendarYearLoader(db).load(); // the holiday schedules entered here, as the server uses them
      const r = await sweepOnce(db, now, { cityCode: opts.city });
      console.log(`sweep at ${formatShanghai(now)} (Shanghai): ${r.checked} overdue tickets checked, ${r.raised.length} raised, ${r.held.length} held at yellow, ${r.refused.length} refused`);
      for (const x of r.raised) console.log(`  ${x.cityCode} ${x.number}  ${x.from} → ${x.level}  deadline ${formatShanghai(new Date(x.deadline))}, ${x.workdaysLate} working days late`);
      for (const x of r.held) console.log(`  ${x.cityCode} ${x.number}  held at yellow: a request for more time awaits the centre`);
      for (const x of r.refused) console.log(`  ${x.cityCode} #${x.id}  refused: ${x.message}`);
    }));
  return cmd;
}
