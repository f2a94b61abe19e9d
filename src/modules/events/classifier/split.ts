import { seededRandom, shuffleInPlace } from './random.ts';

/**
 * Keep a share of rows out of training, the same share of every label (stratified), chosen by a
 * seeded shuffle so a split repeats. A label with a single row stays in training.
 */
export function holdoutSplit<T extends { label: string }>(rows: T[], share: number, seed: number): { train: T[]; holdout: T[] } {
  if (!(share > 0 && share < 1)) throw new Error(`holdout share must be between 0 and 1, got ${share}`);
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  rows.forEach((r, i) => { const l = byLabel.get(r.label); if (l) l.push(i); else byLabel.set(r.label, [i]); });
  const out = new Set<number>();
  for (const label of [...byLabel.keys()].sort()) {
    const idx = shuffleInPlace(byLabel.get(label)!, random);
    const n = Math.min(idx.length - 1, Math.round(idx.length * share));
    for (const i of idx.slice(0, n)) out.add(i);
  }
  // Original order kept in both parts: the held-out file reads like the source.
  return { train: rows.filter((_, i) => !out.has(i)), holdout: rows.filter((_, i) => out.has(i)) };
}
