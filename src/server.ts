import pino from 'pino';
import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedHierarchy } from './modules/org/seed.ts';
import { chineseTrigramsWork } from './modules/registry/search.ts';
import { seedRegistryReference } from './modules/registry/vocabularies/index.ts';
import { DEMO_PASSWORD, seedDemoUsers } from './modules/users/demo.ts';
import { seedBuiltinReports } from './modules/reports/builtins.ts';
import { seedTicketCategories } from './modules/events/categories/seed.ts';
import { seedDemoPeople } from './modules/registry/demo/seed-demo-people.ts';
import { startSweeper, type SweeperRunner } from './modules/events/sweeper/runner.ts';
import { sweepMediationOnce } from './modules/mediation/sweeper/sweep.ts';
import { sweepWarningsOnce } from './modules/mediation/warnings/sweep.ts';
import { seedMediationDemo } from './modules/mediation/organisations/seed.ts';

/** Starts Shiyu: database (embedded or external), migrations, optional demo data, HTTP. Stops cleanly on SIGINT/SIGTERM. */
export async function serve(config: Config, opts: { demo: boolean }): Promise<void> {
  const started = Date.now();
  const log = pino({ level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-api-key"]'] });
  const database = await openDatabase(config, (m) => log.debug({ pg: m }));
  log.info({ embedded: database.embedded }, database.embedded ? `embedded PostgreSQL running on port ${config.embeddedPgPort} (data in ${config.dataDir}/pg)` : 'connected to DATABASE_URL');
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let sweeper: SweeperRunner | undefined;
  let mediationSweeper: SweeperRunner | undefined;
  let warningSweeper: SweeperRunner | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    try {
      await sweeper?.stop();
      await mediationSweeper?.stop();
      await warningSweeper?.stop();
      await app?.close();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) log.info(`migrations applied: ${applied.join(', ')}`);
    if (!(await chineseTrigramsWork(database.db))) log.warn('the database locale (LC_CTYPE) is C: fuzzy Chinese name search falls back to substring matching; create the cluster with --locale=C.UTF-8');
    let demoUsers: { username: string; role: string; scope: string }[] = [];
    if (opts.demo) {
      const loaded = await seedHierarchy(database.db, config.cities, (m) => log.info(m));
      for (const l of loaded) log.info(`city ${l.city}: ${l.areas} areas loaded`);
      await seedRegistryReference(database.db, config.cities);
      await seedBuiltinReports(database.db, config.cities);
      await seedTicketCategories(database.db, config.cities);
      demoUsers = await seedDemoUsers(database.db);
      await seedMediationDemo(database.db, config.cities);
      // A small set of residents (one street of 昆都仑区) so the registry and reports have data; skipped once loaded.
      if (config.cities.includes('150200')) await seedDemoPeople(database, { area: '150203001', scale: 0.1, log: (m) => log.info(m) });
    }
    app = await buildApp({ db: database.db, config, logger: log, serveWeb: true });
    app.ctx.grids.watch();
    await app.listen({ port: config.port, host: config.host });
    sweeper = startSweeper(database.db, config.sweepSeconds, log);
    mediationSweeper = startSweeper(database.db, config.sweepSeconds, log, sweepMediationOnce, '调解督办 sweep');
    warningSweeper = startSweeper(database.db, config.sweepSeconds, log, sweepWarningsOnce, '预警 sweep');
    const seconds = ((Date.now() - started) / 1000).toFixed(2);
    if (demoUsers.length) {
      console.log(`\n  Shiyu 市域社会治理平台 is running: http://localhost:${config.port}  (API docs: /docs)\n`);
      console.log(`  Demo accounts (password for all: ${DEMO_PASSWORD})`);
      for (const u of demoUsers) console.log(`    ${u.username.padEnd(14)} ${u.role.padEnd(34)} ${u.scope}`);
      console.log('');
    }
    log.info({ seconds: Number(seconds) }, `serving on port ${config.port} after ${seconds} s`);
  } catch (err) {
    log.error({ err }, 'start-up failed');
    await app?.close().catch(() => {});
    await database.close();
    process.exit(1);
  }
}
