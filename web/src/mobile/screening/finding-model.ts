// 上报线索 as the phone edits it: the parties (applicant and respondent first, third parties after),
// checked with the kernel's own validators before anything is kept, and the body the server takes.
import { checkIdNumber } from '../../../../src/kernel/validators/id-number.ts';
import { checkPhone } from '../../../../src/kernel/validators/phone.ts';
import type { FindingIn, PartyIn } from '../../api/mediation';

export interface PartyRow { role: 'applicant' | 'respondent' | 'third_party'; name: string; phone: string; idNumber: string }
export interface FindingForm { item: string; category: string; summary: string; parties: PartyRow[]; people: string; address: string }

export const blankParty = (role: PartyRow['role']): PartyRow => ({ role, name: '', phone: '', idNumber: '' });
export const blankFinding = (item: string, category: string): FindingForm =>
  ({ item, category, summary: '', parties: [blankParty('applicant'), blankParty('respondent')], people: '', address: '' });

/** Back from a kept draft (修改后重发). */
export function formOf(body: FindingIn): FindingForm {
  return {
    item: body.item, category: body.category ?? 'other', summary: body.summary, people: body.peopleInvolved ? String(body.peopleInvolved) : '', address: body.address ?? '',
    parties: body.parties.map((p) => ({ role: p.role as PartyRow['role'], name: p.name, phone: p.phone ?? '', idNumber: p.idNumber ?? '' })),
  };
}

type T = (key: string, named?: Record<string, unknown>) => string;
const half = (reason: string, zh: boolean) => { const i = reason.indexOf(' / '); return i < 0 ? reason : zh ? reason.slice(0, i) : reason.slice(i + 3); };

/** Field → message, with the server's names (`summary`, `parties[1].idNumber` …). */
export function checkFinding(f: FindingForm, t: T, zh: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (f.summary.trim().length < 5) errors.summary = t('sc.finding.needSummary');
  f.parties.forEach((p, i) => {
    if (!p.name.trim()) errors[`parties[${i}].name`] = t('sc.finding.needName');
    if (p.phone.trim()) { const c = checkPhone(p.phone.trim()); if (!c.ok) errors[`parties[${i}].phone`] = half(c.reason, zh); }
    if (p.idNumber.trim()) { const c = checkIdNumber(p.idNumber.trim()); if (!c.ok) errors[`parties[${i}].idNumber`] = half(c.reason, zh); }
  });
  return errors;
}

export function findingBody(f: FindingForm): FindingIn {
  const parties: PartyIn[] = f.parties.map((p) => ({
    kind: 'person', role: p.role, name: p.name.trim(), ...(p.phone.trim() ? { phone: p.phone.trim() } : {}), ...(p.idNumber.trim() ? { idNumber: p.idNumber.trim() } : {}),
  }));
  const people = Number(f.people);
  return {
    item: f.item, category: f.category, summary: f.summary.trim(), parties,
    ...(Number.isInteger(people) && people > 0 ? { peopleInvolved: people } : {}), ...(f.address.trim() ? { address: f.address.trim() } : {}),
  };
}
