import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { yearReport } from './check-year.ts';

const run = promisify(execFile);

describe('shiyu calendar check', () => {
  it('lists the 2026 holidays and make-up working days of the official notice', () => {
    const { text, warnings } = yearReport(2026);
    expect(warnings).toEqual([]);
    expect(text).toContain('2026-02-15（日） – 2026-02-23（一）   9 天 days  春节');
    expect(text).toContain('2026-10-01（四） – 2026-10-07（三）   7 天 days  国庆节');
    expect(text).toContain('2026-09-25（五） – 2026-09-27（日）   3 天 days  中秋');
    const makeup = text.split('调休上班')[1];
    expect(makeup.match(/\d{4}-\d{2}-\d{2}/g)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });
  it('shows 国庆 and 中秋 2025 as one block of 8 days', () => {
    expect(yearReport(2025).text).toContain('2025-10-01（三） – 2025-10-08（三）   8 天 days  国庆节/中秋');
  });
  it('warns about a year outside the data', () => {
    const { text, warnings } = yearReport(2099);
    expect(warnings.map((w) => w.year)).toEqual([2099]);
    expect(text).toMatch(/only weekends/);
  });
  it('the command exits 1 with a warning for an uncovered year and 0 for a covered one', async () => {
    const ok = await run(process.execPath, ['bin/shiyu.js', 'calendar', 'check', '2026']);
    expect(ok.stdout).toContain('2026-10-10（六）  国庆节');
    expect(ok.stdout).toMatch(/数据来源 source: chinese-days \d/);
    const failed = await run(process.execPath, ['bin/shiyu.js', 'calendar', 'check', '2099', '--offline']).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/warning: 2099/);
  });
});
