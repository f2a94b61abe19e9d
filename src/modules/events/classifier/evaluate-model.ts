import { evaluate, type Evaluation } from './metrics.ts';
import { suggestCategory, type ClassifierModel } from './model.ts';
import type { LabelledText } from './tsv.ts';

/** Run the model over labelled rows and score it; a label the model does not know is always wrong. */
export function evaluateModel(model: ClassifierModel, rows: LabelledText[]): Evaluation {
  const predicted = rows.map((r) => suggestCategory(model, r.text, 1).label);
  return evaluate(rows.map((r) => r.label), predicted, model.labels);
}

export function formatEvaluation(e: Evaluation): string {
  const width = Math.max(8, ...e.perLabel.map((m) => displayWidth(m.label))) + 2;
  const pad = (s: string) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));
  const f = (n: number) => n.toFixed(4);
  const lines = [`${pad('label')}precision  recall  F1      support`];
  for (const m of e.perLabel) lines.push(`${pad(m.label)}${f(m.precision)}     ${f(m.recall)}  ${f(m.f1)}  ${m.support}`);
  if (e.confusions.length) {
    lines.push('most frequent confusions (actual → predicted):');
    for (const c of e.confusions.slice(0, 10)) lines.push(`  ${c.actual} → ${c.predicted}: ${c.count}`);
  }
  if (e.unknownLabels.length) {
    lines.push(`labels the model does not know (${e.unknownLabels.reduce((s, u) => s + u.count, 0)} rows counted as wrong): ${e.unknownLabels.map((u) => `${u.label} ×${u.count}`).join(', ')}`);
  }
  lines.push(`rows: ${e.rows}`, `accuracy: ${f(e.accuracy)}`, `macro-F1: ${f(e.macroF1)}`);
  return lines.join('\n');
}

/** Chinese characters take two columns on a terminal. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}
