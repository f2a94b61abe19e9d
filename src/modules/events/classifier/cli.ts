import fs from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../../config.ts';
import { evaluateModel, formatEvaluation } from './evaluate-model.ts';
import { suggestCategory, trainClassifier } from './model.ts';
import { loadModelFile, saveModelFile } from './persist.ts';
import { holdoutSplit } from './split.ts';
import { formatLabelledTsv, readLabelledTsv } from './tsv.ts';

/** `shiyu classifier train|eval|suggest`: the category classifier (事件分类) from a terminal. */

export function defaultModelPath(dataDir = loadConfig().dataDir): string {
  return path.join(dataDir, 'classifier', 'category-model.json.gz');
}

function share(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('must be a number between 0 and 1, e.g. 0.2');
  return n;
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

export function classifierCommand(): Command {
  const cmd = new Command('classifier').description('the event category classifier: train it on labelled texts (label<TAB>text) and measure it');

  cmd.command('train <file>').description('train on a TSV of label<TAB>text (raw or word-segmented text) and save the model')
    .option('--model <path>', 'where to write the model (.json or .json.gz)')
    .option('--holdout <share>', 'keep this share of every label out of training, write it to <model>.holdout.tsv and print its metrics', share)
    .option('--seed <n>', 'seed of the split and of the training order', integer, 1)
    .action(async (file: string, opts: { model?: string; holdout?: number; seed: number }) => {
      const modelPath = path.resolve(opts.model ?? defaultModelPath());
      const rows = await readLabelledTsv(file);
      const split = opts.holdout ? holdoutSplit(rows, opts.holdout, opts.seed) : { train: rows, holdout: [] };
      const model = trainClassifier(split.train, path.basename(file), { seed: opts.seed });
      let evaluation;
      if (split.holdout.length) {
        evaluation = evaluateModel(model, split.holdout);
        model.training.holdout = { rows: evaluation.rows, accuracy: evaluation.accuracy, macroF1: evaluation.macroF1 };
        await fs.mkdir(path.dirname(modelPath), { recursive: true }); // a fresh DATA_DIR has no classifier folder yet
        await fs.writeFile(`${modelPath}.holdout.tsv`, formatLabelledTsv(split.holdout));
      }
      const bytes = await saveModelFile(modelPath, model);
      const t = model.training;
      console.log(`trained on ${t.rows} rows (${model.labels.length} labels, ${model.vocabulary.terms.size} features, min df ${t.options.minDf}) in ${t.seconds} s`);
      console.log(`model: ${modelPath} (${kb(bytes)})`);
      if (evaluation) {
        console.log(`held out ${evaluation.rows} rows: ${modelPath}.holdout.tsv`);
        console.log(formatEvaluation(evaluation));
      }
    });

  cmd.command('eval <file>').description('measure the model on a TSV of label<TAB>text; prints per-label metrics, accuracy and, last, macro-F1')
    .option('--model <path>', 'the model to measure')
    .action(async (file: string, opts: { model?: string }) => {
      const model = await loadModelFile(path.resolve(opts.model ?? defaultModelPath()));
      const rows = await readLabelledTsv(file);
      console.log(formatEvaluation(evaluateModel(model, rows)));
    });

  cmd.command('suggest <text>').description('suggest categories for one text, with probabilities')
    .option('--model <path>', 'the model to use')
    .option('--top <k>', 'how many categories', integer, 3)
    .action(async (text: string, opts: { model?: string; top: number }) => {
      const model = await loadModelFile(path.resolve(opts.model ?? defaultModelPath()));
      const s = suggestCategory(model, text, opts.top);
      for (const p of s.top) console.log(`${p.label}\t${p.probability.toFixed(3)}`);
      if (!s.knownTokens) console.log('(no word of this text is known to the model: the ranking is only the label prior)');
    });

  return cmd;
}
