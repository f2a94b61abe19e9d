import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../version.ts';
import { vectorize } from './features.ts';
import { featuresOf } from './featurize.ts';
import { trainClassifier } from './model.ts';
import { tokenize } from './tokenize.ts';
import { readLabelledTsv } from './tsv.ts';

describe('featuresOf', () => {
  it('gives a third of the labelled messages, raw and segmented, exactly the vector of vectorize(tokenize(text))', async () => {
    const rows = await readLabelledTsv(path.join(ROOT, 'resources/messages/train.tsv.gz'));
    const model = trainClassifier(rows.slice(0, 3000), 'first 3000');
    const raw = (t: string) => t.replace(/(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/g, '');
    // Odd texts too: a word that looks like a bigram term, characters outside the Basic Multilingual Plane, full-width letters, nothing at all.
    const odd = ['#垃圾 垃圾垃圾', '𠀀垃圾𠀀桶 😀 噪音噪音', 'ＡＢＣ公司拖欠工资３个月', '', '   ', '！！！'];
    const some = rows.filter((_, i) => i % 3 === 0).map((r) => r.text);
    const texts = [...some, ...some.map(raw), ...odd];
    let differing = 0;
    for (const text of texts) {
      const want = vectorize(tokenize(text, model.tokenize), model.vocabulary);
      const got = featuresOf(text, model.vocabulary, model.tokenize);
      if (got.index.join() !== want.index.join() || got.value.some((v, i) => !Object.is(v, want.value[i]))) differing++;
    }
    expect(differing).toBe(0);
    // The vectors were not all empty: the comparison compared something.
    expect(featuresOf(rows[0].text, model.vocabulary, model.tokenize).index.length).toBeGreaterThan(10);
  }, 60_000);

  it('leaves out bigrams when the model was trained without them', () => {
    const model = trainClassifier([
      { label: 'a', text: '小区 门口 垃圾 很多' }, { label: 'b', text: '楼上 噪音 扰民 严重' },
    ], 'two rows', { tokenize: { bigrams: false }, minDf: 1 });
    const x = featuresOf('小区门口垃圾很多', model.vocabulary, model.tokenize);
    expect(x).toEqual(vectorize(tokenize('小区门口垃圾很多', { bigrams: false }), model.vocabulary));
    expect(x.index.length).toBeGreaterThan(0);
  });
});
