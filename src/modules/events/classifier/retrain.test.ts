import { describe, expect, it } from 'vitest';
import { suggestCategory } from './model.ts';
import { retrainFromTickets } from './retrain.ts';
import { holdoutSplit } from './split.ts';
import { syntheticRows } from './synthetic-rows.ts';
import type { LabelledText } from './tsv.ts';

async function* stream(rows: LabelledText[]): AsyncIterable<LabelledText> {
  for (const r of rows) yield r;
}

describe('retrainFromTickets', () => {
  it('trains on closed tickets streamed in, skipping those without category or text, and measures a held-out share', async () => {
    const rows = [...syntheticRows(30, 3), { label: '', text: '没有分类' }, { label: '城乡建设', text: '  ' }];
    const { model, skipped } = await retrainFromTickets(stream(rows), { source: 'closed tickets of 150200' });
    expect(skipped).toBe(2);
    expect(model.training.rows).toBe(90); // the final model learns from every usable row
    expect(model.training.source).toBe('closed tickets of 150200');
    expect(model.training.holdout).toMatchObject({ rows: 18 });
    expect(model.training.holdout!.macroF1).toBeGreaterThanOrEqual(0.9);
    expect(suggestCategory(model, '学校 招生 考试').label).toBe('教育文体');
  });

  it('refuses too few tickets', async () => {
    await expect(retrainFromTickets(stream(syntheticRows(5, 3)), { source: 'x' })).rejects.toThrow(/at least 50 labelled tickets, got 15/);
  });
});

describe('holdoutSplit', () => {
  it('takes the same share of every label, repeatably, keeping a single-row label in training', () => {
    const rows = [...syntheticRows(10, 1), { label: '孤例', text: '一行' }];
    const a = holdoutSplit(rows, 0.2, 5), b = holdoutSplit(rows, 0.2, 5);
    expect(a).toEqual(b);
    expect(a.holdout).toHaveLength(6);
    expect(new Set(a.holdout.map((r) => r.label)).size).toBe(3);
    expect(a.train.some((r) => r.label === '孤例')).toBe(true);
    expect(a.train.length + a.holdout.length).toBe(rows.length);
    expect(holdoutSplit(rows, 0.2, 6)).not.toEqual(a);
  });
});
