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
});
