import { Command } from 'commander';
import { calendarCoverage } from './holiday-data.ts';
import { yearReport } from './check-year.ts';
import { dayOf } from './shanghai-time.ts';

/** `shiyu calendar check [YEAR]`: holidays and make-up working days of a year; exit 1 when the year is not covered. */
export function calendarCommand(): Command {
  const calendar = new Command('calendar').description('the working-day calendar (statutory holidays, make-up working days)');
  calendar.command('check [year]').description('print the holidays and make-up working days of YEAR (default: this year); exits 1 when the year is not in the data')
    .action((yearArg?: string) => {
      const thisYear = Number(dayOf(new Date()).slice(0, 4));
      const year = yearArg === undefined ? thisYear : Number(yearArg);
      if (!/^\d{4}$/.test(yearArg ?? String(thisYear))) throw new Error(`YEAR: 应为四位年份 / expected a four-digit year, got "${yearArg}"`);
      const report = yearReport(year);
      console.log(report.text);
      for (const w of report.warnings) console.error(`warning: ${w.message}`);
      if (report.warnings.length) process.exitCode = 1;
      if (yearArg === undefined && calendarCoverage().last === thisYear) {
        console.error(`note: ${thisYear + 1} 年节假日安排尚未收录 / the ${thisYear + 1} schedule is not in the data yet — update chinese-days once 国务院办公厅 publishes it`);
      }
    });
  return calendar;
}
