import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkIdNumber, idCheckDigit, idMatchesRecord, makeIdNumber, PROVINCE_CODES } from './id-number.ts';

const DAY = 86_400_000;
const from1900 = Date.UTC(1900, 0, 1);
const today = '2026-11-24';
const provinces = [...PROVINCE_CODES];
const validParts = fc.record({
  area: fc.tuple(fc.constantFrom(...provinces), fc.integer({ min: 0, max: 9999 })).map(([p, n]) => p + String(n).padStart(4, '0')),
  birth: fc.integer({ min: 0, max: Math.floor((Date.parse(today) - from1900) / DAY) }).map((d) => new Date(from1900 + d * DAY).toISOString().slice(0, 10)),
  seq: fc.integer({ min: 0, max: 999 }),
});

describe('checkIdNumber (GB 11643-1999)', () => {
  it('accepts the standard example and reads birth date, sex and area', () => {
    expect(checkIdNumber('11010519491231002X', today)).toEqual({ ok: true, id: '11010519491231002X', areaCode: '110105', birthDate: '1949-12-31', sex: '2' });
  });

  it('accepts lower-case x, spaces and full-width characters and normalises them', () => {
    const r = checkIdNumber(' 110105 19491231 002x ', today);
    expect(r.ok && r.id).toBe('11010519491231002X');
    expect(checkIdNumber('１１０１０５１９４９１２３１００２Ｘ', today).ok).toBe(true);
  });

  it('every generated number passes and says back what it was made from', () => {
    fc.assert(fc.property(validParts, ({ area, birth, seq }) => {
      const r = checkIdNumber(makeIdNumber(area, birth, seq), today);
      expect(r).toEqual({ ok: true, id: expect.any(String), areaCode: area, birthDate: birth, sex: seq % 2 ? '1' : '2' });
    }), { numRuns: 2000 });
  });

  it('every single-character substitution fails', () => {
    fc.assert(fc.property(validParts, fc.integer({ min: 0, max: 17 }), fc.nat(), ({ area, birth, seq }, pos, shift) => {
      const id = makeIdNumber(area, birth, seq);
      const alphabet = pos === 17 ? '0123456789X' : '0123456789';
      // An offset of 1 … length-1 in the alphabet: always a different allowed character.
      const other = alphabet[(alphabet.indexOf(id[pos]) + 1 + (shift % (alphabet.length - 1))) % alphabet.length];
      expect(other).not.toBe(id[pos]);
      expect(checkIdNumber(id.slice(0, pos) + other + id.slice(pos + 1), today).ok).toBe(false);
    }), { numRuns: 5000 });
  });

  it('takes a leap day only in a leap year', () => {
    expect(checkIdNumber(makeIdNumber('150203', '2000-02-29', 1), today)).toMatchObject({ ok: true, birthDate: '2000-02-29', sex: '1' });
    expect(checkIdNumber(makeIdNumber('150203', '2004-02-29', 2), today)).toMatchObject({ ok: true, sex: '2' });
    const notLeap = '15020319000229001';
    expect(checkIdNumber(notLeap + idCheckDigit(notLeap), today)).toMatchObject({ ok: false, reason: expect.stringContaining('not a real date') });
  });

  it('refuses a birth date before 1900 or after today, even with a right check digit', () => {
    expect(checkIdNumber('440524188001010014', today)).toMatchObject({ ok: false, reason: expect.stringContaining('before 1900') });
    expect(checkIdNumber(makeIdNumber('150203', '2026-11-25', 1), today)).toMatchObject({ ok: false, reason: expect.stringContaining('future') });
    expect(checkIdNumber(makeIdNumber('150203', '2026-11-24', 1), today).ok).toBe(true);
  });

  it('refuses unknown provinces, wrong lengths, letters and the old 15-digit form, in Chinese and English', () => {
    const cases: [string, string][] = [
      [makeIdNumber('160203', '1990-01-01', 11), 'no province'],
      [makeIdNumber('990203', '1990-01-01', 11), 'no province'],
      ['15020319900101001', '18 characters'],
      ['1502031990010100112', '18 characters'],
      ['15020319900101A011', '17 digits'],
      ['150203900101001', '15-digit'],
      ['', 'empty'],
    ];
    for (const [id, why] of cases) {
      const r = checkIdNumber(id, today);
      expect(r.ok, id).toBe(false);
      if (!r.ok) {
        expect(r.reason).toContain(why);
        expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('names the wrong check character', () => {
    expect(checkIdNumber('110105194912310021', today)).toMatchObject({ ok: false, reason: expect.stringContaining('should be X') });
  });
});

describe('idMatchesRecord', () => {
  const id = makeIdNumber('150203', '1985-06-15', 123); // odd: male
  it('finds nothing when the record agrees', () => {
    expect(idMatchesRecord(id, { birthDate: '1985-06-15', sex: '1' })).toEqual([]);
    expect(idMatchesRecord(id.slice(0, 17) + id[17].toLowerCase(), {})).toEqual([]);
  });
  it('names birth_date and sex when they disagree', () => {
    const p = idMatchesRecord(id, { birthDate: '1985-06-16', sex: '2' });
    expect(p.map((x) => x.field)).toEqual(['birth_date', 'sex']);
    expect(p[1].message).toContain('male');
  });
  it('names id_number when the number itself is invalid', () => {
    expect(idMatchesRecord('123', { sex: '1' })).toEqual([{ field: 'id_number', message: expect.stringContaining('18') }]);
  });
});

describe('makeIdNumber', () => {
  it('refuses malformed parts', () => {
    expect(() => makeIdNumber('15020', '1990-01-01', 1)).toThrow();
    expect(() => makeIdNumber('150203', '19900101', 1)).toThrow();
    expect(() => makeIdNumber('150203', '1990-01-01', 1000)).toThrow();
  });
});
