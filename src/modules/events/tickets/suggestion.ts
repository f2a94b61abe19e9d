import path from 'node:path';
import type { Config } from '../../../config.ts';
import { ModelCache, type Scored } from '../classifier/model-cache.ts';
import { FileClassifierStore } from '../classifier/persist.ts';
import { ScoringThread } from '../classifier/scoring-thread.ts';
import { topCategoryByName, type Executor } from './store.ts';

/** Below this the dispatcher (派遣员) chooses: a suggestion is stored but not applied. */
export const APPLY_CONFIDENCE = 0.6;
/** How long a label's category (or its absence) is kept: a category switched off stops being suggested within this. */
const LABEL_CACHE_MS = 10_000;

export interface CategorySuggestion { code: string; label: string; confidence: number }

/**
 * 分类建议 at intake: the city's model (key = city code), else the deployment's shared one, scored on
 * the classifier's own thread when several texts come at once, here when one comes alone (see
 * ScoringThread). Without a model, or when the model fails to load, intake goes on without a
 * suggestion; if the thread fails, the text is scored here.
 */
export class CategorySuggester {
  private labels = new Map<string, { category: { code: string; name: string } | undefined; at: number }>();
  private readonly inline: ModelCache;
  private readonly thread: ScoringThread;

  constructor(private readonly store: FileClassifierStore) {
    this.inline = new ModelCache(store);
    this.thread = new ScoringThread(store.dir, (cityCode, text) => this.inline.score(cityCode, text));
  }

  static fromConfig(config: Config): CategorySuggester {
    return new CategorySuggester(new FileClassifierStore(path.join(config.dataDir, 'classifier')));
  }

  close(): Promise<void> {
    return this.thread.close();
  }

  private async score(cityCode: string, text: string): Promise<Scored | null> {
    // No thread is started without a model (the stamps the cache asks the store for once per MODEL_CACHE_MS).
    if (!(await this.inline.has(cityCode))) return null;
    return this.thread.score(cityCode, text).catch(() => this.inline.score(cityCode, text));
  }

  /** The suggested first-level category by code, when the model has one and the city has that name. */
  async suggest(db: Executor, cityCode: string, text: string): Promise<CategorySuggestion | null> {
    const s = await this.score(cityCode, text);
    if (!s || s.knownTokens === 0) return null;
    const cat = await this.categoryOf(db, cityCode, s.label);
    // Four decimals: the column is a real, and the intake's answer is built before the write — it must read back the same.
    return cat ? { code: cat.code, label: s.label, confidence: Math.round(s.confidence * 1e4) / 1e4 } : null;
  }

  /** The city's active first-level category with the model's label as its name; kept briefly, as every intake asks. */
  private async categoryOf(db: Executor, cityCode: string, label: string) {
    const k = `${cityCode} ${label}`;
    const hit = this.labels.get(k);
    if (hit && Date.now() - hit.at < LABEL_CACHE_MS) return hit.category;
    const category = await topCategoryByName(db, cityCode, label);
    this.labels.set(k, { category, at: Date.now() });
    return category;
  }
}
