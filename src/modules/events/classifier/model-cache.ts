import { suggestCategory, type ClassifierModel } from './model.ts';
import type { ClassifierStore } from './persist.ts';

/** How often the store is asked whether the model changed (a retrained model is picked up within this). */
export const MODEL_CACHE_MS = 5 * 60_000;
/** The CLI's default model (`shiyu classifier train`): DATA_DIR/classifier/category-model.json.gz. */
export const SHARED_KEY = 'category-model';

/** What a text scores: the most probable first-level category's name, its probability, and how many of its tokens the model knows. */
export interface Scored { label: string; confidence: number; knownTokens: number }

/** The stamps of the city's own model and of the shared one, as the store last gave them (null: no such model). */
interface Stamps { own: string | null; shared: string | null }
const sameStamps = (a: Stamps, b: Stamps) => a.own === b.own && a.shared === b.shared;

/**
 * The city's model (key = city code), else the deployment's shared one. Every MODEL_CACHE_MS the
 * store is asked for the two models' stamps, and a model is loaded again only when they changed:
 * loading one takes ~40 ms of the thread's time, which intake should not wait for without a reason.
 * Callers that ask meanwhile share the one question and the one load: under load, dozens of texts
 * arrive while a model loads, and each loading its own copy would stall the thread for seconds.
 */
export class ModelCache {
  private stamps = new Map<string, { at: number; stamps: Promise<Stamps> }>();
  private models = new Map<string, { stamps: Stamps; model: Promise<ClassifierModel | null> }>();

  constructor(private readonly store: ClassifierStore) {}

  private stampsOf(cityCode: string): Promise<Stamps> {
    const hit = this.stamps.get(cityCode);
    if (hit && Date.now() - hit.at < MODEL_CACHE_MS) return hit.stamps;
    const ask = (key: string) => this.store.stamp(key).catch(() => null);
    const stamps = Promise.all([ask(cityCode), ask(SHARED_KEY)]).then(([own, shared]) => ({ own, shared }));
    this.stamps.set(cityCode, { at: Date.now(), stamps });
    return stamps;
  }

  /** Whether the city has a model, or the shared one is there; from the same stamps, asked once per MODEL_CACHE_MS. */
  async has(cityCode: string): Promise<boolean> {
    const s = await this.stampsOf(cityCode);
    return s.own !== null || s.shared !== null;
  }

  async model(cityCode: string): Promise<ClassifierModel | null> {
    const stamps = await this.stampsOf(cityCode);
    const hit = this.models.get(cityCode);
    if (hit && sameStamps(hit.stamps, stamps)) return hit.model;
    const model = this.store.load(cityCode).then((m) => m ?? this.store.load(SHARED_KEY))
      .catch(() => null); // a damaged model file must not stop intake
    this.models.set(cityCode, { stamps, model });
    return model;
  }

  async score(cityCode: string, text: string): Promise<Scored | null> {
    const model = await this.model(cityCode);
    if (!model) return null;
    const s = suggestCategory(model, text, 1);
    return { label: s.label, confidence: s.confidence, knownTokens: s.knownTokens };
  }
}
