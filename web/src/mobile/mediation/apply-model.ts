// The 申请调解 form: its fields and the checks made on the phone before anything is sent (the server
// checks again and names the field; these only spare the resident a round trip).
import { CATEGORIES } from '../../../../src/modules/mediation/terms.ts';
import { checkPhone } from '../../../../src/kernel/validators/phone.ts';

export const CATEGORY_KEYS = Object.keys(CATEGORIES) as (keyof typeof CATEGORIES)[];

export interface ApplicationForm {
  category: string; summary: string; address: string; peopleInvolved: number | null; preferredOrgId: number | null;
  otherParties: { name: string; phone: string; kind: 'person' | 'organisation' }[];
}

export const emptyApplication = (): ApplicationForm => ({
  category: '', summary: '', address: '', peopleInvolved: null, preferredOrgId: null, otherParties: [{ name: '', phone: '', kind: 'person' }],
});

/** Field → message; other parties as `other<i>.name` / `other<i>.phone`. */
export function checkApplication(f: ApplicationForm, t: (k: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!f.category) errors.category = t('md.apply.needCategory');
  if ([...f.summary.trim()].length < 10) errors.summary = t('md.apply.needSummary');
  f.otherParties.forEach((p, i) => {
    if (!p.name.trim()) errors[`other${i}.name`] = t('md.apply.needOther');
    if (p.phone.trim() && !checkPhone(p.phone.trim()).ok) errors[`other${i}.phone`] = t('md.apply.badPhone');
  });
  if (!f.address.trim()) errors.address = t('md.apply.needAddress');
  return errors;
}
