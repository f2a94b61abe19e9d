import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkCreditCode, creditCheckChar, CREDIT_AUTHORITIES, CREDIT_CHARS, makeCreditCode, orgCodeCheckChar } from './credit-code.ts';
import { PROVINCE_CODES } from './id-number.ts';

const prefixes = Object.entries(CREDIT_AUTHORITIES).flatMap(([a, { types }]) => Object.keys(types).map((t) => a + t));
const parts = fc.record({
  prefix: fc.constantFrom(...prefixes),
  area: fc.tuple(fc.constantFrom(...PROVINCE_CODES), fc.integer({ min: 0, max: 9999 })).map(([p, n]) => p + String(n).padStart(4, '0')),
  body: fc.array(fc.constantFrom(...CREDIT_CHARS), { minLength: 8, maxLength: 8 }).map((a) => a.join('')),
});

describe('checkCreditCode (GB 32100-2015)', () => {
  it('accepts real codes and reads their parts', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({
      ok: true, code: '91350100M000100Y43', authority: '9', entityType: '91', entityTypeName: '企业', areaCode: '350100', orgCode: 'M000100Y4',
    });
    for (const c of ['9144030071526726XG', '91110000600037341L']) expect(checkCreditCode(c).ok, c).toBe(true);
  });

  it('normalises lower case, spaces and hyphens', () => {
    expect(checkCreditCode('9144 0300 7152 6726 xg')).toMatchObject({ ok: true, code: '9144030071526726XG' });
  });

  it('every generated code passes, for every authority and type', () => {
    fc.assert(fc.property(parts, ({ prefix, area, body }) => {
      const r = checkCreditCode(makeCreditCode(prefix, area, body));
      expect(r).toMatchObject({ ok: true, entityType: prefix, areaCode: area });
    }), { numRuns: 3000 });
  });

  it('every single-character substitution fails', () => {
    fc.assert(fc.property(parts, fc.integer({ min: 0, max: 17 }), fc.nat(), ({ prefix, area, body }, pos, shift) => {
      const code = makeCreditCode(prefix, area, body);
      const other = CREDIT_CHARS[(CREDIT_CHARS.indexOf(code[pos]) + 1 + (shift % 30)) % 31];
      expect(other).not.toBe(code[pos]);
      expect(checkCreditCode(code.slice(0, pos) + other + code.slice(pos + 1)).ok).toBe(false);
    }), { numRuns: 5000 });
  });

  it('checks the organisation code (GB 11714) on its own', () => {
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(orgCodeCheckChar('71526726')).toBe('X');
    // Last character recomputed so only the organisation code check is wrong.
    const good = makeCreditCode('91', '150203', 'MA0N1234');
    const first17 = good.slice(0, 16) + (good[16] === '1' ? '2' : '1');
    const orgBad = first17 + creditCheckChar(first17);
    expect(checkCreditCode(orgBad)).toMatchObject({ ok: false, reason: expect.stringContaining('organisation code') });
  });

  it('refuses forbidden letters, unknown authorities or types and wrong lengths, naming the problem', () => {
    const cases: [string, string][] = [
      ['91350100M000100Y4', '18 characters'],
      ['91350100M0001O0Y43', '"O"'],
      ['B1350100M000100Y43', 'registration authority'],
      ['94350100M000100Y43', 'entity type'],
      ['9135A100M000100Y43', 'area code'],
      ['91990100M000100Y43', 'area code'],
      ['91350100M000100Y44', 'should be 3'],
    ];
    for (const [code, why] of cases) {
      const r = checkCreditCode(code);
      expect(r.ok, code).toBe(false);
      if (!r.ok) { expect(r.reason).toContain(why); expect(r.reason).toMatch(/[\u4e00-\u9fff]/); }
    }
  });

  it('makeCreditCode refuses bad parts', () => {
    expect(() => makeCreditCode('94', '150203', 'MA0N1234')).toThrow();
    expect(() => makeCreditCode('91', '15020', 'MA0N1234')).toThrow();
    expect(() => makeCreditCode('91', '150203', 'MA0N123I')).toThrow();
  });
});
