import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../src/version.ts';
import { evaluate } from '../src/modules/events/classifier/metrics.ts';
import { suggestCategory, suggestFromTokens, trainClassifier } from '../src/modules/events/classifier/model.ts';
import { toDocument } from '../src/modules/events/classifier/persist.ts';
import { holdoutSplit } from '../src/modules/events/classifier/split.ts';
import { tokenize, words } from '../src/modules/events/classifier/tokenize.ts';
import { readLabelledTsv, type LabelledText } from '../src/modules/events/classifier/tsv.ts';

/**
 * classify: the category classifier trained on four fifths of the labelled messages and measured on
 * the held-out fifth (stratified, seed 1 — the same split as `shiyu classifier train --holdout 0.2`).
 * Baselines in the same run: the majority class, and a keyword lookup (each word with df ≥ 5 votes
 * for the category it is most frequent in, weighted by that share) — what a hand-made keyword table
 * would do at best. Speed: suggestions per second, end to end, against tokenization alone.
 * Goal: classify-macro-f1 ≥ 0.88. SHIYU_MESSAGES_TSV overrides the data file.
 */

const DATA = process.env.SHIYU_MESSAGES_TSV ?? path.join(ROOT, 'resources/messages/train.tsv.gz');
const seconds = (t0: number) => (performance.now() - t0) / 1000;

function keywordBaseline(train: LabelledText[]): (text: string) => string {
  const counts = new Map<string, Map<string, number>>();
  for (const r of train) {
    for (const w of new Set(words(r.text))) {
      const m = counts.get(w) ?? new Map<string, number>();
      m.set(r.label, (m.get(r.label) ?? 0) + 1);
      counts.set(w, m);
    }
  }
  const vote = new Map<string, [string, number]>();
  for (const [w, m] of counts) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    if (total < 5) continue;
    const [label, n] = [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    vote.set(w, [label, n / total]);
  }
  const majority = majorityLabel(train);
  return (text) => {
    const score = new Map<string, number>();
    for (const w of new Set(words(text))) { const v = vote.get(w); if (v) score.set(v[0], (score.get(v[0]) ?? 0) + v[1]); }
    return [...score].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? majority;
  };
}

function majorityLabel(rows: LabelledText[]): string {
  const n = new Map<string, number>();
  for (const r of rows) n.set(r.label, (n.get(r.label) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

async function main() {
  const rows = await readLabelledTsv(DATA);
  const { train, holdout } = holdoutSplit(rows, 0.2, 1);
  const actual = holdout.map((r) => r.label);
  console.log(`${rows.length} labelled messages: training on ${train.length}, measuring on ${holdout.length}`);

  let t0 = performance.now();
  const model = trainClassifier(train, path.basename(DATA));
  const trainS = seconds(t0);
  const gz = gzipSync(JSON.stringify(toDocument(model)), { level: 9 }).length;
  console.log(`trained in ${trainS.toFixed(1)} s: ${model.vocabulary.terms.size} features × ${model.labels.length} labels, model ${(gz / 1024).toFixed(0)} KB gzipped`);

  words('预热'); // loads the jieba dictionary outside the timings
  t0 = performance.now();
  const tokens = holdout.map((r) => tokenize(r.text, model.tokenize));
  const tokenizeS = seconds(t0);
  t0 = performance.now();
  const fromTokens = tokens.map((t) => suggestFromTokens(model, t, 3).label);
  const scoreS = seconds(t0);
  t0 = performance.now();
  const predicted = holdout.map((r) => suggestCategory(model, r.text, 3).label);
  const endToEndS = seconds(t0);
  if (predicted.some((p, i) => p !== fromTokens[i])) throw new Error('suggestions from tokens and from text differ');
  const e = evaluate(actual, predicted, model.labels);

  const majority = majorityLabel(train);
  const majorityF1 = evaluate(actual, holdout.map(() => majority), model.labels).macroF1;
  t0 = performance.now();
  const keyword = keywordBaseline(train);
  const keywordF1 = evaluate(actual, holdout.map((r) => keyword(r.text)), model.labels).macroF1;
  const keywordS = seconds(t0);

  const perS = holdout.length / endToEndS;
  console.log('label'.padEnd(8, '　'), 'F1      support');
  for (const m of e.perLabel) console.log(m.label.padEnd(8, '　'), m.f1.toFixed(4), String(m.support).padStart(6));
  console.log(`accuracy ${e.accuracy.toFixed(4)}; baselines macro-F1: majority class ${majorityF1.toFixed(4)}, keyword lookup ${keywordF1.toFixed(4)} (built and run in ${keywordS.toFixed(1)} s)`);
  console.log(`per text: tokenization alone ${((tokenizeS / holdout.length) * 1000).toFixed(2)} ms (${(holdout.length / tokenizeS).toFixed(0)}/s), scoring ${((scoreS / holdout.length) * 1000).toFixed(3)} ms, end to end ${((endToEndS / holdout.length) * 1000).toFixed(2)} ms; mean text ${Math.round(holdout.reduce((s, r) => s + r.text.length, 0) / holdout.length)} characters; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
  console.log(`classify-macro-f1: ${e.macroF1.toFixed(4)}`);
  console.log(`classify-ratio: ${(e.macroF1 / keywordF1).toFixed(2)}`);
  console.log(`classify-per-s: ${perS.toFixed(0)}`);
}

await main();
