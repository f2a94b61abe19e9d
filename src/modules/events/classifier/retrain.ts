import { evaluateModel } from './evaluate-model.ts';
import { trainClassifier, type ClassifierModel, type TrainOptions } from './model.ts';
import { holdoutSplit } from './split.ts';
import type { LabelledText } from './tsv.ts';

export interface RetrainOptions {
  /** Written into the model's training info, e.g. "closed tickets of 150200". */
  source: string;
  /** Share kept out to measure the new model before it is trained on everything (0 = no measurement). */
  holdout?: number;
  seed?: number;
  /** Below this many usable rows no model is trained (too few to trust). */
  minRows?: number;
  train?: Partial<TrainOptions>;
}

export interface RetrainResult {
  model: ClassifierModel;
  /** Rows without a category or without text: closed tickets can have either missing. */
  skipped: number;
}

/**
 * Retrain from the city's own closed tickets (已办结事件), fed as an async stream by the events
 * module. The new model is first measured on a held-out share, then trained on all rows; the
 * measurement is kept in `model.training.holdout` so the caller can decide whether to use it.
 */
export async function retrainFromTickets(rows: AsyncIterable<LabelledText>, options: RetrainOptions): Promise<RetrainResult> {
  const usable: LabelledText[] = [];
  let skipped = 0;
  for await (const r of rows) {
    const label = r.label?.trim(), text = r.text?.trim();
    if (label && text) usable.push({ label, text }); else skipped++;
  }
  const minRows = options.minRows ?? 50;
  if (usable.length < minRows) throw new Error(`retraining needs at least ${minRows} labelled tickets, got ${usable.length} (${skipped} skipped without category or text)`);
  const seed = options.seed ?? 1;
  const train = { seed, ...options.train };
  const share = options.holdout ?? 0.2;
  let holdout: ClassifierModel['training']['holdout'];
  if (share > 0) {
    const split = holdoutSplit(usable, share, seed);
    if (split.holdout.length) {
      const e = evaluateModel(trainClassifier(split.train, options.source, train), split.holdout);
      holdout = { rows: e.rows, accuracy: e.accuracy, macroF1: e.macroF1 };
    }
  }
  const model = trainClassifier(usable, options.source, train);
  if (holdout) model.training.holdout = holdout;
  return { model, skipped };
}
