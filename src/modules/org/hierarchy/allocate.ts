// Whole-number shares that add up exactly (largest remainder, also called Hamilton's method),
// so households and grid counts sum to the totals at every level of the tree.

/**
 * Splits `total` into integers proportional to `weights`, each at least `min` (when the total
 * allows it). Ties go to the lower index, so the result is deterministic.
 */
export function largestRemainder(weights: readonly number[], total: number, min = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const floor = total >= min * n ? min : 0;
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  const quota = weights.map((w) => (sum > 0 ? (Math.max(0, w) / sum) * total : total / n));
  const out = quota.map((q) => Math.max(floor, Math.floor(q)));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = quota.map((_, i) => i);
  if (left > 0) {
    order.sort((a, b) => (quota[b] - out[b]) - (quota[a] - out[a]) || a - b);
    for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k]]++;
  } else if (left < 0) {
    // The minimum pushed us over: take back from those furthest above their quota.
    order.sort((a, b) => (out[b] - quota[b]) - (out[a] - quota[a]) || a - b);
    for (let k = 0; left < 0; k = (k + 1) % n) {
      if (out[order[k]] > floor) { out[order[k]]--; left++; }
    }
  }
  return out;
}
