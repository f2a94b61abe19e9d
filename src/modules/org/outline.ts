import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { AreaGeometry } from '../../kernel/geo/geojson-utils.ts';
import { simplifyTogether } from '../../kernel/geo/simplify.ts';

/** Levels whose boundaries are public (行政区划); grids and communities stay with staff. */
export type OutlineLevel = 'district' | 'street';

/**
 * Borders may move this far for the phone: about 1.5 px at zoom 15, where a resident pins, so the
 * line drawn and the grid named under the map agree.
 */
export const OUTLINE_TOLERANCE_M = 5;

export interface Outline {
  /** The FeatureCollection as sent (code and name per feature). */
  body: string;
  etag: string;
}

/**
 * A city's districts or streets, simplified for a phone, kept per city and level until an area of
 * that level changes (checked on every call: one small count).
 */
export class OutlineCache {
  private readonly built = new Map<string, { revision: string; outline: Promise<Outline> }>();

  constructor(private readonly db: Kysely<DB>) {}

  async get(cityCode: string, level: OutlineLevel): Promise<Outline> {
    const r = await sql<{ n: number; t: Date | null }>`SELECT count(*)::int AS n, max(updated_at) AS t FROM area WHERE city_code = ${cityCode} AND level = ${level}`.execute(this.db);
    const revision = `${r.rows[0].n}:${r.rows[0].t?.toISOString() ?? ''}`;
    const key = `${cityCode}:${level}`;
    const hit = this.built.get(key);
    if (hit && hit.revision === revision) return hit.outline;
    const outline = this.build(cityCode, level);
    this.built.set(key, { revision, outline });
    outline.catch(() => this.built.delete(key));
    return outline;
  }

  private async build(cityCode: string, level: OutlineLevel): Promise<Outline> {
    const rows = await this.db.selectFrom('area').select(['code', 'name', 'geometry'])
      .where('city_code', '=', cityCode).where('level', '=', level).where('geometry', 'is not', null).orderBy('code').execute();
    const collection = (geometries: AreaGeometry[]) => JSON.stringify({
      type: 'FeatureCollection',
      features: rows.map((r, i) => ({ type: 'Feature', properties: { code: r.code, name: r.name }, geometry: geometries[i] })),
    });
    const body = collection(simplifyTogether(rows.map((r) => r.geometry as AreaGeometry), { toleranceMeters: OUTLINE_TOLERANCE_M }));
    const hash = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22);
    return { body, etag: `"${cityCode}-${level}-${hash}"` };
  }
}

/** Whether an If-None-Match header names this ETag (a list, weak or not, or *). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === etag;
  });
}
