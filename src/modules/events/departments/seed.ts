import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { DepartmentKind } from './schema.ts';

/**
 * The departments every city starts with: the 职能部门 and utilities most 12345 tickets go to. A city
 * renames, adds and switches off its own; the key keeps the next seed run from undoing a rename.
 */
export interface DepartmentSeed { key: string; name: string; shortName: string; kind: DepartmentKind }

export const COMMON_DEPARTMENTS: readonly DepartmentSeed[] = [
  { key: 'zhujian', name: '住房和城乡建设局', shortName: '住建局', kind: 'government' },
  { key: 'chengguan', name: '城市管理综合执法局', shortName: '城管局', kind: 'government' },
  { key: 'gongan', name: '公安局', shortName: '公安局', kind: 'government' },
  { key: 'shichang', name: '市场监督管理局', shortName: '市场监管局', kind: 'government' },
  { key: 'shengtai', name: '生态环境局', shortName: '生态环境局', kind: 'government' },
  { key: 'jiaotong', name: '交通运输局', shortName: '交通局', kind: 'government' },
  { key: 'shuiwu', name: '水务局', shortName: '水务局', kind: 'government' },
  { key: 'ziran', name: '自然资源局', shortName: '自然资源局', kind: 'government' },
  { key: 'weijian', name: '卫生健康委员会', shortName: '卫健委', kind: 'government' },
  { key: 'jiaoyu', name: '教育局', shortName: '教育局', kind: 'government' },
  { key: 'renshe', name: '人力资源和社会保障局', shortName: '人社局', kind: 'government' },
  { key: 'minzheng', name: '民政局', shortName: '民政局', kind: 'government' },
  { key: 'yingji', name: '应急管理局', shortName: '应急局', kind: 'government' },
  { key: 'gongre', name: '供热公司', shortName: '供热', kind: 'utility' },
  { key: 'gongshui', name: '供水公司', shortName: '供水', kind: 'utility' },
  { key: 'gongdian', name: '供电公司', shortName: '供电', kind: 'utility' },
  { key: 'ranqi', name: '燃气公司', shortName: '燃气', kind: 'utility' },
];

/** Adds the common list to each city's register; safe to run on every start. Returns the rows added. */
export async function seedDepartments(db: Kysely<DB>, cityCodes: readonly string[]): Promise<number> {
  const list = sql.join(COMMON_DEPARTMENTS.map((d, i) => sql`(${d.key}, ${d.name}, ${d.shortName}, ${d.kind}, ${(i + 1) * 10}::int)`));
  let added = 0;
  for (const city of cityCodes) {
    if (!(await db.selectFrom('city').select('code').where('code', '=', city).executeTakeFirst())) continue; // that city is not loaded
    // A row of the same name written before the register had keys (migration 0010) becomes the built-in one.
    await sql`UPDATE department d SET builtin_key = v.key, short_name = coalesce(d.short_name, v.short_name), kind = v.kind
      FROM (VALUES ${list}) AS v(key, name, short_name, kind, sort)
      WHERE d.city_code = ${city} AND d.name = v.name AND d.builtin_key IS NULL
        AND NOT EXISTS (SELECT 1 FROM department x WHERE x.city_code = ${city} AND x.builtin_key = v.key)`.execute(db);
    const r = await sql`INSERT INTO department (city_code, builtin_key, name, short_name, kind, sort)
      SELECT ${city}, v.key, v.name, v.short_name, v.kind, v.sort FROM (VALUES ${list}) AS v(key, name, short_name, kind, sort)
      WHERE NOT EXISTS (SELECT 1 FROM department x WHERE x.city_code = ${city} AND (x.builtin_key = v.key OR x.name = v.name))
      ON CONFLICT DO NOTHING`.execute(db);
    added += Number(r.numAffectedRows ?? 0);
  }
  return added;
}
