// Seeded draws for the demo generator: the same options give the same residents on every run.
import { createRng } from '../../org/hierarchy/prng.ts';

export interface Draw {
  next(): number;
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  normal(): number;
}

export function draw(seed: string): Draw {
  const r = createRng(seed);
  return {
    next: r.next,
    int: (lo, hi) => lo + Math.floor(r.next() * (hi - lo + 1)),
    chance: (p) => r.next() < p,
    pick: (items) => items[Math.floor(r.next() * items.length)],
    normal: r.normal,
  };
}

/** A table of values with weights, drawn from in O(log n). */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;
  constructor(readonly entries: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [, w] of entries) this.cumulative.push((sum += w));
    this.total = sum;
  }
  draw(d: Draw): T {
    const x = d.next() * this.total;
    let lo = 0, hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > x) hi = mid; else lo = mid + 1;
    }
    return this.entries[lo][0];
  }
}

/** Splits `total` into integer shares proportional to `weights` (largest remainder), summing exactly. */
export function shares(weights: number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k][1]]++;
  return out;
}
