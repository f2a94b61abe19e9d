import { checkDay, dayOf, type Day } from '../../../kernel/calendar/shanghai-time.ts';
import type { AgreementInput } from './actions.ts';
import { PARTY_ROLES } from '../terms.ts';
import type { Refusal } from './refusal.ts';
import type { CaseSnapshot } from './states.ts';

/** A 'YYYY-MM-DD' that is a real date. */
export function isDay(s: unknown): s is Day {
  try { checkDay(s as string); return true; } catch { return false; }
}

type Missing = { field: string; message: string };
const item = (field: string, zh: string, en: string): Missing => ({ field, message: `${field}: ${zh} / ${en}` });
const blank = (s: unknown, min: number) => typeof s !== 'string' || s.trim().length < min;

/**
 * The items 人民调解法 第二十九条 asks of a 调解协议书, each checked so a refusal names every one
 * missing: the parties' particulars (identity number and address of each), the main facts, the
 * disputed points, each side's responsibility, the terms with how and by when each is performed,
 * and the signatures (every bound party, and a mediator of the case) with the signing day.
 */
export function missingFromAgreement(a: AgreementInput, c: CaseSnapshot, now: Date): Missing[] {
  const out: Missing[] = [];
  const byId = new Map(c.parties.map((p) => [p.id, p]));
  const ids = Array.isArray(a?.parties) ? a.parties : [];
  if (!ids.length) out.push(item('agreement.parties', '请列明协议约束的当事人', 'list the parties the agreement binds'));
  ids.forEach((id, i) => {
    const p = byId.get(id);
    if (!p) { out.push(item(`agreement.parties[${i}]`, `当事人 ${id} 不是本案当事人`, `party ${id} is not a party of this case`)); return; }
    if (!p.identified) out.push(item(`agreement.parties[${i}].${p.kind === 'person' ? 'idNumber' : 'creditCode'}`, `${p.name}缺少${p.kind === 'person' ? '身份证号码' : '统一社会信用代码'}`, `${p.name} has no ${p.kind === 'person' ? 'ID number' : 'credit code'} on record`));
    if (!p.hasAddress) out.push(item(`agreement.parties[${i}].address`, `${p.name}缺少住址或住所`, `${p.name} has no address on record`));
  });
  const roles = ids.map((id) => byId.get(id)?.role).filter(Boolean);
  for (const side of ['applicant', 'respondent'] as const) {
    if (ids.length && !roles.includes(side)) out.push(item('agreement.parties', `协议须包括${PARTY_ROLES[side]}`, `the agreement must bind a ${side}`));
  }
  if (blank(a?.facts, 10)) out.push(item('agreement.facts', '请写明纠纷的主要事实（至少 10 个字）', 'the main facts of the dispute, at least 10 characters'));
  if (blank(a?.disputes, 4)) out.push(item('agreement.disputes', '请写明争议事项', 'the disputed points'));
  if (blank(a?.responsibilities, 4)) out.push(item('agreement.responsibilities', '请写明各方当事人的责任', 'each side’s responsibility'));
  const signedOk = isDay(a?.signedOn);
  if (!signedOk) out.push(item('agreement.signedOn', '请填写签订日期（YYYY-MM-DD）', 'the signing day, YYYY-MM-DD'));
  else if (a.signedOn > dayOf(now)) out.push(item('agreement.signedOn', '签订日期不能晚于今天', 'cannot be after today'));
  else if (a.signedOn < dayOf(c.registeredAt)) out.push(item('agreement.signedOn', '签订日期不能早于登记日期', 'cannot be before the case was registered'));
  const terms = Array.isArray(a?.terms) ? a.terms : [];
  if (!terms.length) out.push(item('agreement.terms', '请写明协议内容（至少一项）', 'at least one term'));
  terms.forEach((t, i) => {
    if (blank(t?.content, 2)) out.push(item(`agreement.terms[${i}].content`, '请写明协议内容', 'what is agreed'));
    if (blank(t?.manner, 2)) out.push(item(`agreement.terms[${i}].manner`, '请写明履行方式', 'how it is performed'));
    if (!isDay(t?.deadline)) out.push(item(`agreement.terms[${i}].deadline`, '请写明履行期限（YYYY-MM-DD）', 'by when, YYYY-MM-DD'));
    else if (signedOk && t.deadline < a.signedOn) out.push(item(`agreement.terms[${i}].deadline`, '履行期限不能早于签订日期', 'cannot be before the signing day'));
  });
  const signedParties = new Set(Array.isArray(a?.signedBy?.parties) ? a.signedBy.parties : []);
  ids.forEach((id, i) => {
    const p = byId.get(id);
    if (p && !signedParties.has(id)) out.push(item(`agreement.signedBy.parties[${i}]`, `${p.name}尚未签名、盖章或按指印`, `${p.name} has not signed`));
  });
  for (const id of signedParties) {
    if (!ids.includes(id)) out.push(item('agreement.signedBy.parties', `签名的 ${id} 不是协议约束的当事人`, `signer ${id} is not a party the agreement binds`));
  }
  const signedMediators = Array.isArray(a?.signedBy?.mediators) ? a.signedBy.mediators : [];
  if (!signedMediators.some((m) => c.mediators.includes(m))) out.push(item('agreement.signedBy.mediators', '须由本案调解员签名', 'a mediator of the case must sign'));
  for (const m of signedMediators) {
    if (!c.mediators.includes(m)) out.push(item('agreement.signedBy.mediators', `调解员 ${m} 不是本案调解员`, `mediator ${m} is not on the case`));
  }
  return out;
}

export function agreementRefusal(missing: Missing[]): Refusal {
  return {
    ok: false, status: 400, code: 'agreement_incomplete', field: missing[0].field, missing,
    message: `调解协议书缺少必备事项：${missing.map((m) => m.field).join('、')} / the agreement lacks required items: ${missing.map((m) => m.field).join(', ')}`,
  };
}
