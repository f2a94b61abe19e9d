import type { MediatorFacts } from './states.ts';
import { refuse, type Refusal } from './refusal.ts';

/**
 * 回避 (人民调解法 第二十条): a mediator who shares a party's phone is that party or of their household, so may
 * not mediate the case. The one check of it — at 指派 (the mediators named), at 追加当事人 and at 更正当事人
 * (the party's new phone against the mediators on the case); `field` is what the caller sent.
 * Mediators are kept with a phone only (no ID number), so the phone is what can be compared.
 */
export function conflictOfInterest(mediators: readonly MediatorFacts[], parties: readonly { name: string; phone: string | null }[], field: string): Refusal | null {
  for (const m of mediators) {
    const related = m.phone ? parties.find((p) => p.phone === m.phone) : undefined;
    if (related) return refuse(409, 'conflict_of_interest', field, `调解员${m.name}与当事人${related.name}有利害关系（电话相同），应当回避`, `${m.name} is related to party ${related.name} (same phone) and must be recused`);
  }
  return null;
}
