import path from 'node:path';
import type { Config } from '../../../config.ts';
import { suggestCategory } from '../classifier/model.ts';
import { FileClassifierStore, type ClassifierStore } from '../classifier/persist.ts';
import type { ClassifierModel } from '../classifier/model.ts';
import { topCategoryByName, type Executor } from './store.ts';

/** Below this the dispatcher (派遣员) chooses: a suggestion is stored but not applied. */
export const APPLY_CONFIDENCE = 0.6;
/** How long a loaded (or missing) model is kept before the store is asked again. */
const CACHE_MS = 5 * 60_000;
/** The CLI's default model (`shiyu classifier train`): DATA_DIR/classifier/category-model.json.gz. */
const SHARED_KEY = 'category-model';
/** How long a label's category (or its absence) is kept: a category switched off stops being suggested within this. */
const LABEL_CACHE_MS = 10_000;

export interface CategorySuggestion { code: string; label: string; confidence: number }

/**
 * 分类建议 at intake: the city's model (key = city code), else the deployment's shared one. Without a
 * model, or when the model fails to load, intake goes on without a suggestion.
 */
export class CategorySuggester {
  private cache = new Map<string, { model: ClassifierModel | null; at: number }>();
  private labels = new Map<string, { category: { code: string; name: string } | undefined; at: number }>();

  constructor(private readonly store: ClassifierStore) {}

  static fromConfig(config: Config): CategorySuggester {
    return new CategorySuggester(new FileClassifierStore(path.join(config.dataDir, 'classifier')));
  }

  private async model(cityCode: string): Promise<ClassifierModel | null> {
    const hit = this.cache.get(cityCode);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.model;
    let model: ClassifierModel | null = null;
    try {
      model = (await this.store.load(cityCode)) ?? (await this.store.load(SHARED_KEY));
    } catch {
      model = null; // a damaged model file must not stop intake
    }
    this.cache.set(cityCode, { model, at: Date.now() });
    return model;
  }

  /** The suggested first-level category by code, when the model has one and the city has that name. */
  async suggest(db: Executor, cityCode: string, text: string): Promise<CategorySuggestion | null> {
    const model = await this.model(cityCode);
    if (!model) return null;
    const s = suggestCategory(model, text, 1);
    if (s.knownTokens === 0) return null;
    const cat = await this.categoryOf(db, cityCode, s.label);
    return cat ? { code: cat.code, label: s.label, confidence: s.confidence } : null;
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
