import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateModel } from './evaluate-model.ts';
import { suggestCategory, trainClassifier, type ClassifierModel } from './model.ts';
import { FileClassifierStore, fromDocument, loadModelFile, saveModelFile, toDocument } from './persist.ts';
import { syntheticRows } from './synthetic-rows.ts';

const PROBES = ['小区物业不管垃圾', '学校乱收学费', '公司拖欠工资三个月', '请问 领导', '完全无关的句子 xyz'];

describe('category classifier', () => {
  let dir: string;
  let model: ClassifierModel;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shiyu-classifier-'));
    model = trainClassifier(syntheticRows(40, 7), 'synthetic');
  });
  afterAll(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  it('learns the synthetic categories and ranks them with probabilities', () => {
    expect(evaluateModel(model, syntheticRows(20, 99)).macroF1).toBeGreaterThanOrEqual(0.95);
    const s = suggestCategory(model, '我们小区物业乱收费，垃圾没人清理', 3);
    expect(s.label).toBe('城乡建设');
    expect(s.top.map((t) => t.label)).toHaveLength(3);
    expect(s.top[0].probability).toBeGreaterThan(s.top[1].probability);
    expect(s.top.reduce((sum, t) => sum + t.probability, 0)).toBeCloseTo(1, 6);
    expect(s.confidence).toBe(s.top[0].probability);
    expect(suggestCategory(model, '学校 老师 学生', 1).label).toBe('教育文体');
    expect(suggestCategory(model, '拖欠 工资 工伤', 1).label).toBe('劳动和社会保障');
  });

  it('is unsure about text without known words and says so', () => {
    const s = suggestCategory(model, 'xyz 完全 不相干', 3);
    expect(s.knownTokens).toBe(0);
    expect(s.confidence).toBeLessThan(0.6);
  });

  it('records what it was trained on', () => {
    expect(model.training).toMatchObject({ rows: 120, source: 'synthetic', labelCounts: { 城乡建设: 40, 教育文体: 40, 劳动和社会保障: 40 } });
    expect(model.training.options.minDf).toBe(1);
    expect(Date.parse(model.training.trainedAt)).not.toBeNaN();
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const again = trainClassifier(syntheticRows(40, 7), 'synthetic');
    expect(again.linear.weights).toEqual(model.linear.weights);
    expect(again.linear.bias).toEqual(model.linear.bias);
    const other = trainClassifier(syntheticRows(40, 7), 'synthetic', { seed: 2 });
    expect(other.linear.weights).not.toEqual(model.linear.weights);
  });

  it.each(['m.json', 'm.json.gz'])('predicts exactly the same after a save/load round trip (%s)', async (name) => {
    const file = path.join(dir, name);
    await saveModelFile(file, model);
    const loaded = await loadModelFile(file);
    for (const p of PROBES) expect(suggestCategory(loaded, p, 3)).toEqual(suggestCategory(model, p, 3));
    expect(loaded.training).toEqual(model.training);
    const head = (await fs.readFile(file)).subarray(0, 2);
    expect(head[0] === 0x1f && head[1] === 0x8b).toBe(name.endsWith('.gz'));
  });

  it('keeps models by key in a file store', async () => {
    const store = new FileClassifierStore(path.join(dir, 'store'));
    expect(await store.load('150200')).toBeNull();
    await store.save('150200', model);
    const loaded = await store.load('150200');
    expect(suggestCategory(loaded!, PROBES[0])).toEqual(suggestCategory(model, PROBES[0]));
    expect(() => store.pathOf('../etc')).toThrow(/invalid key/);
  });

  it('refuses a missing, damaged or foreign model file with a clear message', async () => {
    await expect(loadModelFile(path.join(dir, 'none.json'))).rejects.toThrow(/no model file/);
    await fs.writeFile(path.join(dir, 'broken.json'), '{"format":');
    await expect(loadModelFile(path.join(dir, 'broken.json'))).rejects.toThrow(/not a readable model file/);
    const doc = toDocument(model);
    expect(() => fromDocument({ ...doc, version: 99 })).toThrow(/version 99 is not supported/);
    expect(() => fromDocument({ ...doc, idf: doc.idf.slice(1) })).toThrow(/damaged/);
    expect(() => fromDocument({ hello: 1 })).toThrow(/not a Shiyu category classifier/);
  });

  it('needs at least two labels', () => {
    expect(() => trainClassifier([{ label: 'a', text: '垃圾' }, { label: 'a', text: '学校' }], 'x')).toThrow(/at least 2 different labels/);
  });
});
