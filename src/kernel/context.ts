import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/types.ts';
import type { CategorySuggester } from '../modules/events/tickets/suggestion.ts';
import type { GridLocator } from '../modules/org/grid-locator.ts';

/** What every module gets when it is registered: the database, the config and shared services. */
export interface AppContext {
  db: Kysely<DB>;
  config: Config;
  grids: GridLocator;
  /** 分类建议 for intake (its classifier thread is stopped when the server closes). */
  suggester: CategorySuggester;
}
