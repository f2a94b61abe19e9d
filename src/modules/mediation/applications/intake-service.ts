import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/types.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { dayOf } from '../../../kernel/calendar/index.ts';
import { AppError, invalidField } from '../../../kernel/errors.ts';
import { resolvePlace } from '../../events/tickets/place.ts';
import { plainText } from '../../events/tickets/text.ts';
import type { GridLocator } from '../../org/grid-locator.ts';
import { writeCase, type PreparedCase } from '../cases/intake-service.ts';
import { within } from '../access.ts';
import { findOrg } from '../organisations/store.ts';
import { evaluateCase } from '../warnings/evaluate.ts';
import { checkIntake } from '../workflow/intake.ts';
import type { PartyInput } from '../workflow/parties.ts';
import { applicationDetail } from './read-service.ts';
import { WAITING_APPLICATIONS, LIMITS, type ApplicationBody } from './schema.ts';

/** The people's mediation committees (人民调解委员会) at or above a place, nearest first. */
export async function committeesAbove(db: Kysely<DB>, cityCode: string, areaPath: string) {
  return db.selectFrom('mediation_org').select(['id', 'name', 'level', 'phone', 'address', 'area_path'])
    .where('city_code', '=', cityCode).where('active', '=', true).where('kind', '=', 'people_committee')
    .where(sql<boolean>`area_path @> ${areaPath}::ltree`).orderBy(sql`nlevel(area_path)`, 'desc').orderBy('id').execute();
}

/** Where the dispute is: the pin's grid (落格), else the applicant's own community (their account's area). */
export async function placeOf(db: Kysely<DB>, grids: GridLocator, caller: Caller, location: ApplicationBody['location']) {
  const areaCode = caller.scopePath.split('.').pop()!;
  return resolvePlace(db, grids, caller, location ? { location } : { areaCode });
}

/** Field names of the case intake → the application's, as the schema names them (parties[0] is the applicant's account). */
const fieldOfApplication = (field: string) => field.replace(/^parties\[(\d+)\]/, (_m, i: string) => (i === '0' ? 'applicant' : `otherParties.${Number(i) - 1}`));

/**
 * 申请调解, checked outside any transaction: the text (plain, within the limits), the other side, the
 * place (a pin in the city, else the applicant's community) and the committee that receives it — the one
 * the applicant chose, which must be a people's mediation committee of the city whose area holds the place,
 * else the nearest one at or above the place. The applicant is a party from their own account.
 */
export async function prepareApplication(db: Kysely<DB>, grids: GridLocator, caller: Caller, body: ApplicationBody): Promise<PreparedCase> {
  const summary = plainText(body.summary, 'summary');
  if ([...summary].length < LIMITS.summaryMin) throw invalidField('summary', `请写明纠纷经过和您的请求（至少 ${LIMITS.summaryMin} 个字）/ say what happened and what you ask for, at least ${LIMITS.summaryMin} characters`);
  const address = plainText(body.address, 'address');
  if (!body.otherParties.length) throw invalidField('otherParties', '请填写纠纷的另一方（被申请人）/ name the other side of the dispute');
  const others = body.otherParties.map((p, i) => ({ ...p, name: plainText(p.name, `otherParties.${i}.name`) }));
  const account = await db.selectFrom('app_user').select('phone').where('id', '=', caller.id).executeTakeFirst();
  const parties: PartyInput[] = [
    { kind: 'person', role: 'applicant', name: caller.displayName, ...(account?.phone ? { phone: account.phone } : {}) },
    ...others.map((p): PartyInput => ({ kind: p.kind, role: 'respondent', name: p.name, ...(p.phone ? { phone: p.phone } : {}) })),
  ];
  const checked = checkIntake({ source: 'walk_in', category: body.category, summary, peopleInvolved: body.peopleInvolved, parties }, dayOf(new Date()));
  if (!checked.ok) {
    const field = fieldOfApplication(checked.field);
    throw new AppError(checked.status, checked.code, `${field}: ${checked.message.replace(/^[^:]*: /, '')}`, { field });
  }
  const place = await placeOf(db, grids, caller, body.location);
  let org;
  if (body.preferredOrgId !== undefined) {
    org = await findOrg(db, caller.cityCode, body.preferredOrgId);
    if (!org || org.kind !== 'people_committee' || !org.active) throw invalidField('preferredOrgId', '请选择本市的人民调解委员会 / choose an active people’s mediation committee of your city');
    if (!within(place.areaPath, org.area_path)) throw invalidField('preferredOrgId', `纠纷发生地不在「${org.name}」的辖区内，请选择发生地的调解委员会 / the place lies outside this committee’s area`);
  } else {
    const [nearest] = await committeesAbove(db, caller.cityCode, place.areaPath);
    if (!nearest) throw invalidField('location', '该地点还没有人民调解委员会，请换一个地点或选择调解委员会 / no committee for this place yet; choose one');
    org = (await findOrg(db, caller.cityCode, nearest.id))!;
  }
  return {
    caller, checked: checked.value, org,
    place: { areaPath: place.areaPath, gridCode: place.gridCode, lon: place.lon, lat: place.lat, address },
    body: { source: 'walk_in', orgId: org.id, category: body.category, summary, address, parties, ...(body.location ? { location: body.location } : {}) },
  };
}

/**
 * Registers the application in one transaction: at most WAITING_APPLICATIONS of the applicant's waiting for
 * 受理 (counted under a lock of theirs, so two at once cannot both pass), the case through the case intake (number,
 * parties, 登记 row, the committee's notice), the applicant's account on it, the warning rules.
 */
export async function writeApplication(db: Kysely<DB>, p: PreparedCase) {
  if (!db.isTransaction) throw new Error('writeApplication must run inside a transaction');
  const trx = db as Transaction<DB>;
  const { caller } = p;
  await sql`SELECT pg_advisory_xact_lock(hashtext('mediation.application'), ${caller.id})`.execute(trx);
  const { n } = await trx.selectFrom('mediation_case').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('city_code', '=', caller.cityCode).where('applicant_user_id', '=', caller.id)
    .where('state', '=', 'registered').executeTakeFirstOrThrow();
  if (Number(n) >= WAITING_APPLICATIONS) {
    throw new AppError(429, 'too_many_applications', `您已有 ${WAITING_APPLICATIONS} 件调解申请待受理，请等受理后再提交，或到社区当面申请 / ${WAITING_APPLICATIONS} of your applications are waiting to be accepted; wait for them first`, { field: 'summary', limit: WAITING_APPLICATIONS });
  }
  const c = await writeCase(trx, p);
  await trx.updateTable('mediation_case').set({ applicant_user_id: caller.id }).where('city_code', '=', c.cityCode).where('id', '=', c.id).execute();
  const now = new Date();
  await evaluateCase(trx, c.cityCode, c.id, now);
  return applicationDetail(trx, caller, c.id);
}
