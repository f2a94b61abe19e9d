import { AppError, invalidField } from '../../kernel/errors.ts';
import { checkCreditCode, checkIdNumber, checkPhone, idMatchesRecord } from '../../kernel/validators/index.ts';
import { isCode } from './vocabularies/index.ts';

/** Field names in messages are the API's, with the path of a nested item (e.g. members.1.idNumber). */
export const at = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

/** Where checks report a bad field instead of throwing, so an import can list every bad field of a row. */
export type ProblemSink = (field: string, message: string) => void;

/** Runs one check; with a sink, a bad field goes there and `fallback` is returned so the other fields are still checked. */
export function attempt<T>(sink: ProblemSink | undefined, check: () => T, fallback: T): T {
  if (!sink) return check();
  try {
    return check();
  } catch (err) {
    const field = err instanceof AppError ? (err.details as { field?: string } | null | undefined)?.field : undefined;
    if (!field) throw err;
    const message = (err as AppError).message;
    sink(field, message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message);
    return fallback;
  }
}

/** A code from a national list (GB/T 3304 民族, 4762 政治面貌 …), else 400 naming the field. */
export function checkCode(list: string, code: string | null | undefined, field: string): void {
  if (code === null || code === undefined) return;
  if (!isCode(list, code)) throw invalidField(field, `代码“${code}”不在${list}代码表中 / "${code}" is not a code of list ${list} (see GET /api/registry/vocabularies)`);
}

/** A phone number in one normal form, or null; else 400 naming the field. */
export function normalPhone(phone: string | null | undefined, field: string): string | null | undefined {
  if (phone === undefined || phone === null) return phone;
  if (phone.trim() === '') return null;
  const r = checkPhone(phone);
  if (!r.ok) throw invalidField(field, r.reason);
  return r.phone;
}

/** A unified social credit code (GB 32100) normalised, or null; else 400 naming the field. */
export function normalCreditCode(code: string | null | undefined, field: string): string | null | undefined {
  if (code === undefined || code === null) return code;
  const r = checkCreditCode(code);
  if (!r.ok) throw invalidField(field, r.reason);
  return r.code;
}

export interface Identity { idNumber: string; sex: '1' | '2'; birthDate: string }

/**
 * An ID number (GB 11643) checked against the sex and birth date given beside it; what is not
 * given is taken from the number. Each problem names its field.
 */
export function checkIdentity(input: { idNumber: string; sex?: string | null; birthDate?: string | null }, prefix = ''): Identity {
  const r = checkIdNumber(input.idNumber);
  if (!r.ok) throw invalidField(at(prefix, 'idNumber'), r.reason);
  const names: Record<string, string> = { id_number: 'idNumber', birth_date: 'birthDate', sex: 'sex' };
  const [problem] = idMatchesRecord(r.id, { sex: input.sex ?? null, birthDate: input.birthDate ?? null });
  if (problem) throw invalidField(at(prefix, names[problem.field] ?? problem.field), problem.message);
  return { idNumber: r.id, sex: r.sex, birthDate: r.birthDate };
}
