// Parties as the intake form edits them, checked on the page with the kernel's own validators (GB 11643
// ID numbers, GB 32100 credit codes) — the same rule the server applies — before anything is sent.
import { checkIdNumber } from '../../../../src/kernel/validators/id-number.ts';
import { checkCreditCode } from '../../../../src/kernel/validators/credit-code.ts';
import { localizeMessage } from '../../api/http';
import type { PartyIn } from '../../api/mediation';

export interface PartyDraft { kind: 'person' | 'organisation'; role: string; name: string; code: string; phone: string; address: string; legalRep: string }

export const blankParty = (role: string, name = ''): PartyDraft => ({ kind: 'person', role, name, code: '', phone: '', address: '', legalRep: '' });

/** The field the server names for a party's identity number. */
export const codeField = (p: Pick<PartyDraft, 'kind'>) => (p.kind === 'person' ? 'idNumber' : 'creditCode');

/** What is wrong with the number typed (in the UI's language), or null; empty is allowed at intake. */
export function codeProblem(p: PartyDraft, locale: string): string | null {
  const v = p.code.trim();
  if (!v) return null;
  const r = p.kind === 'person' ? checkIdNumber(v) : checkCreditCode(v);
  return r.ok ? null : localizeMessage(r.reason, locale);
}

/** The body the server takes: blanks left out, the number under the field of its kind. */
export function partyBody(p: PartyDraft): PartyIn {
  const out: PartyIn = { kind: p.kind, role: p.role, name: p.name.trim() };
  if (p.code.trim()) out[codeField(p)] = p.code.trim();
  if (p.phone.trim()) out.phone = p.phone.trim();
  if (p.address.trim()) out.address = p.address.trim();
  if (p.kind === 'organisation' && p.legalRep.trim()) out.legalRep = p.legalRep.trim();
  return out;
}
