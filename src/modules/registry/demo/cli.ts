import { Command } from 'commander';
import { loadConfig } from '../../../config.ts';
import { withDatabase } from '../../../db/with-database.ts';
import { migrateToLatest } from '../../../db/migrate.ts';
import { seedHierarchy } from '../../org/seed.ts';
import { seedDemoPeople } from './seed-demo-people.ts';

const whole = (name: string) => (v: string) => {
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${v}"`);
  return n;
};

/** `shiyu seed-demo-people --area 150203 --people 600000 --organisations 66000`. */
export function seedDemoPeopleCommand(): Command {
  return new Command('seed-demo-people')
    .description('fill the grids under an area with generated residents, households, buildings, organisations and rental houses (demo data)')
    .requiredOption('--area <code>', 'area code: district, street, community or grid (e.g. 150203 昆都仑区)')
    .option('--people <n>', 'people in all (default: the hierarchy’s households × scale × 2.41)', whole('--people'))
    .option('--scale <factor>', 'factor on the hierarchy’s household counts when --people is not given', (v) => {
      const f = Number(v);
      if (!(f > 0 && f <= 10)) throw new Error(`--scale must be a number in (0, 10], got "${v}"`);
      return f;
    })
    .option('--organisations <n>', 'organisations in all (default 11 per 100 people)', whole('--organisations'))
    .option('--seed <text>', 'random seed: the same seed gives the same people', 'shiyu-demo')
    .option('--as-of <date>', 'reference date for ages, YYYY-MM-DD (default today)')
    .option('--indexes <mode>', 'auto | rebuild | keep: rebuild indexes around a big load (auto: when it adds ≥50k people and more than the table holds)', 'auto')
    .action((o: { area: string; people?: number; scale?: number; organisations?: number; seed: string; asOf?: string; indexes: string }) => withDatabase(loadConfig(), async ({ db, url }) => {
      if (!['auto', 'rebuild', 'keep'].includes(o.indexes)) throw new Error(`--indexes must be auto, rebuild or keep, got "${o.indexes}"`);
      if (o.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf)) throw new Error(`--as-of must be YYYY-MM-DD, got "${o.asOf}"`);
      await migrateToLatest(db);
      await seedHierarchy(db, loadConfig().cities, (m) => console.log(m));
      const t = performance.now();
      const r = await seedDemoPeople({ db, url }, {
        area: o.area, people: o.people, scale: o.scale, organisations: o.organisations, seed: o.seed, asOf: o.asOf,
        indexes: o.indexes as 'auto' | 'rebuild' | 'keep', log: (m) => console.log(m),
      });
      if (r.skipped) return;
      const s = (performance.now() - t) / 1000;
      console.log(`done: ${r.people.toLocaleString('en')} people, ${r.households.toLocaleString('en')} households, ${r.buildings.toLocaleString('en')} buildings, ${r.organisations.toLocaleString('en')} organisations, ${r.rentals.toLocaleString('en')} rental houses, ${r.tags.toLocaleString('en')} tags in ${s.toFixed(1)} s (${Math.round(r.people / s).toLocaleString('en')} people/s)`);
    }));
}
