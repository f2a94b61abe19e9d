import { sql, type Kysely } from 'kysely';
import type { DB, Geometry } from '../../db/types.ts';
import { GridIndex } from '../../kernel/geo/grid-index.ts';

/**
 * Point → grid (落格) for the whole deployment: an in-memory R-tree over every grid,
 * rebuilt when grids change here, and re-checked periodically so other nodes' imports
 * reach this one too.
 */
/** What intake needs of a located grid, kept beside the index so 落格 costs no query. */
export interface GridArea { code: string; cityCode: string; path: string; name: string }

export class GridLocator {
  private index = new GridIndex([]);
  private areas = new Map<string, GridArea>();
  private revision = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Kysely<DB>) {}

  get size(): number {
    return this.index.size;
  }

  private async currentRevision(): Promise<string> {
    const r = await sql<{ n: number; t: Date | null }>`SELECT count(*)::int AS n, max(updated_at) AS t FROM area WHERE level = 'grid'`.execute(this.db);
    const row = r.rows[0];
    return `${row.n}:${row.t?.toISOString() ?? ''}`;
  }

  async load(): Promise<void> {
    const revision = await this.currentRevision();
    const rows = await this.db.selectFrom('area').select(['code', 'city_code', 'path', 'name', 'geometry']).where('level', '=', 'grid').where('geometry', 'is not', null).execute();
    this.index = new GridIndex(rows.map((r) => ({ code: r.code, geometry: r.geometry as Geometry })));
    this.areas = new Map(rows.map((r) => [r.code, { code: r.code, cityCode: r.city_code, path: r.path, name: r.name }]));
    this.revision = revision;
  }

  /** Reloads only if grids changed since the last load (cheap to call often). */
  async refresh(): Promise<boolean> {
    if ((await this.currentRevision()) === this.revision) return false;
    await this.load();
    return true;
  }

  watch(everyMs = 30_000): void {
    this.timer = setInterval(() => { this.refresh().catch(() => {}); }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  locate(lon: number, lat: number, toleranceMeters = 50) {
    return this.index.locate(lon, lat, toleranceMeters);
  }

  /** The grid a located code names, as loaded with the index (renames reach it with the next refresh). */
  areaOf(code: string): GridArea | undefined {
    return this.areas.get(code);
  }
}
