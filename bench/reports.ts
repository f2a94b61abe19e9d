import os from 'node:os';
import { sql } from 'kysely';
import { openBenchDatabase } from './lib/bench-database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Area } from '../src/db/types.ts';
import { seedHierarchy } from '../src/modules/org/seed.ts';
import { seedRegistryReference } from '../src/modules/registry/vocabularies/index.ts';
import { seedDemoPeople } from '../src/modules/registry/demo/index.ts';
import { BUILTIN_TEMPLATES } from '../src/modules/reports/builtins.ts';
import { naiveListIds } from '../src/modules/reports/naive.ts';
import { runReport, runReports, type TemplateRef } from '../src/modules/reports/run.ts';
import type { ListSpec } from '../src/modules/reports/spec.ts';

/**
 * reports: every built-in template run for 昆都仑区 (150203) by street over a district-sized
 * registry (~600k people, ~66k organisations), by the engine (all templates as one batch:
 * each registry table read once) and, in the same run, the naive way (one query per cell,
 * one after another) as the baseline. The engine's numbers are checked against the naive
 * ones before any figure is printed.
 * Goals: reports-s < 1 and reports-ratio ≥ 10.
 * BENCH_KEEP=1 keeps the loaded database under .tmp/bench-reports for the next run (profiling);
 * otherwise every run starts from a fresh one.
 */

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 600_000);
const ORGANISATIONS = Number(process.env.BENCH_ORGS ?? 66_000);
const DATE = '2026-06-30';
const CITY = '150200';
const DISTRICT = '150203';


async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, (performance.now() - t0) / 1000];
}

async function main() {
  const bench = await openBenchDatabase('shiyu_bench_reports', 'bench-reports', { keep: process.env.BENCH_KEEP === '1' });
  const { db } = bench;
  try {
    await migrateToLatest(db);
    if (bench.fresh) {
      await seedHierarchy(db, [CITY]);
      await seedRegistryReference(db, [CITY]);
      // The registry's demo generator: households with members, tags at realistic rates, organisations, rental houses.
      const t0 = performance.now();
      const r = await seedDemoPeople({ db, url: bench.url }, { area: DISTRICT, people: PEOPLE, organisations: ORGANISATIONS, asOf: DATE, seed: 'bench-reports' });
      await sql`ANALYZE`.execute(db);
      console.log(`loaded 150203: ${r.people} people, ${r.households} households, ${r.organisations} organisations, ${r.rentals} rental houses, ${r.tags} tags in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const district = await db.selectFrom('area').selectAll().where('code', '=', DISTRICT).executeTakeFirstOrThrow() as Area;
    const refs: TemplateRef[] = BUILTIN_TEMPLATES.map((t, i) => ({ id: i + 1, code: t.code, name: t.name, department: t.department, builtin: true, spec: t.spec }));
    const rc = { cityCode: CITY, areaPath: district.path, date: DATE };

    // The engine: all templates as one batch (each registry table read once), best of 3 after a warm-up.
    const engineAll = () => runReports(db, refs, district, DATE, { level: 'street' });
    let engine = await engineAll();
    const engineRuns: number[] = [];
    for (let i = 0; i < 3; i++) { const [r, s] = await time(engineAll); engine = r; engineRuns.push(s); }
    const engineS = Math.min(...engineRuns);
    // For reference: each template run on its own (what one request costs).
    const alone: number[] = [];
    for (const t of refs) alone.push((await time(() => runReport(db, t, district, DATE, { level: 'street' })))[1]);

    // The baseline, one query per cell (per record set for listings), and the check that both agree.
    const naivePer: number[] = [];
    for (const [i, t] of refs.entries()) {
      if (t.spec.kind === 'list') {
        const [ids, s] = await time(() => naiveListIds(db, t.spec as ListSpec, rc));
        const limit = (t.spec as ListSpec).limit ?? 5000;
        if (engine[i].rows.length !== Math.min(ids.length, limit)) throw new Error(`${t.code}: engine listed ${engine[i].rows.length}, naive ${ids.length}`);
        naivePer.push(s);
        continue;
      }
      const [naive, s] = await time(() => runReport(db, t, district, DATE, { level: 'street', naive: true }));
      if (JSON.stringify(engine[i].rows) !== JSON.stringify(naive.rows) || JSON.stringify(engine[i].total) !== JSON.stringify(naive.total)) {
        throw new Error(`${t.code}: engine and naive numbers differ\nengine ${JSON.stringify(engine[i].total)}\nnaive  ${JSON.stringify(naive.total)}`);
      }
      naivePer.push(s);
    }
    const naiveS = naivePer.reduce((a, b) => a + b, 0);
    const cells = refs.reduce((n, t) => n + (t.spec.kind === 'table' ? t.spec.columns.length * (engine[0].rows.length + 1) : 0), 0);
    console.log('template                          alone ms   naive ms');
    refs.forEach((t, i) => console.log(`${t.code.padEnd(32)} ${(alone[i] * 1000).toFixed(0).padStart(8)} ${(naivePer[i] * 1000).toFixed(0).padStart(10)}`));
    console.log(`engine, all ${refs.length} templates in one batch (s): ${engineRuns.map((x) => x.toFixed(3)).join(', ')}; each alone, summed: ${alone.reduce((a, b) => a + b, 0).toFixed(3)} s`);
    console.log(`naive (s): ${naiveS.toFixed(1)} for ~${cells} cells; every number equal; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
    console.log(`reports-s: ${engineS.toFixed(3)}`);
    console.log(`reports-ratio: ${(naiveS / engineS).toFixed(1)}`);
  } finally {
    await bench.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
