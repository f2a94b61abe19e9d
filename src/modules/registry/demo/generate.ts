// Generates the residents 实有人口, households 户, buildings 楼栋/单元, organisations and rental
// houses 出租房屋 of the grids of ONE district, deterministically from a seed. Rows use ids 1…n
// per table; the loader shifts them into the ranges it reserves.
import { IdAllocator, FLOATING_ORIGINS, OVERSEAS_ORIGINS } from './identity.ts';
import { composeHousehold, composeLeftBehind, type Member } from './household-members.ts';
import { layOutGrid } from './dwellings.ts';
import { personName, surname } from './names.ts';
import { OrgMaker } from './organisations.ts';
import { AREA_PHONE_CODE, education, ethnicityTable, hasPhone, HOUSEHOLD_SIZE, mobile, politicalStatus } from './population.ts';
import { draw, shares, Weighted, type Draw } from './random.ts';
import type { DemoData, DemoGrid, DemoPerson, DemoTag } from './types.ts';
import type { ResidenceType } from '../../../db/types.ts';

export interface GenerateOptions {
  /** Grids of one district. */
  grids: DemoGrid[];
  people: number;
  organisations: number;
  seed: string;
  /** Reference date for ages and dates, YYYY-MM-DD. */
  asOf: string;
  /** The city's other district codes: some registered residents were born there. */
  otherDistrictCodes?: string[];
  existingIdNumbers?: Iterable<string>;
  existingCreditCodes?: Iterable<string>;
}

const DAY = 86_400_000;
const FROM_1900 = Date.UTC(1900, 0, 1);
const RENTAL_PURPOSE = new Weighted([['residence', 85], ['dormitory', 5], ['mixed', 6], ['business', 4]] as const);
const SAFETY_SECTIONS = new Set(['B', 'C', 'D', 'E', 'G']);

/** Shares of people (or organisations) per grid, in proportion to the grid's households. */
export function perGrid(grids: DemoGrid[], total: number, villageWeight = 1): number[] {
  return shares(grids.map((g) => g.households * (g.village ? villageWeight : 1)), total);
}

function hashSeed(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function generateDistrict(opts: GenerateOptions): DemoData {
  const { grids, seed } = opts;
  const out: DemoData = { buildings: [], units: [], households: [], people: [], organisations: [], rentals: [], tags: [] };
  if (!grids.length) return out;
  const g0 = grids[0];
  if (grids.some((g) => g.districtCode !== g0.districtCode)) throw new Error('generateDistrict takes the grids of one district');
  const asOfMs = Date.parse(`${opts.asOf}T00:00:00Z`);
  const dateBefore = (days: number) => new Date(asOfMs - days * DAY).toISOString().slice(0, 10);
  const birthDate = (d: Draw, age: number) => {
    const ms = asOfMs - Math.floor(age * 365.2425 + d.next() * 365) * DAY;
    return new Date(Math.max(FROM_1900, Math.min(asOfMs, ms))).toISOString().slice(0, 10);
  };
  const since = (d: Draw, birth: string, minAge: number) => {
    const earliest = Date.parse(`${birth}T00:00:00Z`) + minAge * 365.25 * DAY;
    const ms = Math.max(earliest, asOfMs - d.int(30, 3650) * DAY);
    return new Date(Math.min(ms, asOfMs)).toISOString().slice(0, 10);
  };
  const ids = new IdAllocator(opts.existingIdNumbers);
  const ethnicities = ethnicityTable(g0.cityCode);
  const otherDistricts = (opts.otherDistrictCodes ?? []).filter((c) => c !== g0.districtCode);
  const phoneCode = AREA_PHONE_CODE[g0.cityCode] ?? '0471';

  // Organisations first: working residents name one of them as their workplace.
  const maker = new OrgMaker(g0.cityName, g0.districtName, g0.districtCode, hashSeed(`${seed}:${g0.districtCode}`), opts.existingCreditCodes);
  const orgShares = perGrid(grids, opts.organisations, 0.4);
  const workplaces: string[] = [];
  const orgsOfGrid: number[][] = grids.map(() => []);
  // An organisation's address is in one of its grid's buildings, known once the grid is laid out.
  const placeOrgs = (gi: number, d: Draw, numbers: number[], village: boolean) => {
    for (const oi of orgsOfGrid[gi]) {
      const o = out.organisations[oi];
      const b = numbers.length ? d.pick(numbers) : d.int(1, 6);
      o.address += village ? ` ${b}组${d.int(1, 80)}号`
        : o.kind === 'individual_business' ? ` ${b}栋底商${d.int(1, 12)}号` : ` ${b}栋${d.int(1, 6)}0${d.int(1, 2)}室`;
    }
  };
  grids.forEach((g, gi) => {
    if (!orgShares[gi]) return;
    const d = draw(`${seed}:org:${g.code}`);
    const prefix = `${g.districtName}${g.streetName}${g.communityName}`;
    for (let k = 0; k < orgShares[gi]; k++) {
      const o = maker.make(d, g.communityName, g.streetName);
      const sex = d.chance(0.7) ? '1' : '2';
      out.organisations.push({
        id: out.organisations.length + 1, kind: o.kind, name: o.name, creditCode: o.creditCode, industry: o.industry,
        legalRep: personName(d, sex, d.int(1955, 1998), ethnicities.draw(d)),
        phone: d.chance(0.5) ? `${phoneCode}-${d.int(2_000_000, 8_999_999)}` : mobile(d),
        address: prefix, gridCode: g.code, gridPath: g.path, employees: o.employees, registeredCapital: o.registeredCapital,
        establishedOn: dateBefore(o.established * 365 + d.int(0, 364)), status: o.status, hasPartyOrg: o.hasPartyOrg,
      });
      orgsOfGrid[gi].push(out.organisations.length - 1);
      if (o.kind !== 'individual_business' && o.kind !== 'social_org' && o.status === 'active') workplaces.push(o.name);
      if (o.kind === 'enterprise' && SAFETY_SECTIONS.has(o.industry) && d.chance(0.12)) {
        out.tags.push({ entityType: 'organisation', entityId: out.organisations.length, tagCode: 'SAFETY_KEY_ENTERPRISE', since: dateBefore(d.int(30, 1800)) });
      }
    }
  });

  const peopleShares = perGrid(grids, opts.people);
  const nextBuildingNo = new Map<string, number>();
  grids.forEach((g, gi) => {
    const target = peopleShares[gi];
    const d = draw(`${seed}:people:${g.code}`);
    if (!target) { placeOrgs(gi, d, [], g.village); return; }
    // 1. Who lives in the grid.
    const homes: { members: Member[]; type: ResidenceType; origin: string | null }[] = [];
    for (let count = 0; count < target;) {
      const size = Math.min(HOUSEHOLD_SIZE.draw(d), target - count);
      let type: ResidenceType = 'registered';
      const x = d.next();
      if (g.village) { if (x < 0.15) type = 'left_behind'; else if (x < 0.19) type = 'floating'; }
      else if (x < 0.002) type = 'overseas';
      else if (x < 0.157) type = 'floating';
      const members = type === 'left_behind' ? composeLeftBehind(d, size)
        : composeHousehold(d, type === 'overseas' ? Math.min(size, 2) : size, type === 'floating' ? 0.03 : 0.17);
      const origin = type === 'floating' ? FLOATING_ORIGINS.draw(d) : type === 'overseas' ? OVERSEAS_ORIGINS.draw(d) : null;
      homes.push({ members, type, origin });
      count += members.length;
    }
    // 2. Where they live.
    const first = nextBuildingNo.get(g.communityCode) ?? 1;
    const { buildings, dwellings } = layOutGrid(d, homes.length, g.village, first, g.geometry, g.center);
    nextBuildingNo.set(g.communityCode, first + buildings.length);
    placeOrgs(gi, d, buildings.map((b) => b.number), g.village);
    const prefix = `${g.districtName}${g.streetName}${g.communityName}`;
    const buildingBase = out.buildings.length, unitBase: number[] = [];
    for (const b of buildings) {
      out.buildings.push({ id: out.buildings.length + 1, gridCode: g.code, gridPath: g.path, name: b.name, address: `${prefix}${b.name}`, floors: b.floors, kind: b.kind, location: b.location });
      unitBase.push(out.units.length);
      for (const u of b.units) out.units.push({ id: out.units.length + 1, buildingId: out.buildings.length, name: u.name, floors: u.floors, roomsPerFloor: u.roomsPerFloor });
    }
    // 3. The people, household by household.
    const landlords: number[] = []; // person ids of registered heads, 30+
    const tenants: { household: number; size: number; floating: boolean }[] = [];
    homes.forEach((home, hi) => {
      const dw = dwellings[hi];
      const householdId = out.households.length + 1;
      const address = `${prefix} ${dw.label}`;
      const hhEthnicity = ethnicities.draw(d);
      const lowIncome = d.chance(home.members.length === 1 && home.members[0].age >= 60 ? 0.08 : home.type === 'left_behind' ? 0.08 : 0.025);
      const surnames: string[] = [];
      const firstPerson = out.people.length + 1;
      home.members.forEach((m, mi) => {
        surnames.push(m.surnameFrom >= 0 && m.surnameFrom < mi ? surnames[m.surnameFrom] : surname(d));
        const ethnicity = mi > 0 && (m.relation === '10' || m.relation === '28' || m.relation === '38') && d.chance(0.15) ? ethnicities.draw(d) : hhEthnicity;
        const birth = birthDate(d, m.age);
        const origin = home.origin && d.chance(0.9) ? home.origin
          : home.type === 'floating' ? FLOATING_ORIGINS.draw(d)
          : home.type === 'overseas' ? OVERSEAS_ORIGINS.draw(d)
          : d.chance(m.age < 18 ? 0.9 : 0.8) || !otherDistricts.length ? g.districtCode
          : d.chance(0.75) ? d.pick(otherDistricts) : FLOATING_ORIGINS.draw(d);
        const person: DemoPerson = {
          id: out.people.length + 1, idNumber: ids.allocate(d, origin, birth, m.sex),
          name: personName(d, m.sex, Number(birth.slice(0, 4)), ethnicity, surnames[mi]), sex: m.sex, birthDate: birth,
          ethnicity, politicalStatus: politicalStatus(d, m.age), education: education(d, m.age),
          phone: hasPhone(d, m.age) ? mobile(d) : null, residenceType: home.type, householdId, relation: m.relation,
          gridCode: g.code, gridPath: g.path, address,
          workplace: m.age >= 18 && m.age < 60 && workplaces.length && d.chance(0.45) ? d.pick(workplaces) : null,
        };
        out.people.push(person);
        tagPerson(d, person, m, home.members.length, home.type, lowIncome, out.tags, since);
      });
      const head = out.people[firstPerson - 1];
      out.households.push({
        id: householdId, gridCode: g.code, gridPath: g.path, buildingId: buildingBase + dw.building + 1,
        unitId: dw.unit === null ? null : unitBase[dw.building] + dw.unit + 1, room: dw.room, address, phone: head.phone, headPersonId: head.id,
      });
      if (d.chance(home.members.length === 1 && home.members[0].age >= 60 ? 0.04 : 0.001)) {
        out.tags.push({ entityType: 'household', entityId: householdId, tagCode: 'EXTREMELY_POOR', since: since(d, head.birthDate, 18) });
      }
      if (home.type === 'registered' && home.members[0].age >= 30) landlords.push(head.id);
      if (home.type === 'floating' || (home.type === 'registered' && home.members[0].age < 36)) {
        tenants.push({ household: householdId, size: home.members.length, floating: home.type === 'floating' });
      }
    });
    // 4. Rental houses 出租房屋: about 8% of households, tenants mostly 流动人口, landlords local heads of household.
    let rentals = Math.floor(homes.length * 0.08 + d.next());
    if (!landlords.length) return;
    const ordered = [...tenants.filter((t) => t.floating), ...tenants.filter((t) => !t.floating)];
    for (const t of ordered) {
      if (rentals <= 0) break;
      if (!t.floating && !d.chance(0.25)) continue;
      const hh = out.households[t.household - 1];
      const landlordId = d.pick(landlords);
      if (landlordId === hh.headPersonId) continue;
      const landlord = out.people[landlordId - 1];
      out.rentals.push({
        id: out.rentals.length + 1, gridCode: g.code, gridPath: g.path, householdId: hh.id, buildingId: hh.buildingId, unitId: hh.unitId, room: hh.room,
        address: hh.address, landlordPersonId: landlordId, landlordName: landlord.name, landlordPhone: landlord.phone ?? mobile(d),
        tenants: t.size, areaM2: Math.round((35 + d.next() * 85) * 2) / 2, purpose: RENTAL_PURPOSE.draw(d), registeredOn: dateBefore(d.int(10, 1800)),
      });
      rentals--;
    }
  });
  return out;
}

/** Tags of one person, at rates near what districts report (special groups well under 1%). */
function tagPerson(d: Draw, p: DemoPerson, m: Member, size: number, type: ResidenceType, lowIncome: boolean, tags: DemoTag[], since: (d: Draw, birth: string, minAge: number) => string): void {
  const add = (tagCode: string, s: string | null) => tags.push({ entityType: 'person', entityId: p.id, tagCode, since: s });
  const age = m.age, male = m.sex === '1';
  if (age >= 60 && size === 1) add('ELDERLY_ALONE', null);
  if (type === 'left_behind') {
    if (age >= 60) add('LEFT_BEHIND_ELDERLY', null);
    else if (age < 16) add('LEFT_BEHIND_CHILD', null);
  }
  if (d.chance(age >= 60 ? 0.14 : age >= 18 ? 0.04 : 0.012)) add('DISABLED', since(d, p.birthDate, 0));
  if (lowIncome) add('LOW_INCOME', since(d, p.birthDate, 0));
  if (age >= 35 && age <= 85 && d.chance(male ? 0.055 : 0.003)) add('VETERAN', since(d, p.birthDate, 22));
  if (age >= 22 && age <= 65 && d.chance(male ? 0.004 : 0.0005)) add('RELEASED_PRISONER', since(d, p.birthDate, 20));
  if (age >= 20 && age <= 60 && d.chance(0.001)) add('COMMUNITY_CORRECTION', since(d, p.birthDate, 19));
  if (age >= 16 && d.chance(0.004)) add('SEVERE_MENTAL_DISORDER', since(d, p.birthDate, 14));
  if (age >= 18 && age <= 55 && d.chance(male ? 0.002 : 0.0005)) add('DRUG_USER', since(d, p.birthDate, 16));
  if (age >= 18 && age <= 50 && d.chance(0.0004)) add('AIDS_RISK', since(d, p.birthDate, 16));
  if (age >= 12 && age <= 25 && d.chance(0.008)) add('KEY_YOUTH', since(d, p.birthDate, 12));
}
