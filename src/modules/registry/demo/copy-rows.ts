// Bulk load through COPY … FROM STDIN (text format), the fastest way rows get into PostgreSQL.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
function field(v: CopyValue): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v !== 'string') return String(v);
  return SPECIAL.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

/** Streams `rows` (each turned into its column values by `toRow`) into `table`; returns the row count. */
export async function copyRows<T>(client: pg.Client, table: string, columns: readonly string[], rows: readonly T[], toRow: (r: T) => CopyValue[]): Promise<number> {
  if (!rows.length) return 0;
  function* chunks() {
    let s = '';
    for (const r of rows) {
      const values = toRow(r);
      for (let i = 0; i < values.length; i++) s += (i ? '\t' : '') + field(values[i]);
      s += '\n';
      if (s.length > 65_536) { yield s; s = ''; }
    }
    if (s) yield s;
  }
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks()), stream);
  return stream.rowCount;
}
