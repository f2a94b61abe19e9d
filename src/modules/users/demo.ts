import { sql, type Kysely } from 'kysely';
import type { AreaLevel, DB, Role } from '../../db/types.ts';
import { hashPassword } from '../../kernel/auth/passwords.ts';
import { ROLES } from '../../kernel/roles.ts';
import { seedDepartments } from '../events/departments/seed.ts';

export const DEMO_PASSWORD = 'shiyu-demo-2026';

interface DemoUser { username: string; displayName: string; role: Role; scope: (pick: Picker) => Promise<string>; department?: string; phone?: string }
type Picker = (parentPath: string, level: string) => Promise<string>;

// One account per role, placed in 昆都仑区 (Kundulun) of 包头 where a scope below the city is needed.
const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '包头市管理员', role: 'city_admin', scope: async () => '150200' },
  { username: 'dispatcher', displayName: '市指挥中心调度员', role: 'dispatcher', scope: async () => '150200' },
  { username: 'kdl.district', displayName: '昆都仑区综治中心', role: 'district_staff', scope: async () => '150200.150203' },
  { username: 'kdl.street', displayName: '街道综治中心', role: 'street_staff', scope: (p) => p('150200.150203', 'street') },
  { username: 'kdl.community', displayName: '社区工作人员', role: 'community_staff', scope: async (p) => p(await p('150200.150203', 'street'), 'community') },
  { username: 'kdl.grid', displayName: '网格员', role: 'grid_worker', scope: async (p) => p(await p(await p('150200.150203', 'street'), 'community'), 'grid') },
  { username: 'dept.zhujian', displayName: '市住建局办理人', role: 'dept_handler', scope: async () => '150200', department: '住房和城乡建设局' },
  { username: 'mediator', displayName: '街道人民调解员', role: 'mediator', scope: (p) => p('150200.150203', 'street') },
  { username: 'police', displayName: '昆都仑区公安分局民警', role: 'police', scope: async () => '150200.150203' },
  // Her account's phone is what 随手拍 files with when she gives none, and what 查询进度 asks for.
  { username: 'resident', displayName: '居民张女士', role: 'resident', scope: async (p) => p(await p('150200.150203', 'street'), 'community'), phone: '13847200001' },
  { username: 'hlbe.admin', displayName: '呼伦贝尔市管理员', role: 'city_admin', scope: async () => '150700' },
];

/** Creates the demo accounts (one per role) if they do not exist; returns them for printing. */
export async function seedDemoUsers(db: Kysely<DB>): Promise<{ username: string; role: string; scope: string }[]> {
  // The first child (by code) that has children of its own, so every demo scope has data under it.
  const pick: Picker = async (parentPath, level) => {
    const row = await db.selectFrom('area').select('path').where('level', '=', level as AreaLevel)
      .where(sql<boolean>`path ~ ${`${parentPath}.*{1}`}::lquery`).orderBy('code').limit(1).executeTakeFirst();
    if (!row) throw new Error(`demo data: no ${level} under ${parentPath}; run seed first`);
    return row.path;
  };
  const hash = await hashPassword(DEMO_PASSWORD);
  const out = [];
  for (const u of DEMO_USERS) {
    const scopePath = await u.scope(pick);
    const area = await db.selectFrom('area').select(['name', 'city_code']).where(sql<boolean>`path = ${scopePath}::ltree`).executeTakeFirst();
    if (!area) continue; // that city is not loaded
    if (u.department) await seedDepartments(db, [area.city_code]); // the account's department must be in the register
    await db.insertInto('app_user').values({
      city_code: area.city_code, username: u.username, display_name: u.displayName, role: u.role, scope_path: scopePath,
      department: u.department ?? null, phone: u.phone ?? null, password_hash: hash,
    }).onConflict((oc) => oc.column('username').doNothing()).execute();
    out.push({ username: u.username, role: `${ROLES[u.role].zh} ${u.role}`, scope: area.name });
  }
  return out;
}
