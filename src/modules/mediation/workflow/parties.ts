import { checkCreditCode, checkIdNumber, checkPhone } from '../../../kernel/validators/index.ts';
import { PARTY_KINDS, PARTY_ROLES, type PartyKind, type PartyRole } from '../terms.ts';
import { invalid, needText, refuse, type Refusal } from './refusal.ts';

/** 当事人 as given at intake or when added: a person (ID number) or an organisation (credit code). */
export interface PartyInput {
  kind: PartyKind;
  role: PartyRole;
  name: string;
  idNumber?: string;
  creditCode?: string;
  phone?: string;
  address?: string;
  /** 法定代表人 of an organisation. */
  legalRep?: string;
}

/** A party checked and normalised (ID and credit codes upper-case, phones in one form). */
export interface Party {
  kind: PartyKind; role: PartyRole; name: string;
  idNumber: string | null; creditCode: string | null; phone: string | null; address: string | null; legalRep: string | null;
}

/**
 * Checks one party with the kernel's validators (GB 11643 ID numbers, GB 32100 credit codes, phones);
 * `field` is where it sits in the request (e.g. parties[1]), so a refusal names parties[1].idNumber.
 * Identity numbers are optional at intake (a walk-in may not have one yet) but required for an agreement.
 */
export function checkParty(p: PartyInput, field: string, today?: string): { ok: true; party: Party } | Refusal {
  if (!p || !(p.kind in PARTY_KINDS)) return refuse(400, 'invalid_field', `${field}.kind`, '应为 person（自然人）或 organisation（组织）', 'person or organisation');
  if (!(p.role in PARTY_ROLES)) return refuse(400, 'invalid_field', `${field}.role`, '应为 applicant 申请人、respondent 被申请人或 third_party 第三人', 'applicant, respondent or third_party');
  const name = needText(p.name, `${field}.name`, '当事人姓名或名称', 1, 100);
  if (name) return name;
  let idNumber: string | null = null;
  let creditCode: string | null = null;
  if (p.kind === 'person') {
    if (p.creditCode) return refuse(400, 'invalid_field', `${field}.creditCode`, '自然人没有统一社会信用代码', 'a person has no credit code');
    if (p.idNumber) {
      const c = checkIdNumber(p.idNumber, today);
      if (!c.ok) return invalid(`${field}.idNumber`, c.reason);
      idNumber = c.id;
    }
  } else {
    if (p.idNumber) return refuse(400, 'invalid_field', `${field}.idNumber`, '组织当事人请填写统一社会信用代码', 'an organisation has a credit code, not an ID number');
    if (p.creditCode) {
      const c = checkCreditCode(p.creditCode);
      if (!c.ok) return invalid(`${field}.creditCode`, c.reason);
      creditCode = c.code;
    }
  }
  let phone: string | null = null;
  if (p.phone) {
    const c = checkPhone(p.phone);
    if (!c.ok) return invalid(`${field}.phone`, c.reason);
    phone = c.phone;
  }
  const address = p.address?.trim() || null;
  if (address && address.length > 200) return refuse(400, 'invalid_field', `${field}.address`, '住址不能超过 200 个字', 'at most 200 characters');
  const legalRep = p.kind === 'organisation' ? p.legalRep?.trim() || null : null;
  return { ok: true, party: { kind: p.kind, role: p.role, name: p.name.trim(), idNumber, creditCode, phone, address, legalRep } };
}

/** A dispute has two sides: at least one applicant (申请人) and one respondent (被申请人). */
export function checkSides(roles: readonly PartyRole[], field = 'parties'): Refusal | null {
  if (!roles.includes('applicant')) return refuse(400, 'invalid_field', field, '至少需要一名申请人', 'at least one applicant is required');
  if (!roles.includes('respondent')) return refuse(400, 'invalid_field', field, '至少需要一名被申请人', 'at least one respondent is required');
  return null;
}
