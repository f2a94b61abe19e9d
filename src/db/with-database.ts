import type { Config } from '../config.ts';
import { openDatabase, type Database } from './database.ts';

/** Runs a CLI command with the database open, and always closes it (stopping an embedded server). */
export async function withDatabase(config: Config, fn: (d: Database) => Promise<void>): Promise<void> {
  const d = await openDatabase(config);
  try {
    await fn(d);
  } finally {
    await d.close();
  }
}
