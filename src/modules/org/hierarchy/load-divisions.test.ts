import { describe, it, expect } from 'vitest';
import { communityShortName, isUrbanCommunity, isUrbanStreet, loadDivisions, parseCsv } from './load-divisions.ts';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, commas in quotes and CRLF', () => {
    expect(parseCsv('code,name\r\n1,"a, ""b"""\r\n2,c\n')).toEqual([['code', 'name'], ['1', 'a, "b"'], ['2', 'c']]);
  });
  it('keeps a last line without newline and skips blank lines', () => {
    expect(parseCsv('a,b\n\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('loadDivisions', () => {
  const d = loadDivisions();
  it('loads every district, street and community of Baotou and Hulunbuir', () => {
    expect(d.districts).toHaveLength(24);
    expect(d.streets).toHaveLength(249);
    expect(d.communities).toHaveLength(2128);
    expect(new Set(d.districts.map((x) => x.cityCode))).toEqual(new Set(['150200', '150700']));
  });
  it('has codes that nest: 6 → 9 → 12 digits', () => {
    const districts = new Set(d.districts.map((x) => x.code));
    const streets = new Set(d.streets.map((x) => x.code));
    for (const s of d.streets) {
      expect(s.code).toMatch(/^\d{9}$/);
      expect(districts.has(s.districtCode) && s.code.startsWith(s.districtCode)).toBe(true);
    }
    for (const c of d.communities) {
      expect(c.code).toMatch(/^\d{12}$/);
      expect(streets.has(c.streetCode) && c.code.startsWith(c.streetCode)).toBe(true);
      expect(c.name).not.toMatch(/^"|"$/);
    }
  });
});

describe('names and urban/rural codes', () => {
  it('shortens committee names to the everyday name', () => {
    expect(communityShortName('环西社区居委会')).toBe('环西社区');
    expect(communityShortName('神发社区居民委员会')).toBe('神发社区');
    expect(communityShortName('向阳村村委会')).toBe('向阳村');
    expect(communityShortName('丰收村民委员会')).toBe('丰收村');
    expect(communityShortName('忽鸡沟村委')).toBe('忽鸡沟村');
    expect(communityShortName('巴彦嘎查委员会')).toBe('巴彦嘎查');
    expect(communityShortName('金星居委会')).toBe('金星居委会');
    expect(communityShortName('第三生产队')).toBe('第三生产队');
  });
  it('reads urban/rural from the code', () => {
    expect(isUrbanCommunity('150202001012')).toBe(true); // 居委会 0xx
    expect(isUrbanCommunity('150203102201')).toBe(false); // 村委会 2xx
    expect(isUrbanCommunity('150271102421')).toBe(true); // 4xx
    expect(isUrbanCommunity('150782400500')).toBe(false); // 5xx 管理区
    expect(isUrbanStreet('150203001')).toBe(true);
    expect(isUrbanStreet('150271102')).toBe(false);
  });
});
