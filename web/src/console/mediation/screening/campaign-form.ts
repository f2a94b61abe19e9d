// 发起排查, the form's model: defaults (the usual checklist, two weeks from today, my own area), the
// checks the server makes too (so most mistakes show before sending), and the body it sends.
import { DEFAULT_CHECKLIST } from '../../../../../src/modules/mediation/screening/checklist.ts';
import type { NewCampaign } from '../../../api/mediation';

export interface ItemRow { name: string; category: string }
export interface AreaPick { code: string; name: string }
export interface CampaignForm { title: string; periodFrom: string; periodTo: string; areas: AreaPick[]; checklist: ItemRow[] }

export const usualItems = (): ItemRow[] => DEFAULT_CHECKLIST.map((i) => ({ name: i.name, category: i.category }));

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function emptyForm(today: string, mine: AreaPick | null): CampaignForm {
  return { title: '', periodFrom: today, periodTo: addDays(today, 14), areas: mine ? [mine] : [], checklist: usualItems() };
}

type T = (key: string, named?: Record<string, unknown>) => string;

/** Field → message, with the server's field names (`checklist[1].name`, `periodTo`, `areaCodes`). */
export function checkForm(f: CampaignForm, today: string, t: T): Record<string, string> {
  const errors: Record<string, string> = {};
  const title = f.title.trim();
  if (!title) errors.title = t('screening.form.required', { field: t('screening.form.name') });
  else if (title.length < 4) errors.title = t('screening.form.nameShort');
  if (!f.periodFrom) errors.periodFrom = t('screening.form.required', { field: t('screening.form.from') });
  if (!f.periodTo) errors.periodTo = t('screening.form.required', { field: t('screening.form.to') });
  else if (f.periodFrom && f.periodTo < f.periodFrom) errors.periodTo = t('screening.form.toBeforeFrom');
  else if (f.periodTo < today) errors.periodTo = t('screening.form.toPast');
  if (!f.areas.length) errors.areaCodes = t('screening.form.noAreas');
  if (!f.checklist.length) errors.checklist = t('screening.form.noItems');
  else if (f.checklist.length > 30) errors.checklist = t('screening.form.tooManyItems');
  const seen = new Map<string, number>();
  f.checklist.forEach((it, i) => {
    const name = it.name.trim();
    if (name.length < 2 || name.length > 30) errors[`checklist[${i}].name`] = t('screening.form.itemShort');
    else if (seen.has(name)) errors[`checklist[${i}].name`] = t('screening.form.itemTwice', { n: seen.get(name)! + 1 });
    else seen.set(name, i);
  });
  return errors;
}

export function campaignBody(f: CampaignForm): NewCampaign {
  return {
    title: f.title.trim(), periodFrom: f.periodFrom, periodTo: f.periodTo, areaCodes: f.areas.map((a) => a.code),
    checklist: f.checklist.map((i) => ({ name: i.name.trim(), category: i.category })),
  };
}
