import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';

/**
 * The Shiyu backup file: gzip'd JSON lines.
 *
 *   line 1         header   {"format":"shiyu-backup","version":1,"createdAt":…,"migrations":[…],"tables":[{"name","columns":[{"name","type"}]}]}
 *   per table      section  {"table":"city"}            (in the order of header.tables)
 *                  rows     ["150200","包头市","150000"]  (one JSON array per row, every value as PostgreSQL text or null)
 *   last line      trailer  {"end":"shiyu-backup","tables":[{"name","rows"}],"rows":N,"sha256":…}
 *
 * The sha256 covers the exact bytes of every line before the trailer (each with its "\n").
 * Row counts are only known at the end, so they live in the trailer; a file without
 * a valid trailer was cut off and is never restored.
 */
export const BACKUP_FORMAT = 'shiyu-backup';
export const BACKUP_VERSION = 1;

export interface BackupColumn {
  name: string;
  /** format_type() of the column, e.g. "text", "ltree", "timestamp with time zone", "character varying(20)". */
  type: string;
}

export interface BackupTable {
  name: string;
  columns: BackupColumn[];
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** server_version of the source, for information. */
  postgres?: string;
  /** Names of the applied Kysely migrations, in order. */
  migrations: string[];
  tables: BackupTable[];
}

export interface BackupTrailer {
  end: typeof BACKUP_FORMAT;
  tables: { name: string; rows: number }[];
  rows: number;
  sha256: string;
}

export type RowValues = (string | null)[];

const NL = Buffer.from('\n');

/** Thrown when a file is not a complete, intact Shiyu backup. */
export class BackupFileError extends Error {
  constructor(file: string, problem: string) {
    super(`backup file ${file} ${problem}; nothing was restored`);
    this.name = 'BackupFileError';
  }
}

/** Splits a byte stream into lines at "\n" (never inside a UTF-8 sequence), without holding more than one line. */
async function* splitLines(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  for await (const chunk of stream) {
    let start = 0;
    for (let i = chunk.indexOf(10, start); i !== -1; i = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, i);
      if (parts.length) {
        parts.push(piece);
        yield Buffer.concat(parts);
        parts = [];
      } else {
        yield piece;
      }
      start = i + 1;
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
  }
  if (parts.length) yield Buffer.concat(parts);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function checkHeader(h: any): string | null {
  if (!h || typeof h !== 'object' || Array.isArray(h) || h.format !== BACKUP_FORMAT) return 'is not a Shiyu backup (no "shiyu-backup" header)';
  if (h.version !== BACKUP_VERSION) return `has format version ${JSON.stringify(h.version)}, this Shiyu reads version ${BACKUP_VERSION}`;
  if (typeof h.createdAt !== 'string' || !isStringArray(h.migrations) || !Array.isArray(h.tables)) return 'has a damaged header';
  const names = new Set<string>();
  for (const t of h.tables) {
    if (!t || typeof t.name !== 'string' || !Array.isArray(t.columns) || names.has(t.name)) return 'has a damaged header';
    names.add(t.name);
    const cols = new Set<string>();
    for (const c of t.columns) {
      if (!c || typeof c.name !== 'string' || typeof c.type !== 'string' || cols.has(c.name)) return 'has a damaged header';
      cols.add(c.name);
    }
  }
  return null;
}

export interface ScanHandlers {
  /** Called at the start of each table's section. */
  table?(table: BackupTable): void | Promise<void>;
  /** Called for each row of the current table; values are in the order of table.columns. */
  row?(values: RowValues): void | Promise<void>;
  /** Called at the end of each table's section with its row count. */
  tableEnd?(table: BackupTable, rows: number): void | Promise<void>;
}

/**
 * Reads a backup file from start to end, checking everything: gzip integrity, the header,
 * the order of the sections, the shape of every row, the row counts and the sha256 in the
 * trailer. Throws BackupFileError on the first problem. With handlers, it also feeds the
 * rows to them as it goes (the caller must then treat a late error as fatal: by the time
 * the checksum is compared, rows were already handed out).
 */
export async function scanBackup(file: string, handlers: ScanHandlers = {}): Promise<{ header: BackupHeader; trailer: BackupTrailer }> {
  const fail = (problem: string): never => {
    throw new BackupFileError(file, problem);
  };
  let input: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    input = fs.createReadStream(file);
  } catch (err) {
    return fail(`cannot be read (${(err as Error).message})`);
  }
  const gunzip = zlib.createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);

  const hash = crypto.createHash('sha256');
  let header: BackupHeader | null = null;
  let trailer: BackupTrailer | null = null;
  let lineNo = 0;
  let sectionIdx = -1;
  let current: BackupTable | null = null;
  let currentRows = 0;
  const counts: number[] = [];
  // Errors thrown by the handlers (e.g. from the database) must pass through unchanged, not be taken for file damage.
  let handlerError: unknown = null;
  const call = async (fn: () => void | Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      handlerError = err;
      throw err;
    }
  };

  const endSection = async () => {
    if (current) {
      counts[sectionIdx] = currentRows;
      const [t, n] = [current, currentRows];
      await call(() => handlers.tableEnd?.(t, n));
    }
    current = null;
  };

  try {
    for await (const line of splitLines(gunzip)) {
      lineNo++;
      if (trailer) {
        if (line.length) fail(`has data after its end marker (line ${lineNo})`);
        continue;
      }
      let value: any;
      try {
        value = JSON.parse(line.toString('utf8'));
      } catch {
        fail(lineNo === 1 ? 'is not a Shiyu backup (the first line is not JSON)' : `is damaged: line ${lineNo} is not valid JSON`);
      }
      if (lineNo === 1) {
        const problem = checkHeader(value);
        if (problem) fail(problem);
        header = value as BackupHeader;
        hash.update(line).update(NL);
        continue;
      }
      if (Array.isArray(value)) {
        if (!current) fail(`is damaged: row outside of any table at line ${lineNo}`);
        const cols = current!.columns.length;
        if (value.length !== cols || !value.every((v: unknown) => v === null || typeof v === 'string')) {
          fail(`is damaged: line ${lineNo} is not a row of ${cols} values for table ${current!.name}`);
        }
        hash.update(line).update(NL);
        currentRows++;
        await call(() => handlers.row?.(value as RowValues));
        continue;
      }
      if (value && typeof value === 'object' && typeof value.table === 'string') {
        await endSection();
        sectionIdx++;
        const expected = header!.tables[sectionIdx];
        if (!expected || expected.name !== value.table) fail(`is damaged: unexpected section for table ${value.table} at line ${lineNo}`);
        current = expected;
        currentRows = 0;
        hash.update(line).update(NL);
        await call(() => handlers.table?.(expected));
        continue;
      }
      if (value && typeof value === 'object' && value.end === BACKUP_FORMAT) {
        await endSection();
        trailer = value as BackupTrailer;
        continue;
      }
      fail(`is damaged: unexpected line ${lineNo}`);
    }
  } catch (err) {
    if (err instanceof BackupFileError || err === handlerError) throw err;
    // zlib: "unexpected end of file" for a cut-off file, "incorrect header check" for a non-gzip file, …
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code === 'string' && e.code.startsWith('Z_')) {
      if (e.code === 'Z_BUF_ERROR') fail(`is damaged or incomplete: it was cut off (${e.message}, after line ${lineNo})`);
      fail(lineNo === 0 ? `is not a gzip'd Shiyu backup (${e.message})` : `is damaged or incomplete (${e.message}, after line ${lineNo})`);
    }
    if (e.syscall) fail(`cannot be read (${e.message})`);
    throw err;
  } finally {
    input.destroy();
  }

  if (!header) return fail('is empty');
  if (!trailer) return fail('is incomplete: it has no end marker (the backup was cut off or is still being written)');
  const t = trailer as BackupTrailer;
  const h = header as BackupHeader;
  if (!Array.isArray(t.tables) || typeof t.sha256 !== 'string' || typeof t.rows !== 'number') fail('has a damaged end marker');
  if (sectionIdx !== h.tables.length - 1) fail(`is incomplete: ${h.tables.length - 1 - sectionIdx} table(s) of the header are missing`);
  if (t.tables.length !== h.tables.length) fail('has a damaged end marker (table list differs from the header)');
  let total = 0;
  for (let i = 0; i < h.tables.length; i++) {
    const expected = t.tables[i];
    if (!expected || expected.name !== h.tables[i].name) fail('has a damaged end marker (table list differs from the header)');
    if (expected.rows !== counts[i]) fail(`is damaged: table ${expected.name} has ${counts[i]} rows, the end marker says ${expected.rows}`);
    total += counts[i];
  }
  if (t.rows !== total) fail(`is damaged: it has ${total} rows, the end marker says ${t.rows}`);
  const digest = hash.digest('hex');
  if (digest !== t.sha256) fail('is damaged: its sha256 checksum does not match the content');
  return { header: h, trailer: t };
}
