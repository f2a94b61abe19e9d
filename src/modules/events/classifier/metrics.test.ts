import { describe, expect, it } from 'vitest';
import { evaluate } from './metrics.ts';

describe('evaluate', () => {
  it('computes accuracy, per-label precision/recall/F1 and macro-F1', () => {
    const e = evaluate(['a', 'a', 'a', 'b', 'b', 'c'], ['a', 'a', 'b', 'b', 'c', 'c'], ['a', 'b', 'c']);
    expect(e.accuracy).toBeCloseTo(4 / 6);
    const a = e.perLabel.find((m) => m.label === 'a')!;
    expect([a.precision, a.recall, a.support]).toEqual([1, 2 / 3, 3]);
    const b = e.perLabel.find((m) => m.label === 'b')!;
    expect([b.precision, b.recall]).toEqual([0.5, 0.5]);
    const c = e.perLabel.find((m) => m.label === 'c')!;
    expect([c.precision, c.recall]).toEqual([0.5, 1]);
    expect(e.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3);
    expect(e.confusions).toEqual([{ actual: 'a', predicted: 'b', count: 1 }, { actual: 'b', predicted: 'c', count: 1 }]);
  });

  it('counts a label the model does not know as wrong and reports it', () => {
    const e = evaluate(['x', 'a'], ['a', 'a'], ['a', 'b']);
    expect(e.accuracy).toBe(0.5);
    expect(e.unknownLabels).toEqual([{ label: 'x', count: 1 }]);
    expect(e.perLabel.map((m) => m.label)).toEqual(['a', 'x']);
    expect(e.macroF1).toBeCloseTo((2 / 3 + 0) / 2);
  });
});
