/** Accuracy, per-label precision / recall / F1, macro-F1 and the most frequent confusions. */

export interface LabelMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Confusion {
  actual: string;
  predicted: string;
  count: number;
}

export interface Evaluation {
  rows: number;
  accuracy: number;
  /** Mean F1 over the labels that occur in the actual or predicted labels. */
  macroF1: number;
  perLabel: LabelMetrics[];
  confusions: Confusion[];
  /** Actual labels the model does not know (every such row counts as wrong). */
  unknownLabels: { label: string; count: number }[];
}

export function evaluate(actual: string[], predicted: string[], knownLabels: string[]): Evaluation {
  if (actual.length !== predicted.length) throw new Error('evaluate: actual and predicted differ in length');
  const labels = [...new Set([...knownLabels, ...actual])].sort();
  const tp = new Map<string, number>(), fp = new Map<string, number>(), fn = new Map<string, number>();
  const pairs = new Map<string, number>();
  let correct = 0;
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  actual.forEach((a, i) => {
    const p = predicted[i];
    if (a === p) { correct++; add(tp, a); return; }
    add(fp, p);
    add(fn, a);
    add(pairs, `${a}\t${p}`);
  });
  const perLabel = labels.map((label) => {
    const t = tp.get(label) ?? 0, f = fp.get(label) ?? 0, n = fn.get(label) ?? 0;
    const precision = t + f ? t / (t + f) : 0;
    const recall = t + n ? t / (t + n) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: t + n };
  }).filter((m) => m.support > 0 || (fp.get(m.label) ?? 0) > 0);
  const known = new Set(knownLabels);
  const unknown = new Map<string, number>();
  for (const a of actual) if (!known.has(a)) add(unknown, a);
  return {
    rows: actual.length,
    accuracy: actual.length ? correct / actual.length : 0,
    macroF1: perLabel.length ? perLabel.reduce((s, m) => s + m.f1, 0) / perLabel.length : 0,
    perLabel,
    confusions: [...pairs].map(([k, count]) => { const [a, p] = k.split('\t'); return { actual: a, predicted: p, count }; })
      .sort((x, y) => y.count - x.count || x.actual.localeCompare(y.actual) || x.predicted.localeCompare(y.predicted)),
    unknownLabels: [...unknown].map(([label, count]) => ({ label, count })).sort((x, y) => y.count - x.count),
  };
}
