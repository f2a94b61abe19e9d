import type { Kysely } from 'kysely';
import type { DB } from '../../../db/types.ts';
import { appendAudit } from '../../../kernel/audit/audit.ts';
import type { Caller } from '../../../kernel/auth/caller.ts';
import { formatShanghai } from '../../../kernel/calendar/shanghai-time.ts';
import { AppError, invalidField } from '../../../kernel/errors.ts';
import { maskIdNumber, maskPhone } from '../../../kernel/privacy.ts';
import { isApplicant, isInvolved, relationsOf, REVEAL_ROLES } from '../access.ts';
import { membershipOf } from '../organisations/store.ts';
import { agreementOf, assignmentsOf, loadVisibleCase, partiesOf } from '../cases/store.ts';
import { PARTY_ROLES } from '../terms.ts';
import { agreementHtml, type PrintedParty } from './agreement-page.ts';
import { agreementNumber, seatPath } from './doc-number.ts';
import { sexAndAge } from './particulars.ts';

export interface PrintRequest { reveal?: boolean; reason?: string }

const notFound = (id: number) => new AppError(404, 'not_found', `案件 ${id} 的调解协议书不存在或您无权查看 / no agreement of case ${id} that you may read`);

/** Asking for the clear numbers: a role that may reveal, and a reason for the audit log (PIPL). */
function checkReveal(caller: Caller, q: PrintRequest): string | null {
  if (!q.reveal) return null;
  if (!REVEAL_ROLES.includes(caller.role)) throw new AppError(403, 'forbidden', 'reveal: 您的角色不能查看完整身份号码 / your role may not print the clear numbers', { field: 'reveal' });
  const reason = (q.reason ?? '').trim();
  if (reason.length < 4) throw invalidField('reason', '打印完整号码须说明原因（至少4个字）/ give a reason of at least 4 characters to print the clear numbers');
  return reason;
}

/**
 * The 调解协议书 as a print-ready page, for those who may read the agreement (its mediators, its
 * committee, supervisors up the area tree, the resident who applied — masked; anyone else 404). Identity numbers and phones are masked
 * unless the caller asks `reveal` with a reason: then they print in clear and the reveal is audited
 * (`mediation.agreement.reveal`) in the same transaction that reads them.
 */
export async function agreementDocument(db: Kysely<DB>, caller: Caller, id: number, q: PrintRequest, ip: string | null, now = new Date()): Promise<string> {
  const reason = checkReveal(caller, q);
  return db.transaction().execute(async (trx) => {
    const me = await membershipOf(trx, caller);
    const row = await loadVisibleCase(trx, caller, me, id).catch((e) => { throw e instanceof AppError && e.status === 404 ? notFound(id) : e; });
    const current = (await assignmentsOf(trx, row.city_code, [row.id])).filter((a) => !a.removed_at).map((a) => a.mediator_id);
    if (!isInvolved(relationsOf(caller, row, current, me)) && !isApplicant(caller, row)) throw notFound(id);
    const a = await agreementOf(trx, row.city_code, row.id);
    if (!a) throw notFound(id);
    const [parties, org, seat, mediators] = await Promise.all([
      partiesOf(trx, row.city_code, row.id),
      trx.selectFrom('mediation_org').select(['name', 'area_path']).where('city_code', '=', row.city_code).where('id', '=', row.org_id).executeTakeFirstOrThrow(),
      trx.selectFrom('area').select('name').where('city_code', '=', row.city_code).where('path', '=', seatPath(row.org_path)).executeTakeFirst(),
      trx.selectFrom('mediator').select(['id', 'name']).where('city_code', '=', row.city_code).where('id', 'in', a.signed_mediators.length ? a.signed_mediators : [-1]).execute(),
    ]);
    const bound = a.party_ids.map((pid) => parties.find((p) => p.id === pid)).filter((p) => p !== undefined);
    if (reason !== null) {
      await appendAudit(trx, caller, { action: 'mediation.agreement.reveal', targetType: 'mediation_case', targetId: row.id, ip, detail: { caseId: row.id, parties: bound.map((p) => p.id), reason } });
    }
    const clear = reason !== null;
    const printed: PrintedParty[] = bound.map((p) => {
      const person = p.kind === 'person' ? sexAndAge(p.id_number, a.signed_on) : null;
      const number = p.kind === 'person' ? p.id_number : p.credit_code;
      return {
        roleName: PARTY_ROLES[p.role], kind: p.kind, name: p.name, sex: person?.sex ?? null, age: person?.age ?? null,
        idNumber: clear ? number : maskIdNumber(number), phone: clear ? p.phone : maskPhone(p.phone), address: p.address, legalRep: p.legal_rep,
      };
    });
    return agreementHtml({
      docNumber: agreementNumber(row.number, seat?.name ?? org.name), caseNumber: row.number, committee: org.name, parties: printed,
      facts: a.facts, disputes: a.disputes, responsibilities: a.responsibilities, terms: a.terms as { content: string; manner: string; deadline: string }[],
      signedOn: a.signed_on, judicialDueOn: a.judicial_due_on,
      mediators: a.signed_mediators.map((m) => mediators.find((x) => x.id === m)?.name ?? String(m)),
      revealed: clear, printedAt: formatShanghai(now),
    });
  });
}
