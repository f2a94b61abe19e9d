import { suggestCategory, type ClassifierModel } from './model.ts';
import type { ClassifierStore } from './persist.ts';

/** How long a loaded (or missing) model is kept before the store is asked again (a retrained model is picked up within this). */
export const MODEL_CACHE_MS = 5 * 60_000;
/** The CLI's default model (`shiyu classifier train`): DATA_DIR/classifier/category-model.json.gz. */
export const SHARED_KEY = 'category-model';

/** What a text scores: the most probable first-level category's name, its probability, and how many of its tokens the model knows. */
export interface Scored { label: string; confidence: number; knownTokens: number }

/** The city's model (key = city code), else the deployment's shared one, loaded once per MODEL_CACHE_MS. */
export class ModelCache {
  private cache = new Map<string, { model: ClassifierModel | null; at: number }>();

  constructor(private readonly store: ClassifierStore) {}

  async model(cityCode: string): Promise<ClassifierModel | null> {
    const hit = this.cache.get(cityCode);
    if (hit && Date.now() - hit.at < MODEL_CACHE_MS) return hit.model;
    let model: ClassifierModel | null = null;
    try {
      model = (await this.store.load(cityCode)) ?? (await this.store.load(SHARED_KEY));
    } catch {
      model = null; // a damaged model file must not stop intake
    }
    this.cache.set(cityCode, { model, at: Date.now() });
    return model;
  }

  async score(cityCode: string, text: string): Promise<Scored | null> {
    const model = await this.model(cityCode);
    if (!model) return null;
    const s = suggestCategory(model, text, 1);
    return { label: s.label, confidence: s.confidence, knownTokens: s.knownTokens };
  }
}
