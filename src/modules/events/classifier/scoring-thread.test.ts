import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelCache } from './model-cache.ts';
import { trainClassifier } from './model.ts';
import { FileClassifierStore } from './persist.ts';
import { ScoringThread } from './scoring-thread.ts';
import { syntheticRows } from './synthetic-rows.ts';

let dir: string;
let thread: ScoringThread;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiyu-scoring-'));
  await new FileClassifierStore(dir).save('150200', trainClassifier(syntheticRows(60, 3), 'synthetic'));
  thread = new ScoringThread(dir);
});
afterAll(async () => { await thread.close(); fs.rmSync(dir, { recursive: true, force: true }); });

describe('ScoringThread: the classifier on a thread of its own', () => {
  it('scores exactly as on the request thread, many texts at once', async () => {
    const inline = new ModelCache(new FileClassifierStore(dir));
    const texts = ['小区 物业 垃圾 路灯 下水道', '学校 教师 招生', '没有 认识 的 词 ζ', '医院 看病 医保 报销'];
    const [threaded, here] = await Promise.all([Promise.all(texts.map((t) => thread.score('150200', t))), Promise.all(texts.map((t) => inline.score('150200', t)))]);
    expect(threaded).toEqual(here);
    expect(threaded[0]?.knownTokens).toBeGreaterThan(0);
  });

  it('scores a text that comes alone in its turn with `alone`, and texts that come together on the thread', async () => {
    const inline = new ModelCache(new FileClassifierStore(dir));
    const alone: string[] = [];
    const t = new ScoringThread(dir, (city, text) => { alone.push(text); return inline.score(city, text); });
    try {
      const one = await t.score('150200', '小区 物业 垃圾');
      expect(alone).toEqual(['小区 物业 垃圾']);
      const together = ['学校 教师 招生', '医院 看病 医保 报销', '小区 物业 垃圾'];
      const scored = await Promise.all(together.map((text) => t.score('150200', text)));
      expect(alone).toHaveLength(1); // the three went to the thread
      expect(scored).toEqual(await Promise.all(together.map((text) => inline.score('150200', text))));
      expect(scored[2]).toEqual(one);
    } finally {
      await t.close();
    }
  });

  it('answers null for a city without a model, and starts again after being stopped', async () => {
    expect(await thread.score('150700', '小区 物业')).toBeNull();
    await thread.close();
    expect((await thread.score('150200', '小区 物业 垃圾'))?.label).toBeTruthy();
  });
});
