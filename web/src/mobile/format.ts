// Small display helpers shared by the phone views.
import { ApiError, localizeMessage } from '../api/http';
import { mobileLocale, t } from './i18n';

export function timeOf(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A deadline's day as the city counts it (Beijing time), whatever the phone's own time zone: 2026-12-28. */
export function dayOf(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** What to tell the worker about a failed call, in their language. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('errors.network');
    if (err.status >= 500) return t('errors.server');
    return localizeMessage(err.message, mobileLocale());
  }
  return t('errors.unknown');
}

export const localized = (message: string) => localizeMessage(message, mobileLocale());

/** A server message about a field, without its "members.0.idNumber: " lead (the form shows the field already). */
export function fieldMessage(message: string): string {
  return localized(message.replace(/^[A-Za-z][\w.-]*:\s*/, ''));
}

/** "members.1.idNumber" → "成员 2 · 身份证号", for messages shown away from the form. */
export function fieldLabel(field: string | null): string {
  if (!field) return '';
  const m = /^members\.(\d+)\.?(\w+)?/.exec(field);
  const name = (f: string) => (f in FIELD_KEYS ? t(FIELD_KEYS[f]) : f);
  if (m) return [t('form.member', { n: Number(m[1]) + 1 }), m[2] ? name(m[2]) : ''].filter(Boolean).join(' · ');
  return name(field);
}

const FIELD_KEYS: Record<string, string> = {
  name: 'form.name', idNumber: 'form.idNumber', relation: 'form.relation', phone: 'form.phone', room: 'form.room', tags: 'form.tags',
  on: 'deregister.date', reason: 'deregister.reason', note: 'deregister.note',
  residenceType: 'form.residenceType', notes: 'form.notes', kind: 'form.kind', photos: 'form.photos', file: 'form.photos', address: 'form.address',
};
