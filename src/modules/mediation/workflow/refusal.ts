/** A refused action or input: the HTTP status, a code, the field to fix and a message in Chinese and English. */
export interface Refusal {
  ok: false;
  status: 400 | 403 | 409;
  code: string;
  field: string;
  message: string;
  /** Every missing or wrong item, when there are several (an agreement without its required items). */
  missing?: { field: string; message: string }[];
}

export const refuse = (status: Refusal['status'], code: string, field: string, zh: string, en: string): Refusal =>
  ({ ok: false, status, code, field, message: `${field}: ${zh} / ${en}` });

/** A 400 for a field whose reason is already in both languages (the kernel validators' reasons are). */
export const invalid = (field: string, bilingual: string): Refusal => ({ ok: false, status: 400, code: 'invalid_field', field, message: `${field}: ${bilingual}` });

/** A text the action needs (a reason, minutes): present and of sane length. */
export function needText(value: unknown, field: string, what: string, min = 2, max = 2000): Refusal | null {
  if (typeof value !== 'string' || value.trim().length < min) return refuse(400, 'invalid_field', field, `请填写${what}（至少 ${min} 个字）`, `required, at least ${min} characters`);
  if (value.length > max) return refuse(400, 'invalid_field', field, `${what}不能超过 ${max} 个字`, `at most ${max} characters`);
  return null;
}
