import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { ROOT } from '../../../version.ts';
import { seedDepartments } from '../departments/seed.ts';

/**
 * The built-in category tree of every city: the 12345 message taxonomy (resources/messages/
 * taxonomy.csv, 3 levels, codes T01, T01.02, T01.02.03 in the file's order) and the 数字城管
 * classes of GB/T 30428 (S01–S06). A city adds its own (source custom) beside them.
 */
export interface CategorySeed { code: string; parent: string | null; name: string; level: number; source: 'taxonomy' | 'szcg'; sort: number }

export const SZCG_CLASSES = ['市容环境', '宣传广告', '施工管理', '突发事件', '街面秩序', '其他'];

export function builtinCategories(csv = fs.readFileSync(path.join(ROOT, 'resources/messages/taxonomy.csv'), 'utf8')): CategorySeed[] {
  const out: CategorySeed[] = [];
  const codes = new Map<string, string>();
  const code = (key: string, parent: string | null, name: string, level: number) => {
    let c = codes.get(key);
    if (!c) {
      const siblings = [...codes.keys()].filter((k) => k.split('/').length === level && k.startsWith(parent ? `${key.split('/').slice(0, -1).join('/')}/` : '')).length;
      c = `${parent ? `${parent}.` : 'T'}${String(siblings + 1).padStart(2, '0')}`;
      codes.set(key, c);
      out.push({ code: c, parent, name, level, source: 'taxonomy', sort: out.length });
    }
    return c;
  };
  for (const line of csv.replace(/^\uFEFF/, '').split(/\r?\n/).slice(1)) {
    const [a, b, c] = line.split(',').map((s) => s?.trim());
    if (!a) continue;
    const l1 = code(a, null, a, 1);
    if (!b) continue;
    const l2 = code(`${a}/${b}`, l1, b, 2);
    if (c) code(`${a}/${b}/${c}`, l2, c, 3);
  }
  SZCG_CLASSES.forEach((name, i) => out.push({ code: `S${String(i + 1).padStart(2, '0')}`, parent: null, name, level: 1, source: 'szcg', sort: out.length }));
  return out;
}

/**
 * Writes the built-in categories of each city; names and order are refreshed, so it is safe to run again.
 * The department register (职能部门名录) that tickets are dispatched to is seeded with them.
 */
export async function seedTicketCategories(db: Kysely<DB>, cityCodes: readonly string[]): Promise<number> {
  const seeds = builtinCategories();
  for (const city of cityCodes) {
    // Parents first (the file order puts each parent before its children).
    for (let i = 0; i < seeds.length; i += 500) {
      await db.insertInto('ticket_category')
        .values(seeds.slice(i, i + 500).map((s) => ({ city_code: city, code: s.code, parent_code: s.parent, name: s.name, level: s.level, source: s.source, sort: s.sort })))
        .onConflict((oc) => oc.columns(['city_code', 'code']).doUpdateSet({ name: sql`excluded.name`, sort: sql`excluded.sort` }))
        .execute();
    }
  }
  await seedDepartments(db, cityCodes);
  return seeds.length;
}
