import { suggestCategory, type ClassifierModel } from './model.ts';
import type { ClassifierStore } from './persist.ts';

/** How often the store is asked whether the model changed (a retrained model is picked up within this). */
export const MODEL_CACHE_MS = 5 * 60_000;
/** The CLI's default model (`shiyu classifier train`): DATA_DIR/classifier/category-model.json.gz. */
export const SHARED_KEY = 'category-model';

/** What a text scores: the most probable first-level category's name, its probability, and how many of its tokens the model knows. */
export interface Scored { label: string; confidence: number; knownTokens: number }

/**
 * The city's model (key = city code), else the deployment's shared one. Every MODEL_CACHE_MS the
 * store is asked for the two models' stamps, and a model is loaded again only when they changed:
 * loading one takes ~40 ms of the thread's time, which intake should not wait for without a reason.
 */
export class ModelCache {
  private cache = new Map<string, { model: ClassifierModel | null; stamp: string; at: number }>();

  constructor(private readonly store: ClassifierStore) {}

  async model(cityCode: string): Promise<ClassifierModel | null> {
    const hit = this.cache.get(cityCode);
    if (hit && Date.now() - hit.at < MODEL_CACHE_MS) return hit.model;
    const stamp = `${await this.store.stamp(cityCode).catch(() => null)} ${await this.store.stamp(SHARED_KEY).catch(() => null)}`;
    if (hit?.stamp === stamp) {
      hit.at = Date.now();
      return hit.model;
    }
    let model: ClassifierModel | null = null;
    try {
      model = (await this.store.load(cityCode)) ?? (await this.store.load(SHARED_KEY));
    } catch {
      model = null; // a damaged model file must not stop intake
    }
    this.cache.set(cityCode, { model, stamp, at: Date.now() });
    return model;
  }

  async score(cityCode: string, text: string): Promise<Scored | null> {
    const model = await this.model(cityCode);
    if (!model) return null;
    const s = suggestCategory(model, text, 1);
    return { label: s.label, confidence: s.confidence, knownTokens: s.knownTokens };
  }
}
