import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { Caller } from '../../kernel/auth/caller.ts';
import { appendAudit } from '../../kernel/audit/audit.ts';
import { AppError } from '../../kernel/errors.ts';
import { validatePolygonCollection } from '../../kernel/geo/validate.ts';

/** 警格 (police grids): an overlay beside the governance grids ("网格+警格"), replaced as a whole per city. */
export async function importPoliceGrids(db: Kysely<DB>, caller: Caller, body: unknown, ip: string | null) {
  const result = validatePolygonCollection(body);
  if (!result.ok) {
    throw new AppError(400, 'invalid_geojson', `GeoJSON 有 ${result.errors.length} 处错误，未导入任何警格 / ${result.errors.length} problem(s), nothing imported: ${result.errors[0].field}: ${result.errors[0].message}`, { field: result.errors[0].field, errors: result.errors });
  }
  const features = result.features;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('police_grid').where('city_code', '=', caller.cityCode).execute();
    for (let i = 0; i < features.length; i += 500) {
      await trx.insertInto('police_grid').values(features.slice(i, i + 500).map((f) => ({
        city_code: caller.cityCode, code: f.code, name: f.name, station: typeof f.properties.station === 'string' ? f.properties.station : null, geometry: JSON.stringify(f.geometry),
      }))).execute();
    }
    await appendAudit(trx, caller, { action: 'police_grid.import', targetType: 'city', targetId: caller.cityCode, ip, detail: { count: features.length } });
  });
  return { imported: features.length };
}
