import { describe, it, expect } from 'vitest';
import { checkCreditCode, checkIdNumber, checkPhone } from '../../../kernel/validators/index.ts';
import { BUILTIN_TAGS, isCode } from '../vocabularies/index.ts';
import { generateDistrict, perGrid, type GenerateOptions } from './generate.ts';
import type { DemoGrid } from './types.ts';
import { MEAN_HOUSEHOLD_SIZE } from './population.ts';

const AS_OF = '2026-11-24';
const grid = (community: string, n: number, households: number, village = false): DemoGrid => ({
  code: `${community}${String(n).padStart(3, '0')}`, path: `150200.150203.150203001.${community}.${community}${String(n).padStart(3, '0')}`,
  households, cityCode: '150200', cityName: '包头市', districtCode: '150203', districtName: '昆都仑区', streetName: '少先路街道',
  communityCode: community, communityName: village ? '甲尔坝村' : '少先二十社区', village, geometry: null, center: [109.8, 40.65],
});
const GRIDS = [grid('150203001026', 1, 380), grid('150203001026', 2, 300), grid('150203001026', 3, 420), grid('150203001201', 1, 150, true), grid('150203001201', 2, 120, true)];
const OPTS: GenerateOptions = { grids: GRIDS, people: 3000, organisations: 330, seed: 'test', asOf: AS_OF, otherDistrictCodes: ['150202', '150203', '150204', '150205'] };
const data = generateDistrict(OPTS);
const ageOf = (birth: string) => {
  const [y, m, d] = birth.split('-').map(Number);
  return 2026 - y - (m > 11 || (m === 11 && d > 24) ? 1 : 0);
};

describe('generateDistrict', () => {
  it('makes exactly the people and organisations asked, shared by grid households', () => {
    expect(data.people.length).toBe(3000);
    expect(data.organisations.length).toBe(330);
    const shares = perGrid(GRIDS, 3000);
    expect(shares.reduce((s, n) => s + n, 0)).toBe(3000);
    for (const [i, g] of GRIDS.entries()) expect(data.people.filter((p) => p.gridCode === g.code).length).toBe(shares[i]);
    // Around 2.4 people a household.
    expect(data.people.length / data.households.length).toBeGreaterThan(2.1);
    expect(data.people.length / data.households.length).toBeLessThan(2.7);
  });

  it('follows each grid\'s households scaled by a factor', () => {
    const scale = 0.5;
    const people = Math.round(GRIDS.reduce((s, g) => s + g.households, 0) * scale * MEAN_HOUSEHOLD_SIZE);
    const half = generateDistrict({ ...OPTS, people });
    for (const g of GRIDS) {
      const n = half.households.filter((h) => h.gridCode === g.code).length;
      expect(n / (g.households * scale), g.code).toBeGreaterThan(0.8);
      expect(n / (g.households * scale), g.code).toBeLessThan(1.2);
    }
  });

  it('is deterministic: the same options give the same rows, another seed others', () => {
    expect(generateDistrict(OPTS)).toEqual(data);
    expect(generateDistrict({ ...OPTS, seed: 'other' }).people[0].idNumber).not.toBe(data.people[0].idNumber);
  });

  it('gives everyone a valid, unique ID number that agrees with sex and birth date', () => {
    const seen = new Set<string>();
    for (const p of data.people) {
      const r = checkIdNumber(p.idNumber, AS_OF);
      expect(r, p.idNumber).toMatchObject({ ok: true, sex: p.sex, birthDate: p.birthDate });
      expect(seen.has(p.idNumber)).toBe(false);
      seen.add(p.idNumber);
    }
  });

  it('never reuses an ID number that already exists in the city', () => {
    const taken = data.people.slice(0, 500).map((p) => p.idNumber);
    const again = generateDistrict({ ...OPTS, existingIdNumbers: taken });
    const ids = new Set(again.people.map((p) => p.idNumber));
    for (const t of taken) expect(ids.has(t)).toBe(false);
  });

  it('takes ID address codes from the district for most registered residents, from elsewhere for 流动 and 境外', () => {
    const registered = data.people.filter((p) => p.residenceType === 'registered');
    expect(registered.filter((p) => p.idNumber.startsWith('150203')).length / registered.length).toBeGreaterThan(0.7);
    for (const p of data.people.filter((q) => q.residenceType === 'floating')) expect(p.idNumber.slice(0, 6)).not.toBe('150203');
    for (const p of data.people.filter((q) => q.residenceType === 'overseas')) expect(p.idNumber.slice(0, 2)).toMatch(/^8[123]$/);
  });

  it('has one head 户主 per household, relations coded by GB/T 4761 and ages that fit them', () => {
    const byHousehold = new Map<number, typeof data.people>();
    for (const p of data.people) byHousehold.set(p.householdId, [...(byHousehold.get(p.householdId) ?? []), p]);
    expect(byHousehold.size).toBe(data.households.length);
    for (const h of data.households) {
      const members = byHousehold.get(h.id)!;
      expect(members.length).toBeGreaterThanOrEqual(1);
      expect(members.length).toBeLessThanOrEqual(5);
      const heads = members.filter((m) => m.relation === '02');
      expect(heads.length).toBe(1);
      expect(heads[0].id).toBe(h.headPersonId);
      const head = heads[0];
      expect(ageOf(head.birthDate)).toBeGreaterThanOrEqual(18);
      for (const m of members) {
        expect(isCode('relation', m.relation)).toBe(true);
        expect(m.gridCode).toBe(h.gridCode);
        expect(m.address).toBe(h.address);
        if (m.relation === '20' || m.relation === '30') expect(ageOf(head.birthDate) - ageOf(m.birthDate)).toBeGreaterThanOrEqual(15);
        if (m.relation === '51' || m.relation === '52') expect(ageOf(m.birthDate) - ageOf(head.birthDate)).toBeGreaterThanOrEqual(15);
        if (m.relation === '20' || m.relation === '51' || m.relation === '41') expect(m.sex).toBe('1');
        if (m.relation === '30' || m.relation === '52' || m.relation === '42') expect(m.sex).toBe('2');
        if (m.relation === '10') expect(m.sex).not.toBe(head.sex);
      }
      expect(new Set(members.map((m) => m.residenceType)).size).toBe(1);
    }
  });

  it('fills every coded field from its national list, and phones only for people 14 and over', () => {
    for (const p of data.people) {
      expect(isCode('ethnicity', p.ethnicity)).toBe(true);
      expect(isCode('political_status', p.politicalStatus)).toBe(true);
      if (p.education !== null) expect(isCode('education', p.education)).toBe(true);
      expect(isCode('residence_type', p.residenceType)).toBe(true);
      if (p.phone) {
        expect(checkPhone(p.phone).ok).toBe(true);
        expect(ageOf(p.birthDate)).toBeGreaterThanOrEqual(14);
      }
      expect(p.name.length).toBeGreaterThanOrEqual(2);
    }
    const han = data.people.filter((p) => p.ethnicity === '01').length / data.people.length;
    expect(han).toBeGreaterThan(0.8);
    expect(han).toBeLessThan(0.98);
  });

  it('puts 留守 households only in villages and about 15% of people in 流动', () => {
    const villageGrids = new Set(GRIDS.filter((g) => g.village).map((g) => g.code));
    for (const p of data.people.filter((q) => q.residenceType === 'left_behind')) expect(villageGrids.has(p.gridCode)).toBe(true);
    expect(data.people.some((p) => p.residenceType === 'left_behind')).toBe(true);
    const floating = data.people.filter((p) => p.residenceType === 'floating').length / data.people.length;
    expect(floating).toBeGreaterThan(0.08);
    expect(floating).toBeLessThan(0.22);
  });

  it('places each household in its own flat of a building of its grid', () => {
    const flats = new Set<string>();
    for (const h of data.households) {
      const b = data.buildings[h.buildingId - 1];
      expect(b.gridCode).toBe(h.gridCode);
      if (h.unitId !== null) {
        const u = data.units[h.unitId - 1];
        expect(u.buildingId).toBe(h.buildingId);
        const floor = Math.floor(Number(h.room) / 100);
        expect(floor).toBeGreaterThanOrEqual(1);
        expect(floor).toBeLessThanOrEqual(u.floors);
        expect(h.address).toMatch(/^昆都仑区少先路街道少先二十社区 \d+栋\d单元\d+室$/);
      } else {
        expect(b.kind).toBe('bungalow');
        expect(h.address).toMatch(/^昆都仑区少先路街道甲尔坝村 \d+组\d+号$/);
      }
      const key = `${h.buildingId}/${h.unitId}/${h.room}`;
      expect(flats.has(key)).toBe(false);
      flats.add(key);
    }
  });

  it('gives organisations valid unique credit codes registered in the district', () => {
    const codes = new Set<string>();
    for (const o of data.organisations) {
      const r = checkCreditCode(o.creditCode);
      expect(r, o.creditCode).toMatchObject({ ok: true, areaCode: '150203' });
      expect(codes.has(o.creditCode)).toBe(false);
      codes.add(o.creditCode);
      expect(isCode('organisation_kind', o.kind)).toBe(true);
      expect(isCode('industry', o.industry)).toBe(true);
      const prefix = { enterprise: '91', individual_business: '92', social_org: '5', public_institution: '12' }[o.kind];
      expect(o.creditCode.startsWith(prefix)).toBe(true);
    }
    expect(data.organisations.filter((o) => o.kind === 'enterprise').every((o) => o.name.startsWith('包头市') && /有限(责任)?公司$/.test(o.name))).toBe(true);
    const social = data.organisations.filter((o) => o.kind === 'social_org').length / data.organisations.length;
    expect(social).toBeGreaterThan(0.01);
    expect(social).toBeLessThan(0.12);
  });

  it('rents about 8% of households, from a local head of household to another household', () => {
    const rate = data.rentals.length / data.households.length;
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.11);
    for (const r of data.rentals) {
      const hh = data.households[r.householdId - 1];
      const landlord = data.people[r.landlordPersonId - 1];
      expect(landlord.householdId).not.toBe(hh.id);
      expect(landlord.residenceType).toBe('registered');
      expect(landlord.relation).toBe('02');
      expect(r.landlordName).toBe(landlord.name);
      expect(r.tenants).toBe(data.people.filter((p) => p.householdId === hh.id).length);
      expect(r.address).toBe(hh.address);
      expect(isCode('rental_purpose', r.purpose)).toBe(true);
    }
  });

  it('tags with built-in tags that fit the entity and the person', () => {
    const kinds = new Map(BUILTIN_TAGS.map((t) => [t.code, t.appliesTo]));
    for (const t of data.tags) {
      expect(kinds.get(t.tagCode), t.tagCode).toBe(t.entityType);
      if (t.since) expect(t.since <= AS_OF).toBe(true);
      if (t.entityType !== 'person') continue;
      const p = data.people[t.entityId - 1];
      if (t.tagCode === 'ELDERLY_ALONE') {
        expect(ageOf(p.birthDate)).toBeGreaterThanOrEqual(59);
        expect(data.people.filter((q) => q.householdId === p.householdId).length).toBe(1);
      }
      if (t.tagCode === 'LEFT_BEHIND_CHILD') expect(ageOf(p.birthDate)).toBeLessThan(17);
      if (t.since) expect(t.since >= p.birthDate).toBe(true);
    }
    const keys = new Set(data.tags.map((t) => `${t.entityType}/${t.entityId}/${t.tagCode}`));
    expect(keys.size).toBe(data.tags.length);
  });
});

describe('rates over a Kundulun-sized sample', () => {
  // 60,000 people over 150 grids: enough for the rates to settle.
  const many = Array.from({ length: 150 }, (_, i) => grid(`150203001${String(100 + Math.floor(i / 15))}`, (i % 15) + 1, 300 + (i % 7) * 20, i >= 140));
  const big = generateDistrict({ ...OPTS, grids: many, people: 60_000, organisations: 6_600 });
  const ages = big.people.map((p) => ageOf(p.birthDate));
  const share = (f: (a: number) => boolean) => ages.filter(f).length / ages.length;
  const tagged = (code: string) => big.tags.filter((t) => t.tagCode === code).length;

  it('follows an ageing city: more people of 40–65 than children, over a fifth aged 60+', () => {
    expect(share((a) => a < 15)).toBeGreaterThan(0.07);
    expect(share((a) => a < 15)).toBeLessThan(0.16);
    expect(share((a) => a >= 40 && a < 65)).toBeGreaterThan(2.5 * share((a) => a < 15));
    expect(share((a) => a >= 60)).toBeGreaterThan(0.17);
    expect(share((a) => a >= 60)).toBeLessThan(0.28);
  });

  it('tags at plausible rates', () => {
    const elderly = ages.filter((a) => a >= 60).length;
    expect(tagged('ELDERLY_ALONE') / elderly).toBeGreaterThan(0.05);
    expect(tagged('ELDERLY_ALONE') / elderly).toBeLessThan(0.11);
    expect(tagged('DISABLED') / ages.length).toBeGreaterThan(0.04);
    expect(tagged('DISABLED') / ages.length).toBeLessThan(0.08);
    expect(tagged('LOW_INCOME') / ages.length).toBeGreaterThan(0.015);
    expect(tagged('LOW_INCOME') / ages.length).toBeLessThan(0.045);
    expect(tagged('VETERAN') / ages.length).toBeGreaterThan(0.01);
    expect(tagged('VETERAN') / ages.length).toBeLessThan(0.03);
    for (const code of ['RELEASED_PRISONER', 'COMMUNITY_CORRECTION', 'SEVERE_MENTAL_DISORDER', 'DRUG_USER', 'AIDS_RISK', 'KEY_YOUTH']) {
      expect(tagged(code) / ages.length, code).toBeLessThan(0.005);
    }
  });

  it('has about as many men as women', () => {
    const male = big.people.filter((p) => p.sex === '1').length / big.people.length;
    expect(male).toBeGreaterThan(0.46);
    expect(male).toBeLessThan(0.54);
  });
});
