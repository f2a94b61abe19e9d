import type { Caller } from '../../../kernel/auth/caller.ts';
import { invalidField } from '../../../kernel/errors.ts';
import { pathInScope } from '../../../kernel/scope.ts';
import type { GridLocator } from '../../org/grid-locator.ts';
import { OPERATOR_ROLES } from './access.ts';
import { areaByCode, type Executor } from './store.ts';
import type { CreateTicket } from './schema.ts';

export interface Place { areaPath: string; areaName: string; gridCode: string | null; lon: number | null; lat: number | null; field: 'location' | 'gridCode' | 'areaCode' }

/**
 * Where a ticket happened: a grid code (the reporter chose it) wins, else the point's grid (落格),
 * else an area (a street or community named on the phone). The place must be in the caller's city;
 * staff below the city file inside their own area, except the 12345 desk (dispatcher, city admin),
 * which takes calls about any place of the city, and residents, who report what they see anywhere.
 */
export async function resolvePlace(db: Executor, grids: GridLocator, caller: Caller, body: Pick<CreateTicket, 'location' | 'gridCode' | 'areaCode'>): Promise<Place> {
  const lon = body.location?.lon ?? null;
  const lat = body.location?.lat ?? null;
  let place: Place;
  if (body.gridCode) {
    const g = await areaByCode(db, caller.cityCode, body.gridCode);
    if (!g || g.level !== 'grid') throw invalidField('gridCode', `网格 ${body.gridCode} 不在本市 / grid ${body.gridCode} is not a grid of your city`);
    place = { areaPath: g.path, areaName: g.name, gridCode: g.code, lon, lat, field: 'gridCode' };
  } else if (body.location) {
    const hit = grids.locate(body.location.lon, body.location.lat);
    const g = hit ? grids.areaOf(hit.code) : undefined;
    if (!g || g.cityCode !== caller.cityCode) throw invalidField('location', '该位置不在本市任何网格内 / the point lies in no grid of your city');
    place = { areaPath: g.path, areaName: g.name, gridCode: g.code, lon, lat, field: 'location' };
  } else if (body.areaCode) {
    const a = await areaByCode(db, caller.cityCode, body.areaCode);
    if (!a) throw invalidField('areaCode', `区域 ${body.areaCode} 不在本市 / area ${body.areaCode} is not in your city`);
    place = { areaPath: a.path, areaName: a.name, gridCode: a.level === 'grid' ? a.code : null, lon, lat, field: 'areaCode' };
  } else {
    throw invalidField('location', '请提供位置（地图点位）、网格或区域 / give a location, a grid code or an area code');
  }
  const anywhere = caller.role === 'resident' || OPERATOR_ROLES.includes(caller.role);
  if (!anywhere && !pathInScope(caller, place.areaPath)) {
    throw invalidField(place.field, '该位置不在您的管辖范围内 / the place is outside your area');
  }
  return place;
}
