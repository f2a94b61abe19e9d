import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { largestRemainder } from './allocate.ts';

describe('largestRemainder', () => {
  it('adds up exactly and respects the minimum', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }),
      fc.integer({ min: 0, max: 100_000 }),
      fc.integer({ min: 0, max: 3 }),
      (weights, total, min) => {
        const out = largestRemainder(weights, total, min);
        expect(out.reduce((a, b) => a + b, 0)).toBe(total);
        expect(out.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
        if (total >= min * weights.length) expect(out.every((n) => n >= min)).toBe(true);
      },
    ));
  });
  it('is proportional', () => {
    expect(largestRemainder([1, 1, 2], 8)).toEqual([2, 2, 4]);
    expect(largestRemainder([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(largestRemainder([], 5)).toEqual([]);
  });
});
