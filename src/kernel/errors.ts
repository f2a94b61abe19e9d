/**
 * The one error shape of the API: {"error":{"code","message","details"}}.
 * Services throw AppError; the central handler in app.ts turns it into a response.
 */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const invalidField = (field: string, message: string) =>
  new AppError(400, 'invalid_field', `${field}: ${message}`, { field });
export const unauthorized = (message = '请先登录 / please log in') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = '无权访问 / not allowed for your role or area') => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
