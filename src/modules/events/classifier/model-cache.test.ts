import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MODEL_CACHE_MS, ModelCache } from './model-cache.ts';
import { trainClassifier } from './model.ts';
import { FileClassifierStore } from './persist.ts';
import { syntheticRows } from './synthetic-rows.ts';

afterEach(() => { vi.useRealTimers(); });

describe('ModelCache', () => {
  it('loads a model again only when the stored one changed, asking the store every MODEL_CACHE_MS', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiyu-model-cache-'));
    try {
      const store = new FileClassifierStore(dir);
      const loads = vi.spyOn(store, 'load');
      await store.save('150200', trainClassifier(syntheticRows(60, 3), 'first'));
      vi.useFakeTimers({ toFake: ['Date'] });
      const cache = new ModelCache(store);
      const first = await cache.model('150200');
      expect(first?.training.source).toBe('first');
      expect(loads).toHaveBeenCalledTimes(1);

      vi.setSystemTime(Date.now() + MODEL_CACHE_MS + 1); // time to ask; the file is the same
      expect(await cache.model('150200')).toBe(first);
      expect(loads).toHaveBeenCalledTimes(1);

      await store.save('150200', trainClassifier(syntheticRows(60, 4), 'retrained'));
      expect(await cache.model('150200')).toBe(first); // not asked again yet
      vi.setSystemTime(Date.now() + MODEL_CACHE_MS + 1);
      expect((await cache.model('150200'))?.training.source).toBe('retrained');
      expect(loads).toHaveBeenCalledTimes(2);

      // A city without a model of its own falls back to the shared one once it appears.
      expect(await cache.model('150700')).toBeNull();
      await store.save('category-model', trainClassifier(syntheticRows(60, 3), 'shared'));
      vi.setSystemTime(Date.now() + MODEL_CACHE_MS + 1);
      expect((await cache.model('150700'))?.training.source).toBe('shared');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shares one question to the store and one load among the texts that ask at once, cold and after a retrain', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiyu-model-cache-'));
    try {
      const store = new FileClassifierStore(dir);
      await store.save('150200', trainClassifier(syntheticRows(60, 3), 'first'));
      const loads = vi.spyOn(store, 'load');
      const stamps = vi.spyOn(store, 'stamp');
      vi.useFakeTimers({ toFake: ['Date'] });
      const cache = new ModelCache(store);
      const many = () => Promise.all(Array.from({ length: 20 }, () => cache.model('150200')));

      const cold = await many();
      expect(new Set(cold).size).toBe(1);
      expect(cold[0]?.training.source).toBe('first');
      expect(loads).toHaveBeenCalledTimes(1);
      expect(stamps).toHaveBeenCalledTimes(2); // the city's model and the shared one

      await store.save('150200', trainClassifier(syntheticRows(60, 4), 'retrained'));
      vi.setSystemTime(Date.now() + MODEL_CACHE_MS + 1);
      const [retrained, ...rest] = await many();
      expect(retrained?.training.source).toBe('retrained');
      expect(rest.every((m) => m === retrained)).toBe(true);
      expect(loads).toHaveBeenCalledTimes(2);
      expect(stamps).toHaveBeenCalledTimes(4);

      // has() answers from the same stamps: no further question within MODEL_CACHE_MS.
      expect(await cache.has('150200')).toBe(true);
      expect(stamps).toHaveBeenCalledTimes(4);
      expect(await cache.has('150700')).toBe(false); // no model of its own, none shared
      expect(await cache.model('150700')).toBeNull();
      expect(stamps).toHaveBeenCalledTimes(6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
