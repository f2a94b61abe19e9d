import fs from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ClassifierModel, TrainingInfo } from './model.ts';
import type { TokenizeOptions } from './tokenize.ts';

/**
 * A trained model as one versioned JSON document: what a file holds today and what the events
 * module will keep in a table (jsonb or gzip bytes) through `ClassifierStore`.
 */

export const MODEL_FORMAT = 'shiyu-category-classifier';
export const MODEL_VERSION = 1;

export interface ModelDocument {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  labels: string[];
  tokenize: TokenizeOptions;
  /** Column i of the weights is terms[i]. */
  terms: string[];
  idf: number[];
  /** One row of weights per label, in the order of `labels`. */
  weights: number[][];
  bias: number[];
  training: TrainingInfo;
}

/** Where trained models live, by key (e.g. a city code 150200); the file store below, a table later. */
export interface ClassifierStore {
  load(key: string): Promise<ClassifierModel | null>;
  /** What tells the stored model's versions apart (a file's time and size), null when there is none: a cache reloads only when it changed. */
  stamp(key: string): Promise<string | null>;
  save(key: string, model: ClassifierModel): Promise<void>;
}

export function toDocument(model: ClassifierModel): ModelDocument {
  const { features } = model.linear;
  const terms = new Array<string>(features);
  for (const [t, i] of model.vocabulary.terms) terms[i] = t;
  return {
    format: MODEL_FORMAT, version: MODEL_VERSION, labels: model.labels, tokenize: model.tokenize, terms,
    idf: Array.from(model.vocabulary.idf),
    weights: model.labels.map((_, c) => Array.from(model.linear.weights.subarray(c * features, (c + 1) * features))),
    bias: Array.from(model.linear.bias),
    training: model.training,
  };
}

export function fromDocument(doc: unknown, source = 'model'): ClassifierModel {
  const d = doc as Partial<ModelDocument> | null;
  if (!d || typeof d !== 'object' || d.format !== MODEL_FORMAT) throw new Error(`${source}: not a Shiyu category classifier model`);
  if (d.version !== MODEL_VERSION) throw new Error(`${source}: model version ${String(d.version)} is not supported (this build reads version ${MODEL_VERSION}); train it again`);
  const { labels, terms, idf, weights, bias, tokenize, training } = d as ModelDocument;
  const features = terms?.length ?? -1;
  const consistent = Array.isArray(labels) && labels.length >= 2 && Array.isArray(idf) && idf.length === features
    && Array.isArray(weights) && weights.length === labels.length && weights.every((w) => Array.isArray(w) && w.length === features)
    && Array.isArray(bias) && bias.length === labels.length && !!tokenize && !!training;
  if (!consistent) throw new Error(`${source}: the model is damaged (labels, terms, idf and weights do not fit together)`);
  const flat = new Float64Array(labels.length * features);
  weights.forEach((w, c) => flat.set(w, c * features));
  return {
    labels, tokenize, training,
    vocabulary: { terms: new Map(terms.map((t, i) => [t, i])), idf: Float64Array.from(idf) },
    linear: { classes: labels.length, features, weights: flat, bias: Float64Array.from(bias) },
  };
}

/** JSON, gzip-compressed when the file name ends in .gz. */
export async function saveModelFile(file: string, model: ClassifierModel): Promise<number> {
  const json = Buffer.from(JSON.stringify(toDocument(model)));
  const bytes = file.endsWith('.gz') ? gzipSync(json, { level: 9 }) : json;
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Written aside and renamed, so a crash never leaves half a model where the intake reads it.
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, file);
  return bytes.length;
}

export async function loadModelFile(file: string): Promise<ClassifierModel> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${file}: no model file (train one with \`shiyu classifier train FILE --model ${file}\`)`);
    throw err;
  }
  const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
  let doc: unknown;
  try {
    doc = JSON.parse((gz ? gunzipSync(bytes) : bytes).toString('utf8'));
  } catch {
    throw new Error(`${file}: not a readable model file (damaged JSON or gzip)`);
  }
  return fromDocument(doc, file);
}

/** One gzip file per key in a directory; keys are restricted so they cannot leave it. */
export class FileClassifierStore implements ClassifierStore {
  constructor(readonly dir: string) {}

  pathOf(key: string): string {
    if (!/^[A-Za-z0-9_.-]+$/.test(key) || key.startsWith('.')) throw new Error(`classifier store: invalid key "${key}"`);
    return path.join(this.dir, `${key}.json.gz`);
  }

  async has(key: string): Promise<boolean> {
    return fs.access(this.pathOf(key)).then(() => true, () => false);
  }

  async load(key: string): Promise<ClassifierModel | null> {
    return (await this.has(key)) ? loadModelFile(this.pathOf(key)) : null;
  }

  async stamp(key: string): Promise<string | null> {
    // A model is written aside and renamed into place, so a new one is a new file: its time and size change together.
    return fs.stat(this.pathOf(key)).then((s) => `${s.mtimeMs}:${s.size}:${s.ino}`, () => null);
  }

  async save(key: string, model: ClassifierModel): Promise<void> {
    await saveModelFile(this.pathOf(key), model);
  }
}
