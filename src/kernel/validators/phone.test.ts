import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkPhone } from './phone.ts';

describe('checkPhone', () => {
  it('accepts mobiles 13x–19x in any common spelling', () => {
    for (const s of ['13912345678', '+86 139 1234 5678', '0086-19912345678', '１３９１２３４５６７８']) {
      expect(checkPhone(s), s).toEqual({ ok: true, phone: s.includes('199') ? '19912345678' : '13912345678', kind: 'mobile' });
    }
  });
  it('accepts landlines with 3- or 4-digit area codes and an extension', () => {
    expect(checkPhone('0472-5123456')).toEqual({ ok: true, phone: '0472-5123456', kind: 'landline' });
    expect(checkPhone('(0470)8212345')).toEqual({ ok: true, phone: '0470-8212345', kind: 'landline' });
    expect(checkPhone('010-62345678')).toEqual({ ok: true, phone: '010-62345678', kind: 'landline' });
    expect(checkPhone('0472-5123456转802')).toEqual({ ok: true, phone: '0472-5123456-802', kind: 'landline' });
  });
  it('refuses what is not a phone number', () => {
    for (const s of ['', '12912345678', '1391234567', '139123456789', '5123456', '0472-0123456', '0101-2345678', 'abc', '047-25123456']) {
      const r = checkPhone(s);
      expect(r.ok, s).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/phone/);
    }
  });
  it('every 1[3-9] + 9 digits is a mobile', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }), (b, n) => {
      const s = `1${b}${String(n).padStart(9, '0')}`;
      expect(checkPhone(s)).toEqual({ ok: true, phone: s, kind: 'mobile' });
    }));
  });
});
