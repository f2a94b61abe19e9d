import type { FastifyError } from 'fastify';
import { AppError } from '../../../kernel/errors.ts';

/**
 * GeoReport v2 errors: an array of { code, description } with the HTTP status — 404 for what does not
 * exist, 403 for a missing or wrong api_key, 400 for any other request that cannot be fulfilled.
 * The code in the body is the HTTP status; the description names the parameter first.
 */
export type WireError = { code: number; description: string };

export class Open311Error extends Error {
  constructor(public readonly status: number, public readonly errors: WireError[]) {
    super(errors.map((e) => e.description).join('; '));
  }
}

const one = (status: number, param: string, text: string) => new Open311Error(status, [{ code: status, description: `${param}: ${text}` }]);
export const missing = (param: string, text = '缺少参数 / was not provided') => one(400, param, text);
export const invalid = (param: string, text: string) => one(400, param, text);
export const notFound = (param: string, value: string) => one(404, param, `${value} 不存在 / ${value} was not found`);
export const keyRefused = (text: string) => one(403, 'api_key', text);

/** Several problems of one request at once (the response is an array). */
export function together(errors: Open311Error[]): Open311Error {
  if (errors.length === 1) return errors[0];
  const status = errors.some((e) => e.status === 403) ? 403 : errors.some((e) => e.status === 404) ? 404 : 400;
  return new Open311Error(status, errors.flatMap((e) => e.errors));
}

/** The intake's field names → the GeoReport parameters a client sent. */
const PARAM_OF: Record<string, string> = {
  location: 'lat, long', gridCode: 'address_id', areaCode: 'address_id', address: 'address_string', description: 'description', title: 'description',
  reporterName: 'first_name, last_name', reporterPhone: 'phone', categoryCode: 'service_code', demandType: 'attribute[demand_type]',
};

/** Anything thrown under /open311/v2 as the spec's error array (5xx details stay in the log). */
export function toOpen311Error(err: FastifyError | Error): Open311Error {
  if (err instanceof Open311Error) return err;
  if (err instanceof AppError) {
    const field = (err.details as { field?: string } | null | undefined)?.field;
    const param = field ? PARAM_OF[field] ?? field : undefined;
    const text = field ? err.message.replace(new RegExp(`^${field}: `), '') : err.message;
    const status = err.status === 404 ? 404 : err.status === 401 || err.status === 403 ? 403 : err.status >= 500 ? 500 : 400;
    return new Open311Error(status, [{ code: status, description: param ? `${param}: ${text}` : text }]);
  }
  const status = (err as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    const text = (err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? '请求内容过大 / request body too large'
      : (err as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? '请用 application/x-www-form-urlencoded 或 application/json 提交 / send application/x-www-form-urlencoded or application/json'
      : `请求无效 / invalid request: ${err.message}`;
    return new Open311Error(status, [{ code: status, description: text }]);
  }
  return new Open311Error(500, [{ code: 500, description: '服务器内部错误，请稍后再试 / internal error' }]);
}
