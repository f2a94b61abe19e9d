import { describe, expect, it } from 'vitest';
import { normalizeText, tokenize, words } from './tokenize.ts';

describe('tokenize', () => {
  const segmented = '小区 门口 建 垃圾 中转站 业主 强烈 反对';
  const raw = '小区门口建垃圾中转站，业主强烈反对！';

  it('gives a segmented and a raw copy of one text mostly the same words', () => {
    const a = new Set(words(segmented)), b = new Set(words(raw));
    const shared = [...a].filter((w) => b.has(w));
    expect(shared.length / Math.max(a.size, b.size)).toBeGreaterThanOrEqual(0.6);
    expect(shared).toEqual(expect.arrayContaining(['小区', '门口', '垃圾', '业主']));
  });

  it('gives segmented and raw text the same character bigrams, except across punctuation', () => {
    const bigrams = (t: string) => tokenize(t, { bigrams: true }).filter((x) => x.startsWith('#'));
    const seg = bigrams(segmented), rawBigrams = bigrams(raw);
    expect(seg.filter((b) => !rawBigrams.includes(b))).toEqual(['#站业']); // 站，业 in the raw text
    expect(rawBigrams.every((b) => seg.includes(b))).toBe(true);
    expect(rawBigrams).toContain('#垃圾');
  });

  it('drops punctuation, folds full-width letters and case, keeps numbers', () => {
    const t = words('ＡＢＣ公司拖欠工资 3 个月！！');
    expect(t).toContain('abc');
    expect(t).toContain('3');
    expect(t.some((w) => /^[!！，。]+$/.test(w))).toBe(false);
  });

  it('removes only the spaces between Chinese characters', () => {
    expect(normalizeText('小区 门口  D8 县  road 5')).toBe('小区门口 d8 县 road 5');
  });

  it('leaves bigrams out when asked', () => {
    expect(tokenize(raw, { bigrams: false }).some((x) => x.startsWith('#'))).toBe(false);
  });
});
