import { invalidField } from '../../../kernel/errors.ts';

// Tags like <script>, </b>, <img …>, <!-- … -->; a lone "<" as in 温度<0度 is ordinary text.
const HTML_TAG = /<\s*\/?\s*[a-zA-Z!][^>]*>/;

/**
 * Ticket text is stored as plain text. HTML is refused rather than stripped: a stripped text is no
 * longer what the caller said, and a client that sends markup should learn so.
 */
export function plainText(value: string, field: string): string {
  if (HTML_TAG.test(value)) throw invalidField(field, '请填写纯文本，不能包含 HTML 标签 / plain text only; HTML tags are not accepted');
  const text = value.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '').trim();
  if (!text) throw invalidField(field, '不能为空 / must not be empty');
  return text;
}

/** A title from the description: its first 30 characters on one line. */
export function titleFrom(description: string): string {
  const line = description.replace(/\s+/g, ' ').trim();
  return [...line].length > 30 ? `${[...line].slice(0, 30).join('')}…` : line;
}
