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

/** 更正当事人: the particulars that may be corrected (null clears one; name, kind and role stay as they are or are set). */
export interface PartyChanges {
  name?: string;
  idNumber?: string | null;
  creditCode?: string | null;
  phone?: string | null;
  address?: string | null;
  legalRep?: string | null;
}
export const CORRECTABLE = ['name', 'idNumber', 'creditCode', 'phone', 'address', 'legalRep'] as const;
export type Correctable = (typeof CORRECTABLE)[number];

/**
 * Checks a correction of a party of `kind` with the kernel validators, naming `changes.<field>`;
 * answers the changes normalised (as the party's columns would hold them) or a refusal.
 */
export function checkPartyChanges(kind: PartyKind, changes: PartyChanges, today?: string): { ok: true; changes: Partial<Record<Correctable, string | null>> } | Refusal {
  const given = CORRECTABLE.filter((k) => changes && changes[k] !== undefined);
  if (!given.length) return refuse(400, 'invalid_field', 'changes', '请填写要更正的内容', 'say what is to be corrected');
  const out: Partial<Record<Correctable, string | null>> = {};
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() || null : null);
  for (const k of given) {
    const f = `changes.${k}`;
    const v = changes[k];
    if (v !== null && typeof v !== 'string') return refuse(400, 'invalid_field', f, '应为文字或 null', 'a string or null');
    switch (k) {
      case 'name': {
        const bad = needText(v, f, '当事人姓名或名称', 1, 100);
        if (bad) return bad;
        out.name = (v as string).trim();
        break;
      }
      case 'idNumber': {
        if (kind !== 'person' && text(v)) return refuse(400, 'invalid_field', f, '组织当事人请填写统一社会信用代码', 'an organisation has a credit code, not an ID number');
        if (!text(v)) { out.idNumber = null; break; }
        const c = checkIdNumber(v as string, today);
        if (!c.ok) return invalid(f, c.reason);
        out.idNumber = c.id;
        break;
      }
      case 'creditCode': {
        if (kind !== 'organisation' && text(v)) return refuse(400, 'invalid_field', f, '自然人没有统一社会信用代码', 'a person has no credit code');
        if (!text(v)) { out.creditCode = null; break; }
        const c = checkCreditCode(v as string);
        if (!c.ok) return invalid(f, c.reason);
        out.creditCode = c.code;
        break;
      }
      case 'phone': {
        if (!text(v)) { out.phone = null; break; }
        const c = checkPhone(v as string);
        if (!c.ok) return invalid(f, c.reason);
        out.phone = c.phone;
        break;
      }
      case 'address': {
        const a = text(v);
        if (a && a.length > 200) return refuse(400, 'invalid_field', f, '住址不能超过 200 个字', 'at most 200 characters');
        out.address = a;
        break;
      }
      case 'legalRep': {
        const r = text(v);
        if (r && kind !== 'organisation') return refuse(400, 'invalid_field', f, '自然人没有法定代表人', 'a person has no legal representative');
        if (r && r.length > 50) return refuse(400, 'invalid_field', f, '法定代表人不能超过 50 个字', 'at most 50 characters');
        out.legalRep = r;
        break;
      }
    }
  }
  return { ok: true, changes: out };
}
