import { describe, expect, it } from 'vitest';
import { formatLabelledTsv, LabelledFileError, parseLabelledTsv } from './tsv.ts';

describe('parseLabelledTsv', () => {
  it('reads rows, skipping the header, blank lines, a BOM and CR', () => {
    const rows = parseLabelledTsv('\uFEFFlabel\ttext\r\n城乡建设\t垃圾 清理\r\n\n教育文体\t学校\t收费\n', 'a.tsv');
    expect(rows).toEqual([{ label: '城乡建设', text: '垃圾 清理' }, { label: '教育文体', text: '学校\t收费' }]);
  });

  it.each([
    ['城乡建设\t垃圾\n没有制表符\n', 2, 'no tab'],
    ['城乡建设\t垃圾\n\t只有文本\n', 2, 'empty label'],
    ['label\ttext\n城乡建设\t   \n', 2, 'empty text'],
    ['', 1, 'empty file'],
    ['label\ttext\n\n', 1, 'empty file'],
  ])('names the line of a malformed file: %j', (content, line, problem) => {
    let error: unknown;
    try { parseLabelledTsv(content, 'bad.tsv'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(LabelledFileError);
    expect((error as LabelledFileError).line).toBe(line);
    expect((error as Error).message).toContain(`bad.tsv:${line}:`);
    expect((error as Error).message).toContain(problem);
  });

  it('writes what it reads', () => {
    const rows = [{ label: '城乡建设', text: '垃圾 清理' }, { label: '教育文体', text: '学校 收费' }];
    expect(parseLabelledTsv(formatLabelledTsv(rows))).toEqual(rows);
  });
});
