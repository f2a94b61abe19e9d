import { maskIdNumber, maskPhone } from '../../../kernel/privacy.ts';
import { COLUMNS, type Column, type ImportKind } from './columns.ts';
import { textOf } from './cells.ts';
import type { Cell } from './read-file.ts';

/** One line of the validation report: a bad field of a row, as Excel shows the row. */
export interface RowError { row: number; column: string; field: string; value: string | null; message: string }

/** A data row as read: its Excel row number and its cells by column. */
export interface ParsedRow { number: number; cells: Map<Column, Cell>; values: Map<Column, unknown> }

/** The report value of a cell: ID and phone numbers masked (the report is read more widely than the file). */
export function reportValue(col: Column | undefined, c: Cell | undefined): string | null {
  const text = textOf(c ?? null);
  if (!text) return null;
  if (!col?.personal) return text.slice(0, 200);
  return col.field === 'idNumber' ? maskIdNumber(text) : maskPhone(text);
}

/** Collects the report: at most one line per row and column (the first problem found), in row and column order. */
export class Problems {
  readonly fileErrors: RowError[] = [];
  private byRow = new Map<number, Map<Column, RowError>>();
  constructor(private readonly kind: ImportKind) {}

  file(column: string, message: string, field = 'file'): void {
    this.fileErrors.push({ row: 1, column, field, value: null, message });
  }

  add(row: ParsedRow, col: Column | undefined, message: string): void {
    const column = col ?? COLUMNS[this.kind][0];
    let m = this.byRow.get(row.number);
    if (!m) this.byRow.set(row.number, (m = new Map()));
    if (m.has(column)) return;
    m.set(column, { row: row.number, column: column.header, field: column.field ?? column.householdField ?? column.header, value: reportValue(column, row.cells.get(column)), message });
  }

  has(row: ParsedRow, col?: Column): boolean {
    const m = this.byRow.get(row.number);
    return !!m && (col ? m.has(col) : m.size > 0);
  }

  get badRows(): number { return this.byRow.size; }

  list(): RowError[] {
    const order = new Map(COLUMNS[this.kind].map((c, i) => [c, i]));
    const rows = [...this.byRow.entries()].sort((a, b) => a[0] - b[0]);
    return [...this.fileErrors, ...rows.flatMap(([, m]) => [...m.entries()].sort((a, b) => order.get(a[0])! - order.get(b[0])!).map(([, e]) => e))];
  }
}
