// A server refusal as a form shows it: the field it names (details.field) and its message in the
// UI's language without the "field: " the server writes in front (the form item already names it).
import { ApiError, localizeMessage } from '../../api/http';

export interface ServerError { field: string | null; message: string }

export function serverError(err: unknown, locale: string): ServerError {
  const field = err instanceof ApiError ? err.field ?? null : null;
  let message = localizeMessage((err as Error).message, locale);
  if (field && message.startsWith(`${field}: `)) message = message.slice(field.length + 2);
  return { field, message };
}
