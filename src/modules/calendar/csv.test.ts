import { describe, expect, it } from 'vitest';
import { normaliseDate, onFileLines, parseScheduleCsv } from './csv.ts';

describe('a schedule CSV', () => {
  it('reads the header, Excel’s dates and the Chinese kinds, skipping blank and # lines', () => {
    const r = parseScheduleCsv('\uFEFFdate,kind,name\r\n# 元旦\r\n2027/1/1,放假,元旦\r\n\r\n"2027-02-20",上班,春节\r\n2027年10月9日，调休上班，国庆节\n');
    expect(r.problems).toEqual([]);
    expect(r.days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-20', kind: 'makeup', name: '春节' },
      { date: '2027-10-09', kind: 'makeup', name: '国庆节' },
    ]);
    expect(r.lines).toEqual([3, 5, 6]);
    expect(parseScheduleCsv('日期,类型,名称\n2027-01-01,holiday,元旦').problems).toEqual([]);
  });
  it('names the line of a missing header or a wrong number of columns', () => {
    expect(parseScheduleCsv('2027-01-01,holiday,元旦\n').problems[0]).toMatchObject({ field: 'line 1', message: expect.stringMatching(/第 1 行应为表头/) });
    expect(parseScheduleCsv('date,kind,name\n2027-01-01,holiday\n').problems[0].message).toMatch(/^第 2 行应有 3 列.*has 2$/);
    expect(parseScheduleCsv('\n\n').problems[0].field).toBe('file');
  });
  it('leaves what it cannot read for the checks to name', () => {
    expect(normaliseDate('2027-13-01')).toBe('2027-13-01');
    expect(normaliseDate('next friday')).toBe('next friday');
    expect(parseScheduleCsv('date,kind,name\n2027-01-01,rest,元旦').days[0].kind).toBe('rest');
  });
  it('turns days[i] into the file’s line, in the field and in the message', () => {
    expect(onFileLines({ field: 'days[1].date', message: '2027-01-01 重复（第 1 行已有）/ 2027-01-01 is listed twice (also row 1)' }, [3, 7]))
      .toBe('第 7 行 line 7 (date): 2027-01-01 重复（第 3 行已有）/ 2027-01-01 is listed twice (also line 3)');
    expect(onFileLines({ field: 'source', message: 'x' }, [])).toBe('source: x');
  });
});
