import { calendarDeadline } from '../../../kernel/calendar/index.ts';
import { startOfDay, type Day } from '../../../kernel/calendar/shanghai-time.ts';

/**
 * The periods of a dispute, counted in calendar days as the law counts them (民事诉讼法 第八十五条: the
 * first day is not counted; a last day on a holiday or rest day moves to the next working day — the
 * kernel's calendarDeadline). Working days are used only for how late a case is (督办).
 */
export interface MediationTerms {
  /** 调解期限: a case is normally concluded within one month of 受理 (the city may set it). */
  conclusionDays: number;
  /** 诉前调解 (委派调解): 30 days from receiving the court's referral. */
  courtDays: number;
  /** Its one extension, with the parties' consent: at most this many days. */
  courtExtensionDays: number;
  /** 红牌督办 when more than this many working days late. */
  redAfterWorkdays: number;
}
export const DEFAULT_TERMS: MediationTerms = { conclusionDays: 30, courtDays: 30, courtExtensionDays: 30, redAfterWorkdays: 5 };

/** 司法确认: the parties apply jointly within 30 days of the agreement taking effect (民事诉讼法 第二百零五条) — the law's, not a setting. */
export const JUDICIAL_DAYS = 30;

export interface CaseClock {
  conclusionDue(acceptedAt: Date): Date;
  courtDue(receivedAt: Date): Date;
  /** The deadline moved `days` calendar days on. */
  extend(due: Date, days: number): Date;
  maxExtensionDays: number;
  /** The last day to apply for 司法确认 for an agreement signed on `signedOn`. */
  judicialDue(signedOn: Day): Day;
}

export function clockFor(terms: MediationTerms = DEFAULT_TERMS): CaseClock {
  return {
    conclusionDue: (at) => calendarDeadline(at, terms.conclusionDays).at,
    courtDue: (at) => calendarDeadline(at, terms.courtDays).at,
    extend: (due, days) => calendarDeadline(due, days).at,
    maxExtensionDays: terms.courtExtensionDays,
    judicialDue: (signedOn) => calendarDeadline(startOfDay(signedOn), JUDICIAL_DAYS).day,
  };
}
