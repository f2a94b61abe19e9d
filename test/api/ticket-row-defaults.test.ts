import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTicketRow } from '../../src/modules/events/tickets/store.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let tdb: TestDatabase;
beforeAll(async () => { tdb = await createTestDatabase(); });
afterAll(async () => { await tdb?.drop(); });

/**
 * The batched intake writes every column of newTicketRow itself (its answer is built before the
 * write), so the ticket table's defaults never apply to it: the values newTicketRow fills in must be
 * those defaults, and it must fill every column. A migration that changes a default or adds a column
 * fails here, before an intake writes something the rest of the system would not.
 */
describe('newTicketRow', () => {
  it('fills every column of the ticket table, each not given with the table\'s default', async () => {
    const columns = (await sql<{ name: string; fallback: string | null; generated: string }>`
      SELECT column_name AS name, column_default AS fallback, is_identity AS generated FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'ticket' ORDER BY ordinal_position`.execute(tdb.db)).rows;
    expect(columns.length).toBeGreaterThan(30);
    const given = {
      city_code: '150200', channel: 'hotline', demand_type: 'complaint', title: '噪音', description: '楼下夜间施工噪音', area_path: '150200',
      state: 'received', received_at: new Date('2026-11-26T08:00:00Z'),
    } as const;
    const row = newTicketRow(given, 7, '20261126-00001') as unknown as Record<string, unknown>;
    expect(Object.keys(row).sort()).toEqual(columns.map((c) => c.name).sort());

    // Defaults that are moments (received_at, updated_at) take the intake's own time; the id comes from the sequence.
    const mismatches: string[] = [];
    for (const c of columns) {
      if (c.name in given || c.generated === 'YES' || c.name === 'number' || c.fallback?.includes('now()')) continue;
      const fallback = c.fallback === null ? null
        : (await sql<{ v: unknown }>`SELECT to_jsonb(${sql.raw(c.fallback)}) AS v`.execute(tdb.db)).rows[0].v;
      if (JSON.stringify(row[c.name]) !== JSON.stringify(fallback)) mismatches.push(`${c.name}: newTicketRow ${JSON.stringify(row[c.name])}, table default ${JSON.stringify(fallback)}`);
    }
    expect(mismatches).toEqual([]);
    expect(row.updated_at).toBe(given.received_at);
  });
});
