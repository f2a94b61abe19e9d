// A server refusal as a mediation form shows it: every item the server names — `details.missing` of an
// incomplete agreement, else `details.field` — at the form item of that path, the rest above the form.
import { ApiError, localizeMessage } from '../../api/http';

export interface FieldErrors { byField: Record<string, string>; general: string | null }

/** "agreement.terms[0].manner: 请写明履行方式 / …" → key "terms[0].manner", message "请写明履行方式". */
export function fieldErrors(err: unknown, locale: string, known: (key: string) => boolean, prefix = ''): FieldErrors {
  const out: FieldErrors = { byField: {}, general: null };
  const strip = (field: string) => (prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field);
  const clean = (field: string, message: string) => {
    let m = localizeMessage(message, locale);
    if (m.startsWith(`${field}: `)) m = m.slice(field.length + 2);
    // "张桂芳尚未签名 / 张桂芳 has not signed": a name in both halves keeps localizeMessage from splitting it.
    const i = m.indexOf(' / ');
    return i > 0 ? (locale.startsWith('zh') ? m.slice(0, i) : m.slice(i + 3)) : m;
  };
  const d = err instanceof ApiError ? (err.details as { field?: string; missing?: { field: string; message: string }[] } | null) : null;
  // A field the form has no item for still shows: above the form, with its name.
  const put = (field: string, message: string) => {
    const key = strip(field);
    if (known(key)) out.byField[key] = out.byField[key] ? `${out.byField[key]}；${clean(field, message)}` : clean(field, message);
    else out.general = [out.general, localizeMessage(message, locale)].filter(Boolean).join('\n');
  };
  if (d?.missing?.length) for (const m of d.missing) put(m.field, m.message);
  else if (d?.field) put(d.field, (err as Error).message);
  else out.general = localizeMessage((err as Error).message, locale);
  return out;
}
