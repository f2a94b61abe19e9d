import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.ts';
import { DEFAULT_DEADLINE_POLICY } from '../../src/kernel/calendar/index.ts';

/** For the scope matrix: per city a custom category only it has, the department 矩阵局 of its register, a rule to change and a rule to delete. */
export interface EventsAdminMatrixFixture {
  policy: typeof DEFAULT_DEADLINE_POLICY;
  byCity: Record<string, { category: string; rule: number; deletable: number; department: number }>;
  /** The other city's, for a user of `city`. */
  other(city: string): { category: string; rule: number; deletable: number; department: number };
}

export async function eventsAdminMatrixFixture(db: Kysely<DB>): Promise<EventsAdminMatrixFixture> {
  const byCity: EventsAdminMatrixFixture['byCity'] = {};
  for (const [city, code, area] of [['150200', 'C91', '150200.150203'], ['150700', 'C92', '150700.150702']] as const) {
    await db.insertInto('ticket_category').values({ city_code: city, code, name: `矩阵${code}`, level: 1, source: 'custom' }).execute();
    const department = (await db.insertInto('department').values({ city_code: city, name: '矩阵局' }).returning('id').executeTakeFirstOrThrow()).id;
    const rule = async (category: string) => Number((await db.insertInto('routing_rule')
      .values({ city_code: city, category_code: category, area_path: area, assignee_kind: 'department', department: '矩阵局' }).returning('id').executeTakeFirstOrThrow()).id);
    byCity[city] = { category: code, rule: await rule('S02'), deletable: await rule('S03'), department };
  }
  return { policy: DEFAULT_DEADLINE_POLICY, byCity, other: (city) => byCity[city === '150700' ? '150200' : '150700'] };
}
