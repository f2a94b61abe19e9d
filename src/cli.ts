import { Command } from 'commander';
import { loadConfig } from './config.ts';
import { VERSION } from './version.ts';
import { serve } from './server.ts';
import { withDatabase } from './db/with-database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedHierarchy } from './modules/org/seed.ts';
import { seedRegistryReference } from './modules/registry/vocabularies/index.ts';
import { seedDemoUsers, DEMO_PASSWORD } from './modules/users/demo.ts';
import { verifyAuditChain } from './kernel/audit/audit.ts';
import { usersCommand } from './modules/users/cli.ts';
import { seedDemoPeopleCommand } from './modules/registry/demo/cli.ts';
import { importCommand } from './modules/registry/import/cli.ts';
import { classifierCommand } from './modules/events/classifier/cli.ts';
import { backupDatabase, restoreDatabase } from './db/backup.ts';
import { seedBuiltinReports } from './modules/reports/builtins.ts';
import { seedTicketCategories } from './modules/events/categories/seed.ts';
import { seedMediationDemo } from './modules/mediation/organisations/seed.ts';
import { seedDemoPeople } from './modules/registry/demo/seed-demo-people.ts';
import { calendarCommand } from './modules/calendar/cli.ts';
import { eventsCommand } from './modules/events/sweeper/cli.ts';

const program = new Command();
program.name('shiyu').description('Shiyu 市域社会治理平台 — open platform for city-level social governance').version(VERSION);

program.command('serve').description('start the server (embedded PostgreSQL unless DATABASE_URL is set)')
  .option('--demo', 'load the demo cities and accounts first if missing, and print the accounts')
  .action(async (opts: { demo?: boolean }) => { await serve(loadConfig(), { demo: !!opts.demo }); });

program.command('migrate').description('bring the database schema up to date')
  .action(() => withDatabase(loadConfig(), async ({ db }) => {
    const done = await migrateToLatest(db);
    console.log(done.length ? `applied: ${done.join(', ')}` : 'schema is up to date');
  }));

program.command('seed').description('load the division tree of the configured cities (CITIES, default 150200,150700) with generated grids')
  .option('--demo', 'also create the demo accounts')
  .action((opts: { demo?: boolean }) => withDatabase(loadConfig(), async (database) => {
    const { db } = database;
    const config = loadConfig();
    await migrateToLatest(db);
    const loaded = await seedHierarchy(db, config.cities, (m) => console.log(m));
    for (const l of loaded) console.log(`city ${l.city}: ${l.areas} areas loaded`);
    if (!loaded.length) console.log('cities already loaded');
    await seedRegistryReference(db, config.cities);
    await seedBuiltinReports(db, config.cities);
    await seedTicketCategories(db, config.cities);
    if (opts.demo) {
      const users = await seedDemoUsers(db);
      await seedMediationDemo(db, config.cities);
      console.table(users);
      console.log(`demo password: ${DEMO_PASSWORD}`);
      if (config.cities.includes('150200')) await seedDemoPeople(database, { area: '150203001', scale: 0.1, log: (m: string) => console.log(m) });
    }
  }));

program.addCommand(usersCommand());
program.addCommand(seedDemoPeopleCommand());
program.addCommand(importCommand());
program.addCommand(calendarCommand());
program.addCommand(classifierCommand());
program.addCommand(eventsCommand());

const audit = program.command('audit').description('the hash-chained audit log');
audit.command('verify').description('check the whole chain; exits 1 if any record was changed or removed')
  .action(() => withDatabase(loadConfig(), async ({ db }) => {
    const r = await verifyAuditChain(db);
    console.log(r.message);
    if (!r.ok) process.exitCode = 1;
  }));

program.command('backup <file>').description('write a consistent backup of all data to a file (.jsonl.gz)')
  .action((file: string) => withDatabase(loadConfig(), async (d) => { await backupDatabase(d, file, (m: string) => console.log(m)); }));

program.command('restore <file>').description('restore a backup into an empty database (or --replace the current data)')
  .option('--replace', 'drop all current data first')
  .action((file: string, opts: { replace?: boolean }) => withDatabase(loadConfig(), async (d) => { await restoreDatabase(d, file, { replace: !!opts.replace, log: (m: string) => console.log(m) }); }));

// A command ends the process with its own exit code once done, even if a library left a
// handle open (serve keeps running and never gets here).
program.parseAsync(process.argv).then(
  () => { if (program.args[0] !== 'serve') process.exit(process.exitCode ?? 0); },
  (err: Error) => {
    console.error(`shiyu: ${err.message}`);
    process.exit(1);
  },
);
