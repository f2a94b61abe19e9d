import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js'; // .js: the package has no exports map, and NodeNext needs the file

/**
 * Text → feature tokens for the category classifier (分类器).
 * Tickets arrive raw (a resident's words) or already word-segmented (分词, words separated by
 * spaces, like the labelled training file). Both end up as the same kind of tokens: the spaces
 * are removed and the text is cut again by jieba, so a raw and a segmented copy of one text share
 * most tokens (measured: re-segmenting scores as well as trusting the given segmentation).
 */

let jieba: Jieba | null = null;
/** Loading the dictionary takes ~0.3 s, so only when the first text is cut. */
function cutter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** A Chinese character (CJK unified ideographs and extension A, compatibility ideographs), by its UTF-16 code: all in the Basic Multilingual Plane. */
export const isCjk = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
/** A word worth keeping: it has a letter, a digit or a Chinese character (not punctuation alone). */
const WORDISH = /[\p{L}\p{N}]/u;
/** Spaces between two Chinese characters are segmentation marks, not part of the text. */
const SPACE_BETWEEN_CJK = /([\u3400-\u9fff\uf900-\ufaff])\s+(?=[\u3400-\u9fff\uf900-\ufaff])/g;

export interface TokenizeOptions {
  /** Add character bigrams (字二元组) of the Chinese runs; they catch words jieba cuts differently. */
  bigrams: boolean;
}

export const DEFAULT_TOKENIZE: TokenizeOptions = { bigrams: true };

/** Lower-cased, full-width ASCII folded, segmentation spaces between Chinese characters removed. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SPACE_BETWEEN_CJK, '$1').replace(/\s+/g, ' ').trim();
}

/** The jieba words of a text (punctuation dropped), whether it came segmented or raw. */
export function words(text: string): string[] {
  return wordsOfNormalized(normalizeText(text));
}

/** The jieba words of an already normalized text. */
export function wordsOfNormalized(norm: string): string[] {
  const out: string[] = [];
  for (const w of cutter().cut(norm, true)) {
    const t = w.trim();
    if (t && WORDISH.test(t)) out.push(t);
  }
  return out;
}

/** Words plus (optionally) character bigrams, bigrams marked with a leading '#' so they never collide with a word. */
export function tokenize(text: string, options: TokenizeOptions = DEFAULT_TOKENIZE): string[] {
  const norm = normalizeText(text);
  const out = wordsOfNormalized(norm);
  if (!options.bigrams) return out;
  let prev = '';
  for (const ch of norm) {
    // A character outside the Basic Multilingual Plane starts with a surrogate half, never Chinese here: it ends the run.
    if (isCjk(ch.charCodeAt(0))) {
      if (prev) out.push(`#${prev}${ch}`);
      prev = ch;
    } else prev = '';
  }
  return out;
}
