/**
 * TF-IDF features: a vocabulary pruned by document frequency, smoothed idf, sublinear tf
 * (1 + ln tf) and l2-normalised sparse vectors.
 */

export interface SparseVector {
  index: Int32Array;
  value: Float64Array;
}

export interface Vocabulary {
  /** token → column */
  terms: Map<string, number>;
  idf: Float64Array;
}

export interface VocabularyOptions {
  /** A token must occur in at least this many training texts (drops typos and names that never recur). */
  minDf: number;
  /** Tokens in more than this share of texts carry no signal (stop words). */
  maxDfRatio: number;
}

export function buildVocabulary(docs: string[][], options: VocabularyOptions): Vocabulary {
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const maxDf = options.maxDfRatio * docs.length;
  // Sorted so the same training data gives the same columns regardless of Map insertion order.
  const kept = [...df].filter(([, n]) => n >= options.minDf && n <= maxDf).map(([t]) => t).sort();
  const terms = new Map(kept.map((t, i) => [t, i]));
  const idf = new Float64Array(kept.length);
  kept.forEach((t, i) => { idf[i] = Math.log((1 + docs.length) / (1 + df.get(t)!)) + 1; });
  return { terms, idf };
}

export function vectorize(tokens: string[], vocabulary: Vocabulary): SparseVector {
  const tf = new Map<number, number>();
  for (const t of tokens) {
    const col = vocabulary.terms.get(t);
    if (col !== undefined) tf.set(col, (tf.get(col) ?? 0) + 1);
  }
  const index = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
  const value = new Float64Array(index.length);
  let norm = 0;
  for (let i = 0; i < index.length; i++) {
    const v = (1 + Math.log(tf.get(index[i])!)) * vocabulary.idf[index[i]];
    value[i] = v;
    norm += v * v;
  }
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < value.length; i++) value[i] *= inv;
  }
  return { index, value };
}
