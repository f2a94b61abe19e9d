import fs from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

/** One labelled ticket text: the first-level category (一级分类) and the words of the complaint. */
export interface LabelledText {
  label: string;
  text: string;
}

/** A problem in a labelled file, naming the file and the line. */
export class LabelledFileError extends Error {
  constructor(readonly source: string, readonly line: number, problem: string) {
    super(`${source}:${line}: ${problem}`);
    this.name = 'LabelledFileError';
  }
}

/**
 * Parse `label<TAB>text` lines. The first line may be the header `label<TAB>text`; blank lines are
 * skipped; a tab inside the text stays part of the text (only the first one separates).
 */
export function parseLabelledTsv(content: string, source = 'input'): LabelledText[] {
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  const rows: LabelledText[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return;
    if (i === 0 && /^label\ttext$/i.test(line.trim())) return;
    const tab = line.indexOf('\t');
    if (tab < 0) throw new LabelledFileError(source, i + 1, 'no tab between label and text (expected "label<TAB>text")');
    const label = line.slice(0, tab).trim();
    const text = line.slice(tab + 1).trim();
    if (!label) throw new LabelledFileError(source, i + 1, 'empty label');
    if (!text) throw new LabelledFileError(source, i + 1, 'empty text');
    rows.push({ label, text });
  });
  if (!rows.length) throw new LabelledFileError(source, 1, 'no labelled rows (empty file)');
  return rows;
}

/** Reads a labelled TSV file, plain or gzip'd (.gz). */
export async function readLabelledTsv(file: string): Promise<LabelledText[]> {
  let content: string;
  try {
    const data = await fs.readFile(file);
    content = (file.endsWith('.gz') ? gunzipSync(data) : data).toString('utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? (err as Error).message})`);
  }
  return parseLabelledTsv(content, file);
}

export function formatLabelledTsv(rows: LabelledText[]): string {
  return 'label\ttext\n' + rows.map((r) => `${r.label}\t${r.text.replace(/[\t\r\n]+/g, ' ')}\n`).join('');
}
