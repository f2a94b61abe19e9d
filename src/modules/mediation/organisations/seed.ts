import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Category, Field, MediatorKind, OrgKind } from '../terms.ts';

/**
 * Demo mediation organisations and mediators (调解组织, 调解员) so `npm start` shows a working module:
 * for 包头 a city medical committee and the city's non-litigation centre, 昆都仑区's committee, property
 * committee, police room, lawyer studio and court-invited organisation, a street committee and a branded
 * studio in the demo street, a community committee; for 呼伦贝尔 the 鄂温克族自治旗 banner's committee and
 * centre and a town's committee. The demo login `mediator` is a mediator of the street committee.
 * Safe to run again: organisations are added by name, mediators only with a new organisation.
 */

interface MediatorSeed { name: string; kind: MediatorKind; phone: string; specialties: Category[]; login?: string }
interface OrgSeed { name: string | ((area: string) => string); kind: OrgKind; field?: Field; area: () => Promise<{ code: string; path: string; name: string; level: string } | undefined>; phone?: string; address?: string; mediators: MediatorSeed[] }

export async function seedMediationDemo(db: Kysely<DB>, cityCodes: readonly string[]): Promise<number> {
  const byPath = (path: string) => db.selectFrom('area').select(['code', 'path', 'name', 'level']).where(sql<boolean>`path = ${path}::ltree`).executeTakeFirst();
  // The area of a demo login (the street of `mediator`, the community of `kdl.community`), else the first child of that level.
  const firstBelow = async (parent: string, level: 'street' | 'community') => {
    const r = await db.selectFrom('area').select('path').where('level', '=', level).where(sql<boolean>`path <@ ${parent}::ltree`)
      .where(sql<boolean>`EXISTS (SELECT 1 FROM area c WHERE c.city_code = area.city_code AND c.parent_code = area.code)`).orderBy('code').limit(1).executeTakeFirst();
    return r ? byPath(r.path) : undefined;
  };
  const loginArea = async (username: string, fallback: () => Promise<Awaited<ReturnType<typeof byPath>>>) => {
    const u = await db.selectFrom('app_user').select('scope_path').where('username', '=', username).executeTakeFirst();
    return u ? byPath(u.scope_path) : fallback();
  };
  const kdlStreet = () => loginArea('mediator', () => firstBelow('150200.150203', 'street'));
  const kdlCommunity = () => loginArea('kdl.community', async () => { const s = await kdlStreet(); return s ? firstBelow(s.path, 'community') : undefined; });

  const seeds: Record<string, OrgSeed[]> = {
    '150200': [
      { name: '包头市医疗纠纷人民调解委员会', kind: 'industry_committee', field: 'medical', area: () => byPath('150200'), phone: '0472-5110001', address: '包头市昆都仑区钢铁大街', mediators: [
        { name: '赵德明', kind: 'full_time', phone: '13904720001', specialties: ['medical'] },
        { name: '钱丽华', kind: 'lawyer', phone: '13904720002', specialties: ['medical', 'damages'] },
      ] },
      { name: '包头市非诉讼纠纷化解中心', kind: 'non_litigation_centre', area: () => byPath('150200'), phone: '0472-5110002', mediators: [
        { name: '孙志强', kind: 'full_time', phone: '13904720003', specialties: ['contract', 'business', 'labour'] },
      ] },
      { name: '昆都仑区人民调解委员会', kind: 'people_committee', area: () => byPath('150200.150203'), phone: '0472-2110001', mediators: [
        { name: '李建国', kind: 'full_time', phone: '13904720011', specialties: ['neighbour', 'family', 'housing_land'] },
        { name: '周秀英', kind: 'part_time', phone: '13904720012', specialties: ['family'] },
      ] },
      { name: '昆都仑区物业纠纷人民调解委员会', kind: 'industry_committee', field: 'property_mgmt', area: () => byPath('150200.150203'), phone: '0472-2110002', mediators: [
        { name: '吴海涛', kind: 'full_time', phone: '13904720013', specialties: ['property_mgmt', 'neighbour'] },
      ] },
      { name: '昆都仑区公调对接人民调解室', kind: 'police_room', area: () => byPath('150200.150203'), phone: '0472-2110003', mediators: [
        { name: '郑国庆', kind: 'invited', phone: '13904720014', specialties: ['damages', 'neighbour', 'traffic'] },
      ] },
      { name: '昆都仑区律师调解工作室', kind: 'lawyer_studio', area: () => byPath('150200.150203'), mediators: [
        { name: '王律师', kind: 'lawyer', phone: '13904720015', specialties: ['contract', 'labour', 'consumer'] },
      ] },
      { name: '昆都仑区人民法院特邀调解组织', kind: 'court_invited', area: () => byPath('150200.150203'), mediators: [
        { name: '冯淑珍', kind: 'invited', phone: '13904720016', specialties: ['family', 'contract'] },
      ] },
      { name: (n) => `${n}人民调解委员会`, kind: 'people_committee', area: kdlStreet, mediators: [
        { name: '街道人民调解员', kind: 'full_time', phone: '13904720021', specialties: ['neighbour', 'family', 'property_mgmt'], login: 'mediator' },
        { name: '陈桂兰', kind: 'part_time', phone: '13904720022', specialties: ['neighbour', 'family'] },
        { name: '褚卫东', kind: 'part_time', phone: '13904720023', specialties: ['housing_land', 'damages'] },
      ] },
      { name: (n) => `${n}“老娘舅”调解工作室`, kind: 'branded_studio', area: kdlStreet, mediators: [
        { name: '卫长青', kind: 'part_time', phone: '13904720024', specialties: ['family', 'neighbour'] },
      ] },
      { name: (n) => `${n}人民调解委员会`, kind: 'people_committee', area: kdlCommunity, mediators: [
        { name: '蒋玉梅', kind: 'part_time', phone: '13904720031', specialties: ['neighbour', 'family'] },
      ] },
    ],
    '150700': [
      { name: '鄂温克族自治旗人民调解委员会', kind: 'people_committee', area: () => byPath('150700.150724'), phone: '0470-8810001', mediators: [
        { name: '巴特尔', kind: 'full_time', phone: '13904700001', specialties: ['forest_land', 'neighbour', 'contract'] },
        { name: '乌云其其格', kind: 'part_time', phone: '13904700002', specialties: ['family'] },
      ] },
      { name: '鄂温克族自治旗非诉讼纠纷化解中心', kind: 'non_litigation_centre', area: () => byPath('150700.150724'), phone: '0470-8810002', mediators: [
        { name: '那仁', kind: 'full_time', phone: '13904700003', specialties: ['labour', 'business'] },
      ] },
      { name: (n) => `${n}人民调解委员会`, kind: 'people_committee', area: () => firstBelow('150700.150724', 'street'), mediators: [
        { name: '其木格', kind: 'part_time', phone: '13904700004', specialties: ['neighbour', 'forest_land'] },
      ] },
    ],
  };

  let added = 0;
  for (const city of cityCodes) {
    for (const s of seeds[city] ?? []) {
      const area = await s.area();
      if (!area || !['city', 'district', 'street', 'community'].includes(area.level)) continue; // that city or area is not loaded
      const name = typeof s.name === 'function' ? s.name(area.name) : s.name;
      const org = await db.insertInto('mediation_org').values({
        city_code: city, name, kind: s.kind, field: s.field ?? null, area_code: area.code, area_path: area.path,
        level: area.level as 'city' | 'district' | 'street' | 'community', phone: s.phone ?? null, address: s.address ?? null,
      }).onConflict((oc) => oc.columns(['city_code', 'name']).doNothing()).returning('id').executeTakeFirst();
      if (!org) continue;
      added++;
      for (const m of s.mediators) {
        const login = m.login ? await db.selectFrom('app_user').select('id').where('username', '=', m.login).where('city_code', '=', city).executeTakeFirst() : undefined;
        await db.insertInto('mediator').values({ city_code: city, org_id: org.id, user_id: login?.id ?? null, name: m.name, phone: m.phone, kind: m.kind, specialties: m.specialties }).execute();
      }
    }
  }
  return added;
}
