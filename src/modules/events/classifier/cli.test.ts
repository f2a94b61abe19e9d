import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../version.ts';
import { syntheticRows } from './synthetic-rows.ts';
import { formatLabelledTsv } from './tsv.ts';

const run = promisify(execFile);

describe('shiyu classifier train --holdout', () => {
  it('writes the model and its held-out rows into a folder that did not exist yet (a fresh DATA_DIR)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiyu-cls-'));
    try {
      const tsv = path.join(dir, 'train.tsv');
      fs.writeFileSync(tsv, formatLabelledTsv(syntheticRows(40, 7)));
      const model = path.join(dir, 'not', 'yet', 'model.json.gz');
      const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/shiyu.js'), 'classifier', 'train', tsv, '--holdout', '0.2', '--model', model], { cwd: ROOT });
      expect(fs.existsSync(model)).toBe(true);
      // A fifth of 40 per label, 3 labels.
      const held = fs.readFileSync(`${model}.holdout.tsv`, 'utf8').split('\n').filter((l) => /^(城乡建设|教育文体|劳动和社会保障)\t/.test(l));
      expect(held).toHaveLength(24);
      expect(stdout.trim().split('\n').at(-1)).toMatch(/^macro-F1: (0|1)\.\d{4}$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
